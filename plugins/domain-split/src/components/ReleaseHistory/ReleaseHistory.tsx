import { Table, TableColumn } from '@backstage/core-components';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type {
  DeploymentRecord,
  ReleaseHistoryResponse,
  ReleaseRecord,
  TestRunRecord,
} from '@internal/plugin-domain-split-common';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { formatAge, formatDateTime } from '../../utils/format';
import { DataState } from '../DataState';
import { EntityLink } from '../EntityLink';
import { DeploymentStatusChip } from '../ReleaseCell';

const When = ({ iso }: { iso: string }) => (
  <Tooltip title={formatDateTime(iso)}>
    <span>{formatAge(iso)}</span>
  </Tooltip>
);

const PipelineLink = ({ url, label }: { url?: string; label?: string }) =>
  url ? (
    <a href={url} target="_blank" rel="noopener noreferrer">
      {label ?? 'pipeline'}
    </a>
  ) : (
    <>{label ?? ''}</>
  );

const byNewest = <T extends { occurredAt: string }>(items: T[]) =>
  [...items].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));

const deploymentColumns: TableColumn<DeploymentRecord>[] = [
  {
    title: 'When',
    field: 'occurredAt',
    defaultSort: 'desc',
    render: d => <When iso={d.occurredAt} />,
  },
  {
    title: 'Environment',
    field: 'environment',
    render: d => (
      <>
        {d.environment}
        {d.untracked && (
          <Tooltip title="Not in domainSplit.environments: shown, never counted as evidence">
            <Typography
              component="span"
              variant="caption"
              color="text.secondary"
            >
              {' '}
              (not tracked)
            </Typography>
          </Tooltip>
        )}
      </>
    ),
  },
  {
    title: 'Version',
    field: 'version',
    render: d => (
      <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
        {d.version}
      </Typography>
    ),
  },
  {
    title: 'Status',
    field: 'status',
    render: d => (
      <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'center' }}>
        <DeploymentStatusChip status={d.status} always />
        {d.rollback && (
          <Chip
            size="small"
            color="warning"
            label="rollback"
            sx={{ height: 18 }}
          />
        )}
      </Box>
    ),
  },
  {
    title: 'Commit',
    field: 'commit',
    render: d => (
      <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
        {d.commit?.slice(0, 10) ?? ''}
      </Typography>
    ),
  },
  {
    title: 'Pipeline',
    field: 'pipelineId',
    render: d => <PipelineLink url={d.pipelineUrl} label={d.pipelineId} />,
  },
];

const testRunColumns: TableColumn<TestRunRecord>[] = [
  {
    title: 'When',
    field: 'occurredAt',
    defaultSort: 'desc',
    render: t => <When iso={t.occurredAt} />,
  },
  {
    title: 'Version',
    field: 'version',
    render: t => (
      <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
        {t.version}
      </Typography>
    ),
  },
  { title: 'Suite', field: 'suite' },
  {
    title: 'Result',
    field: 'result',
    render: t => (
      <Chip
        size="small"
        variant="outlined"
        color={t.result === 'passed' ? 'success' : 'error'}
        label={t.result}
        sx={{ height: 18 }}
      />
    ),
  },
  {
    title: 'Pipeline',
    field: 'pipelineUrl',
    render: t => <PipelineLink url={t.pipelineUrl} />,
  },
];

const releaseColumns: TableColumn<ReleaseRecord>[] = [
  {
    title: 'When',
    field: 'occurredAt',
    defaultSort: 'desc',
    render: r => <When iso={r.occurredAt} />,
  },
  {
    title: 'Version',
    field: 'version',
    render: r => (
      <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
        {r.version}
      </Typography>
    ),
  },
  {
    title: 'Commit',
    field: 'commit',
    render: r => (
      <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
        {r.commit ? r.commit.slice(0, 12) : '—'}
      </Typography>
    ),
  },
  { title: 'Repository', field: 'repository' },
  {
    title: 'Pipeline',
    field: 'pipelineUrl',
    render: r => <PipelineLink url={r.pipelineUrl} label={r.pipelineId} />,
  },
];

/**
 * The deployments, test runs and releases (published versions) of one service, newest first,
 * as tables.
 * @internal
 */
export const ReleaseHistoryTables = ({
  history,
  limit,
}: {
  history: ReleaseHistoryResponse;
  /** Show only the newest rows, without paging and search (for cards). */
  limit?: number;
}) => {
  const deployments = byNewest(history.deployments);
  const testRuns = byNewest(history.testRuns);
  const releases = byNewest(history.releases ?? []);
  const compact = limit !== undefined;
  const options = compact
    ? {
        paging: false,
        search: false,
        toolbar: false,
        padding: 'dense' as const,
      }
    : { paging: true, pageSize: 10, search: true, padding: 'dense' as const };
  return (
    <>
      {history.entityRef && !compact && (
        <Typography variant="body2" sx={{ mb: 1 }}>
          Catalog entity: <EntityLink entityRef={history.entityRef} />
        </Typography>
      )}
      <Table<DeploymentRecord>
        title={compact ? undefined : `Deployments (${deployments.length})`}
        options={options}
        columns={
          compact
            ? deploymentColumns.filter(
                c => c.title !== 'Commit' && c.title !== 'Pipeline',
              )
            : deploymentColumns
        }
        data={compact ? deployments.slice(0, limit) : deployments}
        emptyContent={
          <Typography sx={{ p: 2 }} color="text.secondary">
            No deployments reported for this service.
          </Typography>
        }
      />
      {!compact && (
        <Box sx={{ mt: 2 }}>
          <Table<TestRunRecord>
            title={`Test runs (${testRuns.length})`}
            options={options}
            columns={testRunColumns}
            data={testRuns}
            emptyContent={
              <Typography sx={{ p: 2 }} color="text.secondary">
                No test runs reported for this service.
              </Typography>
            }
          />
        </Box>
      )}
      {!compact && (
        <Box sx={{ mt: 2 }}>
          <Table<ReleaseRecord>
            title={`Releases (${releases.length})`}
            options={options}
            columns={releaseColumns}
            data={releases}
            emptyContent={
              <Typography sx={{ p: 2 }} color="text.secondary">
                No releases (type: release events) reported for this service.
              </Typography>
            }
          />
        </Box>
      )}
    </>
  );
};

/**
 * Loads and shows the release history of one service (as CI names it).
 * @internal
 */
export const ReleaseHistory = ({
  service,
  limit,
}: {
  service: string;
  limit?: number;
}) => {
  const state = useDomainSplitData(
    api => api.getReleaseHistory(service),
    [service],
  );
  return (
    <DataState
      {...state}
      isEmpty={v =>
        v.deployments.length === 0 &&
        v.testRuns.length === 0 &&
        (v.releases ?? []).length === 0
      }
      emptyTitle={`No CI events for ${service} yet`}
      emptyHint="Deployments and test runs appear here once CI posts them to the webhook (try yarn demo:events)."
    >
      {history => <ReleaseHistoryTables history={history} limit={limit} />}
    </DataState>
  );
};
