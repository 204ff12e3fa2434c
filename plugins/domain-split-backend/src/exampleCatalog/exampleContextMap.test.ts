/*
 * The example catalog's context map through the real analysis of plugins/domain-split-common:
 * the ties DESIGN.md's platform has (events everywhere, payments called synchronously by
 * orders, the gateway calling domains, the deliberate shared state), red where the rules say,
 * the team grouping and the phases the catalog alone supports.
 */
import {
  ContextMapEdge,
  buildCatalogGraph,
  checkRules,
  computeContextMap,
  computeMigrationStatus,
  EvidenceContext,
} from '@internal/plugin-domain-split-common';
import { loadExampleCatalog } from './loadExampleCatalog';

const MONOREPO = 'https://github.com/aliexpress-platform/aliexpress-platform';
const NO_EVIDENCE = { deployments: [], testRuns: [] };

const graph = buildCatalogGraph(loadExampleCatalog());
const rules = checkRules(EvidenceContext.of(graph, NO_EVIDENCE));
const migration = computeMigrationStatus(
  EvidenceContext.of(graph, NO_EVIDENCE),
  {
    monorepoUrl: MONOREPO,
    now: new Date('2026-01-01T00:00:00Z'),
  },
);
const map = computeContextMap(graph, {
  violations: rules.violations,
  migration,
});

const domain = (name: string) => `domain:default/${name}`;
const short = (e: ContextMapEdge) =>
  `${e.from.split('/')[1]}>${e.to.split('/')[1]} ${e.kind} ×${e.count}${
    e.rules.length ? ` [${e.rules.join(', ')}]` : ''
  }`;

describe('the example catalog as a context map', () => {
  it('has one node per domain, grouped by owning team', () => {
    expect(map.nodes.map(n => n.domainRef)).toEqual(
      [
        'checkout',
        'coupons',
        'inventory',
        'notifications',
        'orders',
        'payments',
        'platform',
        'products',
        'search',
        'shipping',
      ].map(domain),
    );
    const domainsOf = (team: string) =>
      map.teams.find(t => t.entityRef === `group:default/${team}`)?.domains;
    expect(domainsOf('orders-team')).toEqual([
      domain('checkout'),
      domain('orders'),
    ]);
    expect(domainsOf('supply-team')).toEqual([
      domain('inventory'),
      domain('shipping'),
    ]);
    expect(domainsOf('platform-team')).toEqual([
      domain('notifications'),
      domain('platform'),
      domain('search'),
    ]);
    const payments = map.nodes.find(n => n.domainRef === domain('payments'))!;
    expect(payments).toMatchObject({
      title: 'Payments',
      ownerRef: 'group:default/payments-team',
      ownerDomainCount: 1,
      components: ['component:default/payments-service'],
      serviceCount: 1,
    });
    expect(payments.apis).toEqual(
      expect.arrayContaining([
        'api:default/payments-api',
        'api:default/payments-events',
      ]),
    );
    expect(map.titles['group:default/payments-team']).toBe('Payments Team');
  });

  it('takes each phase from the migration status', () => {
    expect(map.nodes.map(n => n.phase)).toEqual(
      map.nodes.map(
        n => migration.domains.find(m => m.domainRef === n.domainRef)!.phase,
      ),
    );
  });

  it('ties domains through events, with orders calling payments synchronously', () => {
    const edges = map.edges.map(short);
    expect(edges).toEqual(
      expect.arrayContaining([
        'orders>payments sync ×1 [events-only-between-domains]',
        'orders>payments events ×1',
        'payments>orders events ×1',
        'checkout>inventory sync ×1 [events-only-between-domains]',
        // The gateway is user-facing: its calls are allowed.
        'platform>orders sync ×1',
        'platform>checkout sync ×1',
      ]),
    );
    const ordersToPayments = map.edges.find(
      e => e.id === `${domain('orders')}|${domain('payments')}|sync`,
    )!;
    expect(ordersToPayments.links).toEqual([
      {
        consumer: 'component:default/orders-service',
        provider: 'component:default/payments-service',
        via: 'api:default/payments-api',
        rules: ['events-only-between-domains'],
      },
    ]);
    // Notifications only listens: nothing calls it or depends on it synchronously.
    expect(
      map.edges.filter(e => e.to === domain('notifications')).map(short),
    ).toEqual(['coupons>notifications events ×1']);
  });

  it('draws the deliberate shared state red, naming its rule', () => {
    expect(
      map.edges.filter(e => e.kind.startsWith('shared-')).map(short),
    ).toEqual([
      'checkout>orders shared-cache ×1 [no-shared-cache]',
      'coupons>checkout shared-library ×1 [no-shared-business-library]',
      'coupons>orders shared-cache ×1 [no-shared-cache]',
      'inventory>platform shared-database ×1 [no-cross-domain-db]',
      'orders>checkout shared-library ×1 [no-shared-business-library]',
      'products>platform shared-database ×1 [no-cross-domain-db]',
      'shipping>platform shared-database ×1 [no-cross-domain-db]',
    ]);
    const legacy = map.edges.find(
      e =>
        e.id === `${domain('inventory')}|${domain('platform')}|shared-database`,
    )!;
    expect(legacy.links.map(l => l.provider)).toEqual([
      'resource:default/legacy-monolith-db',
    ]);
    expect(legacy.violations.map(i => map.violations[i])).toEqual(
      rules.violations.filter(
        v =>
          v.rule === 'no-cross-domain-db' &&
          v.entityRefs[0] === 'resource:default/legacy-monolith-db',
      ),
    );
  });

  it('makes every red edge from a violation of the rule check, and every tie violation red', () => {
    const onEdges = new Set(
      map.edges.flatMap(e => e.violations.map(i => map.violations[i])),
    );
    const tieRules = new Set([
      'no-cross-domain-db',
      'no-shared-cache',
      'no-shared-business-library',
      'events-only-between-domains',
    ]);
    const tieViolations = rules.violations.filter(v => tieRules.has(v.rule));
    expect(tieViolations.length).toBeGreaterThan(0);
    for (const violation of tieViolations) {
      expect(onEdges).toContain(violation);
    }
    for (const violation of onEdges) {
      expect(rules.violations).toContain(violation);
    }
  });

  it('shows the neighbourhood of payments', () => {
    const payments = computeContextMap(
      graph,
      { violations: rules.violations, migration },
      { domain: domain('payments') },
    );
    expect(payments.nodes.map(n => n.domainRef)).toEqual(
      ['notifications', 'orders', 'payments', 'platform'].map(domain),
    );
    expect(
      payments.edges.every(
        e => e.from === domain('payments') || e.to === domain('payments'),
      ),
    ).toBe(true);
  });
});
