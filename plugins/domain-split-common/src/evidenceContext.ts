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
  scopeEvidence,
  serviceCatalogIndex,
} from './evidence';
import type {
  CiEvidence,
  DeploymentRecord,
  TestRunRecord,
  TestSuite,
} from './types';

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
  #live?: ResolvedDeployment[];
  readonly #lockstep = new Map<number, LockstepIndex>();
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
   * The context of the deployments a scope judges ({@link scopeEvidence}: tracked environments,
   * inside the window or live now), sharing this one's service index; this context itself
   * without a scope. A new context per call: the scope's `now` moves.
   */
  scoped(
    scope: EvidenceScope | undefined,
    options: { trackedOnly?: boolean } = {},
  ): EvidenceContext {
    if (!scope) return this;
    return new EvidenceContext(
      this.services,
      scopeEvidence(this.services, this.evidence, scope, options),
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
   * Deployments of services in different domains that went out together (same environment and
   * pipeline run, or same commit within `intervalMs`); see `buildLockstepIndex` in evidence.ts.
   */
  lockstepGroups(
    intervalMs: number = DEFAULT_LOCKSTEP_INTERVAL_MS,
  ): readonly LockstepGroup[] {
    return this.#lockstepIndex(intervalMs).groups;
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
    this.#contractRunBefore ??= buildContractRunFinder(
      this.services,
      this.evidence,
    );
    return this.#contractRunBefore(deployment) !== undefined;
  }

  /**
   * The test runs of one suite that match a Component ({@link ServiceCatalogIndex.matchRecord}),
   * in evidence order.
   */
  testRunsOf(entityRef: string, suite: TestSuite): readonly TestRunRecord[] {
    if (!this.#runsByComponent) {
      const byKey = new Map<string, TestRunRecord[]>();
      for (const run of this.evidence.testRuns) {
        const ref = this.services.matchRecord(run)?.entityRef;
        if (ref) push(byKey, `${run.suite}\u0000${ref}`, run);
      }
      this.#runsByComponent = byKey;
    }
    return this.#runsByComponent.get(`${suite}\u0000${entityRef}`) ?? [];
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
