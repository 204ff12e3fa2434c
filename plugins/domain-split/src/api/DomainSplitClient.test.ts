import { ResponseError } from '@backstage/errors';
import { fakeResponse } from '../testUtils/mockApi';
import { releases } from '../testUtils/fixtures';
import { DomainSplitClient } from './DomainSplitClient';

const BASE = 'http://localhost:7007/api/domain-split';

function setup(response = fakeResponse(200, releases)) {
  const discoveryApi = { getBaseUrl: jest.fn().mockResolvedValue(BASE) };
  const fetchApi = { fetch: jest.fn().mockResolvedValue(response) };
  const client = new DomainSplitClient({ discoveryApi, fetchApi });
  return { client, discoveryApi, fetchApi };
}

describe('DomainSplitClient', () => {
  it.each([
    ['getDomainMigration', ['domain:default/gone']],
    ['getTeamOwnership', ['group:default/gone']],
  ] as const)(
    '%s answers undefined for an entity the backend does not know (404), and throws on other errors',
    async (method, args) => {
      const notFound = setup(
        fakeResponse(404, { error: { name: 'NotFoundError', message: 'x' } }),
      );
      await expect(
        (notFound.client as any)[method](...args),
      ).resolves.toBeUndefined();
      const failing = setup(
        fakeResponse(500, { error: { name: 'Error', message: 'down' } }),
      );
      await expect(
        (failing.client as any)[method](...args),
      ).rejects.toBeInstanceOf(ResponseError);
    },
  );

  it('asks discovery for the domain-split base URL and returns the JSON body', async () => {
    const { client, discoveryApi, fetchApi } = setup();
    await expect(client.getReleases()).resolves.toEqual(releases);
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('domain-split');
    expect(fetchApi.fetch).toHaveBeenCalledWith(`${BASE}/releases`);
  });

  it.each([
    ['getUnmatchedEvents', [], '/events/unmatched'],
    ['getOwnership', [], '/ownership'],
    ['getMigrationOverview', [], '/migration'],
    [
      'getMigrationOverview',
      [{ q: 'ord', phase: 0, schedule: 'late', limit: 50, offset: 100 }],
      '/migration?q=ord&phase=0&schedule=late&limit=50&offset=100',
    ],
    ['getMigrationHistory', [], '/migration/history'],
    [
      'getReleases',
      [{ entityRef: 'component:default/orders-service' }],
      '/releases?entityRef=component%3Adefault%2Forders-service&untracked=true',
    ],
    [
      'getReleases',
      [{ q: ' pay ', marked: true, untracked: true, limit: 50, offset: 100 }],
      '/releases?q=pay&marked=true&untracked=true&limit=50&offset=100',
    ],
    [
      'getOwnership',
      [
        {
          q: 'orders service',
          group: 'group:default/orders-team',
          limit: 25,
          offset: 25,
        },
      ],
      '/ownership?q=orders+service&group=group%3Adefault%2Forders-team&limit=25&offset=25',
    ],
    [
      'getTeamOwnership',
      ['group:default/orders-team'],
      '/ownership?team=group%3Adefault%2Forders-team',
    ],
    [
      'getDomainMigration',
      ['Domain:shop/Orders'],
      '/migration/domain/shop/orders',
    ],
    [
      'getDomainMigration',
      ['domain:default/orders', { limit: 500 }],
      '/migration/domain/default/orders?limit=500',
    ],
    ['getRuleViolations', [], '/rules/violations'],
    ['getContextMap', [], '/context-map'],
    [
      'getContextMap',
      [{ domain: 'domain:default/payments' }],
      '/context-map?domain=domain%3Adefault%2Fpayments',
    ],
    [
      'getContextMap',
      [{ team: 'group:default/engineering' }],
      '/context-map?team=group%3Adefault%2Fengineering',
    ],
    [
      'getContextMap',
      [{ domain: 'domain:default/payments', neighbours: 12 }],
      '/context-map?domain=domain%3Adefault%2Fpayments&neighbours=12',
    ],
    [
      'getContextMap',
      [{ domain: 'domain:default/payments', neighbours: 12, details: false }],
      '/context-map?domain=domain%3Adefault%2Fpayments&neighbours=12&details=false',
    ],
    ['getContextMapView', [{}], '/context-map/view'],
    [
      'getContextMapView',
      [
        {
          domain: 'domain:default/payments',
          team: 'group:default/payments-team',
          kinds: ['events', 'sync'],
          violationsOnly: true,
        },
      ],
      '/context-map/view?domain=domain%3Adefault%2Fpayments&team=group%3Adefault%2Fpayments-team&kinds=events%2Csync&violationsOnly=true',
    ],
    ['getContextMapChoices', ['teams'], '/context-map/teams'],
    [
      'getContextMapChoices',
      ['domains', { q: 'pay', limit: 50 }],
      '/context-map/domains?q=pay&limit=50',
    ],
    [
      'getRuleViolations',
      ['component:default/orders-service'],
      '/rules/violations?entityRef=component%3Adefault%2Forders-service',
    ],
    [
      'getRuleViolations',
      [undefined, { status: 'resolved' }],
      '/rules/violations?status=resolved',
    ],
    [
      'getRuleViolations',
      ['component:default/orders-service', { status: 'open' }],
      '/rules/violations?entityRef=component%3Adefault%2Forders-service',
    ],
    [
      'getRuleViolations',
      [
        undefined,
        {
          status: 'resolved',
          rule: 'no-shared-cache',
          q: ' Orders Service ',
          limit: 0,
          offset: 0,
        },
      ],
      '/rules/violations?status=resolved&rule=no-shared-cache&q=Orders+Service&limit=0',
    ],
    [
      'getRuleViolations',
      [undefined, { rule: 'independent-deploys', limit: 100, offset: 200 }],
      '/rules/violations?rule=independent-deploys&limit=100&offset=200',
    ],
    [
      'getReleaseHistory',
      ['orders-service'],
      '/releases/orders-service/history',
    ],
    [
      'getReleaseHistory',
      ['team a/svc#1'],
      '/releases/team%20a%2Fsvc%231/history',
    ],
    [
      'getBlastRadius',
      ['component:default/payments-service'],
      '/impact/component/default/payments-service',
    ],
    ['getBlastRadius', ['Domain:shop/Orders'], '/impact/domain/shop/orders'],
    [
      'getBlastRadius',
      ['domain:shop/orders', { limit: 20000 }],
      '/impact/domain/shop/orders?limit=20000',
    ],
    [
      'getImpactPath',
      ['domain:default/payments', 'domain:default/orders'],
      '/impact-path?failing=domain%3Adefault%2Fpayments&affected=domain%3Adefault%2Forders',
    ],
    [
      'getImpactPath',
      ['component:default/a&b=c d', 'users'],
      '/impact-path?failing=component%3Adefault%2Fa%26b%3Dc+d&affected=users',
    ],
    [
      'getImpactPath',
      [
        'resource:default/db?x#y',
        'component:default/orders-service',
        { direction: 'upstream' },
      ],
      '/impact-path?failing=resource%3Adefault%2Fdb%3Fx%23y&affected=component%3Adefault%2Forders-service&direction=upstream',
    ],
    [
      'getBlastRadius',
      ['resource:default/db?x/y'],
      '/impact/resource/default/db%3Fx%2Fy',
    ],
    [
      'getBlastRadiusSummary',
      ['Domain:shop/Orders'],
      '/impact/domain/shop/orders/summary',
    ],
    [
      'getBlastRadiusSummary',
      ['component:default/a b', { limit: 0 }],
      '/impact/component/default/a%20b/summary?limit=0',
    ],
    [
      'getBlastRadiusEntries',
      ['component:default/orders-service', { direction: 'downstream' }],
      '/impact/component/default/orders-service/entries?direction=downstream',
    ],
    [
      'getBlastRadiusEntries',
      [
        'domain:default/orders',
        { direction: 'upstream', impact: 'waits', limit: 50, offset: 100 },
      ],
      '/impact/domain/default/orders/entries?direction=upstream&impact=waits&limit=50&offset=100',
    ],
    [
      'canIDeploy',
      [
        {
          service: 'orders-service',
          version: 'v3.2.1+b&1',
          environment: 'prod eu',
        },
      ],
      '/can-i-deploy?service=orders-service&version=v3.2.1%2Bb%261&environment=prod+eu',
    ],
    [
      'canIDeploy',
      [
        {
          service: 'orders-service',
          version: '3.2.1',
          environment: 'production',
          pipelineId: '42',
          repository: 'org/mono',
          commit: 'abc',
        },
      ],
      '/can-i-deploy?service=orders-service&version=3.2.1&environment=production&pipeline=42&repository=org%2Fmono&commit=abc',
    ],
  ] as const)('%s(%j) requests %s', async (method, args, path) => {
    const { client, fetchApi } = setup(fakeResponse(200, {}));
    await (client as any)[method](...args);
    expect(fetchApi.fetch).toHaveBeenCalledWith(`${BASE}${path}`);
  });

  it.each([
    [['domain'], '/failure-matrix?level=domain'],
    [['service'], '/failure-matrix?level=service'],
    [
      ['domain', { limit: 20, offset: 40 }],
      '/failure-matrix?level=domain&limit=20&offset=40',
    ],
    [
      ['domain', { failing: 'domain:default/payments' }],
      '/failure-matrix?level=domain&failing=domain%3Adefault%2Fpayments',
    ],
    [
      ['service', { limit: 25, offset: 0, q: 'orders service' }],
      '/failure-matrix?level=service&limit=25&offset=0&q=orders+service',
    ],
    [
      ['service', { limit: 25, offset: 25, cells: 12 }],
      '/failure-matrix?level=service&limit=25&offset=25&cells=12',
    ],
  ] as const)(
    'getFailureMatrix(%j) requests %s and expands the compact rows',
    async (args, path) => {
      const page = {
        level: args[0],
        columns: ['domain:default/a', 'domain:default/b'],
        rows: [
          {
            failing: 'domain:default/a',
            impacts: '.w',
            users: {
              failing: 'domain:default/a',
              affected: 'users',
              impact: 'none',
              path: [],
            },
            drift: false,
          },
        ],
        titles: {},
        annotationProblems: [],
        pathsOmitted: true,
        totalItems: 2,
        offset: 0,
        limit: 1,
      };
      const { client, fetchApi } = setup(fakeResponse(200, page));
      const answer = await (client as any).getFailureMatrix(...args);
      expect(fetchApi.fetch).toHaveBeenCalledWith(`${BASE}${path}`);
      expect(answer.totalItems).toBe(2);
      expect(answer.rows[0].cells).toEqual([
        {
          failing: 'domain:default/a',
          affected: 'domain:default/b',
          impact: 'waits',
          path: [],
        },
      ]);
    },
  );

  it('throws a ResponseError with the server message when the response is not ok', async () => {
    const { client } = setup(
      fakeResponse(
        404,
        {
          error: {
            name: 'NotFoundError',
            message: 'no entity component:default/x',
          },
          response: { statusCode: 404 },
        },
        'Not Found',
      ),
    );
    const error = await client
      .getBlastRadius('component:default/x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).statusCode).toBe(404);
    expect((error as ResponseError).cause.message).toBe(
      'no entity component:default/x',
    );
  });

  it('throws a ResponseError for a non-JSON error body too', async () => {
    const { client } = setup(fakeResponse(502, 'Bad gateway', 'Bad Gateway'));
    await expect(client.getOwnership()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 502,
    });
  });
});
