/*
 * Release flags: which version runs where, whether it was a rollback, whether it went out
 * without a passing contract-test run, and which services of other domains were deployed in
 * lockstep with it. Pure functions over stored CI rows, CI evidence and the catalog.
 */
import {
  LIVE_DEPLOYMENT_STATUSES,
  ServiceCatalogIndex,
  ciServiceKey,
  contractRunFinder,
  findLockstepServices,
  resolveDeployment,
} from './evidence';
import type {
  CiEvidence,
  CurrentRelease,
  DeploymentRecord,
  TestRunRecord,
} from './types';
import { isDowngrade } from './versions';

/**
 * A deployment as the backend stores it: the record without the read-time fields (catalog
 * match, derived rollback flag), plus whether the event itself said it was a rollback.
 * @public
 */
export interface StoredDeployment
  extends Omit<DeploymentRecord, 'entityRef' | 'rollback'> {
  /** The event said so: `status: rolled_back` or `rollback: true`. */
  explicitRollback: boolean;
}

/**
 * The current version of one service in one environment as the backend stores it: the latest
 * successful deployment by `occurredAt`, with the version live before it.
 * @public
 */
export interface StoredCurrentVersion extends StoredDeployment {
  previousVersion?: string;
}

/**
 * A rollback is an explicit one (`status: rolled_back`, `rollback: true`) or a lower version
 * replacing a higher one.
 * @public
 */
export function isRollback(
  deployment: Pick<StoredDeployment, 'explicitRollback' | 'status' | 'version'>,
  previousVersion: string | undefined,
): boolean {
  if (deployment.explicitRollback || deployment.status === 'rolled_back') {
    return true;
  }
  return previousVersion !== undefined
    ? isDowngrade(previousVersion, deployment.version)
    : false;
}

/**
 * Turns stored deployments into records: matches them with the catalog and marks rollbacks
 * by replaying each environment's live deployments in `occurredAt` order. Returns newest first.
 * @public
 */
export function toDeploymentRecords(
  deployments: StoredDeployment[],
  index: ServiceCatalogIndex,
): DeploymentRecord[] {
  const chronological = [...deployments].sort(compareChronologically);
  const liveVersion = new Map<string, string>();
  const records = chronological.map(d => {
    const match = index.match(d.service);
    // A service's identity: its catalog entity when matched, else its lower-case CI name.
    const key = `${match?.entityRef ?? `ci:${ciServiceKey(d.service)}`}\u0000${
      d.environment
    }`;
    const isLive = LIVE_DEPLOYMENT_STATUSES.includes(d.status);
    const rollback = isLive
      ? isRollback(d, liveVersion.get(key))
      : d.explicitRollback;
    if (isLive) {
      liveVersion.set(key, d.version);
    }
    const { explicitRollback: _explicit, ...rest } = d;
    const record: DeploymentRecord = { ...rest, rollback };
    if (match) {
      record.entityRef = match.entityRef;
    }
    return record;
  });
  return records.reverse();
}

/**
 * Matches stored test runs with the catalog (sets `entityRef`).
 * @public
 */
export function toTestRunRecords(
  testRuns: TestRunRecord[],
  index: ServiceCatalogIndex,
): TestRunRecord[] {
  return testRuns.map(run => {
    const match = index.match(run.service);
    return match ? { ...run, entityRef: match.entityRef } : { ...run };
  });
}

function compareChronologically(
  a: { occurredAt: string; eventId: string },
  b: { occurredAt: string; eventId: string },
): number {
  if (a.occurredAt !== b.occurredAt) {
    return a.occurredAt < b.occurredAt ? -1 : 1;
  }
  if (a.eventId === b.eventId) {
    return 0;
  }
  return a.eventId < b.eventId ? -1 : 1;
}

/**
 * The current release of every service in every environment with its flags:
 * - `rollback`: explicit, or a lower version replacing `previousVersion`;
 * - `withoutContractTests`: no passing contract-test run for this version before the deploy;
 * - `lockstepWith`: services of other domains deployed by the same pipeline run or commit to
 *   the same environment (the lockstep rule of the migration phases and the rules);
 * - `entityRef` / `domainRef`: the catalog match of the CI service name.
 *
 * `evidence` must hold at least the deployments that share a pipeline id or commit with the
 * current rows and the contract-test runs of their services. Sorted by service, environment.
 * @public
 */
export function computeCurrentReleases(
  current: StoredCurrentVersion[],
  evidence: CiEvidence,
  index: ServiceCatalogIndex,
): CurrentRelease[] {
  const contractRunBefore = contractRunFinder(index.graph, evidence);
  return current
    .map(row => {
      const deployment = resolveDeployment(index, row);
      const release: CurrentRelease = {
        service: row.service,
        environment: row.environment,
        version: row.version,
        status: row.status,
        deployedAt: row.occurredAt,
        rollback: isRollback(row, row.previousVersion),
        withoutContractTests: !contractRunBefore(deployment),
        lockstepWith: findLockstepServices(index.graph, evidence, row),
      };
      if (deployment.entityRef) {
        release.entityRef = deployment.entityRef;
        if (deployment.domainRef) {
          release.domainRef = deployment.domainRef;
        }
      }
      if (row.previousVersion !== undefined) {
        release.previousVersion = row.previousVersion;
      }
      if (row.pipelineUrl) {
        release.pipelineUrl = row.pipelineUrl;
      }
      return release;
    })
    .sort(
      (a, b) =>
        a.service.localeCompare(b.service) ||
        compareEnvironments(a.environment, b.environment),
    );
}

const ENVIRONMENT_ORDER = [
  'local',
  'dev',
  'development',
  'test',
  'qa',
  'uat',
  'staging',
  'preprod',
  'pre-production',
  'canary',
  'prod',
  'production',
];

/**
 * Orders environments along a usual delivery path (dev → staging → production); unknown
 * names come after, alphabetically.
 * @public
 */
export function compareEnvironments(a: string, b: string): number {
  const rank = (env: string) => {
    const i = ENVIRONMENT_ORDER.indexOf(env.toLocaleLowerCase('en-US'));
    return i === -1 ? ENVIRONMENT_ORDER.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}
