/*
 * The demo command's history, posted to a test backend that has the example catalog: it must
 * produce the release situations the demo promises.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type {
  CanIDeployResponse,
  CurrentRelease,
  ReleasesResponse,
  UnmatchedEventsResponse,
} from '@internal/plugin-domain-split-common';
import request from 'supertest';
import { loadExampleCatalog } from '../exampleCatalog/loadExampleCatalog';
import { startPlugin, testConfig } from '../__testUtils__/testBackend';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const demo = require('../../scripts/demo-events.js') as {
  demoEvents(now: number): Array<Record<string, unknown> & { id: string }>;
  sign(secret: string, id: string, timestamp: number, body: string): string;
  devSecretFromAppConfig(): string | undefined;
};

jest.setTimeout(60_000);

describe('scripts/demo-events.js', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('posts a history that shows every release situation, and is idempotent', async () => {
    const secret = demo.devSecretFromAppConfig();
    expect(secret).toMatch(/^whsec_/);
    const knex = await databases.init('SQLITE_3');
    const { server } = await startPlugin({
      knex,
      entities: loadExampleCatalog(),
      config: testConfig({
        webhooks: {
          maxBodyBytes: 4096,
          standardWebhooks: { secrets: [secret!] },
        },
        // As app-config.yaml: the preview environments are not tracked.
        environments: ['staging', { name: 'production', production: true }],
      }),
    });

    const postAll = async () => {
      const statuses: number[] = [];
      for (const event of demo.demoEvents(Date.now())) {
        const body = JSON.stringify(event);
        const timestamp = Math.floor(Date.now() / 1000);
        const res = await request(server)
          .post('/api/domain-split/webhooks/ci')
          .set({
            'content-type': 'application/json',
            'webhook-id': `msg_${event.id}`,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': demo.sign(
              secret!,
              `msg_${event.id}`,
              timestamp,
              body,
            ),
          })
          .send(body);
        statuses.push(res.status);
      }
      return statuses;
    };
    const first = await postAll();
    expect(new Set(first)).toEqual(new Set([202]));
    const second = await postAll();
    expect(new Set(second)).toEqual(new Set([200]));

    const { body } = await request(server)
      .get('/api/domain-split/releases')
      .set('authorization', mockCredentials.user.header());
    const releases = body as ReleasesResponse;
    const current = (service: string, environment = 'production') =>
      releases.current.find(
        r => r.service === service && r.environment === environment,
      ) as CurrentRelease;

    expect(releases.environments).toEqual(['staging', 'production']);
    expect(releases.otherEnvironments).toEqual([
      'preview-pr-1412',
      'preview-pr-88',
    ]);
    expect(current('orders-service')).toMatchObject({
      version: '3.2.1',
      domainRef: 'domain:default/orders',
      rollback: false,
      withoutContractTests: false,
      lockstepWith: [],
    });
    expect(current('payments-service')).toMatchObject({
      version: '1.9.4',
      rollback: true,
      previousVersion: '1.9.5',
    });
    expect(current('products-service').withoutContractTests).toBe(true);
    expect(current('checkout-orchestrator').lockstepWith).toEqual([
      'component:default/inventory-service',
    ]);
    expect(current('inventory-service', 'staging').lockstepWith).toEqual([
      'component:default/checkout-orchestrator',
    ]);
    expect(current('search-readmodels', 'staging').version).toBe('0.8.0');

    // One entity's answer (computed for that entity alone) is its part of the whole answer,
    // lockstep and contract verdicts included.
    const entityRefs = [
      ...new Set(releases.current.map(r => r.entityRef).filter(Boolean)),
    ] as string[];
    expect(entityRefs.length).toBeGreaterThan(5);
    for (const entityRef of entityRefs) {
      const one = await request(server)
        .get('/api/domain-split/releases')
        .query({ entityRef })
        .set('authorization', mockCredentials.user.header());
      // (The answer is a page of one service, with its domain's header.)
      expect(one.body).toMatchObject({
        environments: releases.environments,
        otherEnvironments: releases.otherEnvironments,
        totalItems: 1,
      });
      expect(one.body.current).toEqual(
        releases.current.filter(r => r.entityRef === entityRef),
      );
    }

    // The deploy gate shows both answers on the demo history.
    const canIDeploy = async (query: string) => {
      const res = await request(server)
        .get(`/api/domain-split/can-i-deploy?${query}`)
        .set('authorization', mockCredentials.service.header());
      expect(res.status).toBe(200);
      return res.body as CanIDeployResponse;
    };
    const orders = await canIDeploy(
      'service=orders-service&version=3.2.1&environment=production',
    );
    expect(orders.reasons.filter(r => !r.ok)).toEqual([]);
    expect(orders.deployable).toBe(true);
    expect(
      orders.reasons.find(
        r =>
          r.check === 'provider-contract' &&
          r.entityRefs[0] === 'component:default/payments-service',
      ),
    ).toMatchObject({ status: 'passed' });

    const rollback = await canIDeploy(
      'service=payments-service&version=1.9.3&environment=production',
    );
    expect(rollback).toMatchObject({
      deployable: false,
      rollback: true,
      liveVersion: '1.9.4',
    });
    const ordersConsumer = rollback.reasons.find(
      r =>
        r.check === 'consumer-contract' &&
        r.entityRefs[0] === 'component:default/orders-service',
    )!;
    expect(ordersConsumer.status).toBe('unknown');
    expect(ordersConsumer.detail).toContain(
      'orders-service 3.2.1 was verified against payments-service 1.9.4 only',
    );

    const unverified = await canIDeploy(
      'service=orders-service&version=3.3.0&environment=production',
    );
    expect(unverified.deployable).toBe(false);
    const notOk = unverified.reasons.filter(r => !r.ok);
    expect(notOk.length).toBeGreaterThan(0);
    expect(notOk.every(r => r.status === 'unknown')).toBe(true);
    expect(notOk.map(r => r.check)).not.toContain('domain-tests');
    expect(notOk[0].detail).toMatch(/Send a passing contract test_run/);

    const unmatched = await request(server)
      .get('/api/domain-split/events/unmatched')
      .set('authorization', mockCredentials.user.header());
    expect(
      (unmatched.body as UnmatchedEventsResponse).items.map(i => i.service),
    ).toEqual(['legacy-billing']);
  });
});
