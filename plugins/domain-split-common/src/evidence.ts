/*
 * CI evidence against the catalog: which Component (and Domain) a CI record is about, which
 * deployments put a version live, which went out in lockstep with another domain, and which
 * passing contract-test run covers a deployment. The release flags, the migration phases
 * (step 4) and the rules all read these rules from here.
 */
import { foldCase } from './refs';
import {
  CatalogGraph,
  byString,
  domainOf,
  matchServiceToEntity,
  matchWorkflowToEntity,
  normaliseRef,
  titleOf,
} from './graph';
import { push } from './graphIndex';
import { runToCompletion, Steps, workBudget } from './steps';
import type {
  CiEvidence,
  DeploymentRecord,
  DeploymentStatus,
  TestRunRecord,
} from './types';
import { versionKey } from './versions';

/**
 * Deployment statuses that put a version live.
 * @public
 */
export const LIVE_DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = [
  'success',
  'rolled_back',
];

/**
 * The lower-case key CI service names are compared by (`Orders-Service ` → `orders-service`).
 * @public
 */
export function ciServiceKey(service: string): string {
  return foldCase(service.trim());
}

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
  /** The catalog graph the index reads. */
  readonly graph: CatalogGraph;
  /** The Component a CI service name refers to; undefined when the catalog does not know it. */
  match(service: string): ServiceMatch | undefined;
  /**
   * The catalog entity a CI record is about: its `entityRef` when set and in the catalog, else
   * its service name as {@link ServiceCatalogIndex.match} says.
   */
  matchRecord(record: {
    service: string;
    entityRef?: string;
    workflow?: string;
  }): ServiceMatch | undefined;
  /**
   * The CI service names (lower-case) that refer to a Component: its name and the names it
   * claims with `domain-split/ci-service-name`.
   */
  ciNamesOf(entityRef: string): string[];
  /**
   * The GitHub workflow keys a Component claims with `domain-split/github-workflow`
   * (`<owner>/<repo>:<path>`, or `:<path>` for any repository; lower-case).
   */
  workflowsOf(entityRef: string): string[];
}

/**
 * A service index of a catalog graph: CI service names match Components as
 * {@link matchServiceToEntity} says (`component:default/<lower-case name>`, else the
 * `domain-split/ci-service-name` claim), and their domain is {@link domainOf}. Each call builds
 * a new index, which remembers every name it matched: build one per catalog graph (the backend
 * does, once per catalog generation) or per computation, and pass it on.
 * @public
 */
export function serviceCatalogIndex(graph: CatalogGraph): ServiceCatalogIndex {
  const byName = new Map<string, ServiceMatch | undefined>();
  const byRef = new Map<string, ServiceMatch>();
  const matchOfRef = (entityRef: string): ServiceMatch => {
    let match = byRef.get(entityRef);
    if (!match) {
      const domainRef = domainOf(graph, entityRef);
      match = { entityRef, ...(domainRef ? { domainRef } : {}) };
      byRef.set(entityRef, match);
    }
    return match;
  };
  const index: ServiceCatalogIndex = {
    graph,
    match(service) {
      const key = ciServiceKey(service);
      if (!byName.has(key)) {
        const entityRef = matchServiceToEntity(graph, key);
        byName.set(key, entityRef ? matchOfRef(entityRef) : undefined);
      }
      const match = byName.get(key);
      return match ? { ...match } : undefined;
    },
    matchRecord(record) {
      if (record.entityRef) {
        const ref = graph.entities.has(record.entityRef)
          ? record.entityRef
          : normaliseRef(record.entityRef, 'component');
        if (ref && graph.entities.has(ref)) return { ...matchOfRef(ref) };
      }
      if (record.workflow) {
        const ref = matchWorkflowToEntity(graph, record.workflow);
        if (ref) return { ...matchOfRef(ref) };
      }
      return index.match(record.service);
    },
    ciNamesOf(entityRef) {
      const ref = foldCase(entityRef);
      const entity = graph.entities.get(ref);
      if (!entity || entity.kind !== 'component') {
        return [];
      }
      const names = [foldCase(entity.name)];
      for (const [name, claimedBy] of graph.ciServiceNames) {
        if (claimedBy === ref && !names.includes(name)) {
          names.push(name);
        }
      }
      // A name another Component claims does not lead here.
      return names.filter(name => matchServiceToEntity(graph, name) === ref);
    },
    workflowsOf(entityRef) {
      const ref = foldCase(entityRef);
      return [...graph.githubWorkflows]
        .filter(([, claimedBy]) => claimedBy === ref)
        .map(([key]) => key)
        .sort(byString);
    },
  };
  return index;
}

/**
 * One tracked environment (`domainSplit.environments`).
 * @public
 */
export interface EnvironmentSetting {
  name: string;
  /** A production environment: the live version there is the one the phase-2 evidence tests. */
  production?: boolean;
}

/**
 * How CI evidence is counted: which environments, how far back, how close in time two deploys
 * of one commit must be to be lockstep.
 * @public
 */
export interface EvidencePolicy {
  /** The tracked environments, ordered; undefined: every environment counts. */
  environments?: EnvironmentSetting[];
  /** Deploys older than this count only while they are live. Default 30 days. */
  windowMs: number;
  /** Deploys of one commit further apart than this are not lockstep. Default 30 minutes. */
  lockstepIntervalMs: number;
}

/** 30 days. @public */
export const DEFAULT_EVIDENCE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;
/** 30 minutes. @public */
export const DEFAULT_LOCKSTEP_INTERVAL_MS = 30 * 60 * 1000;

/**
 * Every environment counts, 30-day window, 30-minute lockstep interval.
 * @public
 */
export const DEFAULT_EVIDENCE_POLICY: EvidencePolicy = {
  windowMs: DEFAULT_EVIDENCE_WINDOW_MS,
  lockstepIntervalMs: DEFAULT_LOCKSTEP_INTERVAL_MS,
};

/**
 * The evidence policy and the time it is judged at: what deployment-based verdicts read.
 * @public
 */
export interface EvidenceScope {
  policy: EvidencePolicy;
  now: Date;
}

function environmentKey(environment: string): string {
  return foldCase(environment.trim());
}

/**
 * Whether deployments to `environment` count as evidence: it is listed in
 * `policy.environments` (case-insensitive), or no list is configured.
 * @public
 */
export function isTrackedEnvironment(
  policy: Pick<EvidencePolicy, 'environments'>,
  environment: string,
): boolean {
  if (!policy.environments) return true;
  const key = environmentKey(environment);
  return policy.environments.some(e => environmentKey(e.name) === key);
}

/**
 * Splits the environments CI deployed to into the tracked ones (in configured order; without a
 * configured list, every one in the built-in order of {@link compareEnvironments}) and the
 * others (built-in order). Configured environments nobody deployed to yet are columns too.
 * @public
 */
export function splitEnvironments(
  policy: Pick<EvidencePolicy, 'environments'>,
  seen: Iterable<string>,
): { environments: string[]; otherEnvironments: string[] } {
  const distinct = [...new Set(seen)];
  if (!policy.environments) {
    return {
      environments: distinct.sort(compareEnvironments),
      otherEnvironments: [],
    };
  }
  const tracked = policy.environments.map(e => e.name);
  return {
    environments: tracked,
    otherEnvironments: distinct
      .filter(env => !isTrackedEnvironment(policy, env))
      .sort(compareEnvironments),
  };
}

/**
 * The built-in order of environments (without `domainSplit.environments`): a usual delivery
 * path, local < dev < test < staging < production; names it does not know come after,
 * alphabetically.
 * @public
 */
export const BUILT_IN_ENVIRONMENT_ORDER: readonly string[] = [
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
 * Orders environments by {@link BUILT_IN_ENVIRONMENT_ORDER}; unknown names come after,
 * alphabetically.
 * @public
 */
export function compareEnvironments(a: string, b: string): number {
  const rank = (env: string) => {
    const i = BUILT_IN_ENVIRONMENT_ORDER.indexOf(environmentKey(env));
    return i === -1 ? BUILT_IN_ENVIRONMENT_ORDER.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

/**
 * The tracked environments most production-like first: those marked `production: true`, then
 * the rest from the end of the configured order (without a configured list: `environments` in
 * built-in order, last first).
 * @public
 */
export function productionFirst(
  policy: Pick<EvidencePolicy, 'environments'>,
  environments: string[],
): string[] {
  const tracked = environments.filter(env => isTrackedEnvironment(policy, env));
  const configured = policy.environments;
  const rank = (env: string) => {
    if (!configured) {
      return -[...tracked].sort(compareEnvironments).indexOf(env);
    }
    const i = configured.findIndex(
      e => environmentKey(e.name) === environmentKey(env),
    );
    return (configured[i]?.production ? -1000 : 0) - i;
  };
  return [...new Set(tracked)].sort((a, b) => rank(a) - rank(b));
}

/**
 * The identity of the service a CI record is about, for "live", "previous version" and
 * rollbacks: its catalog entity (aliases claimed with `domain-split/ci-service-name` merged),
 * else `ci:<lower-case CI name>`.
 * @public
 */
export function serviceIdentity(
  index: ServiceCatalogIndex,
  record: { service: string; entityRef?: string },
): string {
  return (
    index.matchRecord(record)?.entityRef ?? `ci:${ciServiceKey(record.service)}`
  );
}

/**
 * The deployments the verdicts judge under a scope: deployments to tracked environments that
 * happened inside the window (`now - window` or later), plus the one live now in each service
 * × tracked environment however old it is (the latest successful one). Test runs are all kept
 * (a version tested long ago still covers a deploy today). `now` changes with every call, so
 * nothing is kept: scope once per computation (see `EvidenceContext.scoped`).
 * @public
 */
export function scopeEvidence(
  services: ServiceCatalogIndex,
  evidence: CiEvidence,
  scope: EvidenceScope | undefined,
  options: { trackedOnly?: boolean } = {},
): CiEvidence {
  return runToCompletion(
    scopeEvidenceSteps(services, evidence, scope, options),
  );
}

/**
 * {@link scopeEvidence} in pieces: it pauses between pieces of the pass over the deployments
 * ({@link workBudget}), so a server can scope a long window in slices.
 * @public
 */
export function* scopeEvidenceSteps(
  services: ServiceCatalogIndex,
  evidence: CiEvidence,
  scope: EvidenceScope | undefined,
  options: { trackedOnly?: boolean } = {},
): Steps<CiEvidence> {
  if (!scope) return evidence;
  const trackedOnly = options.trackedOnly ?? true;
  const { policy, now } = scope;
  const since = now.getTime() - policy.windowMs;
  const counted = (evidence?.deployments ?? []).filter(
    d => !trackedOnly || isTrackedEnvironment(policy, d.environment),
  );
  const live = new Map<string, DeploymentRecord>();
  const budget = workBudget();
  for (const d of counted) {
    if (budget.spend()) yield;
    if (!LIVE_DEPLOYMENT_STATUSES.includes(d.status)) continue;
    if (time(d.occurredAt) > now.getTime()) continue;
    const key = `${serviceIdentity(services, d)}\u0000${d.environment}`;
    const known = live.get(key);
    if (
      !known ||
      time(d.occurredAt) > time(known.occurredAt) ||
      (d.occurredAt === known.occurredAt && d.eventId > known.eventId)
    ) {
      live.set(key, d);
    }
  }
  const liveNow = new Set(live.values());
  return {
    deployments: counted.filter(
      d => liveNow.has(d) || time(d.occurredAt) >= since,
    ),
    testRuns: evidence?.testRuns ?? [],
  };
}

/**
 * The deployments live now among resolved successful deployments (oldest first, as
 * {@link resolveSuccessfulDeploymentSteps} gives them): the latest one per service identity ×
 * environment. In pieces of {@link workBudget}.
 */
export function* latestPerServiceAndEnvironmentSteps(
  services: ServiceCatalogIndex,
  successful: readonly ResolvedDeployment[],
): Steps<ResolvedDeployment[]> {
  const live = new Map<string, ResolvedDeployment>();
  const budget = workBudget();
  // Oldest first: a later one replaces an earlier one.
  for (const d of successful) {
    live.set(
      `${serviceIdentity(services, d.record)}\u0000${d.record.environment}`,
      d,
    );
    if (budget.spend()) yield;
  }
  return [...live.values()];
}

/** What the evidence rules read of a deployment: a stored row or a {@link DeploymentRecord}. */
export type DeploymentFacts = Pick<
  DeploymentRecord,
  | 'eventId'
  | 'service'
  | 'entityRef'
  | 'version'
  | 'environment'
  | 'status'
  | 'occurredAt'
  | 'commit'
  | 'pipelineId'
  | 'repository'
>;

/** A deployment with the catalog entity and domain it belongs to. */
export interface ResolvedDeployment<
  D extends DeploymentFacts = DeploymentRecord,
> {
  record: D;
  entityRef?: string;
  domainRef?: string;
}

/** A deployment with its catalog match ({@link ServiceCatalogIndex.matchRecord}). */
export function resolveDeployment<D extends DeploymentFacts>(
  index: ServiceCatalogIndex,
  record: D,
): ResolvedDeployment<D> {
  const match = index.matchRecord(record);
  return { record, entityRef: match?.entityRef, domainRef: match?.domainRef };
}

function time(iso: string): number {
  const value = Date.parse(iso);
  return isNaN(value) ? Number.POSITIVE_INFINITY : value;
}

/**
 * Successful deployments — those that put a version live (`success`, and `rolled_back`, the
 * same statuses the release flags use) — oldest first, with their entity and domain. In pieces
 * of {@link workBudget}, then the sort.
 */
export function* resolveSuccessfulDeploymentSteps(
  services: ServiceCatalogIndex,
  evidence: CiEvidence,
): Steps<ResolvedDeployment[]> {
  const resolved: ResolvedDeployment[] = [];
  const budget = workBudget();
  for (const record of evidence?.deployments ?? []) {
    if (budget.spend()) yield;
    if (LIVE_DEPLOYMENT_STATUSES.includes(record.status)) {
      resolved.push(resolveDeployment(services, record));
    }
  }
  yield;
  return resolved.sort(
    (a, b) =>
      time(a.record.occurredAt) - time(b.record.occurredAt) ||
      byString(a.record.eventId, b.record.eventId),
  );
}

/**
 * Two deployments went out in the same pipeline run: the same `pipelineId`, and the same
 * `repository` when both name one (run ids are only unique within a repository).
 */
function samePipelineRun(
  a: Pick<DeploymentFacts, 'pipelineId' | 'repository'>,
  b: Pick<DeploymentFacts, 'pipelineId' | 'repository'>,
): boolean {
  return (
    !!a.pipelineId &&
    a.pipelineId === b.pipelineId &&
    (!a.repository || !b.repository || a.repository === b.repository)
  );
}

/** Deployments of services in different domains that went out together. */
export interface LockstepGroup {
  environment: string;
  /** What ties them: `pipeline run <id>` (`… of <repository>`) or `commit <sha>`. */
  sharedBy: string;
  deployments: ResolvedDeployment[];
  domains: string[];
}

/**
 * The lockstep groups of a set of successful deployments and what ties one deployment to
 * others (see {@link buildLockstepIndexSteps}).
 */
export interface LockstepIndex {
  readonly groups: readonly LockstepGroup[];
  /**
   * The successful deployments of services with a domain that went out with `deployment`: same
   * environment, and the same pipeline run ({@link samePipelineRun}) or the same commit.
   */
  tiedTo(deployment: DeploymentFacts): ResolvedDeployment[];
}

/**
 * A lockstep group as migration step 4 and the rules report it: its Components, and `a 1.0.0
 * to production, b 2.0.0 to production went out together (pipeline run 7), across A and B.`
 */
export function describeLockstepGroup(
  graph: CatalogGraph,
  group: LockstepGroup,
): { entityRefs: string[]; message: string } {
  return {
    entityRefs: [...new Set(group.deployments.map(d => d.entityRef!))].sort(
      byString,
    ),
    message: `${group.deployments
      .map(describeDeployment)
      .join(', ')} went out together (${group.sharedBy}), across ${group.domains
      .map(d => titleOf(graph, d))
      .join(' and ')}.`,
  };
}

/**
 * Lockstep: successful deployments to the same environment, of services in at least two
 * domains, that share a pipeline run (see {@link samePipelineRun}), or a commit SHA and went
 * out within `intervalMs` of each other (a group of one commit starts at its first deployment
 * and takes the deployments up to `intervalMs` after it; a later one starts the next group).
 * Deployments whose service has no domain cannot tell domains apart and are left out. When the
 * same deployments share both a pipeline run and a commit, the group is reported once (by
 * pipeline run). `successful` is oldest first ({@link resolveSuccessfulDeploymentSteps}).
 */
export function* buildLockstepIndexSteps(
  successful: readonly ResolvedDeployment[],
  intervalMs: number,
): Steps<LockstepIndex> {
  const budget = workBudget();
  const byPipeline = new Map<string, ResolvedDeployment[]>();
  const byCommit = new Map<string, ResolvedDeployment[]>();
  for (const deployment of successful) {
    if (budget.spend()) yield;
    if (!deployment.domainRef) continue;
    const { environment, pipelineId, commit } = deployment.record;
    if (pipelineId)
      push(byPipeline, `${environment}\u0000${pipelineId}`, deployment);
    if (commit) push(byCommit, `${environment}\u0000${commit}`, deployment);
  }

  const tiedTo = (deployment: DeploymentFacts) => {
    const { environment, pipelineId, commit } = deployment;
    const tied = new Set<ResolvedDeployment>();
    if (pipelineId) {
      for (const other of byPipeline.get(`${environment}\u0000${pipelineId}`) ??
        []) {
        if (samePipelineRun(deployment, other.record)) tied.add(other);
      }
    }
    if (commit) {
      const at = time(deployment.occurredAt);
      for (const other of byCommit.get(`${environment}\u0000${commit}`) ?? []) {
        if (Math.abs(time(other.record.occurredAt) - at) <= intervalMs) {
          tied.add(other);
        }
      }
    }
    return [...tied];
  };

  // Pipeline groups first, so a group that a commit ties as well is reported by pipeline run.
  // A group needs deployments of two domains: a run or commit of one deployment is none.
  const candidates: LockstepGroup[] = [];
  for (const run of byPipeline.values()) {
    if (budget.spend()) yield;
    if (run.length < 2) continue;
    const { environment, pipelineId } = run[0].record;
    // A deployment that names no repository is in the run of every repository with that id.
    const repositories = [
      ...new Set(run.map(d => d.record.repository).filter(r => !!r)),
    ];
    for (const repository of repositories.length > 0
      ? repositories
      : [undefined]) {
      candidates.push({
        environment,
        sharedBy: `pipeline run ${pipelineId}${
          repository ? ` of ${repository}` : ''
        }`,
        deployments: run.filter(d =>
          samePipelineRun({ pipelineId, repository }, d.record),
        ),
        domains: [],
      });
    }
  }
  for (const same of byCommit.values()) {
    if (budget.spend()) yield;
    if (same.length < 2) continue;
    const { environment, commit } = same[0].record;
    // Oldest first (successfulDeployments' order): one group per burst of deploys.
    let burst: ResolvedDeployment[] = [];
    const flush = () => {
      if (burst.length > 0) {
        candidates.push({
          environment,
          sharedBy: `commit ${commit}`,
          deployments: burst,
          domains: [],
        });
      }
    };
    for (const deployment of same) {
      if (
        burst.length > 0 &&
        time(deployment.record.occurredAt) - time(burst[0].record.occurredAt) >
          intervalMs
      ) {
        flush();
        burst = [];
      }
      burst.push(deployment);
    }
    flush();
  }

  const seen = new Set<string>();
  const groups: LockstepGroup[] = [];
  for (const group of candidates) {
    if (budget.spend()) yield;
    group.domains = [...new Set(group.deployments.map(d => d.domainRef!))].sort(
      byString,
    );
    if (group.domains.length < 2) continue;
    const identity = `${group.environment}\u0000${group.deployments
      .map(d => d.record.eventId)
      .sort(byString)
      .join()}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    groups.push(group);
  }
  groups.sort(
    (a, b) =>
      byString(a.environment, b.environment) ||
      byString(a.sharedBy, b.sharedBy),
  );
  return { groups, tiedTo };
}

/**
 * Finds the passing contract-test run that covers a deployment: same service (same catalog
 * entity when both are matched, else the same lower-cased CI service name), same version
 * ({@link versionKey}) or same commit SHA (GitHub test runs carry the head SHA, deployments the
 * payload/ref version), and not later than the deployment. The latest such run wins. The
 * passing runs are indexed once by service and version, so checking a long deployment history
 * stays linear.
 */
export function* buildContractRunFinderSteps(
  index: ServiceCatalogIndex,
  evidence: CiEvidence,
): Steps<
  (deployment: ResolvedDeployment<DeploymentFacts>) => TestRunRecord | undefined
> {
  const key = (service: string, version: string) =>
    `${service}\u0000${versionKey(version)}`;
  const commitKey = (service: string, commit: string) =>
    `${service}\u0000#${foldCase(commit.trim())}`;
  const byEntity = new Map<string, TestRunRecord[]>();
  const unmatchedByService = new Map<string, TestRunRecord[]>();
  const allByService = new Map<string, TestRunRecord[]>();
  const budget = workBudget();
  for (const run of evidence?.testRuns ?? []) {
    if (budget.spend()) yield;
    if (run.suite !== 'contract' || run.result !== 'passed') continue;
    if (isNaN(Date.parse(run.occurredAt))) continue;
    const runRef = index.matchRecord(run)?.entityRef;
    const serviceKeys = [key(ciServiceKey(run.service), run.version)];
    const entityKeys = runRef ? [key(runRef, run.version)] : [];
    if (run.commit) {
      serviceKeys.push(commitKey(ciServiceKey(run.service), run.commit));
      if (runRef) entityKeys.push(commitKey(runRef, run.commit));
    }
    for (const k of entityKeys) push(byEntity, k, run);
    if (!runRef) for (const k of serviceKeys) push(unmatchedByService, k, run);
    for (const k of serviceKeys) push(allByService, k, run);
  }
  const lookup = (
    map: Map<string, TestRunRecord[]>,
    keys: string[],
  ): TestRunRecord[] => keys.flatMap(k => map.get(k) ?? []);
  return deployment => {
    const { service, version, occurredAt, commit } = deployment.record;
    const serviceKeys = [key(ciServiceKey(service), version)];
    const entityKeys = deployment.entityRef
      ? [key(deployment.entityRef, version)]
      : [];
    if (commit) {
      serviceKeys.push(commitKey(ciServiceKey(service), commit));
      if (deployment.entityRef) {
        entityKeys.push(commitKey(deployment.entityRef, commit));
      }
    }
    const candidates = deployment.entityRef
      ? [
          ...lookup(byEntity, entityKeys),
          ...lookup(unmatchedByService, serviceKeys),
        ]
      : lookup(allByService, serviceKeys);
    const deployedAt = time(occurredAt);
    let latest: TestRunRecord | undefined;
    for (const run of candidates) {
      const ranAt = time(run.occurredAt);
      if (ranAt <= deployedAt && (!latest || ranAt > time(latest.occurredAt))) {
        latest = run;
      }
    }
    return latest;
  };
}

/** A deployment as a short phrase: `orders-service 3.2.1 to production`. */
export function describeDeployment(
  deployment: ResolvedDeployment<DeploymentFacts>,
): string {
  const { service, version, environment } = deployment.record;
  return `${service} ${version} to ${environment}`;
}
