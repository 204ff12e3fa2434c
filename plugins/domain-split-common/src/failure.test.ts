import {
  computeBlastRadius,
  computeFailureMatrix,
  serviceMatrixRowRefs,
  serviceMatrixRowsSteps,
} from './failure';
import { buildCatalogGraph } from './graph';
import { api, component, domain, team } from './testing/entities';
import { marketplace } from './testing/failureFixtures';
import { matrixPageOfRows, pageFailureMatrix } from './matrixPage';
import { runToCompletion } from './steps';
import { MatrixCell, MatrixRow } from './types';

const c = (name: string) => `component:default/${name}`;
const d = (name: string) => `domain:default/${name}`;

/** Cell → `impact` plus the path as `consumer<-provider` names, for readable expectations. */
function explain(cell: MatrixCell | undefined) {
  return (
    cell && {
      impact: cell.impact,
      path: cell.path.map(
        e => `${e.consumer.split('/')[1]}<-${e.provider.split('/')[1]}`,
      ),
    }
  );
}

function rowOf(rows: MatrixRow[], failing: string) {
  return rows.find(row => row.failing === failing)!;
}

function cellOf(row: MatrixRow, affected: string) {
  return row.cells.find(cell => cell.affected === affected);
}

describe('propagation (through computeBlastRadius)', () => {
  it('takes the bottleneck of a chain: a degraded link caps everything behind it', () => {
    const graph = buildCatalogGraph([
      component('a'),
      component(
        'b',
        { dependsOn: ['a'] },
        { 'domain-split/dependency-impact': 'a=degraded' },
      ),
      component('c', { dependsOn: ['b'] }),
    ]);
    const radius = computeBlastRadius(graph, c('a'))!;
    expect(
      radius.takesDown.map(cell => [cell.affected, explain(cell)]),
    ).toEqual([
      [c('b'), { impact: 'degraded', path: ['b<-a'] }],
      [c('c'), { impact: 'degraded', path: ['b<-a', 'c<-b'] }],
    ]);
  });

  it('takes the widest path through a diamond', () => {
    const graph = buildCatalogGraph([
      component('p', { providesApis: ['p-events'] }),
      api('p-events', 'asyncapi'),
      component('x', { consumesApis: ['p-events'] }),
      component(
        'y',
        { dependsOn: ['p'] },
        { 'domain-split/dependency-impact': 'p=waits' },
      ),
      component('z', { dependsOn: ['x', 'y'] }),
    ]);
    const radius = computeBlastRadius(graph, c('p'))!;
    const byAffected = Object.fromEntries(
      radius.takesDown.map(cell => [cell.affected, explain(cell)]),
    );
    expect(byAffected).toEqual({
      [c('x')]: { impact: 'none', path: ['x<-p'] },
      [c('y')]: { impact: 'waits', path: ['y<-p'] },
      [c('z')]: { impact: 'waits', path: ['y<-p', 'z<-y'] },
    });
  });

  it('prefers a longer path when it is worse than the direct one', () => {
    const graph = buildCatalogGraph([
      component('p'),
      component('r', { dependsOn: ['p'] }),
      component(
        'q',
        { dependsOn: ['p', 'r'] },
        { 'domain-split/dependency-impact': 'p=degraded' },
      ),
    ]);
    const q = computeBlastRadius(graph, c('p'))!.takesDown.find(
      cell => cell.affected === c('q'),
    );
    expect(explain(q)).toEqual({ impact: 'blocked', path: ['r<-p', 'q<-r'] });
  });

  it('terminates on cycles and never reports the failing entity as affected', () => {
    const graph = buildCatalogGraph([
      component('a', { dependsOn: ['c'] }),
      component('b', { dependsOn: ['a'] }),
      component('c', { dependsOn: ['b'] }),
    ]);
    const radius = computeBlastRadius(graph, c('a'))!;
    expect(
      radius.takesDown.map(cell => [cell.affected, explain(cell)]),
    ).toEqual([
      [c('b'), { impact: 'blocked', path: ['b<-a'] }],
      [c('c'), { impact: 'blocked', path: ['b<-a', 'c<-b'] }],
    ]);
    expect(
      radius.takenDownBy.map(cell => [cell.failing, explain(cell)]),
    ).toEqual([
      [c('b'), { impact: 'blocked', path: ['c<-b', 'a<-c'] }],
      [c('c'), { impact: 'blocked', path: ['a<-c'] }],
    ]);
  });
});

describe('computeFailureMatrix (domain level)', () => {
  const matrix = computeFailureMatrix(
    buildCatalogGraph(
      marketplace({
        payments: 'waits',
        inventory: 'blocked',
        notifications: 'none',
        search: 'blocked',
      }),
    ),
    'domain',
  );

  it('has one column per domain and one row per failing domain', () => {
    expect(matrix.level).toBe('domain');
    expect(matrix.columns).toEqual(
      [
        'checkout',
        'inventory',
        'notifications',
        'orders',
        'payments',
        'platform',
        'search',
      ].map(d),
    );
    expect(matrix.rows.map(row => row.failing)).toEqual(matrix.columns);
  });

  it('gives the seed cells: payments → orders waits, inventory → checkout blocked', () => {
    const payments = rowOf(matrix.rows, d('payments'));
    expect(explain(cellOf(payments, d('orders')))).toEqual({
      impact: 'waits',
      path: ['orders-service<-payments-service'],
    });
    const inventory = rowOf(matrix.rows, d('inventory'));
    expect(explain(cellOf(inventory, d('checkout')))).toEqual({
      impact: 'blocked',
      path: ['checkout-orchestrator<-inventory-service'],
    });
  });

  it('gives the users column: notifications none, search degraded, payments waits', () => {
    const users = (name: string) => explain(rowOf(matrix.rows, d(name)).users);
    expect(users('notifications')).toEqual({ impact: 'none', path: [] });
    expect(rowOf(matrix.rows, d('notifications')).users.affected).toBe('users');
    expect(users('search')).toEqual({
      impact: 'degraded',
      path: ['api-gateway<-search-readmodels'],
    });
    expect(users('payments')).toEqual({
      impact: 'waits',
      path: ['orders-service<-payments-service', 'api-gateway<-orders-service'],
    });
    // A failing entry point is a user outage in itself.
    expect(rowOf(matrix.rows, d('platform')).users).toMatchObject({
      affected: c('api-gateway'),
      impact: 'blocked',
      path: [],
    });
  });

  it('does not report the failing domain itself and leaves unreached domains out', () => {
    const notifications = rowOf(matrix.rows, d('notifications'));
    expect(notifications.cells).toEqual([]);
    const orders = rowOf(matrix.rows, d('orders'));
    expect(orders.cells.map(cell => [cell.affected, cell.impact])).toEqual([
      [d('checkout'), 'blocked'],
      [d('notifications'), 'none'],
      [d('platform'), 'waits'],
      [d('search'), 'none'],
    ]);
  });

  it('fails all components and resources of a domain at once', () => {
    // inventory-worker only depends on the shared inventory-db: it fails with the domain and
    // so is not a consumer of the failure.
    const inventory = rowOf(matrix.rows, d('inventory'));
    expect(inventory.cells.map(cell => cell.affected)).toEqual([
      d('checkout'),
      d('platform'),
    ]);
    expect(explain(cellOf(inventory, d('platform')))).toEqual({
      impact: 'waits',
      path: [
        'checkout-orchestrator<-inventory-service',
        'api-gateway<-checkout-orchestrator',
      ],
    });
  });

  it('marks drift only where the declared impact differs from the computed users impact', () => {
    const drift = Object.fromEntries(
      matrix.rows.map(row => [row.failing, [row.declared, row.drift]]),
    );
    expect(drift[d('payments')]).toEqual(['waits', false]);
    expect(drift[d('notifications')]).toEqual(['none', false]);
    expect(drift[d('inventory')]).toEqual(['blocked', true]); // users only wait behind checkout
    expect(drift[d('search')]).toEqual(['blocked', true]);
    expect(drift[d('orders')]).toEqual([undefined, false]);
  });

  it('titles every ref it mentions', () => {
    expect(matrix.titles[d('payments')]).toBe('payments');
    expect(matrix.titles[c('orders-service')]).toBe('orders-service');
    expect(matrix.titles['api:default/payments-api']).toBe('payments-api');
  });

  it('handles an empty catalog', () => {
    expect(computeFailureMatrix(buildCatalogGraph([]), 'domain')).toEqual({
      level: 'domain',
      columns: [],
      rows: [],
      titles: {},
      annotationProblems: [],
    });
  });

  it('passes annotation problems through', () => {
    const graph = buildCatalogGraph([
      domain('x', {}, { 'domain-split/declared-impact': 'meh' }),
    ]);
    const result = computeFailureMatrix(graph, 'domain');
    expect(result.annotationProblems).toHaveLength(1);
    expect(result.rows[0].declared).toBeUndefined();
    expect(result.rows[0].drift).toBe(false);
  });
});

describe('computeFailureMatrix (service level)', () => {
  const matrix = computeFailureMatrix(
    buildCatalogGraph(marketplace()),
    'service',
  );

  it('has a row per Component and a column per Component a row reaches', () => {
    const components = matrix.rows.map(row => row.failing);
    expect(components).toHaveLength(8);
    expect(components).toEqual([...components].sort());
    expect(components).not.toContain('resource:default/inventory-db');
    const reached = new Set(
      matrix.rows.flatMap(row => row.cells.map(cell => cell.affected)),
    );
    expect(matrix.columns).toEqual(components.filter(ref => reached.has(ref)));
    // payments-service is reached by no failure (nothing it needs is a Component).
    expect(matrix.columns).not.toContain(c('payments-service'));
    expect(matrix.columns).toContain(c('orders-service'));
  });

  it('reports each reached Component with its path', () => {
    const payments = rowOf(matrix.rows, c('payments-service'));
    expect(payments.cells.map(cell => [cell.affected, explain(cell)])).toEqual([
      [
        c('api-gateway'),
        {
          impact: 'waits',
          path: [
            'orders-service<-payments-service',
            'api-gateway<-orders-service',
          ],
        },
      ],
      [
        c('checkout-orchestrator'),
        {
          impact: 'waits',
          path: [
            'orders-service<-payments-service',
            'checkout-orchestrator<-orders-service',
          ],
        },
      ],
      [
        c('notifications-service'),
        {
          impact: 'none',
          path: [
            'orders-service<-payments-service',
            'notifications-service<-orders-service',
          ],
        },
      ],
      [
        c('orders-service'),
        { impact: 'waits', path: ['orders-service<-payments-service'] },
      ],
      [
        c('search-readmodels'),
        {
          impact: 'none',
          path: [
            'orders-service<-payments-service',
            'search-readmodels<-orders-service',
          ],
        },
      ],
    ]);
    expect(payments.users.impact).toBe('waits');
    expect(payments.drift).toBe(false);
  });
});

describe('serviceMatrixRowsSteps (service rows on demand)', () => {
  const graph = buildCatalogGraph(marketplace());
  const whole = computeFailureMatrix(graph, 'service');
  const asked = [c('payments-service'), c('api-gateway'), c('orders-service')];

  it('gives the rows of the whole service matrix for the Components asked, in that order', () => {
    const some = runToCompletion(serviceMatrixRowsSteps(graph, asked));
    expect(some.level).toBe('service');
    expect(some.rows).toEqual(asked.map(ref => rowOf(whole.rows, ref)));
    // Only the columns these rows reach, in the whole matrix's order.
    const reached = new Set(
      some.rows.flatMap(row => row.cells.map(cell => cell.affected)),
    );
    expect(some.columns).toEqual(whole.columns.filter(ref => reached.has(ref)));
    // orders-service's row alone does not reach orders-service, which the whole matrix's do.
    const orders = runToCompletion(
      serviceMatrixRowsSteps(graph, [c('orders-service')]),
    );
    expect(whole.columns).toContain(c('orders-service'));
    expect(orders.columns).not.toContain(c('orders-service'));
    expect(orders.columns.length).toBeGreaterThan(0);
    expect(some.annotationProblems).toBe(whole.annotationProblems);
    // The titles of those columns and of what those rows name, as the whole matrix has them.
    for (const [ref, title] of Object.entries(some.titles)) {
      expect(whole.titles[ref]).toBe(title);
    }
    for (const column of some.columns)
      expect(some.titles[column]).toBeDefined();
  });

  it('selects the rows of a page: every Component, the one of `failing`, or those matching `q`', () => {
    const components = whole.rows.map(row => row.failing);
    expect(serviceMatrixRowRefs(graph, {})).toEqual(components);
    expect(
      serviceMatrixRowRefs(graph, { failing: c('orders-service') }),
    ).toEqual([c('orders-service')]);
    expect(serviceMatrixRowRefs(graph, { failing: d('orders') })).toEqual([]);
    expect(serviceMatrixRowRefs(graph, { q: 'ORDERS' })).toEqual(
      components.filter(ref => ref.includes('orders')),
    );
    expect(serviceMatrixRowRefs(graph, { q: 'ORDERS' }).length).toBeGreaterThan(
      0,
    );
  });

  it('has no row for a ref that is not a Component of the graph', () => {
    const some = runToCompletion(
      serviceMatrixRowsSteps(graph, [
        'resource:default/inventory-db',
        d('payments'),
        c('no-such-service'),
        c('payments-service'),
      ]),
    );
    expect(some.rows.map(row => row.failing)).toEqual([c('payments-service')]);
  });

  it('pauses after each row', () => {
    const steps = serviceMatrixRowsSteps(graph, asked);
    let pauses = 0;
    while (!steps.next().done) pauses++;
    expect(pauses).toBeGreaterThanOrEqual(asked.length);
  });

  it('decides the paths for these rows alone', () => {
    const withPaths = runToCompletion(
      serviceMatrixRowsSteps(graph, [c('payments-service')], {
        maxPathCells: 10,
      }),
    );
    expect(withPaths.pathsOmitted).toBeUndefined();
    expect(withPaths.rows[0].cells[0].path.length).toBeGreaterThan(0);
    const without = runToCompletion(
      serviceMatrixRowsSteps(graph, asked, { maxPathCells: 10 }),
    );
    expect(without.pathsOmitted).toBe(true);
    expect(
      without.rows.every(row => row.cells.every(cell => !cell.path.length)),
    ).toBe(true);
  });

  it('pages as the whole matrix does', () => {
    const query = { offset: 2, limit: 3 };
    const refs = whole.rows
      .slice(query.offset, query.offset + query.limit)
      .map(row => row.failing);
    const onDemand = matrixPageOfRows(
      runToCompletion(serviceMatrixRowsSteps(graph, refs)),
      { ...query, totalItems: whole.rows.length },
      { maxPathCells: 150 },
    );
    expect(onDemand).toEqual(
      pageFailureMatrix(whole, query, { maxPathCells: 150 }),
    );
  });
});

describe('computeBlastRadius', () => {
  const graph = buildCatalogGraph([
    ...marketplace(),
    team('supply-team'),
    component('shipping-service', {
      owner: 'supply-team',
      consumesApis: ['orders-api'],
    }),
  ]);

  it('is undefined for refs not in the graph', () => {
    expect(computeBlastRadius(graph, 'component:default/nope')).toBeUndefined();
    expect(computeBlastRadius(graph, 'not a ref ::')).toBeUndefined();
  });

  it('leaves takenDownBy out when asked to, and keeps the rest', () => {
    const full = computeBlastRadius(graph, c('checkout-orchestrator'))!;
    expect(full.takenDownBy.length).toBeGreaterThan(0);
    const downstreamOnly = computeBlastRadius(
      graph,
      c('checkout-orchestrator'),
      {
        takenDownBy: false,
      },
    )!;
    expect(downstreamOnly.takenDownBy).toEqual([]);
    expect(downstreamOnly.takesDown).toEqual(full.takesDown);
    expect(downstreamOnly.users).toEqual(full.users);
  });

  it('for a Component: what it takes down and what takes it down', () => {
    const radius = computeBlastRadius(
      graph,
      'Component:default/Checkout-Orchestrator',
    )!;
    expect(radius.entityRef).toBe(c('checkout-orchestrator'));
    expect(
      radius.takesDown.map(cell => [cell.failing, cell.affected, cell.impact]),
    ).toEqual([[c('checkout-orchestrator'), c('api-gateway'), 'waits']]);
    expect(radius.users).toMatchObject({
      affected: c('api-gateway'),
      impact: 'waits',
    });
    expect(
      radius.takenDownBy.map(cell => [cell.failing, explain(cell)]),
    ).toEqual([
      [
        c('inventory-service'),
        {
          impact: 'blocked',
          path: ['checkout-orchestrator<-inventory-service'],
        },
      ],
      [
        c('orders-service'),
        { impact: 'blocked', path: ['checkout-orchestrator<-orders-service'] },
      ],
      [
        'resource:default/inventory-db',
        {
          impact: 'blocked',
          path: [
            'inventory-service<-inventory-db',
            'checkout-orchestrator<-inventory-service',
          ],
        },
      ],
      [
        c('payments-service'),
        {
          impact: 'waits',
          path: [
            'orders-service<-payments-service',
            'checkout-orchestrator<-orders-service',
          ],
        },
      ],
    ]);
    expect(
      radius.takenDownBy.every(
        cell => cell.affected === c('checkout-orchestrator'),
      ),
    ).toBe(true);
  });

  it('for a Resource: its dependants fail', () => {
    const radius = computeBlastRadius(graph, 'resource:default/inventory-db')!;
    expect(radius.takesDown.map(cell => [cell.affected, cell.impact])).toEqual([
      [c('checkout-orchestrator'), 'blocked'],
      [c('inventory-service'), 'blocked'],
      [c('inventory-worker'), 'blocked'],
      [c('api-gateway'), 'waits'],
    ]);
    expect(radius.takenDownBy).toEqual([]);
  });

  it('for an API: its consumers lose it with the impact of their consumption', () => {
    const radius = computeBlastRadius(graph, 'api:default/orders-api')!;
    expect(
      radius.takesDown.map(cell => [cell.affected, explain(cell)]),
    ).toEqual([
      [
        c('checkout-orchestrator'),
        { impact: 'blocked', path: ['checkout-orchestrator<-orders-service'] },
      ],
      [
        c('shipping-service'),
        { impact: 'blocked', path: ['shipping-service<-orders-service'] },
      ],
      [
        c('api-gateway'),
        { impact: 'waits', path: ['api-gateway<-orders-service'] },
      ],
    ]);
    // The API goes down with its provider, and with what takes the provider down.
    expect(radius.takenDownBy.map(cell => [cell.failing, cell.impact])).toEqual(
      [
        [c('orders-service'), 'blocked'],
        [c('payments-service'), 'waits'],
      ],
    );
  });

  it('for a Domain: all its components fail at once', () => {
    const radius = computeBlastRadius(graph, d('inventory'))!;
    expect(radius.takesDown.map(cell => [cell.affected, cell.impact])).toEqual([
      [c('checkout-orchestrator'), 'blocked'],
      [c('api-gateway'), 'waits'],
    ]);
    expect(radius.takenDownBy).toEqual([]);
  });

  it('for a Group: every component it owns fails', () => {
    const owned = buildCatalogGraph([
      team('orders-team'),
      team('other-team'),
      component('a', { owner: 'orders-team' }),
      component('b', { owner: 'orders-team', dependsOn: ['a'] }),
      component('c', { owner: 'other-team', dependsOn: ['b'] }),
      component(
        'd',
        { owner: 'other-team', dependsOn: ['c'] },
        { 'domain-split/user-facing': 'true' },
      ),
    ]);
    const radius = computeBlastRadius(owned, 'group:default/orders-team')!;
    expect(
      radius.takesDown.map(cell => [cell.affected, explain(cell)]),
    ).toEqual([
      [c('c'), { impact: 'blocked', path: ['c<-b'] }],
      [c('d'), { impact: 'blocked', path: ['c<-b', 'd<-c'] }],
    ]);
    expect(radius.users).toMatchObject({ affected: c('d'), impact: 'blocked' });
    const otherTeam = computeBlastRadius(owned, 'group:default/other-team')!;
    expect(otherTeam.takesDown).toEqual([]);
    expect(otherTeam.users).toMatchObject({
      affected: c('d'),
      impact: 'blocked',
      path: [],
    });
    expect(otherTeam.takenDownBy.map(cell => cell.failing)).toEqual([
      c('a'),
      c('b'),
    ]);
  });
});
