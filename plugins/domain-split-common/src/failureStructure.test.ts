import { Entity } from '@backstage/catalog-model';
import {
  computeBlastRadius,
  computeFailureMatrix,
  failureMatrixSteps,
  keptMatrixSteps,
  retitledMatrixSteps,
  serviceMatrixRowsSteps,
} from './failure';
import {
  blastRadiusFollowsFailureStructure,
  sameFailureStructure,
} from './failureStructure';
import { buildCatalogGraph } from './graph';
import { runToCompletion } from './steps';
import {
  annotate,
  api,
  component,
  domain,
  editedCopy,
  specOf as spec,
  system,
  team,
  user,
} from './testing/entities';
import { marketplace } from './testing/failureFixtures';
import { ImpactPathOptions } from './failure';

const original = marketplace({ payments: 'waits', search: 'blocked' });

const edit = (name: string, change: (entity: Entity) => void) =>
  editedCopy(original, name, change);

/** Edits that change no row of either matrix: the rows are kept. */
const editsNoRowReads: Record<string, () => Entity[]> = {
  "a Component's title": () =>
    edit('orders-service', e => {
      e.metadata.title = 'Orders (renamed)';
    }),
  "a Domain's title": () =>
    edit('payments', e => {
      e.metadata.title = 'Payments & refunds';
    }),
  "a Component's owner and description": () =>
    edit('payments-service', e => {
      spec(e).owner = 'someone-else';
      e.metadata.description = 'Takes the money';
    }),
  'a new team and user': () => [
    ...original,
    team('growth-team', { members: ['ann'] }),
    user('ann'),
  ],
  'an API nobody consumes': () => [...original, api('spare-api', 'openapi')],
  'a Component that reaches its Domain through its System instead': () => [
    ...edit('checkout-orchestrator', e => {
      delete spec(e).domain;
      spec(e).system = 'checkout-system';
    }),
    system('checkout-system', { domain: 'checkout' }),
  ],
};

/** Edits of each thing the rows read: the domain matrix's rows change. */
const editsRowsRead: Record<string, () => Entity[]> = {
  'a new dependsOn': () =>
    edit('notifications-service', e => {
      spec(e).dependsOn = ['resource:inventory-db'];
    }),
  'an API no longer consumed': () =>
    edit('checkout-orchestrator', e => {
      spec(e).consumesApis = ['orders-api'];
    }),
  'an API no longer provided': () =>
    edit('search-readmodels', e => {
      spec(e).providesApis = [];
    }),
  'the API a dependency goes through (same provider, same impact)': () => [
    ...original.map(e => {
      const copy = structuredClone(e);
      if (e.metadata.name === 'orders-service') {
        spec(copy).providesApis = [
          'orders-api',
          'orders-events',
          'orders-admin-api',
        ];
      }
      if (e.metadata.name === 'checkout-orchestrator') {
        spec(copy).consumesApis = ['stock-api', 'orders-admin-api'];
      }
      return copy;
    }),
    api('orders-admin-api', 'openapi'),
  ],
  "an API's type (synchronous, so blocking)": () =>
    edit('orders-events', e => {
      spec(e).type = 'openapi';
    }),
  'a dependency-impact override': () =>
    edit('api-gateway', e => {
      annotate(
        e,
        'domain-split/dependency-impact',
        'search-readmodels=waits, checkout-orchestrator=waits, orders-api=waits',
      );
    }),
  'an override to the impact the edge had anyway (only `overridden` changes)':
    () =>
      edit('notifications-service', e => {
        annotate(e, 'domain-split/dependency-impact', 'orders-service=none');
      }),
  'a user-facing flag': () =>
    edit('checkout-orchestrator', e => {
      annotate(e, 'domain-split/user-facing', 'true');
    }),
  "a Domain's declared impact": () =>
    edit('search', e => {
      annotate(e, 'domain-split/declared-impact', 'degraded');
    }),
  "a Component's Domain": () =>
    edit('payments-service', e => {
      spec(e).domain = 'orders';
    }),
  "a Resource's Domain": () =>
    edit('inventory-db', e => {
      spec(e).domain = 'platform';
    }),
  'a new Component': () => [
    ...original,
    component('order-refunds', {
      domain: 'orders',
      consumesApis: ['payments-api'],
    }),
  ],
  'a new Domain': () => [...original, domain('coupons')],
};

const levels = ['domain', 'service'] as const;
const withPaths: ImpactPathOptions[] = [{}, { maxPathCells: 3 }];

function matrixAfter(
  entities: Entity[],
  level: 'domain' | 'service',
  options: ImpactPathOptions,
) {
  const before = buildCatalogGraph(original);
  const previous = {
    graph: before,
    matrix: computeFailureMatrix(before, level, options),
  };
  const graph = buildCatalogGraph(entities);
  return {
    previous: previous.matrix,
    fresh: computeFailureMatrix(graph, level, options),
    kept: runToCompletion(
      keptMatrixSteps(graph, level, previous) ??
        failureMatrixSteps(graph, level, options),
    ),
    same: sameFailureStructure(before, graph),
  };
}

describe('sameFailureStructure and the rows keptMatrixSteps keeps', () => {
  it.each(Object.entries(editsNoRowReads))(
    'keeps the rows after %s, titled from the new graph',
    (_, entities) => {
      for (const level of levels) {
        for (const options of withPaths) {
          const { previous, fresh, kept, same } = matrixAfter(
            entities(),
            level,
            options,
          );
          expect(same).toBe(true);
          expect(kept.rows).toBe(previous.rows);
          expect(kept).toEqual(fresh);
        }
      }
    },
  );

  it.each(Object.entries(editsRowsRead))(
    'computes the rows again after %s',
    (_, entities) => {
      const domainLevel = matrixAfter(entities(), 'domain', {});
      expect(domainLevel.same).toBe(false);
      // The edit does change the rows, so keeping them would have been wrong.
      expect(domainLevel.fresh.rows).not.toEqual(domainLevel.previous.rows);
      for (const level of levels) {
        for (const options of withPaths) {
          const { kept, fresh } = matrixAfter(entities(), level, options);
          expect(kept).toEqual(fresh);
        }
      }
    },
  );

  it('titles the kept rows with the new titles and reports the new annotation problems', () => {
    const entities = edit('orders-service', e => {
      e.metadata.title = 'Orders (renamed)';
      // An entry naming no provider: reported, and the edges are as before.
      annotate(
        e,
        'domain-split/dependency-impact',
        'payments-service=waits, ghost-service=blocked',
      );
    });
    const { previous, kept } = matrixAfter(entities, 'domain', {});
    expect(previous.titles['component:default/orders-service']).toBe(
      'orders-service',
    );
    expect(kept.titles['component:default/orders-service']).toBe(
      'Orders (renamed)',
    );
    expect(previous.annotationProblems).toEqual([]);
    expect(kept.rows).toBe(previous.rows);
    expect(kept.annotationProblems).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/orders-service',
        annotation: 'domain-split/dependency-impact',
      }),
    ]);
  });

  it('titles the rows of a service-level page again, kept from a graph of the same structure', () => {
    const entities = edit('orders-service', e => {
      e.metadata.title = 'Orders (renamed)';
    });
    const before = buildCatalogGraph(original);
    const graph = buildCatalogGraph(entities);
    expect(sameFailureStructure(before, graph)).toBe(true);
    const refs = [
      'component:default/orders-service',
      'component:default/payments-service',
    ];
    const options = { maxPathCells: 2 };
    const page = runToCompletion(serviceMatrixRowsSteps(before, refs, options));
    const kept = runToCompletion(retitledMatrixSteps(graph, page));
    expect(kept.rows).toBe(page.rows);
    expect(kept.columns).toBe(page.columns);
    expect(kept).toEqual(
      runToCompletion(serviceMatrixRowsSteps(graph, refs, options)),
    );
    expect(page.titles['component:default/orders-service']).toBe(
      'orders-service',
    );
    expect(kept.titles['component:default/orders-service']).toBe(
      'Orders (renamed)',
    );
  });

  it('says the paths were left out when the kept matrix had left them out', () => {
    const { previous, kept } = matrixAfter(original, 'domain', {
      maxPathCells: 3,
    });
    expect(previous.pathsOmitted).toBe(true);
    expect(kept.pathsOmitted).toBe(true);
    expect(kept.rows).toBe(previous.rows);
  });

  it('does not keep the rows of the other level', () => {
    const before = buildCatalogGraph(original);
    const serviceMatrix = computeFailureMatrix(before, 'service');
    const domainMatrix = runToCompletion(
      keptMatrixSteps(before, 'domain', {
        graph: before,
        matrix: serviceMatrix,
      }) ?? failureMatrixSteps(before, 'domain', {}),
    );
    expect(domainMatrix).toEqual(computeFailureMatrix(before, 'domain'));
  });
});

describe('blastRadiusFollowsFailureStructure', () => {
  const radiusKinds = ['component', 'resource', 'domain'];

  it.each(Object.entries(editsNoRowReads))(
    "keeps every Component's, Resource's and Domain's blast radius after %s",
    (_, entities) => {
      const before = buildCatalogGraph(original);
      const graph = buildCatalogGraph(entities());
      expect(sameFailureStructure(before, graph)).toBe(true);
      const followed = [...graph.entities.values()].filter(e =>
        blastRadiusFollowsFailureStructure(graph, e.ref),
      );
      expect(new Set(followed.map(e => e.kind))).toEqual(new Set(radiusKinds));
      for (const { ref } of followed) {
        for (const options of withPaths) {
          expect(computeBlastRadius(graph, ref, options)).toEqual(
            computeBlastRadius(before, ref, options),
          );
        }
      }
    },
  );

  /** Edits that keep the structure and change the blast radius of another kind. */
  const radiusOfOtherKindChanged: Array<[string, Entity[], Entity[], string]> =
    [
      [
        "a Component's owner (the Group's radius)",
        [...original, team('orders-team'), team('payments-team')],
        editedCopy(
          [...original, team('orders-team'), team('payments-team')],
          'orders-service',
          e => {
            spec(e).owner = 'payments-team';
          },
        ),
        'group:default/payments-team',
      ],
      [
        "a Component's System in the same Domain (the System's radius)",
        [...original, system('checkout-system', { domain: 'checkout' })],
        [
          ...edit('checkout-orchestrator', e => {
            delete spec(e).domain;
            spec(e).system = 'checkout-system';
          }),
          system('checkout-system', { domain: 'checkout' }),
        ],
        'system:default/checkout-system',
      ],
      [
        "a provider of an API nobody consumes (the API's radius)",
        [...original, api('spare-api', 'openapi')],
        [
          ...edit('payments-service', e => {
            spec(e).providesApis = ['payments-api', 'spare-api'];
          }),
          api('spare-api', 'openapi'),
        ],
        'api:default/spare-api',
      ],
    ];

  it.each(radiusOfOtherKindChanged)(
    'does not follow it for %s',
    (_, beforeEntities, afterEntities, ref) => {
      const before = buildCatalogGraph(beforeEntities);
      const graph = buildCatalogGraph(afterEntities);
      expect(sameFailureStructure(before, graph)).toBe(true);
      expect(computeBlastRadius(graph, ref)).not.toEqual(
        computeBlastRadius(before, ref),
      );
      expect(blastRadiusFollowsFailureStructure(graph, ref)).toBe(false);
    },
  );

  it('reads the ref as written elsewhere (kind in any case, default namespace) and not an unknown one', () => {
    const graph = buildCatalogGraph(original);
    expect(
      blastRadiusFollowsFailureStructure(graph, 'Component:orders-service'),
    ).toBe(true);
    expect(blastRadiusFollowsFailureStructure(graph, 'domain:payments')).toBe(
      true,
    );
    expect(
      blastRadiusFollowsFailureStructure(graph, 'component:default/ghost'),
    ).toBe(false);
    expect(blastRadiusFollowsFailureStructure(graph, 'not a ref')).toBe(false);
  });
});
