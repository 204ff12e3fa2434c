import { useMemo } from 'react';
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
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import CloseIcon from '@mui/icons-material/Close';
import type {
  CurrentRelease,
  ReleasesResponse,
  UnmatchedEvent,
} from '@internal/plugin-domain-split-common';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import {
  formatAge,
  formatDateTime,
  matchesFilter,
  shortName,
} from '../../utils/format';
import { DataState } from '../DataState';
import { EntityLink } from '../EntityLink';
import { ReleaseCell, ReleaseMarksLegend } from '../ReleaseCell';
import { ReleaseHistory } from '../ReleaseHistory';
import { VirtualList } from '../VirtualList';

const ROW_HEIGHT = 60;
const NO_DOMAIN = '(no domain)';

type ServiceRow = {
  kind: 'service';
  service: string;
  entityRef?: string;
  releases: Map<string, CurrentRelease>;
};
type DomainRow = {
  kind: 'domain';
  domainRef: string;
  services: number;
  rollbacks: number;
  withoutContractTests: number;
  lockstep: number;
};
type Row = ServiceRow | DomainRow;

const hasMarks = (r: CurrentRelease) =>
  r.rollback ||
  r.withoutContractTests ||
  r.lockstepWith.length > 0 ||
  r.status !== 'success';

/** Services grouped by domain (domains sorted by name, services by name). */
function buildRows(
  data: ReleasesResponse,
  filter: string,
  onlyMarked: boolean,
  columns: string[],
): Row[] {
  const byDomain = new Map<string, Map<string, ServiceRow>>();
  const shown = new Set(columns);
  for (const release of data.current) {
    // Releases in environments that are not columns (untracked, toggle off) are not shown.
    if (!shown.has(release.environment)) continue;
    const domain = release.domainRef ?? NO_DOMAIN;
    if (
      !matchesFilter(
        filter,
        release.service,
        release.entityRef,
        release.domainRef && shortName(release.domainRef),
      )
    ) {
      continue;
    }
    const services = byDomain.get(domain) ?? new Map<string, ServiceRow>();
    byDomain.set(domain, services);
    const row = services.get(release.service) ?? {
      kind: 'service' as const,
      service: release.service,
      entityRef: release.entityRef,
      releases: new Map<string, CurrentRelease>(),
    };
    row.releases.set(release.environment, release);
    services.set(release.service, row);
  }
  const rows: Row[] = [];
  const domainOrder = (a: string, b: string) => {
    if (a === NO_DOMAIN) return b === NO_DOMAIN ? 0 : 1;
    if (b === NO_DOMAIN) return -1;
    return shortName(a).localeCompare(shortName(b));
  };
  const domains = [...byDomain.keys()].sort(domainOrder);
  for (const domainRef of domains) {
    let services = [...byDomain.get(domainRef)!.values()].sort((a, b) =>
      a.service.localeCompare(b.service),
    );
    if (onlyMarked) {
      services = services.filter(s => [...s.releases.values()].some(hasMarks));
    }
    if (services.length === 0) continue;
    const releases = services.flatMap(s => [...s.releases.values()]);
    rows.push({
      kind: 'domain',
      domainRef,
      services: services.length,
      rollbacks: releases.filter(r => r.rollback).length,
      withoutContractTests: releases.filter(r => r.withoutContractTests).length,
      lockstep: releases.filter(r => r.lockstepWith.length > 0).length,
    });
    rows.push(...services);
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
        {row.domainRef === NO_DOMAIN ? (
          'No domain'
        ) : (
          <EntityLink entityRef={row.domainRef} showKind />
        )}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {notes.join(' · ')}
      </Typography>
    </Box>
  );
};

const gridColumns = (environments: number) =>
  `minmax(200px, 1.3fr) repeat(${environments}, minmax(150px, 1fr))`;

const ReleaseGrid = ({
  data,
  onSelect,
}: {
  data: ReleasesResponse;
  onSelect: (service: string) => void;
}) => {
  const [params, setParams] = useSearchParams();
  const filter = params.get('q') ?? '';
  const onlyMarked = params.get('marked') === '1';
  const otherEnvironments = useMemo(
    () => data.otherEnvironments ?? [],
    [data.otherEnvironments],
  );
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
  };
  const rows = useMemo(
    () => buildRows(data, filter, onlyMarked, environments),
    [data, filter, onlyMarked, environments],
  );
  const columns = gridColumns(environments.length);
  const serviceCount = rows.filter(r => r.kind === 'service').length;

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
              Service ({serviceCount})
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
            <VirtualList
              aria-label="Releases by service"
              items={rows}
              rowHeight={ROW_HEIGHT}
              maxHeight={640}
              itemKey={r =>
                r.kind === 'domain' ? `d:${r.domainRef}` : `s:${r.service}`
              }
              renderItem={row =>
                row.kind === 'domain' ? (
                  <DomainHeader row={row} />
                ) : (
                  <Box
                    sx={{
                      display: 'grid',
                      gridTemplateColumns: columns,
                      gap: 1,
                      height: ROW_HEIGHT,
                      alignItems: 'center',
                      borderBottom: 1,
                      borderColor: 'divider',
                    }}
                  >
                    <Box
                      sx={{
                        minWidth: 0,
                        display: 'flex',
                        alignItems: 'center',
                        gap: 0.5,
                      }}
                    >
                      <Tooltip
                        describeChild
                        title="Show deployments and test runs"
                      >
                        <Button
                          size="small"
                          onClick={() => onSelect(row.service)}
                          sx={{
                            textTransform: 'none',
                            justifyContent: 'flex-start',
                            minWidth: 0,
                          }}
                        >
                          <Typography variant="body2" noWrap>
                            {row.service}
                          </Typography>
                        </Button>
                      </Tooltip>
                      {row.entityRef ? (
                        <Typography variant="caption" noWrap>
                          <EntityLink
                            entityRef={row.entityRef}
                            title="catalog"
                          />
                        </Typography>
                      ) : (
                        <Typography variant="caption" color="warning.main">
                          not in catalog
                        </Typography>
                      )}
                    </Box>
                    {environments.map(env => (
                      <ReleaseCell key={env} release={row.releases.get(env)} />
                    ))}
                  </Box>
                )
              }
            />
          )}
        </Box>
      </Paper>
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
  const state = useDomainSplitData(api => api.getReleases(), []);
  const [params, setParams] = useSearchParams();
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
          isEmpty={v => v.current.length === 0}
          emptyTitle="No releases yet"
          emptyHint="No CI events yet — run yarn demo:events to send example deployments, or point your CI at /api/domain-split/webhooks/ci."
        >
          {data => <ReleaseGrid data={data} onSelect={select} />}
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
