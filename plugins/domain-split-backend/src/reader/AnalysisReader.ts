import {
  BlastRadiusResponse,
  CatalogGraph,
  checkRules,
  compareEnvironments,
  computeBlastRadius,
  computeCurrentReleases,
  computeFailureMatrix,
  computeOwnership,
  FailureMatrixResponse,
  MigrationStatusResponse,
  OwnershipResponse,
  ReleasesResponse,
  RuleViolationsResponse,
  serviceCatalogIndex,
  toDeploymentRecords,
  toTestRunRecords,
} from '@internal/plugin-domain-split-common';
import type { CatalogGraphSource } from '../catalog/CatalogGraphSource';
import type { CiStore } from '../database/CiStore';
import { currentMigrationStatus, loadAnalysisInput } from '../service/analysis';

/**
 * One consistent view of the analysis: the catalog graph and everything computed from it on
 * the whole catalog (not redacted; callers that answer a person or an agent redact it with
 * common's `AnalysisRedactor`).
 * @internal
 */
export interface AnalysisView {
  readonly graph: CatalogGraph;
  ownership(): Promise<OwnershipResponse>;
  failureMatrix(level: 'domain' | 'service'): Promise<FailureMatrixResponse>;
  /** Undefined when the catalog has no such entity. */
  blastRadius(entityRef: string): Promise<BlastRadiusResponse | undefined>;
  releases(): Promise<ReleasesResponse>;
  migration(): Promise<MigrationStatusResponse>;
  ruleViolations(): Promise<RuleViolationsResponse>;
}

/**
 * Hands out the current analysis view. Actions, notifications and permission checks read the
 * analysis through this interface only, so the service layer that computes results once per
 * catalog/evidence change can back it.
 * @internal
 */
export interface AnalysisReader {
  read(): Promise<AnalysisView>;
}

/**
 * The current releases per service × environment: what GET /releases answers.
 * @internal
 */
export async function currentReleases(options: {
  store: CiStore;
  graph: CatalogGraph;
}): Promise<ReleasesResponse> {
  const { store, graph } = options;
  const current = await store.listCurrentVersions();
  const stored = await store.getReleaseEvidence(current);
  const index = serviceCatalogIndex(graph);
  const evidence = {
    deployments: toDeploymentRecords(stored.deployments, index),
    testRuns: toTestRunRecords(stored.testRuns, index),
  };
  return {
    environments: [...new Set(current.map(c => c.environment))].sort(
      compareEnvironments,
    ),
    current: computeCurrentReleases(current, evidence, index),
  };
}

/**
 * {@link AnalysisReader} over the catalog graph source and the CI store, computing on demand
 * (what the read routes do today).
 * @internal
 */
export class GraphAnalysisReader implements AnalysisReader {
  readonly #store: CiStore;
  readonly #graphs: CatalogGraphSource;
  readonly #monorepoUrl?: string;
  readonly #now: () => Date;

  constructor(options: {
    store: CiStore;
    graphs: CatalogGraphSource;
    monorepoUrl?: string;
    /** The clock (tests). */
    now?: () => Date;
  }) {
    this.#store = options.store;
    this.#graphs = options.graphs;
    this.#monorepoUrl = options.monorepoUrl;
    this.#now = options.now ?? (() => new Date());
  }

  async read(): Promise<AnalysisView> {
    const graph = await this.#graphs.getGraph();
    const store = this.#store;
    const pinned: CatalogGraphSource = { getGraph: async () => graph };
    const monorepoUrl = this.#monorepoUrl;
    const now = this.#now;
    return {
      graph,
      ownership: async () => computeOwnership(graph),
      failureMatrix: async level => computeFailureMatrix(graph, level),
      blastRadius: async ref => computeBlastRadius(graph, ref),
      releases: () => currentReleases({ store, graph }),
      migration: () =>
        currentMigrationStatus({
          store,
          graphs: pinned,
          monorepoUrl,
          now: now(),
        }),
      ruleViolations: async () => {
        const { evidence } = await loadAnalysisInput({ store, graphs: pinned });
        return checkRules(graph, evidence);
      },
    };
  }
}
