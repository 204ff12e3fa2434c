/*
 * The example catalog run through the real analysis of plugins/domain-split-common: the seed's
 * failure-isolation cells, no drift on them, the deliberate rule violations, and the migration
 * phases the catalog alone supports (no CI evidence yet). exampleCatalog.test.ts checks the
 * YAML itself (validation, references, annotation values, API definitions).
 */
import {
  ImpactLevel,
  MatrixCell,
  RuleId,
  buildCatalogGraph,
  checkRules,
  computeFailureMatrix,
  computeMigrationStatus,
  EvidenceContext,
  domainOf,
} from '@internal/plugin-domain-split-common';
import { loadExampleCatalog } from './loadExampleCatalog';

const MONOREPO = 'https://github.com/aliexpress-platform/aliexpress-platform';
const NO_EVIDENCE = { deployments: [], testRuns: [] };

const graph = buildCatalogGraph(loadExampleCatalog());
const matrix = computeFailureMatrix(graph, 'domain');
const rules = checkRules(EvidenceContext.of(graph, NO_EVIDENCE));

const domain = (name: string) => `domain:default/${name}`;
const rowOf = (name: string) => {
  const row = matrix.rows.find(r => r.failing === domain(name));
  if (!row) throw new Error(`no matrix row for ${name}`);
  return row;
};
const cellOf = (failing: string, affected: string) =>
  rowOf(failing).cells.find(cell => cell.affected === domain(affected));
const nameOf = (ref: string) => ref.split('/')[1];
/** A row as impact per affected domain name ('-' = not reached at all; 'none' = reached only through events), and users. */
const impactsOf = (failing: string) => {
  const row = rowOf(failing);
  const domains: Record<string, ImpactLevel | '-'> = {};
  for (const column of matrix.columns.filter(c => c !== domain(failing))) {
    domains[nameOf(column)] =
      row.cells.find(cell => cell.affected === column)?.impact ?? '-';
  }
  return { domains, users: row.users.impact };
};
const violationsOf = (rule: RuleId) =>
  rules.violations.filter(v => v.rule === rule);

/** The explaining path as `consumer<-provider (via, impact)`. */
const pathOf = (cell: MatrixCell | undefined) =>
  cell?.path.map(
    e =>
      `${e.consumer.split('/')[1]}<-${e.provider.split('/')[1]} (${
        e.via === 'dependsOn' ? 'dependsOn' : e.via.split('/')[1]
      }, ${e.impact})`,
  );

describe('the example catalog through the analysis', () => {
  it('has no annotation or reference problems', () => {
    expect(graph.annotationProblems).toEqual([]);
  });

  it('gives the seed matrix: payments → orders waits', () => {
    const cell = cellOf('payments', 'orders');
    expect(cell?.impact).toBe('waits');
    expect(pathOf(cell)).toEqual([
      'orders-service<-payments-service (payments-api, waits)',
    ]);
  });

  it('gives the seed matrix: inventory → checkout blocked', () => {
    const cell = cellOf('inventory', 'checkout');
    expect(cell?.impact).toBe('blocked');
    expect(pathOf(cell)).toEqual([
      'checkout-orchestrator<-inventory-service (inventory-api, blocked)',
    ]);
  });

  it('gives the seed matrix: notifications → no user impact', () => {
    expect(rowOf('notifications').users.impact).toBe('none');
  });

  it('gives the seed matrix: search → degraded UX', () => {
    const users = rowOf('search').users;
    expect(users.impact).toBe('degraded');
    expect(users.affected).toBe('component:default/api-gateway');
    expect(pathOf(users)).toEqual([
      'api-gateway<-search-readmodels (search-api, degraded)',
    ]);
  });

  it('shows no drift on the four seed rows, each with a declared impact', () => {
    for (const name of ['payments', 'inventory', 'notifications', 'search']) {
      const row = rowOf(name);
      expect({
        name,
        declared: row.declared !== undefined,
        drift: row.drift,
      }).toEqual({
        name,
        declared: true,
        drift: false,
      });
    }
  });

  it("gives the seed's failure-isolation rows", () => {
    expect(impactsOf('payments')).toEqual({
      domains: {
        orders: 'waits',
        checkout: 'none',
        products: '-',
        inventory: 'none',
        shipping: 'none',
        coupons: 'none',
        search: 'none',
        notifications: 'none',
        platform: 'waits',
      },
      users: 'waits',
    });
    expect(impactsOf('inventory')).toEqual({
      domains: {
        orders: 'none',
        checkout: 'blocked',
        payments: 'none',
        products: '-',
        shipping: 'none',
        coupons: 'none',
        search: 'none',
        notifications: 'none',
        platform: 'blocked',
      },
      users: 'blocked',
    });
    expect(impactsOf('notifications')).toEqual({
      domains: {
        orders: 'none',
        checkout: 'none',
        payments: 'none',
        products: '-',
        inventory: 'none',
        shipping: 'none',
        coupons: 'none',
        search: 'none',
        platform: 'none',
      },
      users: 'none',
    });
    expect(impactsOf('search')).toEqual({
      domains: {
        orders: '-',
        checkout: '-',
        payments: '-',
        products: '-',
        inventory: '-',
        shipping: '-',
        coupons: '-',
        notifications: '-',
        platform: 'degraded',
      },
      users: 'degraded',
    });
  });

  it('declared impact matches the computed user impact except for coupons (drift)', () => {
    const names = matrix.rows.map(row => nameOf(row.failing));
    const computed = Object.fromEntries(
      matrix.rows.map(row => [nameOf(row.failing), row.users.impact]),
    );
    const declared = Object.fromEntries(
      matrix.rows.map(row => [nameOf(row.failing), row.declared]),
    );
    expect(computed).toEqual({
      orders: 'blocked',
      checkout: 'blocked',
      payments: 'waits',
      products: 'blocked',
      inventory: 'blocked',
      shipping: 'degraded',
      coupons: 'degraded',
      search: 'degraded',
      notifications: 'none',
      platform: 'blocked',
    });
    expect(names.filter(name => computed[name] !== declared[name])).toEqual([
      'coupons',
    ]);
    expect(
      matrix.rows.filter(row => row.drift).map(row => nameOf(row.failing)),
    ).toEqual(['coupons']);
  });

  it('reports the shared database and the shared cache', () => {
    const db = rules.violations.filter(v => v.rule === 'no-cross-domain-db');
    expect(db.map(v => v.entityRefs)).toEqual([
      [
        'resource:default/legacy-monolith-db',
        'component:default/inventory-service',
        'component:default/products-service',
        'component:default/shipping-service',
      ],
    ]);
    const cache = rules.violations.filter(v => v.rule === 'no-shared-cache');
    expect(cache.map(v => v.entityRefs)).toEqual([
      [
        'resource:default/shared-redis',
        'component:default/checkout-orchestrator',
        'component:default/coupons-service',
        'component:default/orders-service',
      ],
    ]);
  });

  it('reports orders → payments as synchronous cross-domain communication, and nothing from the gateway', () => {
    const sync = rules.violations.filter(
      v => v.rule === 'events-only-between-domains',
    );
    expect(sync.map(v => v.entityRefs)).toContainEqual([
      'component:default/orders-service',
      'api:default/payments-api',
      'component:default/payments-service',
    ]);
    const entryPoints = [...graph.entities.values()]
      .filter(e => e.userFacing)
      .map(e => e.ref);
    expect(entryPoints).toContain('component:default/api-gateway');
    // The gateway does call domains synchronously; the rule lets it.
    expect(
      graph.edges.some(
        e =>
          e.consumer === 'component:default/api-gateway' &&
          graph.entities.get(e.via)?.type === 'openapi',
      ),
    ).toBe(true);
    expect(sync.filter(v => entryPoints.includes(v.entityRefs[0]))).toEqual([]);
  });

  it('the synchronous calls between domains (events-only rule) are exactly the two deliberate ones', () => {
    expect(
      violationsOf('events-only-between-domains')
        .map(v => `${v.entityRefs[0]} -> ${v.entityRefs[1]}`)
        .sort(),
    ).toEqual([
      'component:default/checkout-orchestrator -> api:default/inventory-api',
      'component:default/orders-service -> api:default/payments-api',
    ]);
  });

  it('the shared state (cross-domain DB, shared cache) and the shared business library', () => {
    const shared = [
      ...violationsOf('no-cross-domain-db'),
      ...violationsOf('no-shared-cache'),
      ...violationsOf('no-shared-business-library'),
    ].map(({ entityRefs: [ref, ...users] }) => {
      const domains = users.map(user => nameOf(domainOf(graph, user)!));
      return `${ref} (${graph.entities.get(ref)!.type}): ${[...new Set(domains)]
        .sort()
        .join(', ')}`;
    });
    expect(shared.sort()).toEqual([
      'component:default/pricing-lib (library): checkout, coupons, orders',
      'resource:default/legacy-monolith-db (database): inventory, products, shipping',
      'resource:default/shared-redis (cache): checkout, coupons, orders',
    ]);
  });

  it('one component owned by a team that does not own its domain', () => {
    const mismatches = [...graph.entities.values()]
      .filter(e => ['component', 'api', 'resource'].includes(e.kind))
      .filter(e => {
        const domainRef = domainOf(graph, e.ref);
        const owner = domainRef && graph.entities.get(domainRef)?.ownerRef;
        return owner && owner !== e.ownerRef;
      })
      .map(e => e.ref);
    expect(mismatches).toEqual(['component:default/pricing-lib']);
    expect(violationsOf('one-owner-per-domain').map(v => v.entityRefs)).toEqual(
      [
        [
          'domain:default/checkout',
          'group:default/growth-team',
          'component:default/pricing-lib',
        ],
      ],
    );
  });

  it('computes the phases the catalog alone supports (no CI evidence)', () => {
    const status = computeMigrationStatus(
      EvidenceContext.of(graph, NO_EVIDENCE),
      {
        monorepoUrl: MONOREPO,
        now: new Date('2026-01-15T00:00:00Z'),
      },
    );
    const phases = Object.fromEntries(
      status.domains.map(d => [d.domainRef.split('/')[1], d.phase]),
    );
    // Without CI runs of the domain test suites no domain gets past phase 1; checkout is held
    // at phase 0 by pricing-lib, owned by the Growth Team inside the Orders Team's domain.
    expect(phases).toEqual({
      checkout: 0,
      coupons: 1,
      inventory: 1,
      notifications: 1,
      orders: 1,
      payments: 1,
      platform: 1,
      products: 1,
      search: 1,
      shipping: 1,
    });
    const checkout = status.domains.find(
      d => d.domainRef === domain('checkout'),
    )!;
    expect(checkout.nextBlockers).toEqual([
      'Pricing library is owned by Growth Team, not by Orders Team.',
    ]);
    // Step 4 needs deployments, so no domain has it without evidence.
    expect(status.domains.every(d => !d.steps[3].met)).toBe(true);
    // What the catalog alone proves of the playbook (catalog-info/README.md, migration spread).
    const stepsMet = Object.fromEntries(
      status.domains.map(d => [
        d.domainRef.split('/')[1],
        d.steps.filter(s => s.met).map(s => s.step),
      ]),
    );
    expect(stepsMet).toEqual({
      checkout: [2],
      coupons: [2],
      inventory: [2],
      notifications: [1, 2, 3],
      orders: [1, 2],
      payments: [1, 2, 3],
      platform: [2, 3],
      products: [2],
      search: [1, 3],
      shipping: [2],
    });
  });
});
