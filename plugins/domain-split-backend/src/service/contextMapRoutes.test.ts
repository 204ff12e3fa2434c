import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type {
  ContextMapChoicesResponse,
  ContextMapResponse,
  ContextMapViewResponse,
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
      const card = (
        await get(server, '/context-map?domain=payments&neighbours=1')
      ).body as ContextMapResponse;
      expect(card.nodes).toHaveLength(2);
      expect(card.focus?.moreNeighbours).toBe(payments.nodes.length - 1 - 1);
      expect(
        (await get(server, '/context-map?domain=payments&neighbours=0')).status,
      ).toBe(400);

      // ... and draws the outline: the lists behind nodes and edges stay on the Map tab.
      const outline = (
        await get(
          server,
          '/context-map?domain=payments&neighbours=1&details=false',
        )
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

    it('serves what the Map tab draws: the small map whole, filtered, with the selected domain', async () => {
      const server = await setup();
      const whole = (await get(server, '/context-map'))
        .body as ContextMapResponse;
      const all = await get(server, '/context-map/view');
      expect(all.status).toBe(200);
      const view = all.body as ContextMapViewResponse;
      expect(view.view).toMatchObject({
        mode: 'all',
        notDrawn: 0,
        domains: whole.nodes.length,
        teams: whole.teams.length,
        ties: whole.edges.length,
        violatingTies: whole.edges.filter(e => e.rules.length > 0).length,
      });
      // The same map as GET /context-map, drawn by counts and rules.
      expect(view.nodes.map(n => [n.domainRef, n.serviceCount])).toEqual(
        whole.nodes.map(n => [n.domainRef, n.serviceCount]),
      );
      expect(view.edges.map(e => e.id)).toEqual(whole.edges.map(e => e.id));
      expect(view.selected).toBeUndefined();

      const payments = (
        await get(
          server,
          '/context-map/view?domain=payments&kinds=shared-database&violationsOnly=true',
        )
      ).body as ContextMapViewResponse;
      expect(
        payments.edges.every(
          e => e.kind === 'shared-database' && e.rules.length > 0,
        ),
      ).toBe(true);
      expect(payments.nodes.map(n => n.domainRef)).toContain(
        'domain:default/payments',
      );
      // The side panel's lists: its services, the owner's domains, the rules all its ties
      // break.
      expect(
        payments.nodes.find(n => n.domainRef === 'domain:default/payments')
          ?.components,
      ).toEqual(
        whole.nodes.find(n => n.domainRef === 'domain:default/payments')
          ?.components,
      );
      expect(payments.selected?.domainRef).toBe('domain:default/payments');
      expect(payments.selected?.ownerDomains).toContain(
        'domain:default/payments',
      );
      const paymentsTies = whole.edges.filter(
        e =>
          e.from === 'domain:default/payments' ||
          e.to === 'domain:default/payments',
      );
      expect(
        payments.selected!.violations.map(i => payments.violations[i].key),
      ).toEqual(
        [...new Set(paymentsTies.flatMap(e => e.violations))]
          .sort((a, b) => a - b)
          .slice(0, 10)
          .map(i => whole.violations[i].key),
      );

      const team = (await get(server, '/context-map/view?team=supply-team'))
        .body as ContextMapViewResponse;
      expect(team.view.mode).toBe('team');
      expect(
        team.edges.every(e =>
          ['domain:default/inventory', 'domain:default/shipping'].some(
            d => e.from === d || e.to === d,
          ),
        ),
      ).toBe(true);

      for (const [url, status] of [
        ['/context-map/view?kinds=roads', 400],
        ['/context-map/view?kinds=', 400],
        ['/context-map/view?violationsOnly=yes', 400],
        ['/context-map/view?domain=atlantis', 404],
        ['/context-map/view?team=nobody', 404],
      ] as const) {
        expect({ url, status: (await get(server, url)).status }).toEqual({
          url,
          status,
        });
      }
    });

    it('pages the domains and teams of the pickers, matching a text', async () => {
      const server = await setup();
      const domains = (await get(server, '/context-map/domains'))
        .body as ContextMapChoicesResponse;
      expect(domains.totalItems).toBe(10);
      expect(domains.items).toContainEqual({
        entityRef: 'domain:default/payments',
        title: 'Payments',
      });
      const pay = (await get(server, '/context-map/domains?q=PAY&limit=1'))
        .body as ContextMapChoicesResponse;
      expect(pay.items).toEqual([
        { entityRef: 'domain:default/payments', title: 'Payments' },
      ]);
      const teams = (await get(server, '/context-map/teams?limit=0'))
        .body as ContextMapChoicesResponse;
      expect(teams.items).toEqual([]);
      expect(teams.totalItems).toBeGreaterThan(1);
      expect((await get(server, '/context-map/teams?limit=501')).status).toBe(
        400,
      );
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
