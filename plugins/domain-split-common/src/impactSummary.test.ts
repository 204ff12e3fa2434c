import { computeBlastRadius } from './failure';
import { buildCatalogGraph } from './graph';
import {
  firstEntriesOfBlastRadius,
  pageBlastRadius,
  summariseBlastRadius,
} from './impactSummary';
import { api, component, domain, resource, team } from './testing/entities';

const c = (name: string) => `component:default/${name}`;
const d = (name: string) => `domain:default/${name}`;

/**
 * core-service (domain core) provides a REST and an event API and uses a database.
 * Its consumers: b1 (blocked), b2 behind b1 (degraded by override), c1 on the events (none),
 * c2 on the REST API (waits by override), the user-facing gateway behind b1 (blocked), and
 * z-service (domain zeta, blocked) for the tie-break by ref.
 */
const graph = buildCatalogGraph([
  team('team'),
  ...['core', 'beta', 'gamma', 'zeta'].map(name =>
    domain(name, { owner: 'team' }),
  ),
  api('core-api', 'openapi'),
  api('core-events', 'asyncapi'),
  resource('core-db', 'database', { domain: 'core' }),
  component('core-service', {
    domain: 'core',
    providesApis: ['core-api', 'core-events'],
    dependsOn: ['resource:core-db'],
  }),
  component('b1', { domain: 'beta', consumesApis: ['core-api'] }),
  component(
    'b2',
    { domain: 'beta', dependsOn: ['component:b1'] },
    { 'domain-split/dependency-impact': 'b1=degraded' },
  ),
  component('c1', { domain: 'gamma', consumesApis: ['core-events'] }),
  component(
    'c2',
    { domain: 'gamma', consumesApis: ['core-api'] },
    { 'domain-split/dependency-impact': 'core-service=waits' },
  ),
  component('z-service', { domain: 'zeta', consumesApis: ['core-api'] }),
  component(
    'gateway',
    { dependsOn: ['component:b1'] },
    { 'domain-split/user-facing': 'true' },
  ),
]);

const radius = computeBlastRadius(graph, c('core-service'))!;

describe('summariseBlastRadius', () => {
  it('counts what a failure takes down per impact level and kind, and lists the worst first', () => {
    const summary = summariseBlastRadius(graph, radius, { limit: 3 });
    expect(summary.entityRef).toBe(c('core-service'));
    expect(summary.users).toEqual({
      failing: c('core-service'),
      affected: c('gateway'),
      impact: 'blocked',
      path: [],
    });
    expect(summary.takesDown.total).toBe(6);
    expect(summary.takesDown.byImpact).toEqual({
      blocked: 3,
      waits: 1,
      degraded: 1,
      none: 1,
    });
    expect(summary.takesDown.byKind).toEqual({ component: 6 });
    // Most severe first, then by ref: the radius's own order, paths left out.
    expect(
      summary.takesDown.worst.map(cell => [cell.affected, cell.impact]),
    ).toEqual([
      [c('b1'), 'blocked'],
      [c('gateway'), 'blocked'],
      [c('z-service'), 'blocked'],
    ]);
    expect(summary.takesDown.worst.every(cell => cell.path.length === 0)).toBe(
      true,
    );
    expect(summary.takesDown.hidden).toBeUndefined();
    expect(summary.hiddenEntities).toBeUndefined();
  });

  it('summarises what can take the entity down', () => {
    const summary = summariseBlastRadius(graph, radius, { limit: 10 });
    expect(summary.takenDownBy).toEqual({
      total: 1,
      byImpact: { blocked: 1, waits: 0, degraded: 0, none: 0 },
      byKind: { resource: 1 },
      worst: [
        {
          failing: 'resource:default/core-db',
          affected: c('core-service'),
          impact: 'blocked',
          path: [],
        },
      ],
    });
  });

  it('gives the affected domains with their worst impact and how many of their entities are reached', () => {
    const summary = summariseBlastRadius(graph, radius, { limit: 10 });
    expect(summary.domains).toEqual([
      { domainRef: d('beta'), impact: 'blocked', count: 2 },
      { domainRef: d('zeta'), impact: 'blocked', count: 1 },
      { domainRef: d('gamma'), impact: 'waits', count: 2 },
    ]);
    expect(summary.domainCount).toBe(3);
    const two = summariseBlastRadius(graph, radius, { limit: 2 });
    expect(two.domains.map(x => x.domainRef)).toEqual([d('beta'), d('zeta')]);
    expect(two.domainCount).toBe(3);
  });

  it('names the titles of exactly the refs it shows', () => {
    const summary = summariseBlastRadius(graph, radius, { limit: 1 });
    expect(Object.keys(summary.titles).sort()).toEqual(
      [
        c('core-service'),
        c('gateway'),
        c('b1'),
        'resource:default/core-db',
        d('beta'),
      ].sort(),
    );
  });

  it('is the same counts as the whole radius, at any limit', () => {
    for (const limit of [0, 1, 6, 100]) {
      const summary = summariseBlastRadius(graph, radius, { limit });
      expect(summary.takesDown.worst.map(cell => cell.affected)).toEqual(
        radius.takesDown.slice(0, limit).map(cell => cell.affected),
      );
      expect(summary.takesDown.total).toBe(radius.takesDown.length);
    }
  });

  it('leaves hidden domains out of the list, still counted', () => {
    const summary = summariseBlastRadius(graph, radius, {
      limit: 10,
      isHidden: ref => ref === d('beta'),
    });
    expect(summary.domains.map(x => x.domainRef)).toEqual([
      d('zeta'),
      d('gamma'),
    ]);
    expect(summary.domainCount).toBe(3);
    expect(summary.hiddenEntities).toBe(1);
    expect(summary.titles[d('beta')]).toBeUndefined();
  });
});

describe('pageBlastRadius', () => {
  it('pages one side in the order of the radius, and counts what matches', () => {
    const first = pageBlastRadius(graph, radius, {
      direction: 'downstream',
      limit: 4,
      offset: 0,
    });
    const second = pageBlastRadius(graph, radius, {
      direction: 'downstream',
      limit: 4,
      offset: 4,
    });
    expect(first.totalItems).toBe(6);
    expect(second.totalItems).toBe(6);
    expect(
      [...first.items, ...second.items].map(cell => [
        cell.affected,
        cell.impact,
      ]),
    ).toEqual([
      [c('b1'), 'blocked'],
      [c('gateway'), 'blocked'],
      [c('z-service'), 'blocked'],
      [c('c2'), 'waits'],
      [c('b2'), 'degraded'],
      [c('c1'), 'none'],
    ]);
    expect(second.items.every(cell => cell.path.length === 0)).toBe(true);
    expect(second.titles).toEqual({
      [c('core-service')]: 'core-service',
      [c('b2')]: 'b2',
      [c('c1')]: 'c1',
    });
    expect(
      pageBlastRadius(graph, radius, {
        direction: 'downstream',
        limit: 4,
        offset: 8,
      }).items,
    ).toEqual([]);
  });

  it('filters by impact level', () => {
    const blocked = pageBlastRadius(graph, radius, {
      direction: 'downstream',
      impact: 'blocked',
      limit: 2,
      offset: 1,
    });
    expect(blocked.impact).toBe('blocked');
    expect(blocked.totalItems).toBe(3);
    expect(blocked.items.map(cell => cell.affected)).toEqual([
      c('gateway'),
      c('z-service'),
    ]);
  });

  it('pages what can take it down (upstream), naming the failing side', () => {
    const page = pageBlastRadius(graph, radius, {
      direction: 'upstream',
      limit: 10,
      offset: 0,
    });
    expect(page.direction).toBe('upstream');
    expect(page.items.map(cell => cell.failing)).toEqual([
      'resource:default/core-db',
    ]);
    expect(Object.keys(page.titles)).toContain('resource:default/core-db');
  });
});

describe('firstEntriesOfBlastRadius', () => {
  it('keeps the first entries of each side, the most severe, and counts the rest', () => {
    const first = firstEntriesOfBlastRadius(radius, 4);
    expect(first.takesDown).toEqual(radius.takesDown.slice(0, 4));
    expect(first.takesDown.map(cell => cell.affected)).toEqual([
      c('b1'),
      c('gateway'),
      c('z-service'),
      c('c2'),
    ]);
    expect(first.moreTakesDown).toBe(2);
    // What can take it down (one entry) fits: nothing left out of that side.
    expect(first.takenDownBy).toEqual(radius.takenDownBy);
    expect(first).not.toHaveProperty('moreTakenDownBy');
    expect(first.users).toBe(radius.users);
    // The first entries of the radius are the first page of the content tab.
    expect(first.takesDown.map(cell => cell.affected)).toEqual(
      pageBlastRadius(graph, radius, {
        direction: 'downstream',
        limit: 4,
        offset: 0,
      }).items.map(cell => cell.affected),
    );
  });

  it('cuts what can take it down too, and leaves nothing when asked none', () => {
    const none = firstEntriesOfBlastRadius(radius, 0);
    expect(none.takesDown).toEqual([]);
    expect(none.takenDownBy).toEqual([]);
    expect(none.moreTakesDown).toBe(6);
    expect(none.moreTakenDownBy).toBe(1);
  });

  it('is the radius itself when both sides fit', () => {
    expect(firstEntriesOfBlastRadius(radius, 6)).toBe(radius);
    expect(firstEntriesOfBlastRadius(radius, 500)).toBe(radius);
  });
});
