/*
 * Turns a synthetic CI event stream into the evidence the analysis reads, the way the backend
 * does after storing events: stored deployments → DeploymentRecords (matched with the catalog,
 * rollbacks marked), test runs → TestRunRecords.
 */
import {
  CatalogGraph,
  CiEvidence,
  DeploymentStatus,
  StoredDeployment,
  TestRunRecord,
  TestResult,
  TestSuite,
  serviceCatalogIndex,
  toDeploymentRecords,
  toTestRunRecords,
} from '@internal/plugin-domain-split-common';

export function toStored(events: Record<string, any>[]) {
  const deployments: StoredDeployment[] = [];
  const testRuns: TestRunRecord[] = [];
  for (const e of events) {
    if (e.type === 'deployment') {
      deployments.push({
        eventId: e.id,
        service: e.service,
        version: e.version,
        environment: e.environment,
        status: e.status as DeploymentStatus,
        occurredAt: e.occurredAt,
        commit: e.commit,
        pipelineId: e.pipeline?.id,
        pipelineUrl: e.pipeline?.url,
        repository: e.pipeline?.repository,
        explicitRollback: false,
      });
    } else if (e.type === 'test_run') {
      testRuns.push({
        eventId: e.id,
        service: e.service,
        version: e.version,
        suite: e.suite as TestSuite,
        result: e.result as TestResult,
        occurredAt: e.occurredAt,
        pipelineUrl: e.pipeline?.url,
      });
    }
  }
  return { deployments, testRuns };
}

export function toEvidence(
  graph: CatalogGraph,
  stored: ReturnType<typeof toStored>,
): CiEvidence {
  const index = serviceCatalogIndex(graph);
  return {
    deployments: toDeploymentRecords(stored.deployments, index),
    testRuns: toTestRunRecords(stored.testRuns, index),
  };
}
