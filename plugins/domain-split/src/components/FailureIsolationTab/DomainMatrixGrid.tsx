import {
  CSSProperties,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import {
  FixedSizeGrid,
  FixedSizeList,
  GridChildComponentProps,
  ListChildComponentProps,
} from 'react-window';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CrisisAlertIcon from '@mui/icons-material/CrisisAlert';
import type {
  MatrixCell,
  MatrixRow,
} from '@internal/plugin-domain-split-common';
import { matchesFilter } from '../../utils/format';
import { EntityLink } from '../EntityLink';
import { IMPACT_COLORS, ImpactChip } from '../ImpactChip';
import { declaredLabel, pathText, titleOf } from './matrixText';
import type { PagedMatrix } from './useMatrixPages';

/** What a click on a cell selects (same shape as the small table's). */
export type GridSelection = {
  row: MatrixRow;
  cell: MatrixCell;
  column: string;
};

const CELL_WIDTH = 92;
const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 64;
/** Failing domain, blast-radius button, Users cell, Declared. */
const ROW_HEADER_WIDTH = 440;
const MAX_BODY_HEIGHT = 600;

/** Plain inline styles per impact: thousands of cells must not each compute a style sheet. */
const CELL_BASE: CSSProperties = {
  boxSizing: 'border-box',
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  border: '1px solid white',
  fontSize: '0.8rem',
  fontFamily: 'inherit',
  overflow: 'hidden',
  whiteSpace: 'nowrap',
};
const EMPTY_CELL: CSSProperties = {
  ...CELL_BASE,
  background: 'rgba(0, 0, 0, 0.04)',
  color: 'rgba(0, 0, 0, 0.38)',
};
const IMPACT_CELL = Object.fromEntries(
  Object.entries(IMPACT_COLORS).map(([impact, c]) => [
    impact,
    {
      ...CELL_BASE,
      background: c.bg,
      color: c.fg,
      fontWeight: 600,
      cursor: 'pointer',
    } as CSSProperties,
  ]),
) as Record<string, CSSProperties>;
const SELECTED: CSSProperties = {
  outline: '3px solid #212121',
  outlineOffset: -3,
};
const DRIFT: CSSProperties = {
  outline: '3px dashed #b71c1c',
  outlineOffset: -3,
};

/** The Map affected → cell of a row, built when the row is first drawn. */
function cellLookup() {
  const cache = new WeakMap<MatrixRow, Map<string, MatrixCell>>();
  return (row: MatrixRow) => {
    let byAffected = cache.get(row);
    if (!byAffected) {
      byAffected = new Map(row.cells.map(c => [c.affected, c]));
      cache.set(row, byAffected);
    }
    return byAffected;
  };
}

const GridCellView = ({
  cell,
  label,
  style,
  selected,
  drift,
  onSelect,
  titles,
  pathsOmitted,
  rowIndex,
  colIndex,
  loading,
}: {
  cell?: MatrixCell;
  /** The row's page has not arrived yet. */
  loading?: boolean;
  label: string;
  style: CSSProperties;
  selected: boolean;
  drift?: boolean;
  onSelect: () => void;
  titles: Record<string, string>;
  pathsOmitted?: boolean;
  rowIndex: number;
  colIndex: number;
}) => {
  if (!cell) {
    return (
      <div
        style={{ ...style, ...EMPTY_CELL }}
        aria-label={`${label}: ${loading ? 'loading' : 'not reached'}`}
        aria-rowindex={rowIndex}
        aria-colindex={colIndex}
      >
        {loading ? '…' : '·'}
      </div>
    );
  }
  return (
    <div
      role="gridcell"
      tabIndex={0}
      aria-selected={selected}
      aria-label={`${label}: ${cell.impact}`}
      aria-rowindex={rowIndex}
      aria-colindex={colIndex}
      title={pathText(cell, titles, pathsOmitted)}
      onClick={onSelect}
      onKeyDown={e => {
        if (e.key === 'Enter' || e.key === ' ') onSelect();
      }}
      style={{
        ...style,
        ...IMPACT_CELL[cell.impact],
        ...(drift ? DRIFT : {}),
        ...(selected ? SELECTED : {}),
      }}
    >
      {cell.impact}
      {drift && ' ⚠'}
    </div>
  );
};

/** A row of the grid: its place in the whole matrix, its ref, and the row once loaded. */
interface GridRow {
  index: number;
  failing: string;
  row?: MatrixRow;
}

interface GridData {
  matrix: PagedMatrix;
  rows: GridRow[];
  columns: string[];
  lookup: (row: MatrixRow) => Map<string, MatrixCell>;
  selection?: GridSelection;
  onSelect: (s: GridSelection) => void;
  onPick: (ref: string) => void;
}

const isSelected = (
  selection: GridSelection | undefined,
  failing: string,
  column: string,
) => selection?.row.failing === failing && selection.column === column;

const ColumnHeader = ({
  index,
  style,
  data,
}: ListChildComponentProps<GridData>) => {
  const { matrix, columns } = data;
  const col = columns[index];
  return (
    <div
      role="columnheader"
      aria-colindex={index + 4}
      style={{
        ...style,
        boxSizing: 'border-box',
        padding: 4,
        fontSize: '0.8rem',
        fontWeight: 600,
        overflow: 'hidden',
        textAlign: 'center',
        wordBreak: 'break-word',
      }}
    >
      <EntityLink entityRef={col} title={titleOf(matrix, col)} />
    </div>
  );
};

const RowHeader = ({
  index,
  style,
  data,
}: ListChildComponentProps<GridData>) => {
  const { matrix, rows, selection, onSelect, onPick } = data;
  const { failing, row } = rows[index];
  const rowTitle = titleOf(matrix, failing);
  return (
    <div
      style={{
        ...style,
        display: 'grid',
        gridTemplateColumns: '1fr 92px 130px',
        alignItems: 'center',
      }}
    >
      <div
        role="rowheader"
        aria-rowindex={index + 2}
        style={{ overflow: 'hidden', whiteSpace: 'nowrap', minWidth: 0 }}
      >
        <IconButton
          size="small"
          aria-label={`Blast radius of ${rowTitle}`}
          title={`Blast radius of ${rowTitle}`}
          onClick={() => onPick(failing)}
        >
          <CrisisAlertIcon fontSize="inherit" />
        </IconButton>
        <EntityLink entityRef={failing} title={rowTitle} />
      </div>
      <GridCellView
        cell={row?.users}
        loading={!row}
        label={`${rowTitle} → Users${row?.drift ? ' (drift)' : ''}`}
        style={{ height: ROW_HEIGHT }}
        selected={isSelected(selection, failing, '__users')}
        drift={row?.drift}
        onSelect={() =>
          row && onSelect({ row, cell: row.users, column: '__users' })
        }
        titles={matrix.titles}
        pathsOmitted={matrix.pathsOmitted}
        rowIndex={index + 2}
        colIndex={2}
      />
      <div
        style={{ paddingLeft: 8, whiteSpace: 'nowrap', overflow: 'hidden' }}
        aria-label={row ? declaredLabel(row) : 'loading'}
      >
        {row?.declared && <ImpactChip impact={row.declared} />}
        {row && !row.declared && (
          <Typography variant="caption" color="text.secondary">
            not declared
          </Typography>
        )}
        {row?.drift && (
          <Typography
            variant="caption"
            color="error"
            sx={{ fontWeight: 700, ml: 0.5 }}
          >
            drift
          </Typography>
        )}
      </div>
    </div>
  );
};

const Cell = ({
  rowIndex,
  columnIndex,
  style,
  data,
}: GridChildComponentProps<GridData>) => {
  const { matrix, columns, rows, selection, onSelect, lookup } = data;
  const { failing, row } = rows[rowIndex];
  const col = columns[columnIndex];
  const cell = row && lookup(row).get(col);
  return (
    <GridCellView
      cell={cell}
      loading={!row}
      label={`${titleOf(matrix, failing)} → ${titleOf(matrix, col)}`}
      style={style}
      selected={isSelected(selection, failing, col)}
      onSelect={() => row && onSelect({ row, cell: cell!, column: col })}
      titles={matrix.titles}
      pathsOmitted={matrix.pathsOmitted}
      rowIndex={rowIndex + 2}
      colIndex={columnIndex + 4}
    />
  );
};

/** The width the grid may take: its container's, followed as the window resizes. */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const update = () => {
      if (element.clientWidth > 0) setWidth(element.clientWidth);
    };
    update();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * The domain matrix for large catalogs (hundreds of domains, up to 90,000 cells): rows and
 * columns are virtualised (react-window), the failing domain with its Users and Declared cells
 * stays pinned on the left and the affected domains' header on top; filters narrow the failing
 * and the affected domains. Rows are loaded a page at a time as they scroll into view
 * (`requestRows`); until then they show "…". At domain level there is one row per column, in
 * the columns' order, so every row's domain is known before its page arrives. Cells keep the
 * small table's roles and labels ("<failing> → <affected>: <impact>").
 * @internal
 */
export const DomainMatrixGrid = ({
  matrix,
  selection,
  onSelect,
  onPick,
  requestRows,
}: {
  matrix: PagedMatrix;
  selection?: GridSelection;
  onSelect: (s: GridSelection) => void;
  onPick: (ref: string) => void;
  requestRows: (start: number, stop: number) => void;
}) => {
  const [rowFilter, setRowFilter] = useState('');
  const [columnFilter, setColumnFilter] = useState('');
  const { ref: containerRef, width } = useWidth(1200);
  const headerRef = useRef<FixedSizeList>(null);
  const rowHeaderRef = useRef<FixedSizeList>(null);
  const lookup = useMemo(() => cellLookup(), []);
  /** The rows drawn (indexes into `rows`), to ask their pages again after a reload. */
  const drawnRows = useRef<[number, number]>([0, -1]);

  const rows = useMemo(
    () =>
      matrix.rows
        .map(
          (row, index): GridRow => ({
            index,
            failing: row?.failing ?? matrix.columns[index],
            row,
          }),
        )
        .filter(r =>
          matchesFilter(rowFilter, r.failing, titleOf(matrix, r.failing)),
        ),
    [matrix, rowFilter],
  );
  const columns = useMemo(
    () =>
      matrix.columns.filter(c =>
        matchesFilter(columnFilter, c, titleOf(matrix, c)),
      ),
    [matrix, columnFilter],
  );

  /** Asks the pages of the drawn rows not loaded yet (each page once; see useMatrixPages). */
  const requestDrawnRows = useCallback(() => {
    const [start, stop] = drawnRows.current;
    for (let k = start; k <= stop; k++) {
      if (rows[k] && !rows[k].row) requestRows(rows[k].index, rows[k].index);
    }
  }, [rows, requestRows]);
  // After a reload (new data signalled) only the first page is there: ask the drawn ones again.
  useEffect(requestDrawnRows, [requestDrawnRows]);

  const bodyWidth = Math.max(CELL_WIDTH, width - ROW_HEADER_WIDTH);
  const gridWidth = Math.min(bodyWidth, columns.length * CELL_WIDTH + 16);
  const bodyHeight = Math.min(MAX_BODY_HEIGHT, rows.length * ROW_HEIGHT + 16);

  const data: GridData = {
    matrix,
    rows,
    columns,
    lookup,
    selection,
    onSelect,
    onPick,
  };

  return (
    <>
      <Box
        sx={{
          display: 'flex',
          gap: 2,
          flexWrap: 'wrap',
          alignItems: 'center',
          mb: 1,
        }}
      >
        <TextField
          size="small"
          label="Filter failing domains"
          value={rowFilter}
          onChange={e => setRowFilter(e.target.value)}
        />
        <TextField
          size="small"
          label="Filter affected domains"
          value={columnFilter}
          onChange={e => setColumnFilter(e.target.value)}
        />
        <Typography variant="body2" color="text.secondary">
          {rows.length} of {matrix.totalItems} failing domains ×{' '}
          {columns.length} of {matrix.columns.length} affected domains. Scroll
          both ways; click a cell for its path.
        </Typography>
      </Box>
      <Paper variant="outlined" sx={{ p: 1 }} ref={containerRef}>
        <Box
          role="grid"
          aria-label="Failure-isolation matrix"
          aria-rowcount={matrix.totalItems + 1}
          aria-colcount={matrix.columns.length + 3}
        >
          <Box sx={{ display: 'flex', alignItems: 'stretch' }}>
            <Box
              role="row"
              aria-rowindex={1}
              sx={{
                width: ROW_HEADER_WIDTH,
                flex: 'none',
                display: 'grid',
                gridTemplateColumns: '1fr 92px 130px',
                alignItems: 'end',
                fontSize: '0.8rem',
                fontWeight: 600,
                pb: 0.5,
              }}
            >
              <span role="columnheader" aria-colindex={1}>
                failing ↓ / affected →
              </span>
              <span
                role="columnheader"
                aria-colindex={2}
                style={{ textAlign: 'center' }}
              >
                Users
              </span>
              <span
                role="columnheader"
                aria-colindex={3}
                style={{ paddingLeft: 8 }}
              >
                Declared
              </span>
            </Box>
            <FixedSizeList
              ref={headerRef}
              layout="horizontal"
              width={gridWidth}
              height={HEADER_HEIGHT}
              itemCount={columns.length}
              itemSize={CELL_WIDTH}
              style={{ overflow: 'hidden' }}
              itemData={data}
            >
              {ColumnHeader}
            </FixedSizeList>
          </Box>
          <Box sx={{ display: 'flex' }}>
            <FixedSizeList
              ref={rowHeaderRef}
              width={ROW_HEADER_WIDTH}
              height={bodyHeight}
              itemCount={rows.length}
              itemSize={ROW_HEIGHT}
              style={{ overflow: 'hidden', flex: 'none' }}
              itemData={data}
            >
              {RowHeader}
            </FixedSizeList>
            <FixedSizeGrid
              width={gridWidth}
              height={bodyHeight}
              rowCount={rows.length}
              columnCount={columns.length}
              rowHeight={ROW_HEIGHT}
              columnWidth={CELL_WIDTH}
              overscanRowCount={4}
              overscanColumnCount={2}
              itemData={data}
              onItemsRendered={({
                overscanRowStartIndex,
                overscanRowStopIndex,
              }) => {
                drawnRows.current = [
                  overscanRowStartIndex,
                  overscanRowStopIndex,
                ];
                requestDrawnRows();
              }}
              onScroll={({ scrollLeft, scrollTop }) => {
                headerRef.current?.scrollTo(scrollLeft);
                rowHeaderRef.current?.scrollTo(scrollTop);
              }}
            >
              {Cell}
            </FixedSizeGrid>
          </Box>
        </Box>
        {rows.length === 0 && (
          <Typography color="text.secondary" sx={{ p: 1 }}>
            No failing domain matches the filter.
          </Typography>
        )}
      </Paper>
    </>
  );
};
