/*
 * The windowed evidence read (DatabaseStore.getEvidence): what it returns of records inside and
 * outside the evidence window, and that the analysis answers from it exactly as from the whole
 * tables, on SQLite and PostgreSQL.
 */
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  buildCatalogGraph,
  checkRules,
  computeMigrationStatus,
  EvidenceContext,
  EvidencePolicy,
  flagDeploysAfterRefusal,
  RecordedVerdict,
  serviceCatalogIndex,
  ServiceCatalogIndex,
  toDeploymentRecords,
  toTestRunRecords,
} from '@internal/plugin-domain-split-common';
import type { StoredEvidence } from './CiStore';
import { DatabaseStore } from './DatabaseStore';
import {
  deploymentDelivery,
  testRunDelivery,
} from '../__testUtils__/deliveries';

jest.setTimeout(120_000);

const entity = (
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, annotations },
  spec: spec as Entity['spec'],
});

const CATALOG: Entity[] = [
  entity('Group', 'orders-team', { type: 'team', children: [] }),
  entity('Group', 'payments-team', { type: 'team', children: [] }),
  entity('Domain', 'orders', { owner: 'orders-team' }),
  entity('Domain', 'payments', { owner: 'payments-team' }),
  entity(
    'Component',
    'orders-service',
    {
      type: 'service',
      lifecycle: 'production',
      owner: 'orders-team',
      domain: 'orders',
    },
    {
      'domain-split/ci-service-name': 'orders-svc',
      'domain-split/github-workflow':
        'acme/platform:.github/workflows/orders-contract.yml',
    },
  ),
  entity('Component', 'payments-service', {
    type: 'service',
    lifecycle: 'production',
    owner: 'payments-team',
    domain: 'payments',
  }),
  entity('Component', 'billing-service', {
    type: 'service',
    lifecycle: 'production',
    owner: 'payments-team',
    domain: 'payments',
  }),
  entity('Component', 'ledger-service', {
    type: 'service',
    lifecycle: 'production',
    owner: 'payments-team',
    domain: 'payments',
  }),
  entity('Component', 'search-service', {
    type: 'service',
    lifecycle: 'production',
    owner: 'payments-team',
  }),
];

const day = (n: number, hour = 10) =>
  new Date(Date.UTC(2026, 9, 1 + n, hour)).toISOString();

describe('DatabaseStore.getEvidence', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    return await DatabaseStore.create({
      database: mockServices.database({ knex }),
    });
  }

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('returns the deployments of the window, the two newest live ones before it per service and environment, and for the versions and commits put live the first passing contract run and the latest domain run', async () => {
      const store = await createStore(databaseId);
      const since = day(10, 0);
      const deployments = [
        // id, service, environment, version, day, status
        ['o1', 'orders-service', 'production', '1.0.0', 1, 'success'],
        ['o2', 'orders-service', 'production', '1.1.0', 2, 'success'],
        ['o3', 'orders-service', 'production', '1.2.0', 3, 'failure'],
        ['o4', 'Orders-Service', 'production', '1.0.0', 4, 'rolled_back'],
        ['o5', 'orders-service', 'staging', '1.3.0', 5, 'success'],
        ['o6', 'orders-service', 'production', '1.4.0', 12, 'failure'],
        ['o7', 'orders-service', 'preview-1', '1.4.0', 13, 'in_progress'],
        ['o8', 'orders-service', 'staging', '1.4.0', 10, 'success'],
        ['o9', 'orders-service', 'production', '1.2.5', 11, 'success', 'ABC'],
        ['p1', 'payments-service', 'production', '2.0.0', 9, 'success'],
        ['p2', 'payments-service', 'production', '1.9.0', 8, 'failure'],
      ] as const;
      for (const [
        id,
        service,
        environment,
        version,
        n,
        status,
        commit,
      ] of deployments) {
        await store.ingest(
          deploymentDelivery(id, {
            service,
            environment,
            version,
            status,
            occurredAt: day(n),
            ...(commit ? { commit } : {}),
          }),
        );
      }
      const runs = [
        // id, suite, result, version, day, commit, workflow
        ['c1', 'contract', 'passed', '1.0.0', 1],
        ['c2', 'contract', 'passed', '1.0.0', 11], // not the first of 1.0.0
        ['c3', 'contract', 'failed', '1.1.0', 2], // failed contract runs count for nothing
        ['c4', 'contract', 'passed', 'v1.2.0', 3, 'abc'], // first of abc, o9's commit ABC
        ['c5', 'contract', 'passed', 'v1.2.0', 4, 'abc'], // neither first of version nor commit
        ['c6', 'contract', 'passed', '1.0.0', 5, undefined, 'acme/x:ci.yml'],
        ['c7', 'contract', 'passed', '1.3.0', 6, 'abc'], // first of 1.3.0, not of abc
        ['c8', 'contract', 'passed', '9.9.9', 2], // 9.9.9 was never live
        ['d1', 'domain', 'passed', '1.0.0', 7],
        ['d2', 'domain', 'failed', '1.0.0', 8], // the latest of 1.0.0
        ['d3', 'domain', 'passed', '1.1.0', 9, 'def'],
        ['d4', 'domain', 'failed', '1.5.0', 14, 'def'], // the service's latest
        ['d5', 'domain', 'passed', '1.5.0', 12], // 1.5.0 was never live, older than d4
      ] as const;
      for (const [id, suite, result, version, n, commit, workflow] of runs) {
        await store.ingest(
          testRunDelivery(id, {
            suite,
            result,
            version,
            occurredAt: day(n),
            ...(commit ? { commit } : {}),
            ...(workflow ? { workflow } : {}),
          }),
        );
      }

      const evidence = await store.getEvidence({ since });
      expect(evidence.deployments.map(d => d.eventId)).toEqual([
        'o7', // window: any status, any environment
        'o6',
        'o9',
        'o8', // the window starts at `since`, inclusive
        'p1', // before the window: newest live of payments/production
        'o5', // newest live of orders/staging
        'o4', // newest live of orders/production (service names compared lower-case)
        'o2', // the one before it
      ]);
      expect(evidence.testRuns.map(r => r.eventId)).toEqual([
        'd4',
        'd3',
        'd2',
        'c7',
        'c6',
        'c4',
        'c1',
      ]);
      // Rows come back as the whole-table read gives them.
      const whole = await store.getHistory([
        'orders-service',
        'payments-service',
      ]);
      const byId = new Map(
        [...whole.deployments, ...whole.testRuns].map(r => [r.eventId, r]),
      );
      for (const record of [...evidence.deployments, ...evidence.testRuns]) {
        expect(record).toEqual(byId.get(record.eventId));
      }
    });

    it('gives the same migration status, rule violations and deploys after a refusal as the whole tables', async () => {
      const store = await createStore(databaseId);
      const start = Date.UTC(2026, 6, 3);
      const now = new Date(start + 120 * 86_400_000);
      const policy: EvidencePolicy = {
        environments: [
          { name: 'staging' },
          { name: 'production', production: true },
        ],
        windowMs: 30 * 86_400_000,
        lockstepIntervalMs: 30 * 60_000,
      };
      const services = serviceCatalogIndex(buildCatalogGraph(CATALOG));
      // A deterministic mix over 120 days: aliases, lockstep commits and pipeline runs,
      // rollbacks, failures, untracked environments, contract and domain runs by version or
      // commit, a workflow-matched run.
      let seed = 7;
      const random = (n: number) => {
        seed = (seed * 48_271) % 2_147_483_647;
        return seed % n;
      };
      const names = [
        'orders-service',
        'orders-svc',
        'payments-service',
        'search-service',
        'legacy-batch',
      ];
      const environments = ['production', 'staging', 'preview-3'];
      const statuses = [
        'success',
        'success',
        'success',
        'failure',
        'rolled_back',
        'in_progress',
      ] as const;
      for (let i = 0; i < 160; i++) {
        const minute = random(120 * 24 * 60);
        const version = `1.${random(6)}.0`;
        await store.ingest(
          deploymentDelivery(`dep-${i}`, {
            service: names[random(names.length)],
            environment: environments[random(environments.length)],
            version,
            status: statuses[random(statuses.length)],
            occurredAt: new Date(start + minute * 60_000).toISOString(),
            ...(random(3) === 0 ? { commit: `c${random(8)}` } : {}),
            ...(random(4) === 0 ? { pipelineId: `run-${random(6)}` } : {}),
          }),
        );
      }
      for (let i = 0; i < 120; i++) {
        const minute = random(120 * 24 * 60);
        await store.ingest(
          testRunDelivery(`run-${i}`, {
            service: names[random(names.length)],
            version: `${random(2) ? 'v' : ''}1.${random(6)}.0`,
            suite: random(2) ? 'contract' : 'domain',
            result: random(4) ? 'passed' : 'failed',
            occurredAt: new Date(start + minute * 60_000).toISOString(),
            ...(random(3) === 0 ? { commit: `c${random(8)}` } : {}),
            ...(random(10) === 0
              ? {
                  workflow:
                    'acme/platform:.github/workflows/orders-contract.yml',
                }
              : {}),
          }),
        );
      }
      // Two cases the mix may miss. A deploy inside the window covered by a contract run long
      // before it, though the version's latest run came after the deploy:
      const daysBefore = (days: number) =>
        new Date(now.getTime() - days * 86_400_000).toISOString();
      for (const [id, days] of [
        ['billing-contract-old', 40],
        ['billing-contract-new', 5],
      ] as const) {
        await store.ingest(
          testRunDelivery(id, {
            service: 'billing-service',
            version: '1.9.0',
            occurredAt: daysBefore(days),
          }),
        );
      }
      // ... a Component never deployed, whose latest domain-suite run (of any version) counts...
      for (const [id, version, result, days] of [
        ['ledger-1', '7.0.0', 'passed', 50],
        ['ledger-2', '7.1.0', 'failed', 45],
      ] as const) {
        await store.ingest(
          testRunDelivery(id, {
            service: 'ledger-service',
            suite: 'domain',
            version,
            result,
            occurredAt: daysBefore(days),
          }),
        );
      }
      // ... and a rollback live since before the window (a downgrade of the one before it).
      for (const [id, version, days] of [
        ['billing-1', '3.0.0', 60],
        ['billing-2', '2.5.0', 50],
        ['billing-3', '1.9.0', 10],
      ] as const) {
        await store.ingest(
          deploymentDelivery(id, {
            service: 'billing-service',
            environment: id === 'billing-3' ? 'staging' : 'production',
            version,
            occurredAt: daysBefore(days),
          }),
        );
      }
      const since = new Date(now.getTime() - policy.windowMs).toISOString();
      const windowed = contextOf(services, await store.getEvidence({ since }));
      const whole = contextOf(
        services,
        await store.getHistory([...names, 'billing-service', 'ledger-service']),
      );
      expect(windowed.evidence.deployments.length).toBeLessThan(
        whole.evidence.deployments.length,
      );
      expect(windowed.evidence.testRuns.length).toBeLessThan(
        whole.evidence.testRuns.length,
      );
      // The deployments every verdict judges, with their rollback flags.
      const scope = { policy, now };
      expect(windowed.scoped(scope).evidence.deployments).toEqual(
        whole.scoped(scope).evidence.deployments,
      );
      // A later check of the same read (the window moved on) agrees as well.
      const later = { policy, now: new Date(now.getTime() + 5 * 86_400_000) };
      expect(windowed.scoped(later).evidence.deployments).toEqual(
        whole.scoped(later).evidence.deployments,
      );
      for (const at of [scope, later]) {
        expect(computeMigrationStatus(windowed, at)).toEqual(
          computeMigrationStatus(whole, at),
        );
        expect(checkRules(windowed, at)).toEqual(checkRules(whole, at));
      }
      const verdicts: RecordedVerdict[] = whole.evidence.deployments
        .filter((_, i) => i % 3 === 0)
        .map((d, i) => ({
          id: `v-${i}`,
          service: d.service,
          version: d.version,
          environment: d.environment,
          deployable: false,
          rollback: false,
          reasons: [],
          askedBy: 'user:default/ci',
          askedAt: new Date(Date.parse(d.occurredAt) - 60_000).toISOString(),
        }))
        .filter(v => v.askedAt >= since);
      expect(verdicts.length).toBeGreaterThan(0);
      expect(
        flagDeploysAfterRefusal(verdicts, [...windowed.evidence.deployments]),
      ).toEqual(
        flagDeploysAfterRefusal(verdicts, [...whole.evidence.deployments]),
      );
    });
  });
});

function contextOf(
  services: ServiceCatalogIndex,
  stored: StoredEvidence,
): EvidenceContext {
  return new EvidenceContext(services, {
    deployments: toDeploymentRecords(stored.deployments, services),
    testRuns: toTestRunRecords(stored.testRuns, services),
  });
}
