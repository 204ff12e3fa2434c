import {
  CatalogGraph,
  CiEvidence,
  computeMigrationStatus,
  MigrationStatusResponse,
  serviceCatalogIndex,
  toDeploymentRecords,
  toTestRunRecords,
} from '@internal/plugin-domain-split-common';
import type { CatalogGraphSource } from '../catalog/CatalogGraphSource';
import type { CiStore } from '../database/CiStore';

/**
 * The catalog graph and the CI evidence, matched with each other: what every analysis reads.
 * @internal
 */
export async function loadAnalysisInput(options: {
  store: CiStore;
  graphs: CatalogGraphSource;
}): Promise<{ graph: CatalogGraph; evidence: CiEvidence }> {
  const [graph, stored] = await Promise.all([
    options.graphs.getGraph(),
    options.store.getEvidence(),
  ]);
  const index = serviceCatalogIndex(graph);
  return {
    graph,
    evidence: {
      deployments: toDeploymentRecords(stored.deployments, index),
      testRuns: toTestRunRecords(stored.testRuns, index),
    },
  };
}

/**
 * The migration status now.
 * @internal
 */
export async function currentMigrationStatus(options: {
  store: CiStore;
  graphs: CatalogGraphSource;
  monorepoUrl?: string;
  now: Date;
}): Promise<MigrationStatusResponse> {
  const { graph, evidence } = await loadAnalysisInput(options);
  return computeMigrationStatus(graph, evidence, {
    monorepoUrl: options.monorepoUrl,
    now: options.now,
  });
}
