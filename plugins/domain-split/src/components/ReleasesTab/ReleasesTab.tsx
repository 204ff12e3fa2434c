import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import TablePagination from '@mui/material/TablePagination';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { styled } from '@mui/material/styles';
import CloseIcon from '@mui/icons-material/Close';
import type {
  CurrentRelease,
  ReleaseDomainSummary,
  ReleasesPageResponse,
  UnmatchedEvent,
} from '@internal/plugin-domain-split-common';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { formatAge, formatDateTime } from '../../utils/format';
import { DataState } from '../DataState';
import { EntityLink } from '../EntityLink';
import { LazyTooltip } from '../LazyTooltip';
import { ReleaseCell, ReleaseMarksLegend } from '../ReleaseCell';
import { ReleaseHistory } from '../ReleaseHistory';
import { VirtualList } from '../VirtualList';

const ROW_HEIGHT = 60;
const ROWS_PER_PAGE = [25, 50, 100];

type ServiceRow = {
  kind: 'service';
  service: string;
  entityRef?: string;
  releases: Map<string, CurrentRelease>;
};
type DomainRow = { kind: 'domain' } & ReleaseDomainSummary;
type Row = ServiceRow | DomainRow;

/**
 * The grid rows of a page: the backend sends the page's releases in grid order (by domain, then
 * service) and a header per domain of the page.
 */
function buildRows(data: ReleasesPageResponse): Row[] {
  const headers = new Map(data.domains.map(d => [d.domainRef ?? '', d]));
  const rows: Row[] = [];
  let domain: string | undefined;
  let service: ServiceRow | undefined;
  for (const release of data.current) {
    const domainKey = release.domainRef ?? '';
    if (domainKey !== domain) {
      domain = domainKey;
      const header = headers.get(domainKey);
      if (header) rows.push({ kind: 'domain', ...header });
    }
    if (service?.service !== release.service) {
      service = {
        kind: 'service',
        service: release.service,
        entityRef: release.entityRef,
        releases: new Map(),
      };
      rows.push(service);
    }
    service.releases.set(release.environment, release);
  }
  return rows;
}

const DomainHeader = ({ row }: { row: DomainRow }) => {
  const notes = [
    `${row.services} service${row.services === 1 ? '' : 's'}`,
    row.rollbacks &&
      `${row.rollbacks} rollback${row.rollbacks === 1 ? '' : 's'}`,
    row.withoutContractTests &&
      `${row.withoutContractTests} without contract tests`,
    row.lockstep && `${row.lockstep} in lockstep`,
  ].filter(Boolean);
  return (
    <Box
      sx={{
        height: ROW_HEIGHT,
        display: 'flex',
        alignItems: 'flex-end',
        pb: 0.5,
        gap: 1,
        borderBottom: 1,
        borderColor: 'divider',
      }}
    >
      <Typography variant="subtitle2" component="h3">
        {row.domainRef ? (
          <EntityLink entityRef={row.domainRef} showKind />
        ) : (
          'No domain'
        )}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {notes.join(' · ')}
      </Typography>
    </Box>
  );
};

/**
 * The service rows' look in one styled element, their parts by class name: each part a styled
 * element of its own (Box, Typography, sx) would cost a style computation per row. The parts
 * look as the Typography variants and Box styles they stand for.
 */
const GridRows = styled('div')(({ theme }) => {
  const noWrap = {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  } as const;
  return {
    '& .release-row': {
      display: 'grid',
      gap: theme.spacing(1),
      height: ROW_HEIGHT,
      alignItems: 'center',
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
    '& .release-service': {
      minWidth: 0,
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
    },
    '& .release-service-button': {
      textTransform: 'none',
      justifyContent: 'flex-start',
      minWidth: 0,
    },
    '& .release-service-name': {
      display: 'block',
      margin: 0,
      ...theme.typography.body2,
      ...noWrap,
    },
    '& .release-catalog-link': {
      margin: 0,
      ...theme.typography.caption,
      ...noWrap,
    },
    '& .release-not-in-catalog': {
      margin: 0,
      ...theme.typography.caption,
      color: theme.palette.warning.main,
    },
  };
});

const gridColumns = (environments: number) =>
  `minmax(200px, 1.3fr) repeat(${environments}, minmax(150px, 1fr))`;

const ReleaseGrid = ({
  data,
  onSelect,
  page,
  onPage,
}: {
  data: ReleasesPageResponse;
  onSelect: (service: string) => void;
  page: { perPage: number; onPerPage: (perPage: number) => void };
  onPage: (offset: number) => void;
}) => {
  const [params, setParams] = useSearchParams();
  const filter = params.get('q') ?? '';
  const onlyMarked = params.get('marked') === '1';
  const otherEnvironments = data.otherEnvironments;
  const showOthers =
    params.get('others') === '1' && otherEnvironments.length > 0;
  const environments = useMemo(
    () =>
      showOthers
        ? [...data.environments, ...otherEnvironments]
        : data.environments,
    [data.environments, otherEnvironments, showOthers],
  );
  const tracked = useMemo(
    () => new Set(data.environments),
    [data.environments],
  );
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    onPage(0);
  };
  const rows = useMemo(() => buildRows(data), [data]);
  const columns = gridColumns(environments.length);

  return (
    <>
      <Box
        sx={{
          display: 'flex',
          gap: 2,
          alignItems: 'center',
          flexWrap: 'wrap',
          mb: 2,
        }}
      >
        <TextField
          size="small"
          label="Filter services or domains"
          value={filter}
          onChange={e => setParam('q', e.target.value)}
          sx={{ minWidth: 260 }}
        />
        <FormControlLabel
          control={
            <Switch
              checked={onlyMarked}
              onChange={e => setParam('marked', e.target.checked ? '1' : '')}
            />
          }
          label="Only services with marks or failed deploys"
        />
        {otherEnvironments.length > 0 && (
          <Tooltip
            describeChild
            title="Environments outside domainSplit.environments: their deploys are stored and shown, never counted by the rules or the migration phases"
          >
            <FormControlLabel
              control={
                <Switch
                  checked={showOthers}
                  onChange={e =>
                    setParam('others', e.target.checked ? '1' : '')
                  }
                />
              }
              label={`Other environments (${otherEnvironments.length})`}
            />
          </Tooltip>
        )}
        <ReleaseMarksLegend />
      </Box>
      <Paper
        variant="outlined"
        component="section"
        aria-label="Release grid"
        sx={{ overflowX: 'auto' }}
      >
        <Box sx={{ minWidth: 200 + 150 * environments.length, px: 2, pb: 1 }}>
          <Box
            role="row"
            sx={{
              display: 'grid',
              gridTemplateColumns: columns,
              gap: 1,
              py: 1,
              borderBottom: 2,
              borderColor: 'divider',
            }}
          >
            <Typography variant="subtitle2" role="columnheader">
              Service ({data.totalItems.toLocaleString('en-US')})
            </Typography>
            {environments.map(env => (
              <Typography key={env} variant="subtitle2" role="columnheader">
                {env}
                {!tracked.has(env) && (
                  <Typography
                    component="span"
                    variant="caption"
                    color="text.secondary"
                  >
                    {' '}
                    (not tracked)
                  </Typography>
                )}
              </Typography>
            ))}
          </Box>
          {rows.length === 0 ? (
            <Typography sx={{ py: 2 }} color="text.secondary">
              No service matches the filter.
            </Typography>
          ) : (
            <GridRows>
              <VirtualList
                aria-label="Releases by service"
                items={rows}
                rowHeight={ROW_HEIGHT}
                maxHeight={640}
                itemKey={r =>
                  r.kind === 'domain'
                    ? `d:${r.domainRef ?? ''}`
                    : `s:${r.service}`
                }
                renderItem={row =>
                  row.kind === 'domain' ? (
                    <DomainHeader row={row} />
                  ) : (
                    <div
                      className="release-row"
                      style={{ gridTemplateColumns: columns }}
                    >
                      <div className="release-service">
                        <LazyTooltip
                          describeChild
                          title="Show deployments and test runs"
                        >
                          <Button
                            size="small"
                            className="release-service-button"
                            onClick={() => onSelect(row.service)}
                          >
                            <span className="release-service-name">
                              {row.service}
                            </span>
                          </Button>
                        </LazyTooltip>
                        {row.entityRef ? (
                          <span className="release-catalog-link">
                            <EntityLink
                              entityRef={row.entityRef}
                              title="catalog"
                            />
                          </span>
                        ) : (
                          <span className="release-not-in-catalog">
                            not in catalog
                          </span>
                        )}
                      </div>
                      {environments.map(env => (
                        <ReleaseCell
                          key={env}
                          release={row.releases.get(env)}
                        />
                      ))}
                    </div>
                  )
                }
              />
            </GridRows>
          )}
        </Box>
      </Paper>
      {data.totalItems > ROWS_PER_PAGE[0] && (
        <TablePagination
          component="div"
          count={data.totalItems}
          page={Math.floor(data.offset / page.perPage)}
          rowsPerPage={page.perPage}
          rowsPerPageOptions={ROWS_PER_PAGE}
          labelRowsPerPage="Services per page"
          onPageChange={(_, p) => onPage(p * page.perPage)}
          onRowsPerPageChange={e => {
            page.onPerPage(Number(e.target.value));
            onPage(0);
          }}
        />
      )}
    </>
  );
};

const unmatchedColumns: TableColumn<UnmatchedEvent>[] = [
  { title: 'Service', field: 'service' },
  { title: 'Type', field: 'type' },
  { title: 'Version', field: 'version' },
  { title: 'Environment', field: 'environment' },
  {
    title: 'Occurred',
    field: 'occurredAt',
    defaultSort: 'desc',
    render: e => (
      <Tooltip title={formatDateTime(e.occurredAt)}>
        <span>{formatAge(e.occurredAt)}</span>
      </Tooltip>
    ),
  },
  {
    title: 'Received',
    field: 'receivedAt',
    render: e => (
      <Tooltip title={formatDateTime(e.receivedAt)}>
        <span>{formatAge(e.receivedAt)}</span>
      </Tooltip>
    ),
  },
];

const UnmatchedEvents = () => {
  const state = useDomainSplitData(api => api.getUnmatchedEvents(), []);
  return (
    <InfoCard
      title="Unmatched CI events"
      subheader="Accepted events whose service is not in the catalog. They are matched again on every read, so registering the Component (or setting domain-split/ci-service-name) picks them up."
    >
      <DataState
        {...state}
        isEmpty={v => v.items.length === 0}
        emptyTitle="Every CI event matches a catalog entity"
      >
        {({ items }) => (
          <Table<UnmatchedEvent>
            options={{
              paging: items.length > 10,
              pageSize: 10,
              search: true,
              padding: 'dense',
              toolbar: true,
            }}
            title={`${items.length} event${items.length === 1 ? '' : 's'}`}
            columns={unmatchedColumns}
            data={items}
          />
        )}
      </DataState>
    </InfoCard>
  );
};

/**
 * Releases tab: a service × environment grid of the versions live now, with age, rollback,
 * "no contract tests" and lockstep marks, grouped by domain; a click on a service opens its
 * history. Below it, the CI events that match no catalog entity.
 * @internal
 */
export const ReleasesTab = () => {
  const [params, setParams] = useSearchParams();
  // The filter box answers each key at once; the page is asked for when typing pauses.
  const q = useDebouncedValue(params.get('q') ?? '');
  const marked = params.get('marked') === '1';
  const untracked = params.get('others') === '1';
  const [perPage, setPerPage] = useState(ROWS_PER_PAGE[0]);
  const [offset, setOffset] = useState(0);
  // The grid is a page of the backend's (searched, filtered there): each search or switch asks
  // again, keeping the current page on screen meanwhile.
  const state = useDomainSplitData(
    api => api.getReleases({ q, marked, untracked, limit: perPage, offset }),
    [q, marked, untracked, perPage, offset],
  );
  const selected = params.get('service');
  const select = (service: string | null) => {
    const next = new URLSearchParams(params);
    if (service) next.set('service', service);
    else next.delete('service');
    setParams(next);
  };
  return (
    <>
      <InfoCard
        title="Current releases"
        subheader="What version runs where, per domain"
      >
        <DataState
          {...state}
          keepContentWhileLoading
          isEmpty={v =>
            v.totalItems === 0 &&
            v.otherEnvironments.length === 0 &&
            !q &&
            !marked
          }
          emptyTitle="No releases yet"
          emptyHint="No CI events yet — run yarn demo:events to send example deployments, or point your CI at /api/domain-split/webhooks/ci."
        >
          {data => (
            <ReleaseGrid
              data={data}
              onSelect={select}
              page={{ perPage, onPerPage: setPerPage }}
              onPage={setOffset}
            />
          )}
        </DataState>
      </InfoCard>
      <Box sx={{ mt: 3 }}>
        <UnmatchedEvents />
      </Box>
      <Dialog
        open={!!selected}
        onClose={() => select(null)}
        maxWidth="lg"
        fullWidth
        aria-labelledby="domain-split-history-title"
      >
        <DialogTitle id="domain-split-history-title" sx={{ pr: 6 }}>
          History of {selected}
          <IconButton
            aria-label="Close"
            onClick={() => select(null)}
            sx={{ position: 'absolute', right: 8, top: 8 }}
          >
            <CloseIcon />
          </IconButton>
        </DialogTitle>
        <DialogContent>
          {selected && <ReleaseHistory service={selected} />}
        </DialogContent>
      </Dialog>
    </>
  );
};
