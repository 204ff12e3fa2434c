import {
  contextMapChoices,
  pageContextMapChoices,
  viewContextMap,
} from './contextMapView';
import {
  CONTEXT_MAP_SELECTED_VIOLATIONS,
  ContextMapEdge,
  ContextMapEdgeKind,
  ContextMapResponse,
  LARGE_MAP_DOMAINS,
  MAX_DRAWN_TIES,
  RuleViolation,
} from './types';

const d = (i: number) => `domain:default/d${String(i).padStart(3, '0')}`;
const t = (i: number) => `group:default/t${i}`;
const violation = (key: string): RuleViolation => ({
  rule: 'events-only-between-domains',
  key,
  entityRefs: [],
  domainRefs: [],
  message: key,
});

/**
 * `n` domains, each tied to every other by events (count j + 1 towards d{j}, but 100 + i from
 * d{i} towards d000: heavier than any rule break); the ties from d000 break a rule, each with
 * its own violation. Team t{i % 3} owns d{i}.
 */
function dense(n: number): ContextMapResponse {
  const edges: ContextMapEdge[] = [];
  const violations: RuleViolation[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const breaking = i === 0;
      const id = `${d(i)}|${d(j)}|events`;
      edges.push({
        id,
        from: d(i),
        to: d(j),
        kind: 'events',
        count: j === 0 ? 100 + i : j + 1,
        links: [
          {
            consumer: `component:default/c${i}`,
            provider: `component:default/c${j}`,
            via: 'dependsOn',
            rules: [],
          },
        ],
        moreLinks: 0,
        rules: breaking ? ['events-only-between-domains'] : [],
        violations: breaking ? [violations.push(violation(id)) - 1] : [],
      });
    }
  }
  const nodes = Array.from({ length: n }, (_, i) => ({
    domainRef: d(i),
    title: `D${i}`,
    ownerRef: t(i % 3),
    ownerDomainCount: 0,
    components: [`component:default/c${i}`],
    serviceCount: 1,
    apis: [],
  }));
  const teams = [0, 1, 2].map(k => ({
    entityRef: t(k),
    title: `T${k}`,
    domains: nodes.filter(x => x.ownerRef === t(k)).map(x => x.domainRef),
  }));
  const titles: Record<string, string> = {};
  nodes.forEach((x, i) => {
    titles[x.domainRef] = x.title;
    titles[`component:default/c${i}`] = `C${i}`;
  });
  teams.forEach(x => {
    titles[x.entityRef] = x.title;
  });
  return { nodes, edges, teams, titles, violations };
}

/** Four domains with one tie of each of three kinds; only the shared database breaks a rule. */
function small(): ContextMapResponse {
  const edge = (
    from: number,
    to: number,
    kind: ContextMapEdgeKind,
    violations: number[] = [],
  ): ContextMapEdge => ({
    id: `${d(from)}|${d(to)}|${kind}`,
    from: d(from),
    to: d(to),
    kind,
    count: 1,
    links: [],
    moreLinks: 0,
    rules: violations.length ? ['no-cross-domain-db'] : [],
    violations,
  });
  const map = dense(4);
  return {
    ...map,
    edges: [
      edge(0, 1, 'events'),
      edge(1, 2, 'sync'),
      edge(2, 0, 'shared-database', [0]),
    ],
    violations: [violation('db')],
  };
}

const ids = (edges: ContextMapEdge[]) => edges.map(e => e.id);

describe('viewContextMap', () => {
  it('draws a small map whole, with its details and the whole map counted', () => {
    const map = small();
    const view = viewContextMap(map, {});
    expect(view.view).toMatchObject({
      mode: 'all',
      notDrawn: 0,
      domains: 4,
      teams: 3,
      ties: 3,
      violatingTies: 1,
      teamOrder: { [t(0)]: 0, [t(1)]: 1, [t(2)]: 2 },
    });
    // Drawn by their counts and rules: only a selected domain's lists come along.
    expect(view.nodes).toEqual(
      map.nodes.map(n => ({ ...n, components: [], apis: [] })),
    );
    expect(view.edges).toEqual(map.edges.map(e => ({ ...e, violations: [] })));
    expect(view.violations).toEqual([]);
    const selected = viewContextMap(map, { domain: d(2) });
    expect(selected.nodes.find(n => n.domainRef === d(2))).toEqual(
      map.nodes[2],
    );
    expect(selected.violations).toEqual(map.violations);
    expect(selected.titles['component:default/c2']).toBe('C2');
    expect(selected.titles['component:default/c1']).toBeUndefined();
    expect(view.titles[d(3)]).toBe('D3');
    expect(view.selected).toBeUndefined();
  });

  it('filters by kinds and violations only, keeping the selected domain', () => {
    const map = small();
    const view = viewContextMap(map, {
      kinds: ['sync', 'shared-database'],
      violationsOnly: true,
      domain: d(3),
    });
    expect(ids(view.edges)).toEqual([`${d(2)}|${d(0)}|shared-database`]);
    // Untied domains go with violations only; the selected one stays.
    expect(view.nodes.map(n => n.domainRef)).toEqual([d(0), d(2), d(3)]);
    expect(view.teams.map(x => x.entityRef)).toEqual([t(0), t(2)]);
    // The whole map is still counted.
    expect(view.view.ties).toBe(3);

    const untied = viewContextMap(map, { kinds: ['sync'] });
    expect(ids(untied.edges)).toEqual([`${d(1)}|${d(2)}|sync`]);
    expect(untied.nodes).toHaveLength(4);
    expect(untied.violations).toEqual([]);
  });

  it('draws a team with the domains tied to it', () => {
    const map = small();
    const view = viewContextMap(map, { team: t(1) });
    expect(view.view.mode).toBe('team');
    expect(ids(view.edges)).toEqual([
      `${d(0)}|${d(1)}|events`,
      `${d(1)}|${d(2)}|sync`,
    ]);
    expect(view.nodes.map(n => n.domainRef)).toEqual([d(0), d(1), d(2)]);
    expect(view.titles[t(1)]).toBe('T1');
    // A team owning no domain of the map draws nothing.
    const none = viewContextMap(map, { team: 'group:default/nobody' });
    expect(none.nodes).toEqual([]);
  });

  it('draws the neighbourhood of the hub of a large map, then of the selected domain', () => {
    const large = dense(LARGE_MAP_DOMAINS + 1);
    const hub = viewContextMap(large, {});
    expect(hub.view.mode).toBe('neighbourhood');
    // Every domain has 80 ties; the first in the map's order is the hub.
    expect(hub.view.around).toBe(d(0));
    expect(hub.edges.every(e => e.from === d(0) || e.to === d(0))).toBe(true);
    expect(hub.view.domains).toBe(LARGE_MAP_DOMAINS + 1);
    const chosen = viewContextMap(large, { domain: d(7) });
    expect(chosen.view.around).toBe(d(7));
    expect(chosen.edges.every(e => e.from === d(7) || e.to === d(7))).toBe(
      true,
    );
    expect(chosen.titles[d(7)]).toBe('D7');
  });

  it(`draws at most ${MAX_DRAWN_TIES} ties, rule breaks first, then the heaviest`, () => {
    // 12 domains: 132 ties, more than drawn, so the hub's 22 are drawn.
    const twelve = viewContextMap(dense(12), {});
    expect(twelve.view.mode).toBe('neighbourhood');
    expect(twelve.edges).toHaveLength(22);
    expect(twelve.view.notDrawn).toBe(0);

    const crowded = dense(LARGE_MAP_DOMAINS + 5); // d000 has 88 ties
    const view = viewContextMap(crowded, {});
    expect(view.edges).toHaveLength(MAX_DRAWN_TIES);
    expect(view.view.notDrawn).toBe(88 - MAX_DRAWN_TIES);
    // d000's own 44 ties break a rule: all drawn, though lighter; then the heaviest of the
    // others (d044 → d000 weighs 144, d029 → d000 129).
    expect(view.edges.filter(e => e.rules.length > 0)).toHaveLength(44);
    const others = view.edges.filter(e => e.rules.length === 0);
    expect(others.map(e => e.from).sort()).toEqual(
      Array.from({ length: 16 }, (_, i) => d(29 + i)),
    );
    // Nothing selected: no violation is listed, the ties name their rules.
    expect(view.violations).toEqual([]);
  });

  it("lists the selected domain's owner's domains and the violations of all its ties", () => {
    const crowded = dense(LARGE_MAP_DOMAINS + 5);
    // d003 is tied to d000 by a breaking tie; with a kind filter nothing of it is drawn.
    const view = viewContextMap(crowded, { domain: d(3), kinds: ['sync'] });
    expect(view.edges).toEqual([]);
    expect(view.nodes.map(n => n.domainRef)).toEqual([d(3)]);
    expect(view.selected).toEqual({
      domainRef: d(3),
      ownerDomains: crowded.teams[0].domains,
      violations: [0],
      moreViolations: 0,
    });
    expect(view.violations.map(v => v.key)).toEqual([`${d(0)}|${d(3)}|events`]);

    // d000's ties break 44 rules: the first ones are listed, the others counted.
    const hub = viewContextMap(crowded, { domain: d(0), kinds: ['sync'] });
    expect(hub.selected!.violations).toHaveLength(
      CONTEXT_MAP_SELECTED_VIOLATIONS,
    );
    expect(hub.selected!.moreViolations).toBe(
      44 - CONTEXT_MAP_SELECTED_VIOLATIONS,
    );
    expect(hub.selected!.violations.map(i => hub.violations[i].key)).toEqual(
      crowded.violations
        .slice(0, CONTEXT_MAP_SELECTED_VIOLATIONS)
        .map(v => v.key),
    );
  });
});

describe('contextMapChoices', () => {
  it('pages the domains or teams the reader sees, matching a text', () => {
    const map = dense(12);
    const domains = contextMapChoices(map, 'domains');
    expect(domains[0]).toEqual({ entityRef: d(0), title: 'D0' });
    expect(contextMapChoices(map, 'teams').map(c => c.title)).toEqual([
      'T0',
      'T1',
      'T2',
    ]);
    const page = pageContextMapChoices(
      domains,
      { q: 'd1', limit: 2, offset: 0 },
      ref => ref !== d(10),
    );
    // D1, D11 (D10 is hidden); matched on title or ref.
    expect(page).toEqual({
      items: [
        { entityRef: d(1), title: 'D1' },
        { entityRef: d(11), title: 'D11' },
      ],
      totalItems: 2,
      offset: 0,
      limit: 2,
    });
    expect(
      pageContextMapChoices(domains, { limit: 5, offset: 10 }).items.map(
        c => c.title,
      ),
    ).toEqual(['D10', 'D11']);
  });
});
