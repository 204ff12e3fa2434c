/*
 * CI evidence against the catalog: which Component (and Domain) a CI record is about, which
 * deployments put a version live, which went out in lockstep with another domain, and which
 * passing contract-test run covers a deployment. The release flags, the migration phases
 * (step 4) and the rules all read these rules from here.
 */
import {
  CatalogGraph,
  byString,
  domainOf,
  matchServiceToEntity,
  normaliseRef,
  titleOf,
} from './graph';
import { memoByEvidence, push } from './graphIndex';
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
  return service.trim().toLocaleLowerCase('en-US');
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
  }): ServiceMatch | undefined;
  /**
   * The CI service names (lower-case) that refer to a Component: its name and the names it
   * claims with `domain-split/ci-service-name`.
   */
  ciNamesOf(entityRef: string): string[];
}

const serviceIndexes = new WeakMap<CatalogGraph, ServiceCatalogIndex>();

/**
 * The service index of a catalog graph: CI service names match Components as
 * {@link matchServiceToEntity} says (`component:default/<lower-case name>`, else the
 * `domain-split/ci-service-name` claim), and their domain is {@link domainOf}. Built once per
 * graph and cached per name, so it is cheap to ask many times.
 * @public
 */
export function serviceCatalogIndex(graph: CatalogGraph): ServiceCatalogIndex {
  const known = serviceIndexes.get(graph);
  if (known) return known;
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
      return index.match(record.service);
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
  serviceIndexes.set(graph, index);
  return index;
}

/**
 * The catalog Component a CI record is about: its `entityRef` when set (and in the catalog),
 * else its service name matched against the catalog.
 */
export function recordEntityRef(
  graph: CatalogGraph,
  record: { service: string; entityRef?: string },
): string | undefined {
  return serviceCatalogIndex(graph).matchRecord(record)?.entityRef;
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
 * same statuses the release flags use) — oldest first, with their entity and domain.
 */
export function successfulDeployments(
  graph: CatalogGraph,
  evidence: CiEvidence,
): ResolvedDeployment[] {
  // Asked once per Domain: resolved and sorted once per (graph, evidence).
  return [
    ...memoByEvidence(graph, evidence, 'successfulDeployments', () =>
      resolveSuccessfulDeployments(graph, evidence),
    ),
  ];
}

function resolveSuccessfulDeployments(
  graph: CatalogGraph,
  evidence: CiEvidence,
): ResolvedDeployment[] {
  const index = serviceCatalogIndex(graph);
  return (evidence?.deployments ?? [])
    .filter(d => LIVE_DEPLOYMENT_STATUSES.includes(d.status))
    .map(record => resolveDeployment(index, record))
    .sort(
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

interface LockstepIndex {
  groups: LockstepGroup[];
  /**
   * The successful deployments of services with a domain that went out with `deployment`: same
   * environment, and the same pipeline run ({@link samePipelineRun}) or the same commit.
   */
  tiedTo(deployment: DeploymentFacts): ResolvedDeployment[];
}

/**
 * Lockstep: successful deployments to the same environment, of services in at least two
 * domains, that share a pipeline run (see {@link samePipelineRun}) or a commit SHA.
 * Deployments whose service has no domain cannot tell domains apart and are left out. When the
 * same deployments share both a pipeline run and a commit, the group is reported once (by
 * pipeline run).
 */
export function findLockstepGroups(
  graph: CatalogGraph,
  evidence: CiEvidence,
): LockstepGroup[] {
  return [...lockstepIndex(graph, evidence).groups];
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
 * The services of *other* domains deployed together with `deployment` (see
 * {@link findLockstepGroups} for what ties deployments). Its own domain must be known. Returns
 * sorted entity refs.
 */
export function findLockstepServices(
  graph: CatalogGraph,
  evidence: CiEvidence,
  deployment: DeploymentFacts,
): string[] {
  const own = serviceCatalogIndex(graph).matchRecord(deployment);
  if (!own?.domainRef) {
    return [];
  }
  const refs = new Set<string>();
  for (const other of lockstepIndex(graph, evidence).tiedTo(deployment)) {
    if (other.domainRef !== own.domainRef) {
      refs.add(other.entityRef!);
    }
  }
  return [...refs].sort(byString);
}

function lockstepIndex(
  graph: CatalogGraph,
  evidence: CiEvidence,
): LockstepIndex {
  // Asked once per Domain and per current release: indexed once per (graph, evidence).
  return memoByEvidence(graph, evidence, 'lockstepIndex', () =>
    buildLockstepIndex(graph, evidence),
  );
}

function buildLockstepIndex(
  graph: CatalogGraph,
  evidence: CiEvidence,
): LockstepIndex {
  const byPipeline = new Map<string, ResolvedDeployment[]>();
  const byCommit = new Map<string, ResolvedDeployment[]>();
  for (const deployment of successfulDeployments(graph, evidence)) {
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
      for (const other of byCommit.get(`${environment}\u0000${commit}`) ?? []) {
        tied.add(other);
      }
    }
    return [...tied];
  };

  // Pipeline groups first, so a group that a commit ties as well is reported by pipeline run.
  const candidates: LockstepGroup[] = [];
  for (const run of byPipeline.values()) {
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
    const { environment, commit } = same[0].record;
    candidates.push({
      environment,
      sharedBy: `commit ${commit}`,
      deployments: same,
      domains: [],
    });
  }

  const seen = new Set<string>();
  const groups: LockstepGroup[] = [];
  for (const group of candidates) {
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
 * ({@link sameVersion}), and not later than the deployment. The latest such run wins. The
 * passing runs are indexed once by service and version, so checking a long deployment history
 * stays linear.
 */
export function contractRunFinder(
  graph: CatalogGraph,
  evidence: CiEvidence,
): (
  deployment: ResolvedDeployment<DeploymentFacts>,
) => TestRunRecord | undefined {
  // Asked once per Domain and per current release: indexed once per (graph, evidence).
  return memoByEvidence(graph, evidence, 'contractRunFinder', () =>
    buildContractRunFinder(graph, evidence),
  );
}

function buildContractRunFinder(
  graph: CatalogGraph,
  evidence: CiEvidence,
): (
  deployment: ResolvedDeployment<DeploymentFacts>,
) => TestRunRecord | undefined {
  const index = serviceCatalogIndex(graph);
  const key = (service: string, version: string) =>
    `${service}\u0000${versionKey(version)}`;
  const byEntity = new Map<string, TestRunRecord[]>();
  const unmatchedByService = new Map<string, TestRunRecord[]>();
  const allByService = new Map<string, TestRunRecord[]>();
  for (const run of evidence?.testRuns ?? []) {
    if (run.suite !== 'contract' || run.result !== 'passed') continue;
    if (isNaN(Date.parse(run.occurredAt))) continue;
    const runRef = index.matchRecord(run)?.entityRef;
    const byService = key(ciServiceKey(run.service), run.version);
    if (runRef) {
      push(byEntity, key(runRef, run.version), run);
    } else {
      push(unmatchedByService, byService, run);
    }
    push(allByService, byService, run);
  }
  return deployment => {
    const { service, version, occurredAt } = deployment.record;
    const byService = key(ciServiceKey(service), version);
    const candidates = deployment.entityRef
      ? [
          ...(byEntity.get(key(deployment.entityRef, version)) ?? []),
          ...(unmatchedByService.get(byService) ?? []),
        ]
      : allByService.get(byService) ?? [];
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
