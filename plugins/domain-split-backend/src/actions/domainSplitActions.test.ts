import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import { DatabaseStore } from '../database/DatabaseStore';
import { loadExampleCatalog } from '../exampleCatalog/loadExampleCatalog';
import { AnalysisAccess } from '../permissions/AnalysisAccess';
import { VisibleEntities } from '../permissions/VisibleEntities';
import { StaticCatalogSource } from '../catalog/CatalogReader';
import { ServiceAnalysisReader } from '../reader/AnalysisReader';
import { AnalysisService } from '../service/AnalysisService';
import { deploymentDelivery } from '../__testUtils__/deliveries';
import {
  RESTRICTED_USER,
  restrictedCatalog,
  restrictedCatalogReadDecisions,
} from '../__testUtils__/restrictedCatalog';
import { registerDomainSplitActions } from './domainSplitActions';

jest.setTimeout(60_000);

const HIDDEN = 'component:default/checkout-orchestrator';
const DENIED_USER = 'user:default/no-analysis';

describe('Domain Split actions', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setUp() {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseStore.create({
      database: mockServices.database({ knex }),
    });
    await store.ingest(
      deploymentDelivery('d1', {
        service: 'payments-service',
        version: '1.9.5',
        occurredAt: '2026-11-20T10:00:00.000Z',
      }),
    );
    await store.ingest(
      deploymentDelivery('d2', {
        service: 'payments-service',
        version: '1.9.4',
        status: 'rolled_back',
        explicitRollback: true,
        occurredAt: '2026-11-21T10:00:00.000Z',
      }),
    );
    const entities = loadExampleCatalog();
    const analysis = new AnalysisService({
      catalog: new StaticCatalogSource(entities),
      store,
    });
    const permissions = mockServices.permissions.mock({
      authorizeConditional: restrictedCatalogReadDecisions,
      authorize: async (requests, options) =>
        requests.map(() => ({
          result:
            (options.credentials.principal as { userEntityRef?: string })
              .userEntityRef === DENIED_USER
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
    });
    const access = new AnalysisAccess({
      httpAuth: mockServices.httpAuth(),
      permissions,
      reader: new ServiceAnalysisReader(analysis),
      visibleEntities: new VisibleEntities({
        catalog: restrictedCatalog(entities, [HIDDEN]),
        permissions,
        ttlMs: 0,
      }),
    });
    const registry = actionsRegistryServiceMock();
    registerDomainSplitActions({
      actionsRegistry: registry,
      access,
      gate: { store, analysis },
      now: () => new Date('2026-11-28T10:00:00.000Z'),
    });
    const invoke = async (
      id: string,
      input: JsonObject,
      credentials = mockCredentials.user('user:default/mei.chen'),
    ) =>
      (await registry.invoke({ id: `test:${id}`, input, credentials }))
        .output as any;
    return { registry, invoke, store, analysis };
  }

  it('lists read-only actions with descriptions and schemas', async () => {
    const { registry } = await setUp();
    const { actions } = await registry.list();
    expect(actions.map(a => a.name).sort()).toEqual([
      'can-i-deploy',
      'get-failure-impact',
      'get-migration-status',
      'get-ownership',
      'get-releases',
      'get-rule-violations',
    ]);
    for (const action of actions) {
      expect(action.attributes).toEqual({
        readOnly: true,
        // The gate records each answer (an audit row), so asking twice is two answers.
        idempotent: action.name !== 'can-i-deploy',
        destructive: false,
      });
      expect(action.description.length).toBeGreaterThan(100);
      expect(action.schema.input.type).toBe('object');
    }
  });

  it('answers the impact of payments: orders waits', async () => {
    const { invoke, analysis } = await setUp();
    const radii = jest.spyOn(analysis, 'getBlastRadius');
    const answer = await invoke('get-failure-impact', { entity: 'payments' });
    // From the summary (cut from the radius kept without paths), never the whole radius with
    // every path; each listed entry is explained by its own path.
    for (const [, paths] of radii.mock.calls) {
      expect(paths).toEqual({ paths: false });
    }
    expect(answer.takesDownCount).toBeGreaterThanOrEqual(
      answer.takesDown.length,
    );
    expect(answer.takesDown.length).toBeGreaterThan(0);
    for (const entry of answer.takesDown) {
      expect(entry.why).not.toBe('not reached by any dependency');
    }
    expect(answer.affectedDomainCount).toBe(answer.affectedDomains.length);
    expect(answer.entityRef).toBe('domain:default/payments');
    const orders = answer.affectedDomains.find(
      (d: any) => d.entityRef === 'domain:default/orders',
    );
    expect(orders).toMatchObject({ impact: 'waits', title: 'Orders' });
    expect(orders.why).toMatch(
      /Orders service uses .* of Payments service: waits/,
    );
    expect(answer.summary).toMatch(/^If Payments fails: .*Orders waits/);
  });

  it('answers the deploy gate: a rollback without evidence is refused, and recorded', async () => {
    const { invoke, store } = await setUp();
    const answer = await invoke('can-i-deploy', {
      service: 'payments-service',
      version: '1.9.3',
      environment: 'production',
    });
    expect(answer).toMatchObject({
      entityRef: 'component:default/payments-service',
      liveVersion: '1.9.4',
      rollback: true,
      deployable: false,
    });
    const domainTests = answer.reasons.find(
      (r: any) => r.check === 'domain-tests',
    );
    expect(domainTests).toMatchObject({ ok: false, status: 'unknown' });
    expect(answer.summary).toMatch(
      /^No: payments-service may not roll back to 1\.9\.3 in production/,
    );
    expect(answer.impact.domains).toEqual(
      expect.arrayContaining([
        { domainRef: 'domain:default/orders', impact: 'waits' },
      ]),
    );
    const recorded = await store.listVerdicts(['payments-service']);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      version: '1.9.3',
      deployable: false,
      askedBy: 'user:default/mei.chen',
    });
    // A service the caller may not see is unknown to the gate, and nothing is recorded.
    await expect(
      invoke(
        'can-i-deploy',
        {
          service: 'checkout-orchestrator',
          version: '1.0.0',
          environment: 'production',
        },
        mockCredentials.user(RESTRICTED_USER),
      ),
    ).rejects.toThrow(/Unknown service "checkout-orchestrator"/);
    expect(await store.listVerdicts(['checkout-orchestrator'])).toEqual([]);
  });

  it('answers who owns a service and whom to ask first', async () => {
    const { invoke } = await setUp();
    const answer = await invoke('get-ownership', {
      entity: 'payments-service',
    });
    expect(answer).toMatchObject({
      entityRef: 'component:default/payments-service',
      owner: { entityRef: 'group:default/payments-team' },
      domain: { entityRef: 'domain:default/payments' },
    });
    expect(answer.whomToAsk[0].role).toBe('staff-engineer');
  });

  it('answers what version runs where, and that it was a rollback', async () => {
    const { invoke } = await setUp();
    const answer = await invoke('get-releases', {
      service: 'payments-service',
      environment: 'production',
    });
    expect(answer.releases).toEqual([
      expect.objectContaining({
        version: '1.9.4',
        rollback: true,
        previousVersion: '1.9.5',
      }),
    ]);
    await expect(
      invoke('get-releases', { environment: 'moon' }),
    ).rejects.toThrow(
      'No deployments to environment "moon"; known environments: production',
    );
  });

  it('answers the migration status of a domain and the rule violations', async () => {
    const { invoke } = await setUp();
    const status = await invoke('get-migration-status', { domain: 'orders' });
    expect(status.domainRef).toBe('domain:default/orders');
    expect(status.steps).toHaveLength(4);
    const violations = await invoke('get-rule-violations', {
      rule: 'no-shared-cache',
    });
    expect(violations.violations[0].entityRefs).toContain(
      'resource:default/shared-redis',
    );
    expect(violations.totalItems).toBe(violations.violations.length);

    // Paged: one at a time, the total said.
    const all = await invoke('get-rule-violations', {});
    expect(all).toMatchObject({ offset: 0, limit: 50 });
    expect(all.violations.length).toBeGreaterThan(1);
    const second = await invoke('get-rule-violations', {
      limit: 1,
      offset: 1,
    });
    expect(second).toMatchObject({
      totalItems: all.totalItems,
      offset: 1,
      limit: 1,
      violations: [all.violations[1]],
    });
  });

  it('never names what the caller may not see, and still counts it', async () => {
    const { invoke } = await setUp();
    const restricted = mockCredentials.user(RESTRICTED_USER);
    const answers = [
      await invoke('get-failure-impact', { entity: 'inventory' }, restricted),
      await invoke(
        'get-failure-impact',
        { entity: 'inventory-service' },
        restricted,
      ),
      await invoke('get-ownership', { entity: 'checkout' }, restricted),
      await invoke('get-migration-status', { domain: 'checkout' }, restricted),
      await invoke('get-rule-violations', {}, restricted),
      await invoke('get-releases', {}, restricted),
    ];
    for (const answer of answers) {
      expect(JSON.stringify(answer)).not.toMatch(/checkout[- ]orchestrator/i);
    }
    expect(answers[1].hiddenTakesDown).toEqual({ count: 1, impact: 'blocked' });
    await expect(
      invoke(
        'get-failure-impact',
        { entity: 'checkout-orchestrator' },
        restricted,
      ),
    ).rejects.toThrow('No entity "checkout-orchestrator" in the catalog');
    // The unrestricted caller does get it.
    const full = await invoke('get-failure-impact', {
      entity: 'inventory-service',
    });
    expect(JSON.stringify(full)).toMatch(/Checkout orchestrator/);
  });

  it('checks the read permission and validates input', async () => {
    const { invoke } = await setUp();
    await expect(
      invoke(
        'get-ownership',
        { entity: 'payments' },
        mockCredentials.user(DENIED_USER),
      ),
    ).rejects.toThrow(
      'You may not read the Domain Split analysis (permission domain-split.analysis.read)',
    );
    await expect(invoke('get-ownership', {})).rejects.toThrow(/entity/);
    await expect(
      invoke('get-failure-impact', { entity: 'nothing-like-this' }),
    ).rejects.toThrow('No entity "nothing-like-this" in the catalog');
    await expect(
      invoke('get-migration-status', { domain: 'payments-service' }),
    ).rejects.toThrow('No domain "payments-service" in the catalog');
    await expect(
      invoke('get-rule-violations', { rule: 'no-such-rule' }),
    ).rejects.toThrow();
  });
});
