import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { InfoCard } from '@backstage/core-components';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import CrisisAlertIcon from '@mui/icons-material/CrisisAlert';
import Button from '@mui/material/Button';
import {
  FAILURE_MATRIX_PAGE_LIMIT,
  IMPACT_LEVELS,
  MatrixCell,
  MatrixRow,
} from '@internal/plugin-domain-split-common';
import { FailureMatrixLevel } from '../../api/DomainSplitApi';
import { refKind } from '../../utils/format';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { AnnotationProblemsList } from '../AnnotationProblemsList';
import { BlastRadiusSummary, CellImpactPath } from '../BlastRadius';
import { DataState } from '../DataState';
import { EntityLink } from '../EntityLink';
import { IMPACT_COLORS, ImpactChip, ImpactLegend } from '../ImpactChip';
import { VirtualList } from '../VirtualList';
import { DomainMatrixGrid } from './DomainMatrixGrid';
import { declaredLabel, pathText, titleOf } from './matrixText';
import { PagedMatrix, useMatrixPages } from './useMatrixPages';

/**
 * Rows per request. A domain row names every domain it reaches (~300 cells, ~31 KiB at 10,000
 * services), so the grid loads a few rows at a time as it scrolls; service rows come a page
 * the reader turns.
 */
const DOMAIN_PAGE_ROWS = FAILURE_MATRIX_PAGE_LIMIT.default;
const SERVICE_PAGE_ROWS = 25;
/** The impacts listed per service (the worst; the page asks only these of the backend). */
const SERVICE_ROW_CELLS = 12;

/** Up to this many affected domains the matrix is one plain table; more are virtualised. */
const PLAIN_TABLE_MAX_COLUMNS = 16;

type Selection = { row: MatrixRow; cell: MatrixCell; column: string };

interface MatrixViewProps {
  matrix: PagedMatrix;
  selection?: Selection;
  onSelect: (s: Selection) => void;
  onPick: (ref: string) => void;
  /** Asks for the rows from `start` to `stop` (their places in the whole matrix). */
  requestRows: (start: number, stop: number) => void;
}

const cellSx = (impact?: MatrixCell['impact']) => ({
  p: 0.5,
  minWidth: 72,
  textAlign: 'center' as const,
  border: 1,
  borderColor: 'background.paper',
  bgcolor: impact ? IMPACT_COLORS[impact].bg : 'action.hover',
  color: impact ? IMPACT_COLORS[impact].fg : 'text.disabled',
  fontSize: '0.8rem',
  fontWeight: impact ? 600 : 400,
});

const MatrixCellButton = ({
  cell,
  matrix,
  selected,
  onSelect,
  label,
  drift,
}: {
  cell?: MatrixCell;
  matrix: PagedMatrix;
  selected: boolean;
  onSelect: () => void;
  label: string;
  /** Marks the users cell whose computed impact differs from the declared one. */
  drift?: boolean;
}) => {
  if (!cell) {
    return (
      <Box component="td" sx={cellSx()} aria-label={`${label}: not reached`}>
        ·
      </Box>
    );
  }
  return (
    <Tooltip title={pathText(cell, matrix.titles, matrix.pathsOmitted)}>
      <Box
        component="td"
        role="gridcell"
        tabIndex={0}
        aria-selected={selected}
        aria-label={`${label}: ${cell.impact}`}
        onClick={onSelect}
        onKeyDown={e => {
          if (e.key === 'Enter' || e.key === ' ') onSelect();
        }}
        sx={{
          ...cellSx(cell.impact),
          cursor: 'pointer',
          ...(selected || drift
            ? {
                outlineWidth: 3,
                outlineStyle: selected ? 'solid' : 'dashed',
                outlineColor: selected ? 'text.primary' : 'error.dark',
                outlineOffset: -3,
              }
            : {}),
        }}
      >
        {cell.impact}
        {drift && ' ⚠'}
      </Box>
    </Tooltip>
  );
};

const DeclaredCell = ({ row }: { row: MatrixRow }) => (
  <Box
    component="td"
    sx={{ p: 0.5, pl: 1, whiteSpace: 'nowrap' }}
    aria-label={declaredLabel(row)}
  >
    {row.declared ? (
      <ImpactChip impact={row.declared} />
    ) : (
      <Typography variant="caption" color="text.secondary">
        not declared
      </Typography>
    )}
    {row.drift && (
      <Tooltip
        title={`Drift: the architects declared "${
          row.declared ?? 'nothing'
        }", the catalog graph computes "${row.users.impact}" for users`}
      >
        <Chip
          size="small"
          color="error"
          label="drift"
          sx={{ ml: 0.5, fontWeight: 700 }}
        />
      </Tooltip>
    )}
  </Box>
);

/** The domain matrix as a colour-coded table; rows = failing, columns = affected + Users. */
const MatrixTable = ({
  matrix,
  selection,
  onSelect,
  onPick,
  requestRows,
}: MatrixViewProps) => {
  // A small matrix: every row, in as many pages as it takes.
  useEffect(() => {
    requestRows(0, matrix.totalItems - 1);
  }, [requestRows, matrix.totalItems]);
  return (
    <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
      <Box
        component="table"
        aria-label="Failure-isolation matrix"
        sx={{ borderCollapse: 'collapse', m: 1 }}
      >
        <thead>
          <tr>
            <Box
              component="th"
              sx={{ textAlign: 'left', p: 0.5, fontSize: '0.75rem' }}
            >
              failing ↓ / affected →
            </Box>
            {matrix.columns.map(col => (
              <Box
                component="th"
                key={col}
                scope="col"
                sx={{ p: 0.5, fontSize: '0.8rem', maxWidth: 110 }}
              >
                <EntityLink entityRef={col} title={titleOf(matrix, col)} />
              </Box>
            ))}
            <Box component="th" scope="col" sx={{ p: 0.5 }}>
              Users
            </Box>
            <Box component="th" scope="col" sx={{ p: 0.5, textAlign: 'left' }}>
              Declared
            </Box>
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map(row => {
            if (!row) return null;
            const byAffected = new Map(row.cells.map(c => [c.affected, c]));
            const rowTitle = titleOf(matrix, row.failing);
            return (
              <tr key={row.failing}>
                <Box
                  component="th"
                  scope="row"
                  sx={{ textAlign: 'left', p: 0.5, whiteSpace: 'nowrap' }}
                >
                  <EntityLink entityRef={row.failing} title={rowTitle} />
                  <Tooltip title={`Blast radius of ${rowTitle}`}>
                    <IconButton
                      size="small"
                      aria-label={`Blast radius of ${rowTitle}`}
                      onClick={() => onPick(row.failing)}
                    >
                      <CrisisAlertIcon fontSize="inherit" />
                    </IconButton>
                  </Tooltip>
                </Box>
                {matrix.columns.map(col => (
                  <MatrixCellButton
                    key={col}
                    cell={byAffected.get(col)}
                    matrix={matrix}
                    label={`${rowTitle} → ${titleOf(matrix, col)}`}
                    selected={
                      selection?.row.failing === row.failing &&
                      selection.column === col
                    }
                    onSelect={() =>
                      onSelect({ row, cell: byAffected.get(col)!, column: col })
                    }
                  />
                ))}
                <MatrixCellButton
                  cell={row.users}
                  matrix={matrix}
                  label={`${rowTitle} → Users${row.drift ? ' (drift)' : ''}`}
                  drift={row.drift}
                  selected={
                    selection?.row.failing === row.failing &&
                    selection.column === '__users'
                  }
                  onSelect={() =>
                    onSelect({ row, cell: row.users, column: '__users' })
                  }
                />
                <DeclaredCell row={row} />
              </tr>
            );
          })}
        </tbody>
      </Box>
    </Paper>
  );
};

const severityDesc = (a: MatrixCell, b: MatrixCell) =>
  IMPACT_LEVELS.indexOf(b.impact) - IMPACT_LEVELS.indexOf(a.impact);

/** The service matrix as virtualised rows: each failing service with what it reaches. */
const ServiceMatrixRows = ({
  matrix,
  selection,
  onSelect,
  onPick,
  requestRows,
}: MatrixViewProps) => {
  const [page, setPage] = useState(0);
  const total = matrix.totalItems;
  const start = page * SERVICE_PAGE_ROWS;
  const end = Math.min(total, start + SERVICE_PAGE_ROWS);
  useEffect(() => {
    requestRows(start, end - 1);
  }, [requestRows, start, end]);
  const pageRows = matrix.rows.slice(start, end);
  const loading = pageRows.some(row => !row);
  const rows = pageRows.filter((r): r is MatrixRow => !!r);
  return (
    <>
      <Box
        sx={{ display: 'flex', gap: 1, alignItems: 'center', mb: 1 }}
        aria-label="Service pages"
      >
        <Button
          size="small"
          disabled={page === 0}
          onClick={() => setPage(page - 1)}
        >
          Previous
        </Button>
        <Typography variant="body2">
          Services {total === 0 ? 0 : start + 1}–{end} of{' '}
          {total.toLocaleString('en-US')}
        </Typography>
        <Button
          size="small"
          disabled={end >= total}
          onClick={() => setPage(page + 1)}
        >
          Next
        </Button>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {loading ? 'Loading this page… ' : ''}Each row lists what fails with it,
        worst first; click an impact for its path.
      </Typography>
      <Paper variant="outlined" sx={{ px: 1 }}>
        <VirtualList
          aria-label="Service-level failure matrix"
          items={rows}
          rowHeight={52}
          maxHeight={620}
          itemKey={r => r.failing}
          renderItem={row => {
            const rowTitle = titleOf(matrix, row.failing);
            const reached = row.cells
              .filter(c => c.affected !== row.failing)
              .sort(severityDesc);
            const more =
              Math.max(0, reached.length - SERVICE_ROW_CELLS) +
              (row.moreCells ?? 0);
            return (
              <Box
                sx={{
                  height: 52,
                  display: 'grid',
                  gridTemplateColumns: '220px 150px 1fr',
                  alignItems: 'center',
                  gap: 1,
                  borderBottom: 1,
                  borderColor: 'divider',
                }}
              >
                <Box
                  sx={{
                    minWidth: 0,
                    whiteSpace: 'nowrap',
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                  }}
                >
                  <EntityLink entityRef={row.failing} title={rowTitle} />
                  <IconButton
                    size="small"
                    aria-label={`Blast radius of ${rowTitle}`}
                    onClick={() => onPick(row.failing)}
                  >
                    <CrisisAlertIcon fontSize="inherit" />
                  </IconButton>
                </Box>
                <Box
                  sx={{
                    display: 'flex',
                    gap: 0.5,
                    alignItems: 'center',
                    cursor: 'pointer',
                  }}
                  onClick={() =>
                    onSelect({ row, cell: row.users, column: '__users' })
                  }
                  aria-label={`${rowTitle} → Users: ${row.users.impact}${
                    row.drift ? ', drift' : ''
                  }`}
                >
                  <Typography variant="caption">Users</Typography>
                  <ImpactChip impact={row.users.impact} />
                  {row.drift && (
                    <Chip size="small" color="error" label="drift" />
                  )}
                </Box>
                <Box
                  sx={{
                    display: 'flex',
                    gap: 0.5,
                    overflow: 'hidden',
                    flexWrap: 'nowrap',
                  }}
                >
                  {reached.length === 0 && (
                    <Typography variant="caption" color="text.secondary">
                      nothing else fails
                    </Typography>
                  )}
                  {reached.slice(0, SERVICE_ROW_CELLS).map(cell => (
                    <Chip
                      key={cell.affected}
                      size="small"
                      clickable
                      onClick={() =>
                        onSelect({ row, cell, column: cell.affected })
                      }
                      label={titleOf(matrix, cell.affected)}
                      aria-label={`${rowTitle} → ${titleOf(
                        matrix,
                        cell.affected,
                      )}: ${cell.impact}`}
                      sx={{
                        bgcolor: IMPACT_COLORS[cell.impact].bg,
                        color: IMPACT_COLORS[cell.impact].fg,
                        outline:
                          selection?.row.failing === row.failing &&
                          selection.column === cell.affected
                            ? '2px solid'
                            : undefined,
                      }}
                    />
                  ))}
                  {more > 0 && (
                    <Typography
                      variant="caption"
                      sx={{ alignSelf: 'center', whiteSpace: 'nowrap' }}
                    >
                      +{more.toLocaleString('en-US')} more
                    </Typography>
                  )}
                </Box>
              </Box>
            );
          }}
        />
      </Paper>
    </>
  );
};

const SelectionDetails = ({
  selection,
  matrix,
}: {
  selection: Selection;
  matrix: PagedMatrix;
}) => {
  const affected =
    selection.column === '__users'
      ? 'Users'
      : titleOf(matrix, selection.cell.affected);
  return (
    <Paper variant="outlined" sx={{ p: 2, mt: 2 }} aria-label="Selected impact">
      <Box
        sx={{
          display: 'flex',
          gap: 1,
          alignItems: 'center',
          mb: 1,
          flexWrap: 'wrap',
        }}
      >
        <Typography variant="subtitle1">
          When {titleOf(matrix, selection.row.failing)} fails, {affected}:
        </Typography>
        <ImpactChip impact={selection.cell.impact} />
      </Box>
      <CellImpactPath
        cell={selection.cell}
        titles={matrix.titles}
        pathsOmitted={matrix.pathsOmitted}
        request={{
          affected:
            selection.column === '__users' ? 'users' : selection.cell.affected,
        }}
      />
      {selection.column === '__users' && selection.row.declared && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          Declared by the architects: <b>{selection.row.declared}</b>
          {selection.row.drift
            ? ' — differs from the graph (drift).'
            : ' — matches the graph.'}
        </Typography>
      )}
    </Paper>
  );
};

const BlastRadiusPicker = ({
  matrix,
  entityRef,
  onPick,
}: {
  matrix: PagedMatrix;
  entityRef: string | null;
  onPick: (ref: string | null) => void;
}) => {
  // What the loaded pages name (every domain at domain level).
  const options = useMemo(() => {
    const refs = new Set(Object.keys(matrix.titles));
    for (const row of matrix.rows) if (row) refs.add(row.failing);
    if (entityRef) refs.add(entityRef);
    return [...refs].sort((a, b) =>
      titleOf(matrix, a).localeCompare(titleOf(matrix, b)),
    );
  }, [matrix, entityRef]);
  return (
    <InfoCard
      title="Blast radius"
      subheader="Pick an entity: what fails with it, what can take it down, and why"
    >
      <Autocomplete
        size="small"
        sx={{ maxWidth: 480, mb: 2 }}
        options={options}
        value={entityRef}
        onChange={(_, value) => onPick(value)}
        getOptionLabel={ref =>
          `${titleOf(matrix, ref)} (${refKind(ref) ?? ref})`
        }
        renderInput={p => <TextField {...p} label="Entity" />}
      />
      {entityRef ? (
        <BlastRadiusSummary entityRef={entityRef} />
      ) : (
        <Typography variant="body2" color="text.secondary">
          Choose a domain or service above, or the target icon next to a row of
          the matrix.
        </Typography>
      )}
    </InfoCard>
  );
};

/** The view that fits the matrix: services as rows, small domain matrices as a plain table,
 * large ones as a virtualised grid. */
const MatrixView = (props: MatrixViewProps) => {
  if (props.matrix.level !== 'domain') return <ServiceMatrixRows {...props} />;
  if (props.matrix.columns.length > PLAIN_TABLE_MAX_COLUMNS) {
    return <DomainMatrixGrid {...props} />;
  }
  return <MatrixTable {...props} />;
};

/**
 * Failure-isolation tab: the matrix of what fails when a domain (or service) fails, colour
 * coded with the seed's legend, users column and declared-vs-computed drift; a click on a
 * cell shows the path that explains it; below, the blast radius of any entity.
 * @internal
 */
export const FailureIsolationTab = () => {
  const [params, setParams] = useSearchParams();
  const level: FailureMatrixLevel =
    params.get('level') === 'service' ? 'service' : 'domain';
  const entityRef = params.get('entity');
  // The Services level's filter box: answered by the backend (`q`) over every service.
  const filter = level === 'service' ? params.get('q') ?? '' : '';
  const q = useDebouncedValue(filter).trim();
  const [selection, setSelection] = useState<Selection | undefined>();
  const { state, requestRows, pageError } = useMatrixPages(
    level,
    level === 'domain' ? DOMAIN_PAGE_ROWS : SERVICE_PAGE_ROWS,
    q,
    level === 'domain' ? undefined : SERVICE_ROW_CELLS,
  );

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: key === 'level' ? false : true });
  };

  return (
    <>
      <InfoCard
        title="Failure-isolation matrix"
        subheader="Rows: what fails. Columns: what it takes down, and the users."
      >
        <Box
          sx={{
            display: 'flex',
            gap: 2,
            alignItems: 'center',
            flexWrap: 'wrap',
            mb: 2,
          }}
        >
          <ToggleButtonGroup
            size="small"
            exclusive
            value={level}
            onChange={(_, value) => {
              if (value) {
                setSelection(undefined);
                const next = new URLSearchParams(params);
                if (value === 'service') next.set('level', 'service');
                else next.delete('level');
                next.delete('q');
                setParams(next);
              }
            }}
            aria-label="Matrix level"
          >
            <ToggleButton value="domain">Domains</ToggleButton>
            <ToggleButton value="service">Services</ToggleButton>
          </ToggleButtonGroup>
          <ImpactLegend />
          {level === 'service' && (
            <TextField
              size="small"
              label="Filter failing services"
              value={filter}
              onChange={e => {
                setSelection(undefined);
                setParam('q', e.target.value);
              }}
              sx={{ minWidth: 260 }}
            />
          )}
        </Box>
        <DataState
          {...state}
          isEmpty={m => m.totalItems === 0}
          emptyTitle={
            q
              ? `No service matches “${q}”`
              : `No ${level === 'domain' ? 'domains' : 'services'} to analyse`
          }
          emptyHint={
            q
              ? 'The filter matches part of a service’s name or ref, in any case.'
              : 'The matrix is computed from Domain and Component entities and their dependsOn / consumesApi relations; register the catalog first.'
          }
        >
          {matrix => (
            <>
              <MatrixView
                key={q}
                matrix={matrix}
                selection={selection}
                onSelect={setSelection}
                onPick={ref => setParam('entity', ref)}
                requestRows={requestRows}
              />
              {pageError && (
                <Typography role="alert" color="error" variant="body2">
                  Some rows could not be loaded: {pageError.message}
                </Typography>
              )}
              {selection && (
                <SelectionDetails selection={selection} matrix={matrix} />
              )}
              <AnnotationProblemsList problems={matrix.annotationProblems} />
            </>
          )}
        </DataState>
      </InfoCard>
      {state.value && (
        <Box sx={{ mt: 3 }}>
          <BlastRadiusPicker
            matrix={state.value}
            entityRef={entityRef}
            onPick={ref => setParam('entity', ref)}
          />
        </Box>
      )}
    </>
  );
};
