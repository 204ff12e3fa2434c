import { Table, TableColumn } from '@backstage/core-components';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import {
  compareEnvironments,
  DeploymentRecord,
  LIVE_DEPLOYMENT_STATUSES,
  RecordedVerdict,
  ReleaseHistoryResponse,
  sameVersion,
  ReleaseRecord,
  TestRunRecord,
} from '@internal/plugin-domain-split-common';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { formatAge, formatDateTime } from '../../utils/format';
import { DataState } from '../DataState';
import { EntityLink } from '../EntityLink';
import { CanIDeployButton } from '../CanIDeploy';
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

/** The newest live deployment of each environment: what runs there according to this history. */
function liveByEnvironment(deployments: DeploymentRecord[]) {
  const live = new Map<string, DeploymentRecord>();
  for (const d of byNewest(deployments)) {
    if (LIVE_DEPLOYMENT_STATUSES.includes(d.status) && !live.has(d.environment))
      live.set(d.environment, d);
  }
  return live;
}

/**
 * The deployments that get a "Roll back to this?" button: the newest live deployment of each
 * (environment, version) other than what runs there now.
 */
function rollbackCandidates(deployments: DeploymentRecord[]) {
  const live = liveByEnvironment(deployments);
  const seen: DeploymentRecord[] = [];
  const candidates = new Set<string>();
  for (const d of byNewest(deployments)) {
    if (!LIVE_DEPLOYMENT_STATUSES.includes(d.status)) continue;
    const current = live.get(d.environment);
    if (current && sameVersion(current.version, d.version)) continue;
    if (
      seen.some(
        s =>
          s.environment === d.environment && sameVersion(s.version, d.version),
      )
    )
      continue;
    seen.push(d);
    candidates.add(d.eventId);
  }
  return candidates;
}

const deploymentColumns = (
  service: string,
  candidates: Set<string>,
): TableColumn<DeploymentRecord>[] => [
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
  {
    title: 'Gate',
    sorting: false,
    render: d =>
      candidates.has(d.eventId) ? (
        <CanIDeployButton
          service={service}
          environment={d.environment}
          version={d.version}
          label="Roll back to this?"
        />
      ) : null,
  },
];

const verdictColumns: TableColumn<RecordedVerdict>[] = [
  {
    title: 'Asked',
    field: 'askedAt',
    defaultSort: 'desc',
    render: v => <When iso={v.askedAt} />,
  },
  { title: 'Environment', field: 'environment' },
  {
    title: 'Version',
    field: 'version',
    render: v => (
      <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
        {v.version}
        {v.liveVersion ? ` (live: ${v.liveVersion})` : ''}
      </Typography>
    ),
  },
  {
    title: 'Verdict',
    field: 'deployable',
    render: v => (
      <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
        <Chip
          size="small"
          color={v.deployable ? 'success' : 'error'}
          label={v.deployable ? 'yes' : 'no'}
          sx={{ height: 18 }}
        />
        {v.rollback && (
          <Chip size="small" label="rollback" sx={{ height: 18 }} />
        )}
        {v.deployedAfterRefusal && (
          <Tooltip
            title={`Deployed anyway ${formatDateTime(
              v.deployedAfterRefusal.occurredAt,
            )}`}
          >
            <Chip
              size="small"
              color="warning"
              label="deployed after a no"
              sx={{ height: 18 }}
            />
          </Tooltip>
        )}
      </Box>
    ),
  },
  {
    title: 'Failing checks',
    render: v =>
      v.reasons
        .filter(r => !r.ok)
        .map(r => `${r.check} (${r.status})`)
        .join(', ') || '—',
  },
  { title: 'Asked by', field: 'askedBy' },
];

/**
 * "Can I deploy …?" per environment of the service, and the gate's recorded answers.
 * @internal
 */
export const DeployGatePanel = ({
  history,
}: {
  history: ReleaseHistoryResponse;
}) => {
  const environments = [
    ...new Set(history.deployments.map(d => d.environment)),
  ].sort(compareEnvironments);
  const verdicts = history.verdicts ?? [];
  return (
    <Box sx={{ mb: 2 }}>
      <Box
        sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}
      >
        <Typography variant="subtitle2">Deploy gate:</Typography>
        {environments.map(env => (
          <CanIDeployButton
            key={env}
            service={history.service}
            environment={env}
          />
        ))}
      </Box>
      {verdicts.length > 0 && (
        <Box sx={{ mt: 2 }}>
          <Table<RecordedVerdict>
            title={`Gate answers (${verdicts.length})`}
            options={{
              paging: verdicts.length > 5,
              pageSize: 5,
              search: false,
              padding: 'dense',
            }}
            columns={verdictColumns}
            data={verdicts}
          />
        </Box>
      )}
    </Box>
  );
};

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
  const columns = deploymentColumns(
    history.service,
    rollbackCandidates(history.deployments),
  );
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
      {!compact && <DeployGatePanel history={history} />}
      <Table<DeploymentRecord>
        title={compact ? undefined : `Deployments (${deployments.length})`}
        options={options}
        columns={
          compact
            ? columns.filter(
                c => c.title !== 'Commit' && c.title !== 'Pipeline',
              )
            : columns
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
