import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  ReleaseHistoryResponse,
  ReleasesPageResponse,
  ReleasesResponse,
  UnmatchedEventsResponse,
} from '@internal/plugin-domain-split-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { domainSplitPlugin } from '../plugin';
import {
  deploymentEvent,
  standardWebhookHeaders,
  startPlugin,
  testConfig,
  testEntities,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

type Server = Parameters<typeof request>[0];

async function post(server: Server, event: Record<string, unknown>) {
  const body = deploymentEvent(event);
  const res = await request(server)
    .post('/api/domain-split/webhooks/ci')
    .set(standardWebhookHeaders(body))
    .send(body);
  expect(res.status).toBe(202);
}

async function get<T>(server: Server, url: string): Promise<T> {
  const res = await request(server)
    .get(`/api/domain-split${url}`)
    .set('authorization', mockCredentials.user.header());
  expect(res.status).toBe(200);
  return res.body as T;
}

describe('read routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    async function setup(entities: Entity[] = testEntities) {
      const knex = await databases.init(databaseId);
      const backend = await startPlugin({ knex, entities });
      return backend.server;
    }

    it('computes rollback, missing contract tests and lockstep for the current releases', async () => {
      const server = await setup();
      const day = (d: number) =>
        `2026-11-${String(d).padStart(2, '0')}T10:00:00.000Z`;
      await post(server, {
        id: 'p1',
        service: 'payments',
        version: '1.9.5',
        occurredAt: day(1),
      });
      // Rolled back by deploying a lower version, in the same pipeline run as orders.
      const lockstep = { id: 'run-9', repository: 'org/mono' };
      await post(server, {
        id: 'p2',
        service: 'payments',
        version: '1.9.4',
        occurredAt: day(3),
        pipeline: lockstep,
      });
      await post(server, {
        id: 'o1',
        version: '3.2.1',
        occurredAt: day(3),
        pipeline: lockstep,
      });
      const testRun = JSON.stringify({
        id: 't1',
        type: 'test_run',
        occurredAt: day(2),
        service: 'orders-service',
        version: '3.2.1',
        suite: 'contract',
        result: 'passed',
      });
      await request(server)
        .post('/api/domain-split/webhooks/ci')
        .set(standardWebhookHeaders(testRun))
        .send(testRun)
        .expect(202);

      const releases = await get<ReleasesResponse>(server, '/releases');
      expect(releases.environments).toEqual(['production']);
      expect(releases.current).toEqual([
        {
          service: 'orders-service',
          entityRef: 'component:default/orders-service',
          domainRef: 'domain:default/orders',
          environment: 'production',
          version: '3.2.1',
          status: 'success',
          deployedAt: day(3),
          rollback: false,
          withoutContractTests: false,
          lockstepWith: ['component:default/payments-service'],
        },
        {
          service: 'payments',
          entityRef: 'component:default/payments-service',
          domainRef: 'domain:default/payments',
          environment: 'production',
          version: '1.9.4',
          status: 'success',
          deployedAt: day(3),
          rollback: true,
          previousVersion: '1.9.5',
          withoutContractTests: true,
          lockstepWith: ['component:default/orders-service'],
        },
      ]);
    });

    it('pages the release grid by service, searched on the server', async () => {
      const server = await setup();
      const day = (d: number) =>
        `2026-11-${String(d).padStart(2, '0')}T10:00:00.000Z`;
      await post(server, { id: 'o1', version: '3.2.1', occurredAt: day(3) });
      await post(server, {
        id: 'p1',
        service: 'payments',
        version: '1.9.4',
        occurredAt: day(3),
      });
      await post(server, {
        id: 'l1',
        service: 'legacy-billing',
        version: '0.9.0',
        occurredAt: day(3),
      });

      // Grouped by domain (by name, none last), one row per service.
      const all = await get<ReleasesPageResponse>(server, '/releases');
      expect(all.current.map(r => r.service)).toEqual([
        'orders-service',
        'payments',
        'legacy-billing',
      ]);
      expect(all).toMatchObject({ totalItems: 3, offset: 0, limit: 25 });
      expect(all.domains.map(d => [d.domainRef, d.services])).toEqual([
        ['domain:default/orders', 1],
        ['domain:default/payments', 1],
        [undefined, 1],
      ]);
      const second = await get<ReleasesPageResponse>(
        server,
        '/releases?limit=1&offset=1',
      );
      expect(second.current.map(r => r.service)).toEqual(['payments']);
      expect(second.domains.map(d => d.domainRef)).toEqual([
        'domain:default/payments',
      ]);
      expect(second).toMatchObject({ totalItems: 3, offset: 1, limit: 1 });
      // The search: service name, Component ref or domain name.
      for (const [q, services] of [
        ['BILLING', ['legacy-billing']],
        ['payments-service', ['payments']],
        ['orders', ['orders-service']],
        ['nothing', []],
      ] as const) {
        const found = await get<ReleasesPageResponse>(
          server,
          `/releases?q=${q}&marked=false&untracked=true`,
        );
        expect(found.current.map(r => r.service)).toEqual(services);
        expect(found.totalItems).toBe(services.length);
      }
      for (const query of [
        'limit=0',
        'limit=101',
        'offset=-1',
        'marked=yes',
        'untracked=1',
      ]) {
        const invalid = await request(server)
          .get(`/api/domain-split/releases?${query}`)
          .set('authorization', mockCredentials.user.header());
        expect(invalid.status).toBe(400);
      }
    });

    it('keeps a late, older event in the history only', async () => {
      const server = await setup();
      await post(server, {
        id: 'new',
        version: '3.2.1',
        occurredAt: '2026-11-05T00:00:00.000Z',
      });
      await post(server, {
        id: 'old',
        version: '3.1.0',
        occurredAt: '2026-11-01T00:00:00.000Z',
      });

      const releases = await get<ReleasesResponse>(server, '/releases');
      expect(releases.current).toHaveLength(1);
      expect(releases.current[0]).toMatchObject({
        version: '3.2.1',
        previousVersion: '3.1.0',
        rollback: false,
      });
      const history = await get<ReleaseHistoryResponse>(
        server,
        '/releases/orders-service/history',
      );
      expect(history.entityRef).toBe('component:default/orders-service');
      expect(history.deployments.map(d => [d.eventId, d.rollback])).toEqual([
        ['new', false],
        ['old', false],
      ]);
    });

    it('lists events of services the catalog does not know, and 404s an unknown history', async () => {
      const server = await setup();
      await post(server, {
        id: 'u1',
        service: 'legacy-billing',
        version: '0.9.0',
      });
      await post(server, { id: 'k1' });

      const unmatched = await get<UnmatchedEventsResponse>(
        server,
        '/events/unmatched',
      );
      expect(unmatched.items).toEqual([
        {
          eventId: 'u1',
          type: 'deployment',
          service: 'legacy-billing',
          version: '0.9.0',
          environment: 'production',
          occurredAt: '2026-11-01T10:00:00.000Z',
          receivedAt: expect.any(String),
        },
      ]);
      const history = await get<ReleaseHistoryResponse>(
        server,
        '/releases/legacy-billing/history',
      );
      expect(history.entityRef).toBeUndefined();
      expect(history.deployments).toHaveLength(1);

      const missing = await request(server)
        .get('/api/domain-split/releases/nothing-here/history')
        .set('authorization', mockCredentials.user.header());
      expect(missing.status).toBe(404);

      const badLimit = await request(server)
        .get('/api/domain-split/events/unmatched?limit=0')
        .set('authorization', mockCredentials.user.header());
      expect(badLimit.status).toBe(400);
    });

    it('requires credentials for every read', async () => {
      const server = await setup();
      for (const url of [
        '/releases',
        '/releases/orders-service/history',
        '/events/unmatched',
      ]) {
        const res = await request(server).get(`/api/domain-split${url}`);
        expect(res.status).toBe(401);
      }
      const service = await request(server)
        .get('/api/domain-split/releases')
        .set('authorization', mockCredentials.service.header());
      expect(service.status).toBe(200);
    });
  });

  it('matches at read time: a component added to the catalog later picks up its history', async () => {
    const knex = await databases.init('SQLITE_3');
    let entities: Entity[] = testEntities;
    const catalog = catalogServiceMock.mock({
      queryEntities: async query => {
        const kind = (query as { filter?: { kind?: string } }).filter?.kind;
        const items = entities.filter(entity => entity.kind === kind);
        return { items, totalItems: items.length, pageInfo: {} };
      },
      // A refresh reads the entities it finds changed by ref.
      getEntitiesByRefs: async ({ entityRefs }) => ({
        items: entityRefs.map(ref =>
          entities.find(entity => stringifyEntityRef(entity) === ref),
        ),
      }),
    });
    const { server } = await startPlugin({ knex, catalog: catalog.factory });
    await post(server, {
      id: 'b1',
      service: 'billing-service',
      version: '1.0.0',
    });
    expect(
      (await get<UnmatchedEventsResponse>(server, '/events/unmatched')).items,
    ).toHaveLength(1);

    entities = [
      ...testEntities,
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'billing-service', namespace: 'default' },
        spec: {
          type: 'service',
          owner: 'group:default/payments-team',
          domain: 'payments',
        },
      },
    ];
    // Stale-while-revalidate: the request that finds the read expired gets the previous
    // catalog and starts a refresh; a later request sees the new component.
    const unmatched = async () =>
      (await get<UnmatchedEventsResponse>(server, '/events/unmatched')).items;
    for (let i = 0; i < 50 && (await unmatched()).length > 0; i++) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    expect(await unmatched()).toEqual([]);
    const releases = await get<ReleasesResponse>(server, '/releases');
    expect(releases.current[0]).toMatchObject({
      service: 'billing-service',
      entityRef: 'component:default/billing-service',
      domainRef: 'domain:default/payments',
    });
  });

  it('keeps everything across a restart on a file-based SQLite database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'domain-split-'));
    const filename = path.join(dir, 'domain-split.sqlite');
    const connect = (): Knex =>
      knexFactory({
        client: 'better-sqlite3',
        connection: { filename },
        useNullAsDefault: true,
      });
    try {
      const firstKnex = connect();
      const first = await startPlugin({ knex: firstKnex });
      await post(first.server, {
        id: 'r1',
        version: '3.2.0',
        occurredAt: '2026-11-01T00:00:00.000Z',
      });
      await post(first.server, {
        id: 'r2',
        version: '3.2.1',
        occurredAt: '2026-11-02T00:00:00.000Z',
      });
      await first.stop();
      await firstKnex.destroy();

      const secondKnex = connect();
      const second = await startPlugin({ knex: secondKnex });
      const releases = await get<ReleasesResponse>(second.server, '/releases');
      expect(releases.current).toEqual([
        expect.objectContaining({ version: '3.2.1', previousVersion: '3.2.0' }),
      ]);
      // The idempotency keys survived too.
      const body = deploymentEvent({
        id: 'r2',
        version: '3.2.1',
        occurredAt: '2026-11-02T00:00:00.000Z',
      });
      const again = await request(second.server)
        .post('/api/domain-split/webhooks/ci')
        .set(standardWebhookHeaders(body))
        .send(body);
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('duplicate');
      await second.stop();
      await secondKnex.destroy();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts the static external-access token of backend.auth.externalAccess (real auth services)', async () => {
    const knex = await databases.init('SQLITE_3');
    const token = 'test-only-ci-token-0123456789abcdef';
    const { server } = await startTestBackend({
      features: [
        domainSplitPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...testConfig(),
            backend: {
              baseUrl: 'http://localhost:7007',
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token, subject: 'ci-pipelines' },
                  },
                ],
              },
            },
          },
        }),
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: testEntities }),
        authServiceFactory,
        httpAuthServiceFactory,
      ],
    });
    const body = deploymentEvent();
    const accepted = await request(server)
      .post('/api/domain-split/webhooks/ci')
      .set({
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      })
      .send(body);
    expect(accepted.status).toBe(202);

    const wrong = await request(server)
      .post('/api/domain-split/webhooks/ci')
      .set({
        'content-type': 'application/json',
        authorization: 'Bearer not-the-token',
      })
      .send(deploymentEvent({ id: 'evt-2' }));
    expect(wrong.status).toBe(401);

    const anonymous = await request(server).get('/api/domain-split/releases');
    expect(anonymous.status).toBe(401);
    const withToken = await request(server)
      .get('/api/domain-split/releases')
      .set('authorization', `Bearer ${token}`);
    expect(withToken.status).toBe(200);
    expect(withToken.body.current).toHaveLength(1);
  });
});
