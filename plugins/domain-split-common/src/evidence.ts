import {
  CatalogGraph,
  byString,
  domainOf,
  matchServiceToEntity,
  normaliseRef,
} from './graph';
import { memoByEvidence } from './graphIndex';
import { LIVE_DEPLOYMENT_STATUSES } from './releases';
import { CiEvidence, DeploymentRecord, TestRunRecord } from './types';
import { compareVersions } from './versions';

/**
 * The catalog Component a CI record is about: its `entityRef` when set (and in the catalog),
 * else its service name matched against the catalog.
 */
export function recordEntityRef(
  graph: CatalogGraph,
  record: { service: string; entityRef?: string },
): string | undefined {
  if (record.entityRef) {
    const ref = graph.entities.has(record.entityRef)
      ? record.entityRef
      : normaliseRef(record.entityRef, 'component');
    if (ref && graph.entities.has(ref)) return ref;
  }
  return matchServiceToEntity(graph, record.service);
}

/** A successful deployment with the catalog entity and domain it belongs to. */
export interface ResolvedDeployment {
  record: DeploymentRecord;
  entityRef?: string;
  domainRef?: string;
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
  return (evidence?.deployments ?? [])
    .filter(d => LIVE_DEPLOYMENT_STATUSES.includes(d.status))
    .map(record => {
      const entityRef = recordEntityRef(graph, record);
      return {
        record,
        entityRef,
        domainRef: entityRef ? domainOf(graph, entityRef) : undefined,
      };
    })
    .sort(
      (a, b) =>
        time(a.record.occurredAt) - time(b.record.occurredAt) ||
        byString(a.record.eventId, b.record.eventId),
    );
}

/** Deployments of services in different domains that went out together. */
export interface LockstepGroup {
  environment: string;
  /** What ties them: `pipeline run <id>` or `commit <sha>`. */
  sharedBy: string;
  deployments: ResolvedDeployment[];
  domains: string[];
}

/**
 * Lockstep: successful deployments to the same environment, of services in at least two
 * domains, that share a pipeline run id or a commit SHA. Deployments whose service has no
 * domain cannot tell domains apart and are left out. When the same deployments share both a
 * pipeline run and a commit, the group is reported once (by pipeline run).
 */
export function findLockstepGroups(
  graph: CatalogGraph,
  evidence: CiEvidence,
): LockstepGroup[] {
  return [
    ...memoByEvidence(graph, evidence, 'lockstepGroups', () =>
      lockstepGroups(graph, evidence),
    ),
  ];
}

function lockstepGroups(
  graph: CatalogGraph,
  evidence: CiEvidence,
): LockstepGroup[] {
  const groups = new Map<string, LockstepGroup>();
  for (const deployment of successfulDeployments(graph, evidence)) {
    if (!deployment.domainRef) continue;
    const { environment, pipelineId, commit } = deployment.record;
    // Pipeline run ids are only unique within a repository, so the repository is part of the
    // tie when the deployment names one (as the release flags do).
    const repository = deployment.record.repository;
    const ties = [
      pipelineId
        ? `pipeline run ${pipelineId}${repository ? ` of ${repository}` : ''}`
        : undefined,
      commit ? `commit ${commit}` : undefined,
    ].filter((tie): tie is string => !!tie);
    for (const sharedBy of ties) {
      const key = `${environment}\u0000${sharedBy}`;
      const group = groups.get(key) ?? {
        environment,
        sharedBy,
        deployments: [],
        domains: [],
      };
      group.deployments.push(deployment);
      groups.set(key, group);
    }
  }
  const seen = new Set<string>();
  const result: LockstepGroup[] = [];
  for (const group of groups.values()) {
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
    result.push(group);
  }
  return result.sort(
    (a, b) =>
      byString(a.environment, b.environment) ||
      byString(a.sharedBy, b.sharedBy),
  );
}

/** `v3.2.1` and `3.2.1` are the same version (as for the release flags). */
function sameVersion(a: string, b: string): boolean {
  return a === b || compareVersions(a, b) === 0;
}

/**
 * Finds the passing contract-test run that covers a deployment: same service (same catalog
 * entity when both are matched, else the same lower-cased CI service name), same version, and
 * not later than the deployment. The latest such run wins. The passing runs are indexed once,
 * so checking a long deployment history stays linear.
 */
export function contractRunFinder(
  graph: CatalogGraph,
  evidence: CiEvidence,
): (deployment: ResolvedDeployment) => TestRunRecord | undefined {
  // Asked once per Domain: the runs are indexed once per (graph, evidence).
  return memoByEvidence(graph, evidence, 'contractRunFinder', () =>
    buildContractRunFinder(graph, evidence),
  );
}

function buildContractRunFinder(
  graph: CatalogGraph,
  evidence: CiEvidence,
): (deployment: ResolvedDeployment) => TestRunRecord | undefined {
  const serviceKey = (service: string) =>
    service.trim().toLocaleLowerCase('en-US');
  const byEntity = new Map<string, TestRunRecord[]>();
  const unmatchedByService = new Map<string, TestRunRecord[]>();
  const allByService = new Map<string, TestRunRecord[]>();
  for (const run of evidence?.testRuns ?? []) {
    if (run.suite !== 'contract' || run.result !== 'passed') continue;
    if (isNaN(Date.parse(run.occurredAt))) continue;
    const runRef = recordEntityRef(graph, run);
    const key = serviceKey(run.service);
    if (runRef) {
      byEntity.set(runRef, [...(byEntity.get(runRef) ?? []), run]);
    } else {
      unmatchedByService.set(key, [
        ...(unmatchedByService.get(key) ?? []),
        run,
      ]);
    }
    allByService.set(key, [...(allByService.get(key) ?? []), run]);
  }
  return deployment => {
    const key = serviceKey(deployment.record.service);
    const candidates = deployment.entityRef
      ? [
          ...(byEntity.get(deployment.entityRef) ?? []),
          ...(unmatchedByService.get(key) ?? []),
        ]
      : allByService.get(key) ?? [];
    const deployedAt = time(deployment.record.occurredAt);
    return candidates
      .filter(
        run =>
          sameVersion(run.version, deployment.record.version) &&
          time(run.occurredAt) <= deployedAt,
      )
      .sort((a, b) => time(b.occurredAt) - time(a.occurredAt))[0];
  };
}

/** A deployment as a short phrase: `orders-service 3.2.1 to production`. */
export function describeDeployment(deployment: ResolvedDeployment): string {
  const { service, version, environment } = deployment.record;
  return `${service} ${version} to ${environment}`;
}
