/*
 * Permissions end to end through the plugin's routes: a reader the catalog denies one Component
 * (checkout-orchestrator) never gets its name from any route, while the impact through it is
 * still there; the read and CI-post permissions answer 403 with a message when denied.
 */
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { expandMatrixPage } from '@internal/plugin-domain-split-common';
import type {
  BlastRadiusResponse,
  BlastRadiusSummaryResponse,
  FailureMatrixPageResponse,
} from '@internal/plugin-domain-split-common';
import request from 'supertest';
import { loadExampleCatalog } from '../exampleCatalog/loadExampleCatalog';
import {
  RESTRICTED_USER,
  restrictedCatalogFactory,
  restrictedCatalogReadDecisions,
} from '../__testUtils__/restrictedCatalog';
import {
  deploymentEvent,
  startPlugin,
  testConfig,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const HIDDEN = 'component:default/checkout-orchestrator';
const DENIED_USER = 'user:default/no-analysis';
const DENIED_SERVICE = 'external:read-only-ci';

/** Denies the read permission to one user and the CI post to one service. */
const permissions = mockServices.permissions.mock({
  authorizeConditional: restrictedCatalogReadDecisions,
  authorize: async (requests, options) =>
    requests.map(r => {
      const principal = options.credentials.principal as {
        userEntityRef?: string;
        subject?: string;
      };
      const denied =
        (r.permission.name === 'domain-split.analysis.read' &&
          principal.userEntityRef === DENIED_USER) ||
        (r.permission.name === 'domain-split.ci-event.create' &&
          principal.subject === DENIED_SERVICE);
      return {
        result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
      };
    }),
});

describe('permissions and redaction through the routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function start() {
    const knex = await databases.init('SQLITE_3');
    const { server } = await startPlugin({
      knex,
      config: testConfig(),
      catalog: restrictedCatalogFactory(loadExampleCatalog(), [HIDDEN]),
      extraFeatures: [permissions.factory],
    });
    // Evidence about the hidden service: a deploy in lockstep with inventory, a contract run.
    for (const [id, service] of [
      ['e1', 'checkout-orchestrator'],
      ['e2', 'inventory-service'],
    ]) {
      const res = await request(server)
        .post('/api/domain-split/webhooks/ci')
        .set({
          'content-type': 'application/json',
          authorization: mockCredentials.service.header(),
        })
        .send(
          deploymentEvent({
            id,
            service,
            version: '2.0.0',
            commit: 'abc123',
          }),
        );
      expect(res.status).toBe(202);
    }
    return server;
  }

  it('never names the hidden component, in any route, and still counts its impact', async () => {
    const server = await start();
    const as = (user: string) => ({
      authorization: mockCredentials.user.header(user),
    });
    const routes = [
      '/ownership',
      '/releases',
      '/releases/inventory-service/history',
      '/events/unmatched',
      '/failure-matrix?level=domain',
      '/failure-matrix?level=service',
      '/failure-matrix?level=service&limit=500',
      '/impact/domain/default/inventory',
      '/impact/component/default/inventory-service',
      '/impact/component/default/api-gateway',
      '/impact/domain/default/inventory/summary',
      '/impact/domain/default/inventory/summary?limit=50',
      '/impact/component/default/inventory-service/summary',
      '/impact/component/default/inventory-service/entries',
      '/impact/component/default/inventory-service/entries?impact=blocked',
      '/impact/component/default/api-gateway/entries?direction=upstream',
      '/impact/component/default/api-gateway/summary',
      '/impact-path?failing=domain:default/inventory&affected=domain:default/checkout',
      '/migration',
      '/migration?limit=500',
      '/migration?q=checkout',
      '/migration/domain/default/checkout',
      '/migration/domain/default/checkout?limit=10000',
      '/migration/history',
      '/rules/violations',
      '/rules/violations?rule=independent-deploys&limit=1&offset=1',
      '/context-map',
      '/context-map?domain=domain:default/checkout',
      '/context-map/view?domain=domain:default/checkout',
      '/context-map/view?domain=domain:default/inventory&violationsOnly=true',
      '/context-map/domains?q=checkout',
    ];
    for (const route of routes) {
      const full = await request(server)
        .get(`/api/domain-split${route}`)
        .set(as('user:default/mei.chen'));
      expect({ route, status: full.status }).toEqual({ route, status: 200 });
      const restricted = await request(server)
        .get(`/api/domain-split${route}`)
        .set(as(RESTRICTED_USER));
      expect({ route, status: restricted.status }).toEqual({
        route,
        status: 200,
      });
      expect({ route, text: restricted.text }).not.toEqual({
        route,
        text: expect.stringMatching(/checkout[- ]orchestrator/i),
      });
    }
    // A text filter naming the hidden component selects nothing for the restricted reader
    // (matched on what the reader sees), while the unrestricted one finds its violations.
    const byName = (user: string) =>
      request(server)
        .get(
          '/api/domain-split/rules/violations?q=checkout-orchestrator&limit=0',
        )
        .set(as(user));
    expect(
      (await byName('user:default/mei.chen')).body.totalItems,
    ).toBeGreaterThan(0);
    expect((await byName(RESTRICTED_USER)).body.totalItems).toBe(0);

    // The unrestricted reader does see it (the test would pass for nothing otherwise).
    const fullMatrix = await request(server)
      .get('/api/domain-split/failure-matrix?level=service')
      .set(as('user:default/mei.chen'));
    expect(fullMatrix.text).toContain('checkout-orchestrator');

    // Impact is still computed on the whole graph: inventory blocks checkout (through the
    // hidden orchestrator), and the service-level row counts the hidden one.
    const domain = (
      await request(server)
        .get('/api/domain-split/failure-matrix?level=domain')
        .set(as(RESTRICTED_USER))
    ).body as FailureMatrixPageResponse;
    const inventory = expandMatrixPage(domain).rows.find(
      r => r.failing === 'domain:default/inventory',
    )!;
    expect(
      inventory.cells.find(c => c.affected === 'domain:default/checkout')
        ?.impact,
    ).toBe('blocked');
    const radius = (
      await request(server)
        .get('/api/domain-split/impact/component/default/inventory-service')
        .set(as(RESTRICTED_USER))
    ).body as BlastRadiusResponse;
    expect(radius.hiddenTakesDown).toEqual({ count: 1, impact: 'blocked' });
    // Cut to its first entries, it is cut from what the reader sees: the hidden one is counted
    // once, in hiddenTakesDown, never among the entries left out.
    const firstEntries = (
      await request(server)
        .get(
          '/api/domain-split/impact/component/default/inventory-service?limit=1',
        )
        .set(as(RESTRICTED_USER))
    ).body as BlastRadiusResponse;
    expect(firstEntries.takesDown).toEqual(radius.takesDown.slice(0, 1));
    expect(firstEntries.moreTakesDown).toBe(radius.takesDown.length - 1);
    expect(firstEntries.hiddenTakesDown).toEqual(radius.hiddenTakesDown);
    expect(JSON.stringify(firstEntries)).not.toContain('checkout-orchestrator');
    const summary = (
      await request(server)
        .get(
          '/api/domain-split/impact/component/default/inventory-service/summary',
        )
        .set(as(RESTRICTED_USER))
    ).body as BlastRadiusSummaryResponse;
    expect(summary.takesDown.hidden).toEqual({ count: 1, impact: 'blocked' });
    expect(summary.takesDown.total).toBe(radius.takesDown.length);
    // The checkout domain is blocked through the hidden orchestrator: it still shows.
    expect(summary.domains).toContainEqual(
      expect.objectContaining({
        domainRef: 'domain:default/checkout',
        impact: 'blocked',
      }),
    );
    const fullSummary = await request(server)
      .get(
        '/api/domain-split/impact/component/default/inventory-service/summary',
      )
      .set(as('user:default/mei.chen'));
    expect(fullSummary.text).toContain('checkout-orchestrator');

    // Asking for the hidden entity by name answers like asking for nothing.
    for (const route of [
      '/impact/component/default/checkout-orchestrator',
      '/impact/component/default/checkout-orchestrator/summary',
      '/impact/component/default/checkout-orchestrator/entries',
      '/releases/checkout-orchestrator/history',
      `/impact-path?failing=${HIDDEN}&affected=users`,
      `/failure-matrix?level=service&failing=${encodeURIComponent(HIDDEN)}`,
    ]) {
      const res = await request(server)
        .get(`/api/domain-split${route}`)
        .set(as(RESTRICTED_USER));
      expect({ route, status: res.status }).toEqual({ route, status: 404 });
    }
    // The unrestricted reader gets the hidden service's row.
    const hiddenRow = await request(server)
      .get(
        `/api/domain-split/failure-matrix?level=service&failing=${encodeURIComponent(
          HIDDEN,
        )}`,
      )
      .set(as('user:default/mei.chen'));
    expect(
      hiddenRow.body.rows.map((r: { failing: string }) => r.failing),
    ).toEqual([HIDDEN]);
  });

  it('answers 403 with a message when the read permission is denied', async () => {
    const server = await start();
    for (const route of ['/ownership', '/releases', '/migration']) {
      const res = await request(server)
        .get(`/api/domain-split${route}`)
        .set({ authorization: mockCredentials.user.header(DENIED_USER) });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'You may not read the Domain Split analysis (permission domain-split.analysis.read)',
      );
    }
  });

  it('answers 403 to a service token that may not post CI events, and stores nothing', async () => {
    const server = await start();
    const res = await request(server)
      .post('/api/domain-split/webhooks/ci')
      .set({
        'content-type': 'application/json',
        authorization: mockCredentials.service.header({
          onBehalfOf: mockCredentials.service(DENIED_SERVICE),
          targetPluginId: 'domain-split',
        }),
      })
      .send(deploymentEvent({ id: 'denied-1' }));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You may not post CI events to Domain Split (permission domain-split.ci-event.create)',
    );
    const history = await request(server)
      .get('/api/domain-split/releases/orders-service/history')
      .set({ authorization: mockCredentials.user.header() });
    expect(
      history.body.deployments.map((d: { eventId: string }) => d.eventId),
    ).not.toContain('denied-1');
  });
});
