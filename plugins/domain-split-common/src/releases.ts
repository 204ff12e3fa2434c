/*
 * Release flags: which version runs where, whether it was a rollback, whether it went out
 * without a passing contract-test run, and which services of other domains were deployed in
 * lockstep with it. Pure functions over stored CI rows, CI evidence and the catalog.
 */
import { CatalogGraph, domainOf, matchServiceToEntity } from './graph';
import type {
  CiEvidence,
  CurrentRelease,
  DeploymentRecord,
  DeploymentStatus,
  TestRunRecord,
} from './types';
import { compareVersions, isDowngrade } from './versions';

/**
 * Where a CI service name lands in the catalog.
 * @public
 */
export interface ServiceMatch {
  /** The matched Component, e.g. `component:default/orders-service`. */
  entityRef: string;
  /** The Domain the Component belongs to (directly or through its System), if any. */
  domainRef?: string;
}

/**
 * Resolves CI service names to catalog Components.
 * @public
 */
export interface ServiceCatalogIndex {
  /** The Component a CI service name refers to; undefined when the catalog does not know it. */
  match(service: string): ServiceMatch | undefined;
  /**
   * The CI service names (lower-case) that refer to a Component: its name and the names it
   * claims with `domain-split/ci-service-name`.
   */
  ciNamesOf(entityRef: string): string[];
}

/**
 * The service index of a catalog graph: CI service names match Components as
 * {@link matchServiceToEntity} says (the `domain-split/ci-service-name` claim, else
 * `component:default/<lower-case name>`), and their domain is {@link domainOf}. Results are
 * cached per name, so the index is cheap to ask many times.
 * @public
 */
export function serviceCatalogIndex(graph: CatalogGraph): ServiceCatalogIndex {
  const cache = new Map<string, ServiceMatch | undefined>();
  return {
    match(service) {
      const key = service.trim().toLocaleLowerCase('en-US');
      if (!cache.has(key)) {
        const entityRef = matchServiceToEntity(graph, key);
        const domainRef = entityRef ? domainOf(graph, entityRef) : undefined;
        cache.set(
          key,
          entityRef
            ? { entityRef, ...(domainRef ? { domainRef } : {}) }
            : undefined,
        );
      }
      return cache.get(key);
    },
    ciNamesOf(entityRef) {
      const ref = entityRef.toLocaleLowerCase('en-US');
      const entity = graph.entities.get(ref);
      if (!entity || entity.kind !== 'component') {
        return [];
      }
      const names = [entity.name.toLocaleLowerCase('en-US')];
      for (const [name, claimedBy] of graph.ciServiceNames) {
        if (claimedBy === ref && !names.includes(name)) {
          names.push(name);
        }
      }
      // A name another Component claims does not lead here.
      return names.filter(name => matchServiceToEntity(graph, name) === ref);
    },
  };
}

/**
 * A version released (published: tagged, built, pushed) by CI, independent of any deployment.
 * @public
 */
export interface ReleaseRecord {
  eventId: string;
  service: string;
  entityRef?: string;
  version: string;
  occurredAt: string;
  commit?: string;
  pipelineId?: string;
  pipelineUrl?: string;
  repository?: string;
}

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
 * Deployment statuses that put a version live.
 * @public
 */
export const LIVE_DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = [
  'success',
  'rolled_back',
];

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
    const key = `${serviceKey(d.service, index)}\u0000${d.environment}`;
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

/** A service's identity: its catalog entity when matched, else its lower-case CI name. */
function serviceKey(service: string, index: ServiceCatalogIndex): string {
  return (
    index.match(service)?.entityRef ??
    `ci:${service.trim().toLocaleLowerCase('en-US')}`
  );
}

function sameVersion(a: string, b: string): boolean {
  return a === b || compareVersions(a, b) === 0;
}

/**
 * True when a passing contract-test run for this service and version happened no later than
 * the deployment.
 * @public
 */
export function hasContractTestsBefore(
  deployment: Pick<StoredDeployment, 'service' | 'version' | 'occurredAt'>,
  testRuns: TestRunRecord[],
  index: ServiceCatalogIndex,
): boolean {
  const key = serviceKey(deployment.service, index);
  return testRuns.some(
    run =>
      run.suite === 'contract' &&
      run.result === 'passed' &&
      sameVersion(run.version, deployment.version) &&
      run.occurredAt <= deployment.occurredAt &&
      serviceKey(run.service, index) === key,
  );
}

/**
 * The services of *other* domains that were deployed to the same environment by the same
 * pipeline run (same `pipelineId`, and the same `repository` when both name one) or from the
 * same commit. Both domains must be known. Returns sorted entity refs.
 * @public
 */
export function findLockstepServices(
  deployment: Pick<
    StoredDeployment,
    'service' | 'environment' | 'pipelineId' | 'repository' | 'commit'
  >,
  deployments: DeploymentRecord[],
  index: ServiceCatalogIndex,
): string[] {
  const own = index.match(deployment.service);
  if (!own?.domainRef || (!deployment.pipelineId && !deployment.commit)) {
    return [];
  }
  const result = new Set<string>();
  for (const other of deployments) {
    if (
      other.environment !== deployment.environment ||
      !LIVE_DEPLOYMENT_STATUSES.includes(other.status)
    ) {
      continue;
    }
    const samePipeline =
      !!deployment.pipelineId &&
      other.pipelineId === deployment.pipelineId &&
      (!deployment.repository ||
        !other.repository ||
        deployment.repository === other.repository);
    const sameCommit =
      !!deployment.commit && other.commit === deployment.commit;
    if (!samePipeline && !sameCommit) {
      continue;
    }
    const match = index.match(other.service);
    if (
      match?.domainRef &&
      match.domainRef !== own.domainRef &&
      match.entityRef !== own.entityRef
    ) {
      result.add(match.entityRef);
    }
  }
  return [...result].sort();
}

/**
 * The current release of every service in every environment with its flags:
 * - `rollback`: explicit, or a lower version replacing `previousVersion`;
 * - `withoutContractTests`: no passing contract-test run for this version before the deploy;
 * - `lockstepWith`: services of other domains deployed by the same pipeline run or commit to
 *   the same environment (see {@link findLockstepServices});
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
  return current
    .map(row => {
      const match = index.match(row.service);
      const release: CurrentRelease = {
        service: row.service,
        environment: row.environment,
        version: row.version,
        status: row.status,
        deployedAt: row.occurredAt,
        rollback: isRollback(row, row.previousVersion),
        withoutContractTests: !hasContractTestsBefore(
          row,
          evidence.testRuns,
          index,
        ),
        lockstepWith: findLockstepServices(row, evidence.deployments, index),
      };
      if (match) {
        release.entityRef = match.entityRef;
        if (match.domainRef) {
          release.domainRef = match.domainRef;
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
