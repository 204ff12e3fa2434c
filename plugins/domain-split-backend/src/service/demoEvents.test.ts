/*
 * The demo command's history, posted to a test backend that has the example catalog: it must
 * produce the release situations the demo promises.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type {
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

    const unmatched = await request(server)
      .get('/api/domain-split/events/unmatched')
      .set('authorization', mockCredentials.user.header());
    expect(
      (unmatched.body as UnmatchedEventsResponse).items.map(i => i.service),
    ).toEqual(['legacy-billing']);
  });
});
