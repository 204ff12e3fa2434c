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
  buildContractRunFinder,
  buildLockstepIndex,
  latestPerServiceAndEnvironment,
  resolveSuccessfulDeployments,
  scopeEvidenceSteps,
  serviceCatalogIndex,
} from './evidence';
import { runToCompletion, Steps } from './steps';
import type {
  CiEvidence,
  DeploymentRecord,
  TestRunRecord,
  TestSuite,
} from './types';

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
  #runsByComponent?: Map<string, TestRunRecord[]>;

  constructor(services: ServiceCatalogIndex, evidence: CiEvidence) {
    this.services = services;
    this.evidence = Object.freeze({
      deployments: Object.freeze([
        ...(evidence?.deployments ?? []),
      ]) as DeploymentRecord[],
      testRuns: Object.freeze([
        ...(evidence?.testRuns ?? []),
      ]) as TestRunRecord[],
    });
  }

  /** A context with a service index of its own: for one computation (tests, benchmarks). */
  static of(graph: CatalogGraph, evidence: CiEvidence): EvidenceContext {
    return new EvidenceContext(serviceCatalogIndex(graph), evidence);
  }

  /** The catalog graph the service index reads. */
  get graph(): CatalogGraph {
    return this.services.graph;
  }

  /**
   * The context of the deployments a scope judges (`scopeEvidence`: tracked environments,
   * inside the window or live now), sharing this one's service index; this context itself
   * without a scope. A new context per call: the scope's `now` moves.
   */
  scoped(
    scope: EvidenceScope | undefined,
    options: { trackedOnly?: boolean } = {},
  ): EvidenceContext {
    return runToCompletion(this.scopedSteps(scope, options));
  }

  /** {@link EvidenceContext.scoped} in pieces (see `scopeEvidenceSteps`). */
  *scopedSteps(
    scope: EvidenceScope | undefined,
    options: { trackedOnly?: boolean } = {},
  ): Steps<EvidenceContext> {
    if (!scope) return this;
    return new EvidenceContext(
      this.services,
      yield* scopeEvidenceSteps(this.services, this.evidence, scope, options),
    );
  }

  /**
   * Successful deployments (`success`, `rolled_back`: they put a version live), oldest first,
   * with their entity and domain.
   */
  successfulDeployments(): readonly ResolvedDeployment[] {
    this.#successful ??= resolveSuccessfulDeployments(
      this.services,
      this.evidence,
    );
    return this.#successful;
  }

  /**
   * The successful deployments of these Components, oldest first (in the order of
   * {@link EvidenceContext.successfulDeployments}); indexed by Component once, so asking per
   * domain does not scan every deployment.
   */
  successfulDeploymentsOf(entityRefs: Iterable<string>): ResolvedDeployment[] {
    const { byEntity, position } = this.#successfulIndex();
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
    this.#live ??= latestPerServiceAndEnvironment(
      this.services,
      this.successfulDeployments(),
    );
    return this.#live;
  }

  /**
   * The deployments live now of one Component (matched with the catalog), in the order of
   * {@link EvidenceContext.liveDeployments}; indexed once.
   */
  liveDeploymentsOf(entityRef: string): readonly ResolvedDeployment[] {
    return this.#liveIndex().get(entityRef) ?? [];
  }

  /**
   * Deployments of services in different domains that went out together (same environment and
   * pipeline run, or same commit within `intervalMs`); see `buildLockstepIndex` in evidence.ts.
   */
  lockstepGroups(
    intervalMs: number = DEFAULT_LOCKSTEP_INTERVAL_MS,
  ): readonly LockstepGroup[] {
    return this.#lockstepIndex(intervalMs).groups;
  }

  /**
   * The lockstep groups with a deployment of `domainRef`, in the order of
   * {@link EvidenceContext.lockstepGroups}; indexed by domain once per interval.
   */
  lockstepGroupsOf(
    domainRef: string,
    intervalMs: number = DEFAULT_LOCKSTEP_INTERVAL_MS,
  ): readonly LockstepGroup[] {
    return this.#lockstepDomainIndex(intervalMs).get(domainRef) ?? [];
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
    for (const other of this.#lockstepIndex(intervalMs).tiedTo(deployment)) {
      if (other.domainRef !== own.domainRef) refs.add(other.entityRef!);
    }
    return [...refs].sort(byString);
  }

  /**
   * Whether a passing contract-test run covers the deployment: same service (same catalog
   * entity when both are matched, else the same lower-cased CI service name), same version key
   * or commit, and not later than the deployment.
   */
  hasContractRunBefore(
    deployment: ResolvedDeployment<DeploymentFacts>,
  ): boolean {
    return this.#contractRunFinder()(deployment) !== undefined;
  }

  /**
   * The test runs of one suite that match a Component ({@link ServiceCatalogIndex.matchRecord}),
   * in evidence order.
   */
  testRunsOf(entityRef: string, suite: TestSuite): readonly TestRunRecord[] {
    return this.#runsIndex().get(`${suite}\u0000${entityRef}`) ?? [];
  }

  /**
   * Builds the indexes a computation reads, one per step (all of them by default): a
   * computation over many domains or deployments runs these first, so that no single piece of
   * it (the first domain asked) builds them all at once. Without it they are built on first use.
   */
  *indexSteps(
    intervalMs: number = DEFAULT_LOCKSTEP_INTERVAL_MS,
    indexes: readonly EvidenceIndex[] = EVIDENCE_INDEXES,
  ): Steps<void> {
    const builds: Record<EvidenceIndex, (() => unknown)[]> = {
      successful: [
        () => this.successfulDeployments(),
        () => this.#successfulIndex(),
      ],
      live: [() => this.liveDeployments(), () => this.#liveIndex()],
      lockstep: [
        () => this.#lockstepIndex(intervalMs),
        () => this.#lockstepDomainIndex(intervalMs),
      ],
      contractRuns: [() => this.#contractRunFinder()],
      testRuns: [() => this.#runsIndex()],
    };
    for (const name of indexes) {
      for (const build of builds[name]) {
        build();
        yield;
      }
    }
  }

  #successfulIndex() {
    if (!this.#successfulByEntity || !this.#successfulPosition) {
      const byEntity = new Map<string, ResolvedDeployment[]>();
      const position = new Map<ResolvedDeployment, number>();
      this.successfulDeployments().forEach((deployment, i) => {
        position.set(deployment, i);
        if (deployment.entityRef) {
          push(byEntity, deployment.entityRef, deployment);
        }
      });
      this.#successfulByEntity = byEntity;
      this.#successfulPosition = position;
    }
    return {
      byEntity: this.#successfulByEntity,
      position: this.#successfulPosition,
    };
  }

  #liveIndex(): Map<string, ResolvedDeployment[]> {
    if (!this.#liveByEntity) {
      const byEntity = new Map<string, ResolvedDeployment[]>();
      for (const deployment of this.liveDeployments()) {
        if (deployment.entityRef) {
          push(byEntity, deployment.entityRef, deployment);
        }
      }
      this.#liveByEntity = byEntity;
    }
    return this.#liveByEntity;
  }

  #lockstepDomainIndex(intervalMs: number): Map<string, LockstepGroup[]> {
    let byDomain = this.#lockstepByDomain.get(intervalMs);
    if (!byDomain) {
      byDomain = new Map();
      for (const group of this.lockstepGroups(intervalMs)) {
        for (const domain of group.domains) push(byDomain, domain, group);
      }
      this.#lockstepByDomain.set(intervalMs, byDomain);
    }
    return byDomain;
  }

  #contractRunFinder() {
    this.#contractRunBefore ??= buildContractRunFinder(
      this.services,
      this.evidence,
    );
    return this.#contractRunBefore;
  }

  #runsIndex(): Map<string, TestRunRecord[]> {
    if (!this.#runsByComponent) {
      const byKey = new Map<string, TestRunRecord[]>();
      for (const run of this.evidence.testRuns) {
        const ref = this.services.matchRecord(run)?.entityRef;
        if (ref) push(byKey, `${run.suite}\u0000${ref}`, run);
      }
      this.#runsByComponent = byKey;
    }
    return this.#runsByComponent;
  }

  #lockstepIndex(intervalMs: number): LockstepIndex {
    let index = this.#lockstep.get(intervalMs);
    if (!index) {
      index = buildLockstepIndex(this.successfulDeployments(), intervalMs);
      this.#lockstep.set(intervalMs, index);
    }
    return index;
  }
}
