import { Entity } from '@backstage/catalog-model';
import { compareEdges } from './refs';
import type { ImpactEdge } from './types';
import {
  buildCatalogGraph,
  domainOf,
  matchServiceToEntity,
  CATALOG_FIELDS,
} from './graph';
import {
  api,
  component,
  domain,
  entity,
  resource,
  system,
  team,
} from './testing/entities';

const problemsOf = (entities: Entity[]) =>
  buildCatalogGraph(entities).annotationProblems.map(p => [
    p.entityRef,
    p.annotation,
  ]);

describe('buildCatalogGraph', () => {
  it('builds an empty graph from an empty catalog', () => {
    const graph = buildCatalogGraph([]);
    expect(graph.entities.size).toBe(0);
    expect(graph.edges).toEqual([]);
    expect(graph.annotationProblems).toEqual([]);
  });

  it('normalises references with the default kind of each field, lower-case', () => {
    const graph = buildCatalogGraph([
      team('Orders-Team'),
      domain('Orders', { owner: 'Orders-Team' }),
      system('orders-system', { owner: 'group:orders-team', domain: 'orders' }),
      component('Orders-Service', {
        owner: 'orders-team',
        system: 'orders-system',
        dependsOn: ['resource:orders-db', 'component:default/pricing'],
        providesApis: ['orders-api'],
      }),
      component('pricing', { owner: 'orders-team', system: 'orders-system' }),
      resource('orders-db', 'database'),
      api('orders-api', 'openapi'),
    ]);
    const service = graph.entities.get('component:default/orders-service')!;
    expect(service.title).toBe('Orders-Service');
    expect(service.ownerRef).toBe('group:default/orders-team');
    expect(service.systemRef).toBe('system:default/orders-system');
    expect(service.dependsOn).toEqual([
      'component:default/pricing',
      'resource:default/orders-db',
    ]);
    expect(service.providesApis).toEqual(['api:default/orders-api']);
    expect(graph.entities.get('domain:default/orders')!.ownerRef).toBe(
      'group:default/orders-team',
    );
    expect(graph.annotationProblems).toEqual([]);
  });

  it('uses metadata.title for titles when there is one', () => {
    const withTitle = component('a');
    withTitle.metadata.title = 'Service A';
    const graph = buildCatalogGraph([withTitle, component('b')]);
    expect(graph.entities.get('component:default/a')!.title).toBe('Service A');
    expect(graph.entities.get('component:default/b')!.title).toBe('b');
  });

  it('gives sync API consumption and dependsOn the impact blocked, event APIs none', () => {
    const graph = buildCatalogGraph([
      component('provider', { providesApis: ['rest', 'events', 'untyped'] }),
      api('rest', 'openapi'),
      api('events', 'asyncapi'),
      api('untyped', 'something-else'),
      component('consumer', {
        consumesApis: ['rest', 'events', 'untyped'],
        dependsOn: ['provider', 'resource:db'],
      }),
      resource('db', 'database'),
    ]);
    expect(
      graph.edges.map(e => [
        e.consumer,
        e.provider,
        e.via,
        e.impact,
        e.overridden,
      ]),
    ).toEqual([
      [
        'component:default/consumer',
        'component:default/provider',
        'api:default/events',
        'none',
        false,
      ],
      [
        'component:default/consumer',
        'component:default/provider',
        'api:default/rest',
        'blocked',
        false,
      ],
      [
        'component:default/consumer',
        'component:default/provider',
        'api:default/untyped',
        'blocked',
        false,
      ],
      [
        'component:default/consumer',
        'component:default/provider',
        'dependsOn',
        'blocked',
        false,
      ],
      [
        'component:default/consumer',
        'resource:default/db',
        'dependsOn',
        'blocked',
        false,
      ],
    ]);
    expect(graph.edgesByProvider.get('resource:default/db')).toHaveLength(1);
    expect(
      graph.edgesByConsumer.get('component:default/consumer'),
    ).toHaveLength(5);
  });

  it('applies dependency-impact overrides by provider name, full ref or API name', () => {
    const graph = buildCatalogGraph([
      component('payments-service', { providesApis: ['payments-api'] }),
      component('search-readmodels', { providesApis: ['search-api'] }),
      component('inventory-service', {
        providesApis: ['stock-api', 'stock-admin-api'],
      }),
      api('payments-api', 'openapi'),
      api('search-api', 'graphql'),
      api('stock-api', 'grpc'),
      api('stock-admin-api', 'grpc'),
      component(
        'orders-service',
        {
          consumesApis: [
            'payments-api',
            'search-api',
            'stock-api',
            'stock-admin-api',
          ],
        },
        {
          'domain-split/dependency-impact':
            'payments-service=waits, component:default/search-readmodels = degraded, inventory-service=waits, stock-api=none',
        },
      ),
    ]);
    const impactVia = (via: string) =>
      graph.edges.find(e => e.via === `api:default/${via}`)!;
    expect(impactVia('payments-api')).toMatchObject({
      impact: 'waits',
      overridden: true,
    });
    expect(impactVia('search-api')).toMatchObject({
      impact: 'degraded',
      overridden: true,
    });
    // The API entry is more specific than the provider entry.
    expect(impactVia('stock-api')).toMatchObject({
      impact: 'none',
      overridden: true,
    });
    expect(impactVia('stock-admin-api')).toMatchObject({
      impact: 'waits',
      overridden: true,
    });
    expect(graph.annotationProblems).toEqual([]);
  });

  it('reports bad override entries and ignores them, keeping the good ones', () => {
    const graph = buildCatalogGraph([
      component('payments-service'),
      component('search-readmodels'),
      component(
        'orders-service',
        { dependsOn: ['payments-service', 'search-readmodels'] },
        {
          'domain-split/dependency-impact':
            'payments-service=slow, nobody=waits, garbage, =none, search-readmodels=degraded',
        },
      ),
    ]);
    expect(graph.edges.map(e => [e.provider, e.impact])).toEqual([
      ['component:default/payments-service', 'blocked'],
      ['component:default/search-readmodels', 'degraded'],
    ]);
    const messages = graph.annotationProblems.map(p => p.message);
    expect(
      graph.annotationProblems.every(
        p => p.annotation === 'domain-split/dependency-impact',
      ),
    ).toBe(true);
    expect(messages).toHaveLength(4);
    expect(messages.join('\n')).toContain('slow is not an impact level');
    expect(messages.join('\n')).toContain('"nobody=waits" names nobody');
    expect(messages.join('\n')).toContain('"garbage" is not of the form');
    expect(messages.join('\n')).toContain('"=none" is not of the form');
  });

  it('reports dangling references, wrong kinds and unparseable values, and drops them', () => {
    const graph = buildCatalogGraph([
      component('a', {
        owner: 'ghost-team',
        system: 'domain:orders',
        dependsOn: ['missing-service', 'api:orders-api', 42],
        consumesApis: ['orders-api'],
      }),
      api('orders-api', 'openapi'),
    ]);
    expect(graph.annotationProblems.map(p => [p.annotation, p.value])).toEqual([
      ['spec.dependsOn', '42'],
      ['spec.dependsOn', 'api:orders-api'],
      ['spec.dependsOn', 'missing-service'],
      ['spec.owner', 'ghost-team'],
      ['spec.system', 'domain:orders'],
    ]);
    const a = graph.entities.get('component:default/a')!;
    expect(a.ownerRef).toBeUndefined();
    expect(a.systemRef).toBeUndefined();
    expect(a.dependsOn).toEqual([]);
    expect(a.consumesApis).toEqual(['api:default/orders-api']);
    // The API has no provider, so consuming it makes no edge.
    expect(graph.edges).toEqual([]);
  });

  it('reports unknown annotation values and annotations on the wrong kind', () => {
    expect(
      problemsOf([
        domain(
          'orders',
          {},
          {
            'domain-split/declared-impact': 'catastrophic',
            'domain-split/target-phase': '4',
            'domain-split/target-date': '2025-02-30',
            'domain-split/user-facing': 'true',
          },
        ),
        component('web', {}, { 'domain-split/user-facing': 'yes' }),
        component('lib', {}, { 'domain-split/shared-library': 'everyone' }),
      ]),
    ).toEqual([
      ['component:default/lib', 'domain-split/shared-library'],
      ['component:default/web', 'domain-split/user-facing'],
      ['domain:default/orders', 'domain-split/declared-impact'],
      ['domain:default/orders', 'domain-split/target-date'],
      ['domain:default/orders', 'domain-split/target-phase'],
      ['domain:default/orders', 'domain-split/user-facing'],
    ]);
  });

  it('parses good domain annotations', () => {
    const graph = buildCatalogGraph([
      domain(
        'orders',
        {},
        {
          'domain-split/declared-impact': 'Waits',
          'domain-split/target-phase': '2',
          'domain-split/target-date': '2025-06-30',
        },
      ),
      component('web', {}, { 'domain-split/user-facing': 'TRUE' }),
    ]);
    expect(graph.entities.get('domain:default/orders')).toMatchObject({
      declaredImpact: 'waits',
      targetPhase: 2,
      targetDate: '2025-06-30',
    });
    expect(graph.entities.get('component:default/web')!.userFacing).toBe(true);
    expect(graph.annotationProblems).toEqual([]);
  });

  it('never throws on malformed entities, and reports them and duplicates', () => {
    const malformed = [
      { kind: 'Component', metadata: {} },
      { metadata: { name: 'x' } },
      null,
      component('dup'),
      component('DUP'),
      {
        kind: 'Component',
        metadata: { name: 'weird', annotations: { a: 3 } },
        spec: 'nonsense',
      },
    ] as unknown as Entity[];
    const graph = buildCatalogGraph(malformed);
    expect([...graph.entities.keys()]).toEqual([
      'component:default/dup',
      'component:default/weird',
    ]);
    expect(graph.annotationProblems).toHaveLength(4);
  });

  it('lists every edge in compareEdges order, whatever the order of the entities', () => {
    const entities = [
      component('zeta', { dependsOn: ['component:beta', 'resource:db'] }),
      component('beta', {
        consumesApis: ['b-events', 'a-api'],
        dependsOn: ['resource:db'],
      }),
      component('alpha', {
        providesApis: ['a-api', 'b-events'],
        consumesApis: ['b-events'],
        dependsOn: ['component:zeta', 'component:beta'],
      }),
      component('gamma', { providesApis: ['a-api'] }),
      resource('db', 'database'),
      api('a-api', 'openapi'),
      api('b-events', 'asyncapi'),
    ];
    const sorted = (edges: ImpactEdge[]) => [...edges].sort(compareEdges);
    const forwards = buildCatalogGraph(entities);
    const backwards = buildCatalogGraph([...entities].reverse());
    expect(forwards.edges.length).toBe(8);
    expect(forwards.edges).toEqual(sorted(forwards.edges));
    expect(backwards.edges).toEqual(forwards.edges);
    expect(
      forwards.edgesByConsumer
        .get('component:default/beta')!
        .map(e => [e.provider, e.via]),
    ).toEqual([
      ['component:default/alpha', 'api:default/a-api'],
      ['component:default/alpha', 'api:default/b-events'],
      ['component:default/gamma', 'api:default/a-api'],
      ['resource:default/db', 'dependsOn'],
    ]);
  });

  it('lets a cycle exist in the graph', () => {
    const graph = buildCatalogGraph([
      component('a', { dependsOn: ['b'] }),
      component('b', { dependsOn: ['a'] }),
    ]);
    expect(graph.edges).toHaveLength(2);
  });

  it('lists the fields it reads, including every spec reference field', () => {
    for (const field of [
      'spec.owner',
      'spec.dependsOn',
      'spec.consumesApis',
      'metadata.annotations',
    ]) {
      expect(CATALOG_FIELDS).toContain(field);
    }
  });
});

describe('matchServiceToEntity', () => {
  const graph = buildCatalogGraph([
    component('orders-service'),
    component(
      'payments-service',
      {},
      { 'domain-split/ci-service-name': 'Pay-API' },
    ),
    component('other', {}, { 'domain-split/ci-service-name': 'pay-api' }),
    resource('cache', 'cache'),
  ]);

  it('matches the default-namespace Component of the lower-cased name', () => {
    expect(matchServiceToEntity(graph, 'Orders-Service')).toBe(
      'component:default/orders-service',
    );
  });

  it('matches the ci-service-name annotation, first claim wins and the second is reported', () => {
    expect(matchServiceToEntity(graph, 'pay-api')).toBe(
      'component:default/payments-service',
    );
    expect(graph.annotationProblems.map(p => p.entityRef)).toEqual([
      'component:default/other',
    ]);
  });

  it('matches nothing for unknown services or non-Components', () => {
    expect(matchServiceToEntity(graph, 'unknown')).toBeUndefined();
    expect(matchServiceToEntity(graph, 'cache')).toBeUndefined();
    expect(matchServiceToEntity(graph, '')).toBeUndefined();
  });
});

describe('domainOf', () => {
  const graph = buildCatalogGraph([
    domain('orders'),
    domain('payments'),
    system('orders-system', { domain: 'orders' }),
    component('direct', { domain: 'payments', system: 'orders-system' }),
    component('via-system', { system: 'orders-system' }),
    api('orders-api', 'openapi', { system: 'orders-system' }),
    resource('orders-db', 'database', { system: 'orders-system' }),
    component('loose'),
    entity('Group', 'team'),
  ]);

  it('prefers spec.domain, else the domain of spec.system', () => {
    expect(domainOf(graph, 'component:default/direct')).toBe(
      'domain:default/payments',
    );
    expect(domainOf(graph, 'component:default/via-system')).toBe(
      'domain:default/orders',
    );
    expect(domainOf(graph, 'api:default/orders-api')).toBe(
      'domain:default/orders',
    );
    expect(domainOf(graph, 'Resource:default/Orders-DB')).toBe(
      'domain:default/orders',
    );
  });

  it('is undefined for entities without a domain, other kinds, and unknown refs', () => {
    expect(domainOf(graph, 'component:default/loose')).toBeUndefined();
    expect(domainOf(graph, 'group:default/team')).toBeUndefined();
    expect(domainOf(graph, 'component:default/nope')).toBeUndefined();
    expect(domainOf(graph, '')).toBeUndefined();
  });
});
