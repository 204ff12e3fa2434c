import { Entity } from '@backstage/catalog-model';
import {
  computeBlastRadius,
  computeFailureMatrix,
  computeImpactPath,
  titlesOfCell,
} from './failure';
import { buildCatalogGraph, CatalogGraph } from './graph';
import {
  api,
  component,
  domain,
  resource,
  system,
  team,
} from './testing/entities';
import {
  BlastRadiusResponse,
  FailureMatrixResponse,
  MatrixCell,
} from './types';

const c = (name: string) => `component:default/${name}`;
const d = (name: string) => `domain:default/${name}`;
const USER_FACING = { 'domain-split/user-facing': 'true' };

const FAILING_KINDS = [
  'component',
  'resource',
  'api',
  'system',
  'domain',
  'group',
];

/**
 * Checks every cell the matrix (both levels) and the blast radius of every entity give against
 * computeImpactPath for the same pair; returns how many cells were compared.
 */
function expectEveryCellAgrees(graph: CatalogGraph): number {
  let compared = 0;
  const same = (
    cell: MatrixCell,
    failing: string,
    affected: string,
    direction?: 'upstream',
  ) => {
    expect(computeImpactPath(graph, failing, affected, { direction })).toEqual(
      cell,
    );
    compared++;
  };
  for (const level of ['domain', 'service'] as const) {
    for (const row of computeFailureMatrix(graph, level).rows) {
      for (const cell of row.cells) same(cell, row.failing, cell.affected);
      same(row.users, row.failing, 'users');
    }
  }
  for (const entity of graph.entities.values()) {
    if (!FAILING_KINDS.includes(entity.kind)) continue;
    const radius = computeBlastRadius(graph, entity.ref)!;
    for (const cell of radius.takesDown) same(cell, entity.ref, cell.affected);
    same(radius.users, entity.ref, 'users');
    for (const cell of radius.takenDownBy)
      same(cell, cell.failing, entity.ref, 'upstream');
  }
  return compared;
}

const edges = (cell: MatrixCell | undefined) =>
  cell?.path.map(
    e => `${e.consumer.split('/')[1]}<-${e.provider.split('/')[1]}`,
  );

describe('computeImpactPath', () => {
  it('diamond: the widest path, as the blast radius gives it', () => {
    const graph = buildCatalogGraph([
      component('p', { providesApis: ['p-events'] }),
      api('p-events', 'asyncapi'),
      component('x', { consumesApis: ['p-events'] }),
      component(
        'y',
        { dependsOn: ['p'] },
        { 'domain-split/dependency-impact': 'p=waits' },
      ),
      component('z', { dependsOn: ['x', 'y'] }, USER_FACING),
    ]);
    const cell = computeImpactPath(graph, c('p'), c('z'));
    expect(cell).toMatchObject({ failing: c('p'), affected: c('z') });
    expect(cell?.impact).toBe('waits');
    expect(edges(cell)).toEqual(['y<-p', 'z<-y']);
    expect(computeImpactPath(graph, c('p'), 'users')).toEqual(cell);
    // The API fails: its consumer loses it.
    expect(
      edges(computeImpactPath(graph, 'api:default/p-events', c('z'))),
    ).toEqual(['x<-p', 'z<-x']);
    expect(expectEveryCellAgrees(graph)).toBeGreaterThan(10);
  });

  it('cycle: terminates, and the failing entity is not reached by itself', () => {
    const graph = buildCatalogGraph([
      component('a', { dependsOn: ['c'] }),
      component('b', { dependsOn: ['a'] }),
      component('c', { dependsOn: ['b'] }),
    ]);
    expect(edges(computeImpactPath(graph, c('a'), c('c')))).toEqual([
      'b<-a',
      'c<-b',
    ]);
    expect(computeImpactPath(graph, c('a'), c('a'))).toBeUndefined();
    expect(
      edges(
        computeImpactPath(graph, c('b'), c('a'), { direction: 'upstream' }),
      ),
    ).toEqual(['c<-b', 'a<-c']);
    expect(expectEveryCellAgrees(graph)).toBeGreaterThan(10);
  });

  it('domain aggregation: the worst of the Domain’s Components, as the domain matrix gives it', () => {
    const graph = buildCatalogGraph([
      team('t'),
      domain('core', { owner: 't' }),
      domain('edge', { owner: 't' }),
      domain('far', { owner: 't' }),
      system('edge-system', { owner: 't', domain: 'edge' }),
      resource('core-db', 'database', { domain: 'core' }),
      component('core-service', {
        domain: 'core',
        dependsOn: ['resource:core-db'],
      }),
      component(
        'edge-a',
        { domain: 'edge', dependsOn: ['core-service'] },
        { 'domain-split/dependency-impact': 'core-service=degraded' },
      ),
      component('edge-b', {
        system: 'edge-system',
        dependsOn: ['edge-a', 'resource:core-db'],
      }),
      component('far-a', { domain: 'far', dependsOn: ['edge-a'] }, USER_FACING),
    ]);
    const matrix = computeFailureMatrix(graph, 'domain');
    const coreRow = matrix.rows.find(r => r.failing === d('core'))!;
    const edgeCell = coreRow.cells.find(cell => cell.affected === d('edge'))!;
    expect(edgeCell.impact).toBe('blocked');
    expect(computeImpactPath(graph, d('core'), d('edge'))).toEqual(edgeCell);
    expect(edges(edgeCell)).toEqual(['edge-b<-core-db']);
    expect(computeImpactPath(graph, d('core'), 'users')).toEqual(coreRow.users);
    // Its own domain is not a cell of its row.
    expect(computeImpactPath(graph, d('core'), d('core'))).toBeUndefined();
    // A component failing, a domain affected: the same aggregation.
    expect(
      computeImpactPath(graph, c('core-service'), d('edge')),
    ).toMatchObject({
      affected: d('edge'),
      impact: 'degraded',
    });
    expect(expectEveryCellAgrees(graph)).toBeGreaterThan(20);
  });

  it('users: the entry point that explains it, a failing entry point, or nothing reached', () => {
    const graph = buildCatalogGraph([
      team('t'),
      component('backend', { owner: 't' }),
      component('web', { owner: 't', dependsOn: ['backend'] }, USER_FACING),
      component('lonely'),
    ]);
    expect(computeImpactPath(graph, c('backend'), 'users')).toMatchObject({
      failing: c('backend'),
      affected: c('web'),
      impact: 'blocked',
    });
    expect(computeImpactPath(graph, c('web'), 'users')).toEqual({
      failing: c('web'),
      affected: c('web'),
      impact: 'blocked',
      path: [],
    });
    expect(computeImpactPath(graph, c('lonely'), 'users')).toEqual({
      failing: c('lonely'),
      affected: 'users',
      impact: 'none',
      path: [],
    });
    expect(computeImpactPath(graph, 'group:default/t', 'users')).toMatchObject({
      affected: c('web'),
      impact: 'blocked',
      path: [],
    });
    expect(expectEveryCellAgrees(graph)).toBeGreaterThan(5);
  });

  it('upstream: the takenDownBy cell, walked from the affected end', () => {
    // Two equally bad paths p→a→x→t and p→b→y→t; walked from p the tie breaks on b<a's
    // successors, walked from t on a<b.
    const graph = buildCatalogGraph([
      component('p'),
      component('a', { dependsOn: ['p'] }),
      component('b', { dependsOn: ['p'] }),
      component('x2', { dependsOn: ['a'] }),
      component('x1', { dependsOn: ['b'] }),
      component('t', { dependsOn: ['x1', 'x2'] }),
    ]);
    const down = computeImpactPath(graph, c('p'), c('t'));
    const up = computeImpactPath(graph, c('p'), c('t'), {
      direction: 'upstream',
    });
    expect(down?.impact).toBe(up?.impact);
    expect(edges(down)).toEqual(['b<-p', 'x1<-b', 't<-x1']);
    expect(edges(up)).toEqual(['a<-p', 'x2<-a', 't<-x2']);
    expect(
      computeBlastRadius(graph, c('t'))!.takenDownBy.find(
        cell => cell.failing === c('p'),
      ),
    ).toEqual(up);
    expect(expectEveryCellAgrees(graph)).toBeGreaterThan(10);
  });

  it('random catalogs with ties and cycles: every cell as the matrix and the blast radius give it', () => {
    // The single cell stops its walk at the first target it settles; many equally bad paths,
    // cycles, APIs, domains, systems, owners and entry points check that it never stops early
    // or late.
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
    const levels = ['none', 'degraded', 'waits', 'blocked'];
    for (let round = 0; round < 6; round++) {
      const names = Array.from({ length: 14 }, (_, i) => `s${i}`);
      const entities = [
        team('t1'),
        team('t2'),
        domain('d1', { owner: 't1' }),
        domain('d2', { owner: 't2' }),
        domain('d3', { owner: 't1' }),
        system('sys', { owner: 't2', domain: 'd3' }),
        resource('db', 'database', { domain: pick(['d1', 'd2']) }),
        api('events', 'asyncapi'),
        ...names.map(name => {
          const dependsOn = names
            .filter(other => other !== name && random() < 0.2)
            .concat(random() < 0.2 ? ['resource:db'] : []);
          const overrides = dependsOn
            .filter(() => random() < 0.5)
            .map(dep => `${dep.replace('resource:', '')}=${pick(levels)}`);
          return component(
            name,
            {
              owner: pick(['t1', 't2']),
              ...(random() < 0.3
                ? { system: 'sys' }
                : { domain: pick(['d1', 'd2', 'd3']) }),
              dependsOn,
              ...(random() < 0.2 ? { providesApis: ['events'] } : {}),
              ...(random() < 0.3 ? { consumesApis: ['events'] } : {}),
            },
            {
              ...(random() < 0.25 ? USER_FACING : {}),
              ...(overrides.length > 0
                ? { 'domain-split/dependency-impact': overrides.join(',') }
                : {}),
            },
          );
        }),
      ];
      expect(
        expectEveryCellAgrees(buildCatalogGraph(entities)),
      ).toBeGreaterThan(50);
    }
  });

  it('is undefined for unknown refs and for what the failure does not reach', () => {
    const graph = buildCatalogGraph([
      component('a'),
      component('b', { dependsOn: ['a'] }),
    ]);
    expect(computeImpactPath(graph, c('nope'), c('b'))).toBeUndefined();
    expect(computeImpactPath(graph, c('a'), c('nope'))).toBeUndefined();
    expect(computeImpactPath(graph, 'not a ref ::', 'users')).toBeUndefined();
    expect(computeImpactPath(graph, c('b'), c('a'))).toBeUndefined();
    expect(
      computeImpactPath(graph, c('a'), c('b'), { direction: 'upstream' }),
    ).toBeDefined();
    expect(
      computeImpactPath(graph, c('b'), c('a'), { direction: 'upstream' }),
    ).toBeUndefined();
  });

  it('titles the refs of a cell', () => {
    const graph = buildCatalogGraph([
      component('p', { providesApis: ['p-api'] }),
      api('p-api', 'openapi'),
      component('q', { consumesApis: ['p-api'] }),
    ]);
    const cell = computeImpactPath(graph, c('p'), c('q'))!;
    expect(Object.keys(titlesOfCell(graph, cell))).toEqual([
      'api:default/p-api',
      c('p'),
      c('q'),
    ]);
  });
});

describe('leaving paths out', () => {
  const entities: Entity[] = [
    team('t'),
    domain('one', { owner: 't' }),
    domain('two', { owner: 't' }),
    component('a', { domain: 'one', owner: 't' }),
    component('b', { domain: 'two', owner: 't', dependsOn: ['a'] }),
    component('c', { domain: 'two', dependsOn: ['b'] }, USER_FACING),
  ];
  const graph = buildCatalogGraph(entities);
  const pathless = (cell: MatrixCell) => ({ ...cell, path: [] });
  const stripMatrix = (m: FailureMatrixResponse) =>
    m.rows.map(r => ({
      ...r,
      cells: r.cells.map(pathless),
      users: pathless(r.users),
    }));
  const stripRadius = (r: BlastRadiusResponse) => ({
    ...r,
    takesDown: r.takesDown.map(pathless),
    users: pathless(r.users),
    takenDownBy: r.takenDownBy.map(pathless),
  });

  it.each(['domain', 'service'] as const)(
    'the %s matrix: paths: false gives every path [] and says so; the rest is the same',
    level => {
      const full = computeFailureMatrix(graph, level);
      expect(full).not.toHaveProperty('pathsOmitted');
      expect(full.rows.some(r => r.users.path.length > 0)).toBe(true);
      const without = computeFailureMatrix(graph, level, { paths: false });
      expect(without.pathsOmitted).toBe(true);
      expect(without.rows).toEqual(stripMatrix(full));
      expect(without.columns).toEqual(full.columns);
      expect(
        without.rows.every(
          r => r.users.path.length === 0 && r.cells.every(x => !x.path.length),
        ),
      ).toBe(true);
    },
  );

  it('the matrix: maxPathCells keeps the paths up to that many cells (users cells counted)', () => {
    const full = computeFailureMatrix(graph, 'service');
    const count = full.rows.reduce((n, r) => n + r.cells.length + 1, 0);
    expect(
      computeFailureMatrix(graph, 'service', { maxPathCells: count }),
    ).toEqual(full);
    const over = computeFailureMatrix(graph, 'service', {
      maxPathCells: count - 1,
    });
    expect(over.pathsOmitted).toBe(true);
    expect(over.rows).toEqual(stripMatrix(full));
    expect(
      computeFailureMatrix(graph, 'service', {
        paths: false,
        maxPathCells: 1e6,
      }).pathsOmitted,
    ).toBe(true);
  });

  it('the blast radius: the same, and maxPathCells counts takesDown + takenDownBy + users', () => {
    const full = computeBlastRadius(graph, c('b'))!;
    expect(full).not.toHaveProperty('pathsOmitted');
    const count = full.takesDown.length + full.takenDownBy.length + 1;
    expect(count).toBe(3);
    const without = computeBlastRadius(graph, c('b'), { paths: false })!;
    expect(without).toEqual({ ...stripRadius(full), pathsOmitted: true });
    expect(computeBlastRadius(graph, c('b'), { maxPathCells: 3 })).toEqual(
      full,
    );
    expect(computeBlastRadius(graph, c('b'), { maxPathCells: 2 })).toEqual(
      without,
    );
  });
});
