import {
  computeContextMap,
  outlineContextMap,
  titlesOfDrawing,
} from './contextMap';
import { EvidenceContext } from './evidenceContext';
import { buildCatalogGraph } from './graph';
import { computeMigrationStatus } from './migration';
import { computeOwnership } from './ownership';
import { checkRules } from './rules';
import {
  api,
  component,
  deployment,
  domain,
  entity,
  library,
  noEvidence,
  resource,
  team,
} from './testing/entities';
import { ContextMapResponse, CONTEXT_MAP_MAX_LINKS } from './types';

/*
 * A synthetic platform with one tie of every kind, violating and not:
 * - orders calls payments (an openapi API and a direct dependsOn) and listens to its events;
 * - checkout and search listen to orders' events; the user-facing gateway calls orders;
 * - checkout uses orders' database, shares a cache (of no domain) with payments, and owns
 *   pricing-lib, which orders uses; an observability library marked platform glue is used by
 *   all and ties nothing;
 * - legacy-db belongs to no domain and is used by orders, payments and search;
 * - a component without a domain calls payments and ties nothing.
 */
const entities = [
  entity('Group', 'engineering', {
    type: 'department',
    children: ['orders-team', 'payments-team'],
  }),
  team('orders-team'),
  team('payments-team'),
  team('platform-team'),
  team('growth-team'),
  domain('orders', { owner: 'orders-team' }),
  domain('checkout', { owner: 'orders-team' }),
  domain('payments', { owner: 'payments-team' }),
  domain('platform', { owner: 'platform-team' }),
  domain('search'),
  domain('empty', { owner: 'growth-team' }),
  api('orders-api', 'openapi', { domain: 'orders' }),
  api('orders-events', 'asyncapi', { domain: 'orders' }),
  api('payments-api', 'openapi', { domain: 'payments' }),
  api('payments-events', 'asyncapi', { domain: 'payments' }),
  component('orders-service', {
    owner: 'orders-team',
    domain: 'orders',
    providesApis: ['orders-api', 'orders-events'],
    consumesApis: ['payments-api', 'payments-events'],
    dependsOn: [
      'resource:shared-db',
      'resource:legacy-db',
      'component:pricing-lib',
      'component:observability-lib',
    ],
  }),
  component('orders-worker', {
    owner: 'orders-team',
    domain: 'orders',
    consumesApis: ['payments-events'],
    dependsOn: ['component:payments-service'],
  }),
  component('checkout-service', {
    owner: 'orders-team',
    domain: 'checkout',
    consumesApis: ['orders-events'],
    dependsOn: [
      'resource:shared-db',
      'resource:shared-cache',
      'component:pricing-lib',
      'component:observability-lib',
    ],
  }),
  library('pricing-lib', { owner: 'orders-team', domain: 'checkout' }),
  library(
    'observability-lib',
    { owner: 'platform-team', domain: 'platform' },
    { 'domain-split/shared-library': 'platform' },
  ),
  component('payments-service', {
    owner: 'payments-team',
    domain: 'payments',
    providesApis: ['payments-api', 'payments-events'],
    dependsOn: [
      'resource:payments-db',
      'resource:shared-cache',
      'resource:legacy-db',
      'component:observability-lib',
    ],
  }),
  component(
    'gateway',
    {
      owner: 'platform-team',
      domain: 'platform',
      consumesApis: ['orders-api'],
    },
    { 'domain-split/user-facing': 'true' },
  ),
  component('search-indexer', {
    owner: 'platform-team',
    domain: 'search',
    consumesApis: ['orders-events'],
    dependsOn: ['resource:legacy-db'],
  }),
  component('stray', { owner: 'growth-team', consumesApis: ['payments-api'] }),
  resource('shared-db', 'database', { owner: 'orders-team', domain: 'orders' }),
  resource('payments-db', 'database', {
    owner: 'payments-team',
    domain: 'payments',
  }),
  resource('shared-cache', 'cache', { owner: 'platform-team' }),
  resource('legacy-db', 'database', { owner: 'platform-team' }),
];
const graph = buildCatalogGraph(entities);
const rules = checkRules(EvidenceContext.of(graph, noEvidence));
const map = computeContextMap(graph, { violations: rules.violations });

const d = (name: string) => `domain:default/${name}`;
const c = (name: string) => `component:default/${name}`;
/** Edges as `from>to kind ×count [rules]` with short names. */
const describeEdges = (result: ContextMapResponse) =>
  result.edges.map(
    e =>
      `${e.from.split('/')[1]}>${e.to.split('/')[1]} ${e.kind} ×${e.count}${
        e.rules.length ? ` [${e.rules.join(', ')}]` : ''
      }`,
  );
const edge = (from: string, to: string, kind: string) =>
  map.edges.find(e => e.from === d(from) && e.to === d(to) && e.kind === kind)!;

describe('computeContextMap', () => {
  it('ties domains by kind, counted, and red where the rule check says so', () => {
    expect(graph.annotationProblems).toEqual([]);
    expect(describeEdges(map)).toEqual([
      'checkout>orders events ×1',
      'checkout>orders shared-database ×1 [no-cross-domain-db]',
      'checkout>payments shared-cache ×1 [no-shared-cache]',
      'orders>checkout shared-library ×1 [no-shared-business-library]',
      'orders>payments events ×2',
      'orders>payments sync ×2 [events-only-between-domains]',
      'orders>payments shared-database ×1 [no-cross-domain-db]',
      'orders>search shared-database ×1 [no-cross-domain-db]',
      'payments>search shared-database ×1 [no-cross-domain-db]',
      'platform>orders sync ×1',
      'search>orders events ×1',
    ]);
  });

  it("gives the same map from the caller's ownership as from its own", () => {
    expect(
      computeContextMap(graph, {
        violations: rules.violations,
        ownership: computeOwnership(graph),
      }),
    ).toEqual(map);
  });

  it('lists the dependencies behind an edge with the rules each breaks', () => {
    expect(edge('orders', 'payments', 'sync')).toEqual({
      id: 'domain:default/orders|domain:default/payments|sync',
      from: d('orders'),
      to: d('payments'),
      kind: 'sync',
      count: 2,
      links: [
        {
          consumer: c('orders-service'),
          provider: c('payments-service'),
          via: 'api:default/payments-api',
          rules: ['events-only-between-domains'],
        },
        {
          consumer: c('orders-worker'),
          provider: c('payments-service'),
          via: 'dependsOn',
          rules: ['events-only-between-domains'],
        },
      ],
      moreLinks: 0,
      rules: ['events-only-between-domains'],
      violations: expect.any(Array),
    });
    // The edge points at each violation once, in the map's own list.
    expect(
      edge('orders', 'payments', 'sync').violations.map(i => map.violations[i]),
    ).toEqual(
      rules.violations.filter(v => v.rule === 'events-only-between-domains'),
    );
    expect(edge('orders', 'payments', 'sync').violations).toHaveLength(2);
    // The gateway is user-facing: calling domains synchronously is its job.
    expect(edge('platform', 'orders', 'sync').links).toEqual([
      {
        consumer: c('gateway'),
        provider: c('orders-service'),
        via: 'api:default/orders-api',
        rules: [],
      },
    ]);
    expect(edge('platform', 'orders', 'sync').violations).toEqual([]);
  });

  it('points shared things from their users to the domain they belong to', () => {
    const shared = edge('checkout', 'orders', 'shared-database');
    expect(shared.links).toEqual([
      {
        consumer: c('checkout-service'),
        provider: 'resource:default/shared-db',
        via: 'resource:default/shared-db',
        rules: ['no-cross-domain-db'],
      },
    ]);
    expect(shared.violations.map(i => map.violations[i].message)).toEqual([
      'Database shared-db is used across domains (checkout, orders): by checkout-service (checkout), orders-service (orders); it belongs to orders.',
    ]);
    // A library of checkout used by orders: orders depends on checkout's code.
    expect(edge('orders', 'checkout', 'shared-library').links).toEqual([
      {
        consumer: c('orders-service'),
        provider: c('pricing-lib'),
        via: c('pricing-lib'),
        rules: ['no-shared-business-library'],
      },
    ]);
  });

  it('ties every pair of users of a shared thing that belongs to no domain', () => {
    const pairs = map.edges
      .filter(e => e.links.some(l => l.provider.endsWith('/legacy-db')))
      .map(e => [e.from, e.to]);
    expect(pairs).toEqual([
      [d('orders'), d('payments')],
      [d('orders'), d('search')],
      [d('payments'), d('search')],
    ]);
    expect(edge('orders', 'search', 'shared-database').links).toEqual([
      {
        consumer: c('orders-service'),
        provider: 'resource:default/legacy-db',
        via: 'resource:default/legacy-db',
        rules: ['no-cross-domain-db'],
      },
      {
        consumer: c('search-indexer'),
        provider: 'resource:default/legacy-db',
        via: 'resource:default/legacy-db',
        rules: ['no-cross-domain-db'],
      },
    ]);
  });

  it("ties nothing through platform glue, a domain's own resources or components without a domain", () => {
    expect(map.edges.filter(e => e.to === d('platform'))).toEqual([]);
    expect(
      map.edges.some(e =>
        e.links.some(
          l =>
            l.provider.endsWith('/payments-db') ||
            l.consumer === c('stray') ||
            l.provider === c('observability-lib'),
        ),
      ),
    ).toBe(false);
  });

  it('lists each violation once, however many edges it turns red', () => {
    // legacy-db ties three pairs of domains and breaks the rule once.
    const legacy = map.violations.filter(v =>
      v.entityRefs.includes('resource:default/legacy-db'),
    );
    expect(legacy).toHaveLength(1);
    const index = map.violations.indexOf(legacy[0]);
    expect(map.edges.filter(e => e.violations.includes(index))).toHaveLength(3);
    expect(new Set(map.violations).size).toBe(map.violations.length);
    for (const v of map.violations) expect(rules.violations).toContain(v);
  });

  it('takes red edges only from the rule check it is given', () => {
    const unjudged = computeContextMap(graph, { violations: [] });
    expect(unjudged.edges.map(e => [e.id, e.count])).toEqual(
      map.edges.map(e => [e.id, e.count]),
    );
    expect(unjudged.edges.every(e => e.rules.length === 0)).toBe(true);
    expect(
      unjudged.edges.flatMap(e => e.links).every(l => l.rules.length === 0),
    ).toBe(true);
  });

  it('gives each domain its owner, team size, services, contracts and phase', () => {
    expect(map.nodes.map(n => n.domainRef)).toEqual(
      ['checkout', 'empty', 'orders', 'payments', 'platform', 'search'].map(d),
    );
    const orders = map.nodes.find(n => n.domainRef === d('orders'))!;
    expect(orders).toEqual({
      domainRef: d('orders'),
      title: 'orders',
      ownerRef: 'group:default/orders-team',
      ownerDomainCount: 2,
      components: [c('orders-service'), c('orders-worker')],
      serviceCount: 2,
      apis: ['api:default/orders-api', 'api:default/orders-events'],
      phase: undefined,
    });
    const checkout = map.nodes.find(n => n.domainRef === d('checkout'))!;
    expect(checkout.components).toEqual([
      c('checkout-service'),
      c('pricing-lib'),
    ]);
    expect(checkout.serviceCount).toBe(1); // the library is not a service
    const search = map.nodes.find(n => n.domainRef === d('search'))!;
    expect(search.ownerRef).toBeUndefined();
    expect(search.ownerDomainCount).toBe(0);
    expect(map.teams).toEqual([
      {
        entityRef: 'group:default/growth-team',
        title: 'growth-team',
        domains: [d('empty')],
      },
      {
        entityRef: 'group:default/orders-team',
        title: 'orders-team',
        domains: [d('checkout'), d('orders')],
      },
      {
        entityRef: 'group:default/payments-team',
        title: 'payments-team',
        domains: [d('payments')],
      },
      {
        entityRef: 'group:default/platform-team',
        title: 'platform-team',
        domains: [d('platform')],
      },
    ]);
    expect(map.titles[c('orders-worker')]).toBe('orders-worker');
    expect(map.titles['api:default/payments-api']).toBe('payments-api');
    expect(map.focus).toBeUndefined();
  });

  it('takes the phase badges from the migration status it is given', () => {
    const evidence = {
      deployments: [
        deployment('payments-service', '1.0.0', '2025-01-01T10:00:00Z'),
      ],
      testRuns: [],
    };
    const migration = computeMigrationStatus(
      EvidenceContext.of(graph, evidence),
      {
        now: new Date('2025-02-01T00:00:00Z'),
      },
    );
    const withPhases = computeContextMap(
      graph,
      {
        violations: checkRules(EvidenceContext.of(graph, evidence)).violations,
        migration,
      },
      {},
    );
    expect(withPhases.nodes.map(n => [n.domainRef, n.phase])).toEqual(
      migration.domains.map(m => [m.domainRef, m.phase]),
    );
    // Owned domains with components reach phase 1; search has no owner, empty no components.
    expect(
      Object.fromEntries(withPhases.nodes.map(n => [n.domainRef, n.phase])),
    ).toMatchObject({ [d('orders')]: 1, [d('search')]: 0, [d('empty')]: 0 });
  });

  it('narrows to the neighbourhood of one domain', () => {
    const payments = computeContextMap(
      graph,
      { violations: rules.violations },
      { domain: d('payments') },
    );
    expect(describeEdges(payments)).toEqual([
      'checkout>payments shared-cache ×1 [no-shared-cache]',
      'orders>payments events ×2',
      'orders>payments sync ×2 [events-only-between-domains]',
      'orders>payments shared-database ×1 [no-cross-domain-db]',
      'payments>search shared-database ×1 [no-cross-domain-db]',
    ]);
    expect(payments.nodes.map(n => n.domainRef)).toEqual(
      ['checkout', 'orders', 'payments', 'search'].map(d),
    );
    expect(payments.focus).toEqual({
      domain: d('payments'),
      domains: [d('payments')],
    });
    expect(payments.teams.map(t => t.entityRef)).toEqual([
      'group:default/orders-team',
      'group:default/payments-team',
    ]);
    // Its violations are its ties' only, each once, numbered from 0 in this map.
    const named = new Set(payments.edges.flatMap(e => e.violations));
    expect([...named].sort((a, b) => a - b)).toEqual(
      payments.violations.map((_, index) => index),
    );
    for (const tie of payments.edges) {
      expect([
        ...new Set(tie.violations.map(i => payments.violations[i].rule)),
      ]).toEqual(tie.rules);
    }
    // A domain without ties is its own neighbourhood.
    const empty = computeContextMap(
      graph,
      { violations: rules.violations },
      { domain: d('empty') },
    );
    expect(empty.nodes.map(n => n.domainRef)).toEqual([d('empty')]);
    expect(empty.edges).toEqual([]);
  });

  it('keeps the most tied neighbours when asked for a number, counting the others', () => {
    const two = computeContextMap(
      graph,
      { violations: rules.violations },
      { domain: d('payments'), neighbours: 2 },
    );
    // orders breaks rules on three edges; checkout and search on one each (×1): by ref.
    expect(two.nodes.map(n => n.domainRef)).toEqual(
      ['checkout', 'orders', 'payments'].map(d),
    );
    expect(describeEdges(two)).toEqual([
      'checkout>payments shared-cache ×1 [no-shared-cache]',
      'orders>payments events ×2',
      'orders>payments sync ×2 [events-only-between-domains]',
      'orders>payments shared-database ×1 [no-cross-domain-db]',
    ]);
    expect(two.focus).toEqual({
      domain: d('payments'),
      domains: [d('payments')],
      moreNeighbours: 1,
    });
    // Enough room: the whole neighbourhood, and no count.
    const all = computeContextMap(
      graph,
      { violations: rules.violations },
      { domain: d('payments'), neighbours: 3 },
    );
    expect(all).toEqual(
      computeContextMap(
        graph,
        { violations: rules.violations },
        { domain: d('payments') },
      ),
    );
  });

  it("narrows to the domains of a team, a department seeing its teams' domains", () => {
    const department = computeContextMap(
      graph,
      { violations: rules.violations },
      { team: 'group:default/engineering' },
    );
    expect(department.focus).toEqual({
      team: 'group:default/engineering',
      domains: [d('checkout'), d('orders'), d('payments')],
    });
    // Everything but the empty domain touches orders, checkout or payments.
    expect(department.nodes.map(n => n.domainRef)).toEqual(
      ['checkout', 'orders', 'payments', 'platform', 'search'].map(d),
    );
    expect(department.edges).toHaveLength(map.edges.length);
    expect(department.titles['group:default/engineering']).toBe('engineering');

    const growth = computeContextMap(
      graph,
      { violations: rules.violations },
      { team: 'group:default/growth-team' },
    );
    expect(growth.focus?.domains).toEqual([d('empty')]);
    expect(growth.edges).toEqual([]);
  });

  it('draws the most tied domains of a team that owns more than the card asks for, counting the others', () => {
    const card = computeContextMap(
      graph,
      { violations: rules.violations },
      { team: 'group:default/engineering', neighbours: 2 },
    );
    expect(card.focus).toEqual({
      team: 'group:default/engineering',
      domains: [d('checkout'), d('orders'), d('payments')],
      moreDomains: 1,
    });
    // orders and payments break the most rules; checkout is counted, not drawn.
    expect(card.nodes.map(n => n.domainRef)).toEqual(
      ['orders', 'payments', 'platform', 'search'].map(d),
    );
    const shown = new Set(card.nodes.map(n => n.domainRef));
    for (const tie of card.edges) {
      expect(shown.has(tie.from) && shown.has(tie.to)).toBe(true);
    }
  });

  it('counts every dependency but lists at most CONTEXT_MAP_MAX_LINKS', () => {
    const many = CONTEXT_MAP_MAX_LINKS + 5;
    const big = buildCatalogGraph([
      domain('a'),
      domain('b'),
      api('b-events', 'asyncapi', { domain: 'b' }),
      component('b-service', { domain: 'b', providesApis: ['b-events'] }),
      ...Array.from({ length: many }, (_, i) =>
        component(`a-${String(i).padStart(2, '0')}`, {
          domain: 'a',
          consumesApis: ['b-events'],
        }),
      ),
    ]);
    const result = computeContextMap(big, { violations: [] });
    expect(result.edges).toHaveLength(1);
    expect(result.edges[0].count).toBe(many);
    expect(result.edges[0].links).toHaveLength(CONTEXT_MAP_MAX_LINKS);
    expect(result.edges[0].moreLinks).toBe(5);
    expect(result.nodes.find(n => n.domainRef === d('a'))!.serviceCount).toBe(
      many,
    );
  });

  it('handles an empty catalog', () => {
    expect(
      computeContextMap(buildCatalogGraph([]), { violations: [] }),
    ).toEqual({ nodes: [], edges: [], teams: [], titles: {}, violations: [] });
  });
});

describe('outlineContextMap', () => {
  const payments = computeContextMap(
    graph,
    { violations: rules.violations },
    { domain: d('payments') },
  );
  const outline = outlineContextMap(payments);

  it('keeps what a card draws: domains, ties by kind and count, their rules, teams, focus', () => {
    expect(describeEdges(outline)).toEqual(describeEdges(payments));
    expect(
      outline.nodes.map(({ components, apis, ...drawn }) => drawn),
    ).toEqual(payments.nodes.map(({ components, apis, ...drawn }) => drawn));
    expect(outline.teams).toEqual(payments.teams);
    expect(outline.focus).toEqual(payments.focus);
    expect(outline.detailsOmitted).toBe(true);
  });

  it('leaves out the lists behind them, counting the links, and titles only domains and teams', () => {
    expect(payments.violations.length).toBeGreaterThan(0);
    expect(payments.nodes.some(n => n.components.length > 0)).toBe(true);
    expect(outline.violations).toEqual([]);
    expect(
      outline.nodes.every(n => !n.components.length && !n.apis.length),
    ).toBe(true);
    for (const tie of outline.edges) {
      expect(tie.links).toEqual([]);
      expect(tie.violations).toEqual([]);
      expect(tie.moreLinks).toBe(tie.count);
    }
    expect(Object.keys(outline.titles).sort()).toEqual(
      [
        ...['checkout', 'orders', 'payments', 'search'].map(d),
        'group:default/orders-team',
        'group:default/payments-team',
      ].sort(),
    );
    expect(outline.titles[d('payments')]).toBe(payments.titles[d('payments')]);
  });
});

describe('titlesOfDrawing', () => {
  it('titles every ref the drawing names, once, and the extra refs given', () => {
    const titles = titlesOfDrawing(
      {
        nodes: [
          {
            domainRef: 'domain:default/orders',
            title: 'Orders',
            ownerRef: 'group:default/orders-team',
            ownerDomainCount: 1,
            components: ['component:default/orders-service'],
            serviceCount: 1,
            apis: ['api:default/orders-api'],
          },
        ],
        teams: [
          {
            entityRef: 'group:default/platform-team',
            title: 'Platform',
            domains: [],
          },
        ],
        edges: [
          {
            links: [
              {
                consumer: 'component:default/checkout-service',
                provider: 'component:default/payments-service',
                via: 'api:default/payments-api',
                rules: [],
              },
              {
                consumer: 'component:default/a',
                provider: 'component:default/b',
                via: 'dependsOn',
                rules: [],
              },
            ],
          },
        ],
      },
      ref => ref.toUpperCase(),
      ['domain:default/extra', undefined],
    );
    expect(Object.keys(titles).sort()).toEqual(
      [
        'domain:default/orders',
        'group:default/orders-team',
        'component:default/orders-service',
        'api:default/orders-api',
        'group:default/platform-team',
        'component:default/checkout-service',
        'component:default/payments-service',
        'api:default/payments-api',
        'component:default/a',
        'component:default/b',
        'domain:default/extra',
      ].sort(),
    );
    expect(titles['api:default/payments-api']).toBe('API:DEFAULT/PAYMENTS-API');
  });
});
