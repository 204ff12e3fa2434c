import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import type {
  ImpactEdge,
  MatrixCell,
} from '@internal/plugin-domain-split-common';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { shortName } from '../../utils/format';
import { EntityLink } from '../EntityLink';
import { ImpactChip } from '../ImpactChip';

const title = (ref: string, titles?: Record<string, string>) =>
  titles?.[ref] ?? shortName(ref);

/**
 * One step of an impact path in words, in the direction the failure travels:
 * "payments-service → orders-service (waits, override)".
 * @internal
 */
export function describeEdge(
  edge: ImpactEdge,
  titles?: Record<string, string>,
): string {
  return `${title(edge.provider, titles)} → ${title(edge.consumer, titles)} (${
    edge.impact
  }${edge.overridden ? ', override' : ''})`;
}

/**
 * The path that explains one impact, one line per step, with what each dependency goes
 * through (`dependsOn` or the API consumed).
 * @internal
 */
export const ImpactPath = ({
  cell,
  titles,
}: {
  cell: MatrixCell;
  titles?: Record<string, string>;
}) => {
  if (cell.path.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {cell.failing === cell.affected
          ? 'The failing entity itself.'
          : 'No dependency path reaches it.'}
      </Typography>
    );
  }
  return (
    <Box component="ol" sx={{ m: 0, pl: 2.5 }} aria-label="Impact path">
      {cell.path.map((edge, i) => (
        <li key={`${edge.consumer}-${edge.provider}-${i}`}>
          <Typography variant="body2" component="span">
            {describeEdge(edge, titles)}
          </Typography>
          {edge.via && edge.via !== 'dependsOn' ? (
            <Typography variant="caption" color="text.secondary">
              {' '}
              via <EntityLink entityRef={edge.via} title={titles?.[edge.via]} />
            </Typography>
          ) : (
            <Typography variant="caption" color="text.secondary">
              {' '}
              via dependsOn
            </Typography>
          )}
        </li>
      ))}
    </Box>
  );
};

/**
 * Which cell to ask GET /impact-path for: `affected` is the cell's own `affected` (an entity
 * or a domain) or `users` for a users cell; `upstream` for a `takenDownBy` entry.
 * @internal
 */
export interface PathRequest {
  affected: string;
  direction?: 'downstream' | 'upstream';
}

const OnDemandImpactPath = ({
  cell,
  request,
  titles,
}: {
  cell: MatrixCell;
  request: PathRequest;
  titles?: Record<string, string>;
}) => {
  const { loading, error, value, retry } = useDomainSplitData(
    api =>
      api.getImpactPath(cell.failing, request.affected, {
        direction: request.direction,
      }),
    [cell.failing, request.affected, request.direction],
  );
  if (error) {
    return (
      <Box
        role="alert"
        sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}
      >
        <Typography variant="body2" color="error">
          Could not load the path:{' '}
          {/* A ResponseError's cause carries the backend's own message. */}
          {(error as { cause?: Error }).cause?.message ?? error.message}
        </Typography>
        <Button size="small" onClick={retry}>
          Retry
        </Button>
      </Box>
    );
  }
  if (loading || !value) {
    return (
      <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <CircularProgress size={14} />
        <Typography variant="body2" color="text.secondary">
          Loading the path…
        </Typography>
      </Box>
    );
  }
  return <ImpactPath cell={value} titles={{ ...titles, ...value.titles }} />;
};

/**
 * The path of one cell: the inline one, or — when the response left paths out
 * (`pathsOmitted`, a large result) — the one GET /impact-path gives for this cell alone.
 * @internal
 */
export const CellImpactPath = ({
  cell,
  titles,
  pathsOmitted,
  request,
}: {
  cell: MatrixCell;
  titles?: Record<string, string>;
  pathsOmitted?: boolean;
  request?: PathRequest;
}) =>
  pathsOmitted ? (
    <OnDemandImpactPath
      cell={cell}
      titles={titles}
      request={request ?? { affected: cell.affected }}
    />
  ) : (
    <ImpactPath cell={cell} titles={titles} />
  );

/**
 * Impact entries in the given order, each with its chip, a link to the entity on the other end
 * (`refOf`) and a "Why?" button that shows the path explaining it.
 * @internal
 */
export const CellRows = ({
  cells,
  refOf,
  titles,
  label,
  pathsOmitted,
  direction,
}: {
  cells: MatrixCell[];
  refOf: (cell: MatrixCell) => string;
  titles?: Record<string, string>;
  label: string;
  pathsOmitted?: boolean;
  direction: 'downstream' | 'upstream';
}) => {
  const [open, setOpen] = useState<string | undefined>();
  return (
    <Box
      component="ul"
      aria-label={label}
      sx={{ listStyle: 'none', p: 0, m: 0 }}
    >
      {cells.map(cell => {
        const ref = refOf(cell);
        const key = `${cell.failing}>${cell.affected}`;
        return (
          <Box
            component="li"
            key={key}
            sx={{ py: 0.5, borderBottom: 1, borderColor: 'divider' }}
          >
            <Box
              sx={{
                display: 'flex',
                alignItems: 'center',
                gap: 1,
                flexWrap: 'wrap',
              }}
            >
              <ImpactChip impact={cell.impact} />
              <EntityLink entityRef={ref} title={titles?.[ref]} showKind />
              <Button
                size="small"
                onClick={() => setOpen(open === key ? undefined : key)}
                aria-expanded={open === key}
              >
                {open === key ? 'Hide path' : 'Why?'}
              </Button>
            </Box>
            {open === key && (
              <Box sx={{ pl: 1, pb: 1 }}>
                <CellImpactPath
                  cell={cell}
                  titles={titles}
                  pathsOmitted={pathsOmitted}
                  request={{ affected: cell.affected, direction }}
                />
              </Box>
            )}
          </Box>
        );
      })}
    </Box>
  );
};

/**
 * The users impact's path when the response left paths out: behind a "Why?" button.
 * @internal
 */
export const UsersPathOnDemand = ({
  entityRef,
  users,
  titles,
}: {
  entityRef: string;
  users: MatrixCell;
  titles?: Record<string, string>;
}) => {
  const [open, setOpen] = useState(false);
  // No entry point reached, or a failing one: there is no path to explain it.
  if (users.affected === 'users' || users.affected === entityRef) {
    return null;
  }
  return (
    <>
      <Button
        size="small"
        onClick={() => setOpen(o => !o)}
        aria-expanded={open}
      >
        {open ? 'Hide path' : 'Why?'}
      </Button>
      {open && (
        <Box sx={{ width: '100%' }}>
          <CellImpactPath
            cell={users}
            titles={titles}
            pathsOmitted
            request={{ affected: 'users' }}
          />
        </Box>
      )}
    </>
  );
};
