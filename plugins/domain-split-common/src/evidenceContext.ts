/*
 * The evidence context: one catalog (its service index) and one set of CI evidence, with the
 * indexes the verdicts read built on first use and kept on the context itself. The caller owns
 * its lifetime: build one per computation, or once per evidence generation (the backend's
 * AnalysisService) and pass it to computeMigrationStatus, checkRules, computeCurrentReleases and
 * decideCanIDeploy. Nothing is cached anywhere else.
 */
import { CatalogGraph, byString } from './graph';
import { push } from './graphIndex';
import {
  DEFAULT_LOCKSTEP_INTERVAL_MS,
  DeploymentFacts,
  EvidenceScope,
  LockstepGroup,
  LockstepIndex,
  ResolvedDeployment,
  ServiceCatalogIndex,
  buildContractRunFinderSteps,
  buildLockstepIndexSteps,
  latestPerServiceAndEnvironmentSteps,
  resolveSuccessfulDeploymentSteps,
  scopeEvidenceSteps,
  serviceCatalogIndex,
} from './evidence';
import { runToCompletion, Steps, workBudget } from './steps';
import type { CiEvidence, TestRunRecord, TestSuite } from './types';

/**
 * The indexes of an {@link EvidenceContext} (see {@link EvidenceContext.indexSteps}):
 * successful deployments (and by Component), live ones (and by Component), lockstep groups
 * (and by domain), the contract-test finder, the test runs by Component and suite.
 * @public
 */
export type EvidenceIndex =
  | 'successful'
  | 'live'
  | 'lockstep'
  | 'contractRuns'
  | 'testRuns';

const EVIDENCE_INDEXES: readonly EvidenceIndex[] = [
  'successful',
  'live',
  'lockstep',
  'contractRuns',
  'testRuns',
];

/**
 * CI evidence read against one catalog, with its indexes built once on first use: the
 * resolved successful deployments, the live ones, the lockstep groups (per interval), the
 * contract-test runs by service and version, the test runs by Component and suite.
 *
 * The context keeps its own frozen copy of the evidence lists, so what a caller does to its
 * arrays afterwards changes nothing here; new evidence is a new context.
 * @public
 */
export class EvidenceContext {
  /** The catalog's service index (CI names and records to Components). */
  readonly services: ServiceCatalogIndex;
  /** The evidence as given: its lists copied and frozen (pushing to them throws). */
  readonly evidence: Readonly<CiEvidence>;
  #successful?: ResolvedDeployment[];
  #successfulByEntity?: Map<string, ResolvedDeployment[]>;
  #successfulPosition?: Map<ResolvedDeployment, number>;
  #live?: ResolvedDeployment[];
  #liveByEntity?: Map<string, ResolvedDeployment[]>;
  readonly #lockstep = new Map<number, LockstepIndex>();
  readonly #lockstepByDomain = new Map<number, Map<string, LockstepGroup[]>>();
  #contractRunBefore?: (
    deployment: ResolvedDeployment<DeploymentFacts>,
  ) => TestRunRecord | undefined;
  /**
   * Each deployment's answer of {@link EvidenceContext.hasContractRunBefore}: the migration
   * status and the rule check ask it of the same deployments, and a context carried to another
   * catalog ({@link EvidenceContext.withServices}) keeps the answers.
   */
  #contractRunAnswers = new WeakMap<
    ResolvedDeployment<DeploymentFacts>,
    boolean
  >();
  #runsByComponent?: Map<string, TestRunRecord[]>;
  /** The scope this context is the result of (see {@link EvidenceContext.scopedSteps}). */
  #scopedAs?: {
    policy: EvidenceScope['policy'];
    now: number;
    trackedOnly: boolean;
  };

  constructor(services: ServiceCatalogIndex, evidence: CiEvidence) {
    this.services = services;
    this.evidence = Object.freeze({
      deployments: frozenCopy(evidence?.deployments),
      testRuns: frozenCopy(evidence?.testRuns),
    });
  }

  /** A context with a service index of its own: for one computation (tests, benchmarks). */
  static of(graph: CatalogGraph, evidence: CiEvidence): EvidenceContext {
    return new EvidenceContext(serviceCatalogIndex(graph), evidence);
  }

  /**
   * This context read against another catalog's service index that matches every record the
   * same (`sameServiceMatching` of the two graphs; the caller checks): the same evidence lists,
   * scope and the indexes built so far, which hold only what the matching gave. A catalog edit
   * that changes no matching (a title, an owner, a dependency) then neither matches nor indexes
   * the evidence again; the new context's `graph` is the new catalog's.
   */
  withServices(services: ServiceCatalogIndex): EvidenceContext {
    const context = new EvidenceContext(services, this.evidence);
    context.#successful = this.#successful;
    context.#successfulByEntity = this.#successfulByEntity;
    context.#successfulPosition = this.#successfulPosition;
    context.#live = this.#live;
    context.#liveByEntity = this.#liveByEntity;
    for (const [interval, index] of this.#lockstep) {
      context.#lockstep.set(interval, index);
    }
    for (const [interval, byDomain] of this.#lockstepByDomain) {
      context.#lockstepByDomain.set(interval, byDomain);
    }
    context.#contractRunBefore = this.#contractRunBefore;
    context.#contractRunAnswers = this.#contractRunAnswers;
    context.#runsByComponent = this.#runsByComponent;
    context.#scopedAs = this.#scopedAs;
    return context;
  }

  /** The catalog graph the service index reads. */
  get graph(): CatalogGraph {
    return this.services.graph;
  }

  /**
   * The context of the deployments a scope judges (`scopeEvidence`: tracked environments,
   * inside the window or live now), sharing this one's service index; this context itself
   * without a scope. A new context per call, unless this one is that scope's already (see
   * {@link EvidenceContext.scopedSteps}).
   */
  scoped(
    scope: EvidenceScope | undefined,
    options: { trackedOnly?: boolean } = {},
  ): EvidenceContext {
    return runToCompletion(this.scopedSteps(scope, options));
  }

  /**
   * {@link EvidenceContext.scoped} in pieces (see `scopeEvidenceSteps`). A context that is
   * already this scope's (the same policy object, the same `now`, the same `trackedOnly`) is
   * returned as it is, with the indexes built on it: scoping is idempotent, so a server scopes
   * and indexes once for every computation judged at that `now`.
   */
  *scopedSteps(
    scope: EvidenceScope | undefined,
    options: { trackedOnly?: boolean } = {},
  ): Steps<EvidenceContext> {
    if (!scope) return this;
    const trackedOnly = options.trackedOnly ?? false;
    const own = this.#scopedAs;
    if (
      own &&
      own.policy === scope.policy &&
      own.now === scope.now.getTime() &&
      own.trackedOnly === trackedOnly
    ) {
      return this;
    }
    const scoped = new EvidenceContext(
      this.services,
      yield* scopeEvidenceSteps(this.services, this.evidence, scope, options),
    );
    scoped.#scopedAs = {
      policy: scope.policy,
      now: scope.now.getTime(),
      trackedOnly,
    };
    return scoped;
  }

  /**
   * Successful deployments (`success`, `rolled_back`: they put a version live), oldest first,
   * with their entity and domain.
   */
  successfulDeployments(): readonly ResolvedDeployment[] {
    return runToCompletion(this.#successfulSteps());
  }

  /**
   * The successful deployments of these Components, oldest first (in the order of
   * {@link EvidenceContext.successfulDeployments}); indexed by Component once, so asking per
   * domain does not scan every deployment.
   */
  successfulDeploymentsOf(entityRefs: Iterable<string>): ResolvedDeployment[] {
    const { byEntity, position } = runToCompletion(
      this.#successfulIndexSteps(),
    );
    const lists = [...new Set(entityRefs)]
      .map(ref => byEntity.get(ref))
      .filter((list): list is ResolvedDeployment[] => !!list);
    if (lists.length === 1) return [...lists[0]];
    return lists.flat().sort((a, b) => position.get(a)! - position.get(b)!);
  }

  /**
   * The deployments live now: the latest successful one per service identity × environment,
   * with its catalog match.
   */
  liveDeployments(): readonly ResolvedDeployment[] {
    return runToCompletion(this.#liveSteps());
  }

  /**
   * The deployments live now of one Component (matched with the catalog), in the order of
   * {@link EvidenceContext.liveDeployments}; indexed once.
   */
  liveDeploymentsOf(entityRef: string): readonly ResolvedDeployment[] {
    return runToCompletion(this.#liveIndexSteps()).get(entityRef) ?? [];
  }

  /**
   * Deployments of services in different domains that went out together (same environment and
   * pipeline run, or same commit within `intervalMs`); see `buildLockstepIndexSteps` in evidence.ts.
   */
  lockstepGroups(
    intervalMs: number = DEFAULT_LOCKSTEP_INTERVAL_MS,
  ): readonly LockstepGroup[] {
    return runToCompletion(this.#lockstepSteps(intervalMs)).groups;
  }

  /**
   * The lockstep groups with a deployment of `domainRef`, in the order of
   * {@link EvidenceContext.lockstepGroups}; indexed by domain once per interval.
   */
  lockstepGroupsOf(
    domainRef: string,
    intervalMs: number = DEFAULT_LOCKSTEP_INTERVAL_MS,
  ): readonly LockstepGroup[] {
    return (
      runToCompletion(this.#lockstepDomainSteps(intervalMs)).get(domainRef) ??
      []
    );
  }

  /**
   * The services of *other* domains deployed together with `deployment` (see
   * {@link EvidenceContext.lockstepGroups} for what ties deployments); empty when its own
   * domain is unknown. Sorted entity refs.
   */
  lockstepServices(
    deployment: DeploymentFacts,
    intervalMs: number = DEFAULT_LOCKSTEP_INTERVAL_MS,
  ): string[] {
    const own = this.services.matchRecord(deployment);
    if (!own?.domainRef) return [];
    const refs = new Set<string>();
    for (const other of runToCompletion(this.#lockstepSteps(intervalMs)).tiedTo(
      deployment,
    )) {
      if (other.domainRef !== own.domainRef) refs.add(other.entityRef!);
    }
    return [...refs].sort(byString);
  }

  /**
   * Whether a passing contract-test run covers the deployment: same service (same catalog
   * entity when both are matched, else the same lower-cased CI service name), same version key
   * or commit, and not later than the deployment. Answered once per deployment object (do not
   * change a deployment after asking).
   */
  hasContractRunBefore(
    deployment: ResolvedDeployment<DeploymentFacts>,
  ): boolean {
    let answer = this.#contractRunAnswers.get(deployment);
    if (answer === undefined) {
      answer =
        runToCompletion(this.#contractRunSteps())(deployment) !== undefined;
      this.#contractRunAnswers.set(deployment, answer);
    }
    return answer;
  }

  /**
   * The test runs of one suite that match a Component ({@link ServiceCatalogIndex.matchRecord}),
   * in evidence order.
   */
  testRunsOf(entityRef: string, suite: TestSuite): readonly TestRunRecord[] {
    return (
      runToCompletion(this.#runsIndexSteps()).get(
        `${suite}\u0000${entityRef}`,
      ) ?? []
    );
  }

  /**
   * Builds the indexes a computation reads (all of them by default) in pieces of
   * {@link workBudget}: a computation over many domains or deployments runs these first, so
   * that no single piece of it (the first domain asked) builds them at once. Without it they
   * are built on first use.
   */
  *indexSteps(
    intervalMs: number = DEFAULT_LOCKSTEP_INTERVAL_MS,
    indexes: readonly EvidenceIndex[] = EVIDENCE_INDEXES,
  ): Steps<void> {
    const builds: Record<EvidenceIndex, () => Steps<unknown>> = {
      successful: () => this.#successfulIndexSteps(),
      live: () => this.#liveIndexSteps(),
      lockstep: () => this.#lockstepDomainSteps(intervalMs),
      contractRuns: () => this.#contractRunSteps(),
      testRuns: () => this.#runsIndexSteps(),
    };
    for (const name of indexes) {
      yield* builds[name]();
      yield;
    }
  }

  // Each index: built by its steps once, kept on the context; the steps of a built index end at once.

  *#successfulSteps(): Steps<ResolvedDeployment[]> {
    this.#successful ??= yield* resolveSuccessfulDeploymentSteps(
      this.services,
      this.evidence,
    );
    return this.#successful;
  }

  *#successfulIndexSteps(): Steps<{
    byEntity: Map<string, ResolvedDeployment[]>;
    position: Map<ResolvedDeployment, number>;
  }> {
    if (!this.#successfulByEntity || !this.#successfulPosition) {
      const successful = yield* this.#successfulSteps();
      const byEntity = new Map<string, ResolvedDeployment[]>();
      const position = new Map<ResolvedDeployment, number>();
      const budget = workBudget();
      for (let i = 0; i < successful.length; i++) {
        const deployment = successful[i];
        position.set(deployment, i);
        if (deployment.entityRef) {
          push(byEntity, deployment.entityRef, deployment);
        }
        if (budget.spend()) yield;
      }
      this.#successfulByEntity = byEntity;
      this.#successfulPosition = position;
    }
    return {
      byEntity: this.#successfulByEntity,
      position: this.#successfulPosition,
    };
  }

  *#liveSteps(): Steps<ResolvedDeployment[]> {
    if (!this.#live) {
      const successful = yield* this.#successfulSteps();
      this.#live = yield* latestPerServiceAndEnvironmentSteps(
        this.services,
        successful,
      );
    }
    return this.#live;
  }

  *#liveIndexSteps(): Steps<Map<string, ResolvedDeployment[]>> {
    if (!this.#liveByEntity) {
      const byEntity = new Map<string, ResolvedDeployment[]>();
      for (const deployment of yield* this.#liveSteps()) {
        if (deployment.entityRef) {
          push(byEntity, deployment.entityRef, deployment);
        }
      }
      this.#liveByEntity = byEntity;
    }
    return this.#liveByEntity;
  }

  *#lockstepSteps(intervalMs: number): Steps<LockstepIndex> {
    let index = this.#lockstep.get(intervalMs);
    if (!index) {
      const successful = yield* this.#successfulSteps();
      index = yield* buildLockstepIndexSteps(successful, intervalMs);
      this.#lockstep.set(intervalMs, index);
    }
    return index;
  }

  *#lockstepDomainSteps(
    intervalMs: number,
  ): Steps<Map<string, LockstepGroup[]>> {
    let byDomain = this.#lockstepByDomain.get(intervalMs);
    if (!byDomain) {
      const { groups } = yield* this.#lockstepSteps(intervalMs);
      byDomain = new Map();
      for (const group of groups) {
        for (const domain of group.domains) push(byDomain, domain, group);
      }
      this.#lockstepByDomain.set(intervalMs, byDomain);
    }
    return byDomain;
  }

  *#contractRunSteps(): Steps<
    (
      deployment: ResolvedDeployment<DeploymentFacts>,
    ) => TestRunRecord | undefined
  > {
    this.#contractRunBefore ??= yield* buildContractRunFinderSteps(
      this.services,
      this.evidence,
    );
    return this.#contractRunBefore;
  }

  *#runsIndexSteps(): Steps<Map<string, TestRunRecord[]>> {
    if (!this.#runsByComponent) {
      const byKey = new Map<string, TestRunRecord[]>();
      const budget = workBudget();
      for (const run of this.evidence.testRuns) {
        const ref = this.services.matchRecord(run)?.entityRef;
        if (ref) push(byKey, `${run.suite}\u0000${ref}`, run);
        if (budget.spend()) yield;
      }
      this.#runsByComponent = byKey;
    }
    return this.#runsByComponent;
  }
}

/** A frozen copy of a list; a frozen list (another context's) is shared, as it cannot change. */
function frozenCopy<T>(list: readonly T[] | undefined): T[] {
  if (list && Object.isFrozen(list)) return list as T[];
  return Object.freeze([...(list ?? [])]) as T[];
}
