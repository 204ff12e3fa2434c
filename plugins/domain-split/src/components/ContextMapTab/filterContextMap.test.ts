import type {
  ContextMapEdge,
  ContextMapResponse,
  RuleViolation,
} from '@internal/plugin-domain-split-common';
import { contextMap, refs } from '../../testUtils/fixtures';
import {
  detailFocuses,
  filterContextMap,
  LARGE_MAP_DOMAINS,
  MAX_DRAWN_TIES,
  mergeContextMapDetails,
} from './filterContextMap';

const all = { kinds: [], violationsOnly: false };

/** `n` domains, each tied to every other by events; the ties of d0 break a rule. */
function dense(n: number): ContextMapResponse {
  const refOf = (i: number) => `domain:default/d${String(i).padStart(3, '0')}`;
  const edges: ContextMapEdge[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      edges.push({
        id: `${refOf(i)}|${refOf(j)}|events`,
        from: refOf(i),
        to: refOf(j),
        kind: 'events',
        count: j + 1,
        links: [],
        moreLinks: 0,
        rules: i === 0 ? ['events-only-between-domains'] : [],
        violations: [],
      });
    }
  }
  return {
    nodes: Array.from({ length: n }, (_, i) => ({
      domainRef: refOf(i),
      title: `D${i}`,
      ownerDomainCount: 0,
      components: [],
      serviceCount: 1,
      apis: [],
    })),
    edges,
    teams: [],
    titles: {},
    violations: [],
  };
}

describe('filterContextMap', () => {
  it('draws a small map whole', () => {
    const result = filterContextMap(contextMap, all);
    expect(result.mode).toBe('all');
    expect(result.nodes).toHaveLength(contextMap.nodes.length);
    expect(result.edges).toHaveLength(contextMap.edges.length);
    expect(result.notDrawn).toBe(0);
  });

  it('filters by kind and violations, and keeps the selected domain', () => {
    const result = filterContextMap(contextMap, {
      kinds: ['sync'],
      violationsOnly: true,
      selected: refs.search,
    });
    expect(result.edges.map(e => e.id)).toEqual([
      `${refs.orders}|${refs.payments}|sync`,
    ]);
    expect(result.nodes.map(n => n.domainRef)).toEqual([
      refs.orders,
      refs.payments,
      refs.search,
    ]);
  });

  it('draws the neighbourhood of the most connected domain of a large map, then of the selected one', () => {
    const large = dense(LARGE_MAP_DOMAINS + 5);
    const hub = filterContextMap(large, all);
    expect(hub.mode).toBe('neighbourhood');
    expect(hub.around).toBe('domain:default/d000');
    expect(
      hub.edges.every(e => e.from === hub.around || e.to === hub.around),
    ).toBe(true);
    const chosen = filterContextMap(large, {
      ...all,
      selected: 'domain:default/d007',
    });
    expect(chosen.around).toBe('domain:default/d007');
  });

  it(`draws at most ${MAX_DRAWN_TIES} ties, rule breaks first, then the heaviest`, () => {
    // 12 domains: 132 ties, each domain with 22.
    const result = filterContextMap(dense(12), all);
    expect(result.mode).toBe('neighbourhood');
    expect(result.edges).toHaveLength(22);
    expect(result.notDrawn).toBe(0);

    const crowded = dense(LARGE_MAP_DOMAINS + 5); // d000 has 88 ties
    const drawn = filterContextMap(crowded, all);
    expect(drawn.edges).toHaveLength(MAX_DRAWN_TIES);
    expect(drawn.notDrawn).toBe(88 - MAX_DRAWN_TIES);
    // d000's own 44 ties break a rule: all drawn, then the heaviest of the others.
    expect(drawn.edges.filter(e => e.rules.length > 0)).toHaveLength(44);
    const others = drawn.edges.filter(e => e.rules.length === 0);
    expect(Math.min(...others.map(e => e.count))).toBe(1);
    expect(others.every(e => e.to === 'domain:default/d000')).toBe(true);
  });
});

describe('detailFocuses', () => {
  it('asks for the whole map when it is drawn whole', () => {
    const whole = filterContextMap(contextMap, all);
    expect(detailFocuses(whole, { selected: refs.payments })).toEqual([{}]);
  });

  it('asks for the neighbourhood drawn, and the selected domain when it is another', () => {
    const large = dense(LARGE_MAP_DOMAINS + 5);
    expect(detailFocuses(filterContextMap(large, all), {})).toEqual([
      { domain: 'domain:default/d000' },
    ]);
    const selected = 'domain:default/d007';
    expect(
      detailFocuses(filterContextMap(large, { ...all, selected }), {
        selected,
      }),
    ).toEqual([{ domain: selected }]);
    const team = contextMap.teams[0].entityRef;
    expect(
      detailFocuses(filterContextMap(contextMap, { ...all, team }), {
        team,
        selected: refs.search,
      }),
    ).toEqual([{ team }, { domain: refs.search }]);
  });
});

describe('mergeContextMapDetails', () => {
  const violation = (rule: RuleViolation['rule'], key: string) =>
    ({
      rule,
      key,
      entityRefs: [],
      message: key,
      domainRefs: [],
    } as RuleViolation);
  const edge = (id: string, violations: number[]): ContextMapEdge => ({
    id,
    from: id.split('|')[0],
    to: id.split('|')[1],
    kind: 'sync',
    count: 1,
    links: [{ consumer: 'c', provider: 'p', via: 'v', rules: [] }],
    moreLinks: 0,
    rules: violations.length ? ['events-only-between-domains'] : [],
    violations,
  });
  const part = (
    edges: ContextMapEdge[],
    violations: RuleViolation[],
  ): ContextMapResponse => ({
    nodes: [],
    edges,
    teams: [],
    titles: { [edges[0].from]: edges[0].from.toUpperCase() },
    violations,
  });

  it('keeps each violation once and points each edge at it', () => {
    const a = violation('events-only-between-domains', 'a');
    const b = violation('no-shared-cache', 'b');
    const merged = mergeContextMapDetails([
      part([edge('x|y|sync', [0]), edge('x|z|sync', [1])], [a, b]),
      // The second map lists b first: its indexes are its own.
      part([edge('w|z|sync', [0]), edge('x|z|sync', [0])], [b]),
    ]);
    expect(merged.violations).toEqual([a, b]);
    expect(merged.edges.get('x|y|sync')!.violations).toEqual([0]);
    expect(merged.edges.get('x|z|sync')!.violations).toEqual([1]);
    expect(merged.edges.get('w|z|sync')!.violations).toEqual([1]);
    expect(merged.edges.get('w|z|sync')!.links).toHaveLength(1);
    expect(merged.titles).toEqual({ x: 'X', w: 'W' });
  });
});
