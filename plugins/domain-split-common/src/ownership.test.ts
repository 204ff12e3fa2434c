import { buildCatalogGraph } from './graph';
import { computeOwnership } from './ownership';
import {
  api,
  component,
  domain,
  entity,
  resource,
  system,
  team,
  user,
} from './testing/entities';

const graph = buildCatalogGraph([
  team('orders-team'),
  team('payments-team'),
  entity('Group', 'guild', { type: 'guild', children: [] }),
  entity('Group', 'adhoc', {
    type: 'project',
    children: [],
    members: ['carol'],
  }),
  user(
    'alice',
    { memberOf: ['orders-team'] },
    { 'domain-split/org-role': 'staff engineer' },
  ),
  user('bob', { memberOf: ['orders-team', 'guild'] }),
  user(
    'carol',
    { memberOf: [] },
    { 'domain-split/org-role': 'domain architect' },
  ),
  domain('orders', { owner: 'orders-team' }),
  domain('payments', { owner: 'payments-team' }),
  domain('loose'),
  domain('personal', { owner: 'user:carol' }),
  system('orders-system', { owner: 'orders-team', domain: 'orders' }),
  component('orders-service', {
    owner: 'orders-team',
    system: 'orders-system',
    providesApis: ['orders-api'],
    dependsOn: ['resource:orders-db', 'orders-lib'],
  }),
  component('orders-lib', {
    type: 'library',
    owner: 'orders-team',
    domain: 'orders',
  }),
  component('refunds-service', { owner: 'payments-team', domain: 'orders' }),
  component('payments-service', { owner: 'payments-team', domain: 'payments' }),
  component('stray', { owner: 'adhoc' }),
  component('abandoned', { domain: 'payments', owner: 'gone-team' }),
  api('orders-api', 'openapi', {
    owner: 'orders-team',
    system: 'orders-system',
  }),
  api('loose-api', 'asyncapi', { owner: 'orders-team' }),
  resource('orders-db', 'database', {
    owner: 'orders-team',
    system: 'orders-system',
  }),
]);
const ownership = computeOwnership(graph);

describe('computeOwnership', () => {
  it('lists teams: Groups of type team and any Group owning something, with members and roles', () => {
    expect(ownership.teams.map(t => t.entityRef)).toEqual([
      'group:default/adhoc',
      'group:default/orders-team',
      'group:default/payments-team',
    ]);
    const orders = ownership.teams.find(
      t => t.entityRef === 'group:default/orders-team',
    )!;
    expect(orders.members).toEqual([
      {
        entityRef: 'user:default/alice',
        title: 'alice',
        role: 'staff engineer',
      },
      { entityRef: 'user:default/bob', title: 'bob', role: undefined },
    ]);
    expect(orders.domains).toEqual(['domain:default/orders']);
    expect(orders.components).toEqual([
      'component:default/orders-lib',
      'component:default/orders-service',
    ]);
    const adhoc = ownership.teams.find(
      t => t.entityRef === 'group:default/adhoc',
    )!;
    expect(adhoc.members).toEqual([
      {
        entityRef: 'user:default/carol',
        title: 'carol',
        role: 'domain architect',
      },
    ]);
  });

  it('nests domains → systems → components → APIs and resources', () => {
    const orders = ownership.domains.find(
      d => d.entityRef === 'domain:default/orders',
    )!;
    expect(orders.ownerRefs).toEqual([
      'group:default/orders-team',
      'group:default/payments-team',
    ]);
    expect(orders.systems).toEqual(['system:default/orders-system']);
    expect(orders.apis).toEqual(['api:default/orders-api']);
    expect(orders.components.map(c => c.entityRef)).toEqual([
      'component:default/orders-lib',
      'component:default/orders-service',
      'component:default/refunds-service',
    ]);
    expect(orders.components[1]).toEqual({
      entityRef: 'component:default/orders-service',
      title: 'orders-service',
      type: 'service',
      ownerRef: 'group:default/orders-team',
      systemRef: 'system:default/orders-system',
      apis: ['api:default/orders-api'],
      resources: ['resource:default/orders-db'],
    });
  });

  it('lists what belongs to no domain as unassigned', () => {
    expect(ownership.unassigned.map(u => u.entityRef)).toEqual([
      'api:default/loose-api',
      'component:default/stray',
    ]);
  });

  it('reports the ownership problems', () => {
    expect(ownership.problems.map(p => [p.kind, p.entityRefs])).toEqual([
      [
        'component-owner-mismatch',
        [
          'component:default/refunds-service',
          'group:default/payments-team',
          'domain:default/orders',
        ],
      ],
      [
        'domain-with-several-owners',
        [
          'domain:default/orders',
          'group:default/orders-team',
          'group:default/payments-team',
        ],
      ],
      ['domain-without-owner', ['domain:default/loose']],
      [
        'domain-without-owner',
        ['domain:default/personal', 'user:default/carol'],
      ],
      ['orphan', ['api:default/loose-api']],
      ['orphan', ['component:default/abandoned']],
      ['orphan', ['component:default/stray']],
    ]);
    expect(
      ownership.problems.find(p => p.kind === 'component-owner-mismatch')!
        .message,
    ).toBe(
      'refunds-service is owned by payments-team, but its domain orders is owned by orders-team.',
    );
    // The dangling owner is also an annotation problem.
    expect(
      ownership.annotationProblems.map(p => [p.entityRef, p.annotation]),
    ).toEqual([['component:default/abandoned', 'spec.owner']]);
  });

  it('handles an empty catalog', () => {
    expect(computeOwnership(buildCatalogGraph([]))).toEqual({
      teams: [],
      domains: [],
      unassigned: [],
      problems: [],
      annotationProblems: [],
    });
  });
});
