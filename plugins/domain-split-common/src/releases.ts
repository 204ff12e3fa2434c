/*
 * Release flags: which version runs where, whether it was a rollback, whether it went out
 * without a passing contract-test run, and which services of other domains were deployed in
 * lockstep with it. Pure functions over stored CI rows, CI evidence and the catalog.
 */
import {
  DEFAULT_LOCKSTEP_INTERVAL_MS,
  EvidenceScope,
  LIVE_DEPLOYMENT_STATUSES,
  ServiceCatalogIndex,
  compareEnvironments,
  isTrackedEnvironment,
  resolveDeployment,
  serviceIdentity,
} from './evidence';
import { EvidenceContext } from './evidenceContext';
import {
  mapSteps,
  runToCompletion,
  sortSteps,
  Steps,
  workBudget,
} from './steps';
import type { CurrentRelease, DeploymentRecord, TestRunRecord } from './types';
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

/** Orders service names as `localeCompare` does, with one collator instead of one per call. */
const serviceNameOrder = new Intl.Collator().compare;

/**
 * The current version of each service × environment from the newest live deployments: per
 * service identity ({@link serviceIdentity}: the catalog entity with its CI aliases merged) and
 * environment, the newest live deployment (by `occurredAt`, ties by event id) with the version
 * of the one before it as `previousVersion`. `heads` must hold at least the two newest live
 * deployments of every CI service name and environment (the store reads exactly those).
 * The same identity and order as {@link toDeploymentRecords}, so the rollback flag of a current
 * release and of its history entry agree.
 * @public
 */
export function currentVersionsOf(
  heads: StoredDeployment[],
  index: ServiceCatalogIndex,
): StoredCurrentVersion[] {
  return runToCompletion(currentVersionSteps(heads, index));
}

/**
 * {@link currentVersionsOf} in pieces: it pauses after sorting and every {@link workBudget}
 * deployments, so a server turns every live head of a large catalog into current versions in
 * slices after each CI event.
 * @public
 */
export function* currentVersionSteps(
  heads: StoredDeployment[],
  index: ServiceCatalogIndex,
): Steps<StoredCurrentVersion[]> {
  const newestFirst = (yield* sortSteps(
    heads,
    compareChronologically,
  )).reverse();
  yield;
  const byPair = new Map<string, StoredDeployment[]>();
  const budget = workBudget();
  for (const d of newestFirst) {
    if (budget.spend()) yield;
    if (!LIVE_DEPLOYMENT_STATUSES.includes(d.status)) continue;
    const key = `${serviceIdentity(index, d)}\u0000${d.environment}`;
    const list = byPair.get(key);
    if (list) list.push(d);
    else byPair.set(key, [d]);
  }
  const current = [...byPair.values()].map(([newest, before]) => ({
    ...newest,
    ...(before ? { previousVersion: before.version } : {}),
  }));
  yield;
  return yield* sortSteps(
    current,
    (a, b) =>
      serviceNameOrder(a.service, b.service) ||
      compareEnvironments(a.environment, b.environment),
  );
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
  return runToCompletion(deploymentRecordSteps(deployments, index));
}

/**
 * {@link toDeploymentRecords} in pieces: it pauses after sorting and between pieces of the
 * matching ({@link workBudget}), so a server can turn a long window of deployments into records
 * in slices.
 * @public
 */
export function* deploymentRecordSteps(
  deployments: StoredDeployment[],
  index: ServiceCatalogIndex,
): Steps<DeploymentRecord[]> {
  const chronological = [...deployments].sort(compareChronologically);
  yield;
  const liveVersion = new Map<string, string>();
  const records: DeploymentRecord[] = [];
  const budget = workBudget();
  for (const d of chronological) {
    const match = index.matchRecord(d);
    // One service identity for "live", "previous" and rollbacks (see serviceIdentity).
    const key = `${serviceIdentity(index, d)}\u0000${d.environment}`;
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
    records.push(record);
    if (budget.spend()) yield;
  }
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
  return runToCompletion(testRunRecordSteps(testRuns, index));
}

/**
 * {@link toTestRunRecords} in pieces ({@link mapSteps}): the evidence window holds tens of
 * thousands of runs at 10,000 services.
 * @public
 */
export function testRunRecordSteps(
  testRuns: TestRunRecord[],
  index: ServiceCatalogIndex,
): Steps<TestRunRecord[]> {
  return mapSteps(testRuns, run => {
    const match = index.matchRecord(run);
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
 * The evidence must hold at least the deployments that share a pipeline id or commit with the
 * current rows and the contract-test runs of their services. Sorted by service, environment.
 * @public
 */
export function computeCurrentReleases(
  current: StoredCurrentVersion[],
  context: EvidenceContext,
  /**
   * With a scope, lockstep partners count when deployed inside the window or live now (one of
   * `current`), within the scope's interval; releases in untracked environments are marked
   * `untracked`.
   */
  scope?: EvidenceScope,
): CurrentRelease[] {
  return runToCompletion(currentReleaseSteps(current, context, scope));
}

/**
 * {@link computeCurrentReleases} in pieces: it builds the lockstep and contract-test indexes in
 * pieces first and pauses every {@link workBudget} rows, so a server computes the releases of a
 * large catalog in slices after each CI event.
 * @public
 */
export function* currentReleaseSteps(
  current: StoredCurrentVersion[],
  context: EvidenceContext,
  scope?: EvidenceScope,
): Steps<CurrentRelease[]> {
  // Lockstep partners count inside the window, or while they are live (the current rows).
  const index = context.services;
  const liveIds = new Set(current.map(row => row.eventId));
  const since = scope ? scope.now.getTime() - scope.policy.windowMs : undefined;
  const evidence =
    since === undefined
      ? context
      : new EvidenceContext(index, {
          deployments: context.evidence.deployments.filter(
            d => liveIds.has(d.eventId) || Date.parse(d.occurredAt) >= since,
          ),
          testRuns: context.evidence.testRuns,
        });
  const intervalMs =
    scope?.policy.lockstepIntervalMs ?? DEFAULT_LOCKSTEP_INTERVAL_MS;
  yield;
  yield* evidence.indexSteps(intervalMs, ['lockstep', 'contractRuns']);
  const releases: CurrentRelease[] = [];
  const budget = workBudget();
  for (const row of current) {
    const deployment = resolveDeployment(index, row);
    const release: CurrentRelease = {
      service: row.service,
      environment: row.environment,
      version: row.version,
      status: row.status,
      deployedAt: row.occurredAt,
      rollback: isRollback(row, row.previousVersion),
      withoutContractTests: !evidence.hasContractRunBefore(deployment),
      lockstepWith: evidence.lockstepServices(row, intervalMs),
    };
    if (scope && !isTrackedEnvironment(scope.policy, row.environment)) {
      release.untracked = true;
    }
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
    releases.push(release);
    if (budget.spend()) yield;
  }
  const order = (a: CurrentRelease, b: CurrentRelease) =>
    serviceNameOrder(a.service, b.service) ||
    compareEnvironments(a.environment, b.environment);
  // The backend's rows come in this order already (currentVersionsOf): checked, not sorted.
  let sorted = true;
  for (let i = 1; i < releases.length && sorted; i++) {
    sorted = order(releases[i - 1], releases[i]) <= 0;
    if (budget.spend()) yield;
  }
  yield;
  return sorted ? releases : yield* sortSteps(releases, order);
}
