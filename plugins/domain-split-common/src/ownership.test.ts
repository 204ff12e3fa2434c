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

  it('gives each team its place in the group tree', () => {
    const orders = ownership.teams.find(
      t => t.entityRef === 'group:default/orders-team',
    )!;
    expect(orders.parentRef).toBeUndefined();
    expect(orders.childRefs).toEqual([]);
    expect(orders.rolledUpDomains).toEqual(orders.domains);
    expect(orders.rolledUpComponents).toEqual(orders.components);
  });

  describe('rolls up the group hierarchy', () => {
    const tree = computeOwnership(
      buildCatalogGraph([
        // The organisation lists its department as a child; the department names its parent.
        entity('Group', 'org', {
          type: 'organization',
          children: ['engineering'],
        }),
        entity('Group', 'engineering', {
          type: 'department',
          parent: 'org',
          children: ['orders-team'],
        }),
        // orders-team is listed by engineering; payments-team only names its parent.
        team('orders-team', { parent: 'engineering' }),
        team('payments-team', { parent: 'engineering' }),
        // A cycle must not loop: a child naming its own ancestor as its child.
        team('loop-team', { parent: 'payments-team', children: ['org'] }),
        // A group that owns nothing, anywhere below it, is not listed.
        entity('Group', 'book-club', { type: 'club', children: [] }),
        domain('orders', { owner: 'orders-team' }),
        domain('checkout', { owner: 'orders-team' }),
        domain('payments', { owner: 'payments-team' }),
        domain('platform', { owner: 'engineering' }),
        component('orders-service', { owner: 'orders-team', domain: 'orders' }),
        component('payments-service', {
          owner: 'payments-team',
          domain: 'payments',
        }),
      ]),
    );
    const teamOf = (name: string) =>
      tree.teams.find(t => t.entityRef === `group:default/${name}`)!;

    it('lists departments above teams that own something', () => {
      expect(tree.teams.map(t => t.entityRef)).toEqual([
        'group:default/engineering',
        'group:default/loop-team',
        'group:default/orders-team',
        'group:default/org',
        'group:default/payments-team',
      ]);
    });

    it('reads parent and children from either side', () => {
      expect(teamOf('engineering').parentRef).toBe('group:default/org');
      expect(teamOf('engineering').childRefs).toEqual([
        'group:default/orders-team',
        'group:default/payments-team',
      ]);
      expect(teamOf('payments-team').parentRef).toBe(
        'group:default/engineering',
      );
      expect(teamOf('payments-team').childRefs).toEqual([
        'group:default/loop-team',
      ]);
      // org has no spec.parent; loop-team lists it as a child, which closes a cycle.
      expect(teamOf('org').parentRef).toBe('group:default/loop-team');
    });

    it("gives a department its teams' domains and components, and its own", () => {
      const engineering = teamOf('engineering');
      expect(engineering.domains).toEqual(['domain:default/platform']);
      expect(engineering.rolledUpDomains).toEqual([
        'domain:default/checkout',
        'domain:default/orders',
        'domain:default/payments',
        'domain:default/platform',
      ]);
      expect(engineering.rolledUpComponents).toEqual([
        'component:default/orders-service',
        'component:default/payments-service',
      ]);
      expect(teamOf('orders-team').rolledUpDomains).toEqual([
        'domain:default/checkout',
        'domain:default/orders',
      ]);
    });

    it('ends cycles: every group in a loop sees the whole loop once', () => {
      expect(teamOf('org').rolledUpDomains).toEqual(
        teamOf('engineering').rolledUpDomains,
      );
      expect(teamOf('loop-team').rolledUpDomains).toEqual(
        teamOf('engineering').rolledUpDomains,
      );
    });
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
