import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type {
  ContextMapResponse,
  MigrationOverviewResponse,
} from '@internal/plugin-domain-split-common';
import request from 'supertest';
import { loadExampleCatalog } from '../exampleCatalog/loadExampleCatalog';
import { startPlugin, testConfig } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

type Server = Parameters<typeof request>[0];

const user = mockCredentials.user.header();

async function get(server: Server, url: string, auth = user) {
  return request(server)
    .get(`/api/domain-split${url}`)
    .set('authorization', auth);
}

describe('GET /context-map (example catalog)', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  const entities = loadExampleCatalog();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const backend = await startPlugin({
        knex,
        entities,
        config: testConfig({
          monorepo: {
            url: 'https://github.com/aliexpress-platform/aliexpress-platform',
          },
        }),
      });
      return backend.server;
    }

    it('serves the whole map to users and services, red edges naming their rule', async () => {
      const server = await setup();
      const res = await get(server, '/context-map');
      expect(res.status).toBe(200);
      const map = res.body as ContextMapResponse;
      expect(map.nodes).toHaveLength(10);
      expect(map.focus).toBeUndefined();
      const legacy = map.edges.find(
        e =>
          e.id ===
          'domain:default/products|domain:default/platform|shared-database',
      );
      expect(legacy?.rules).toEqual(['no-cross-domain-db']);
      expect(map.violations[legacy!.violations[0]].message).toMatch(
        /^Database Legacy monolith database is used across domains/,
      );

      // Phases are the migration status's.
      const migration = (await get(server, '/migration?limit=500'))
        .body as MigrationOverviewResponse;
      expect(
        Object.fromEntries(map.nodes.map(n => [n.domainRef, n.phase])),
      ).toEqual(
        Object.fromEntries(migration.domains.map(d => [d.domainRef, d.phase])),
      );

      const asService = await get(
        server,
        '/context-map',
        mockCredentials.service.header(),
      );
      expect(asService.status).toBe(200);
      expect(asService.body).toEqual(map);
    });

    it('narrows to a domain or a team, refs written short or in full', async () => {
      const server = await setup();
      const short = await get(server, '/context-map?domain=payments');
      expect(short.status).toBe(200);
      const full = await get(
        server,
        `/context-map?domain=${encodeURIComponent('domain:default/payments')}`,
      );
      expect(full.body).toEqual(short.body);
      const payments = short.body as ContextMapResponse;
      expect(payments.focus).toEqual({
        domain: 'domain:default/payments',
        domains: ['domain:default/payments'],
      });
      expect(payments.nodes.map(n => n.domainRef)).toContain(
        'domain:default/orders',
      );
      expect(
        payments.edges.every(
          e =>
            e.from === 'domain:default/payments' ||
            e.to === 'domain:default/payments',
        ),
      ).toBe(true);

      // An entity card asks for the most tied neighbours only.
      const card = (await get(server, '/context-map?domain=payments&neighbours=1'))
        .body as ContextMapResponse;
      expect(card.nodes).toHaveLength(2);
      expect(card.focus?.moreNeighbours).toBe(
        payments.nodes.length - 1 - 1,
      );
      expect((await get(server, '/context-map?domain=payments&neighbours=0')).status).toBe(400);

      // ... and draws the outline: the lists behind nodes and edges stay on the Map tab.
      const outline = (
        await get(server, '/context-map?domain=payments&neighbours=1&details=false')
      ).body as ContextMapResponse;
      expect(outline.detailsOmitted).toBe(true);
      expect(outline.nodes.map(n => [n.domainRef, n.serviceCount])).toEqual(
        card.nodes.map(n => [n.domainRef, n.serviceCount]),
      );
      expect(outline.edges.map(e => [e.id, e.count, e.rules])).toEqual(
        card.edges.map(e => [e.id, e.count, e.rules]),
      );
      expect(card.violations.length).toBeGreaterThan(0);
      expect(outline.violations).toEqual([]);
      expect(outline.nodes.flatMap(n => n.components)).toEqual([]);
      expect(
        (await get(server, '/context-map?domain=payments&details=no')).status,
      ).toBe(400);

      // A department sees its teams' domains.
      const engineering = (await get(server, '/context-map?team=engineering'))
        .body as ContextMapResponse;
      expect(engineering.focus?.domains).toHaveLength(10);
      const supply = (await get(server, '/context-map?team=supply-team'))
        .body as ContextMapResponse;
      expect(supply.focus?.domains).toEqual([
        'domain:default/inventory',
        'domain:default/shipping',
      ]);
    });

    it('refuses bad refs with 400, unknown ones with 404, and no credentials with 401', async () => {
      const server = await setup();
      const cases: [string, number, RegExp][] = [
        // The contract's validator answers first for malformed parameters.
        [
          '/context-map?domain=',
          400,
          /Empty value found for query parameter 'domain'/,
        ],
        [
          `/context-map?domain=${encodeURIComponent('group:default/x')}`,
          400,
          /domain must name a domain, not group:default\/x/,
        ],
        ['/context-map?domain=a&domain=b', 400, /domain/],
        ['/context-map?colour=red', 400, /colour/],
        [
          '/context-map?domain=atlantis',
          404,
          /No domain domain:default\/atlantis/,
        ],
        ['/context-map?team=nobody', 404, /No group group:default\/nobody/],
      ];
      for (const [url, status, message] of cases) {
        const res = await get(server, url);
        expect({ url, status: res.status }).toEqual({ url, status });
        expect(res.body.error.message).toMatch(message);
      }
      const anonymous = await request(server).get(
        '/api/domain-split/context-map',
      );
      expect(anonymous.status).toBe(401);
    });
  });
});
