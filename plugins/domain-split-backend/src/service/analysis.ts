import {
  CatalogGraph,
  checkRules,
  CiEvidence,
  computeMigrationStatus,
  DEFAULT_EVIDENCE_POLICY,
  EvidencePolicy,
  RuleViolationsResponse,
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
  evidencePolicy?: EvidencePolicy;
  now: Date;
}): Promise<MigrationStatusResponse> {
  const { graph, evidence } = await loadAnalysisInput(options);
  return computeMigrationStatus(graph, evidence, {
    monorepoUrl: options.monorepoUrl,
    now: options.now,
    policy: options.evidencePolicy ?? DEFAULT_EVIDENCE_POLICY,
  });
}

/**
 * The rules checked now, with their lifecycle advanced in the store (open / resolved, first
 * and last seen): every analysis of the rules — a read of GET /rules/violations or the
 * snapshot task — is one step of the lifecycle. Returns every tracked violation.
 * @internal
 */
export async function trackedRuleViolations(options: {
  store: CiStore;
  graphs: CatalogGraphSource;
  evidencePolicy?: EvidencePolicy;
  now: Date;
}): Promise<RuleViolationsResponse> {
  const { graph, evidence } = await loadAnalysisInput(options);
  const found = checkRules(graph, evidence, {
    policy: options.evidencePolicy ?? DEFAULT_EVIDENCE_POLICY,
    now: options.now,
  });
  return {
    ...found,
    violations: await options.store.updateViolations(
      found.violations,
      options.now,
    ),
  };
}
