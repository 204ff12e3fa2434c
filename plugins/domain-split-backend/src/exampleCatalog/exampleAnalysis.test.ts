/*
 * The example catalog run through the real analysis of plugins/domain-split-common: the seed's
 * failure-isolation cells, no drift on them, the deliberate rule violations, and the migration
 * phases the catalog alone supports (no CI evidence yet). exampleCatalog.test.ts checks the
 * YAML with its own small model; this file checks that the shipped analysis agrees.
 */
import {
  MatrixCell,
  buildCatalogGraph,
  checkRules,
  computeFailureMatrix,
  computeMigrationStatus,
} from '@internal/plugin-domain-split-common';
import { loadExampleCatalog } from './loadExampleCatalog';

const MONOREPO = 'https://github.com/aliexpress-platform/aliexpress-platform';
const NO_EVIDENCE = { deployments: [], testRuns: [] };

const graph = buildCatalogGraph(loadExampleCatalog());
const matrix = computeFailureMatrix(graph, 'domain');
const rules = checkRules(graph, NO_EVIDENCE);

const domain = (name: string) => `domain:default/${name}`;
const rowOf = (name: string) => {
  const row = matrix.rows.find(r => r.failing === domain(name));
  if (!row) throw new Error(`no matrix row for ${name}`);
  return row;
};
const cellOf = (failing: string, affected: string) =>
  rowOf(failing).cells.find(cell => cell.affected === domain(affected));
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

  it('computes the phases the catalog alone supports (no CI evidence)', () => {
    const status = computeMigrationStatus(graph, NO_EVIDENCE, {
      monorepoUrl: MONOREPO,
      now: new Date('2026-01-15T00:00:00Z'),
    });
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
