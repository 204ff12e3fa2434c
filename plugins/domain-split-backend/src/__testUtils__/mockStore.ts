import {
  ciServiceKey,
  LIVE_DEPLOYMENT_STATUSES,
  type RuleViolation,
  type StoredDeployment,
} from '@internal/plugin-domain-split-common';
import type { CiStore, StoredEvidence } from '../database/CiStore';

/** A successful production deployment of `service` at `version`. */
export function deployment(
  service: string,
  version: string,
  overrides: Partial<StoredDeployment> = {},
): StoredDeployment {
  return {
    eventId: `${service}-${version}`,
    service,
    version,
    environment: 'production',
    status: 'success',
    explicitRollback: false,
    occurredAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

/** A store whose evidence the test sets; every read is counted. */
export function mockStore() {
  let generation = 1;
  let violations: RuleViolation[] = [];
  let evidence: StoredEvidence = {
    deployments: [deployment('orders-service', '3.2.1')],
    testRuns: [],
  };
  const store = {
    getEvidenceGeneration: jest.fn(async () => generation),
    getEvidence: jest.fn(async () => evidence),
    listCurrentVersions: jest.fn(async () =>
      evidence.deployments.map(d => ({ ...d })),
    ),
    listLiveHeads: jest.fn(async (options: { serviceKeys?: string[] } = {}) =>
      evidence.deployments.filter(
        d =>
          !options.serviceKeys ||
          options.serviceKeys.includes(ciServiceKey(d.service)),
      ),
    ),
    listLiveEnvironments: jest.fn(async () =>
      [
        ...new Set(
          evidence.deployments
            .filter(d => LIVE_DEPLOYMENT_STATUSES.includes(d.status))
            .map(d => d.environment),
        ),
      ].sort(),
    ),
    listViolations: jest.fn(async () => violations),
    // The lifecycle as the store keeps it: everything found is open.
    updateViolations: jest.fn(
      async (
        found: RuleViolation[],
        now: Date,
        _options?: { background?: boolean },
      ) => {
        violations = found.map(v => ({
          ...v,
          status: 'open' as const,
          firstSeenAt: now.toISOString(),
          lastSeenAt: now.toISOString(),
        }));
        return violations;
      },
    ),
    getReleaseEvidence: jest.fn(async () => evidence),
    getHistory: jest.fn(async () => ({ ...evidence, releases: [] })),
    listServiceNames: jest.fn(async () => [
      ...new Set(evidence.deployments.map(d => d.service)),
    ]),
    listEventsOfServices: jest.fn(async () => []),
  };
  return {
    store: store as unknown as CiStore,
    mocks: store,
    setEvidence(next: StoredEvidence) {
      evidence = next;
      generation += 1;
    },
  };
}
