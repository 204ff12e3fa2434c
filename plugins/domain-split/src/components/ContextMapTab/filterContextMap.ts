import {
  ContextMapEdge,
  ContextMapEdgeKind,
  ContextMapNode,
  ContextMapResponse,
  ContextMapTeam,
  RuleViolation,
} from '@internal/plugin-domain-split-common';

/**
 * Above this many domains the map draws a neighbourhood, never the whole map: 300 domains
 * and their thousands of edges are unreadable (and slow to lay out) in one drawing.
 * @internal
 */
export const LARGE_MAP_DOMAINS = 40;

/**
 * At most this many ties are drawn (and listed in the table below the drawing). A dense
 * catalog ties a domain to dozens of others (the synthetic 1,000-service catalog: 645 ties
 * between 30 domains, one domain with 89): beyond this the drawing is a hairball and its
 * layout a long task. Rule-breaking ties go first, then the heaviest.
 * @internal
 */
export const MAX_DRAWN_TIES = 60;

/** @internal */
export interface ContextMapFilters {
  /** Owner ref: its domains and the domains tied to them. */
  team?: string;
  /** Edge kinds to show; all when empty. */
  kinds: ContextMapEdgeKind[];
  violationsOnly: boolean;
  selected?: string;
}

/** @internal */
export interface FilteredContextMap {
  nodes: ContextMapNode[];
  edges: ContextMapEdge[];
  teams: ContextMapTeam[];
  /**
   * `all`: every domain; `team`: a team's neighbourhood; `neighbourhood`: a large map drawn
   * around one domain (`around`).
   */
  mode: 'all' | 'team' | 'neighbourhood';
  around?: string;
  /** Ties that match the filters but were left out to stay under {@link MAX_DRAWN_TIES}. */
  notDrawn: number;
}

/** The domain with the most edges: where a large map starts when nothing is chosen. */
function hub(map: ContextMapResponse): string | undefined {
  const degree = new Map<string, number>();
  for (const edge of map.edges) {
    degree.set(edge.from, (degree.get(edge.from) ?? 0) + 1);
    degree.set(edge.to, (degree.get(edge.to) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const node of map.nodes) {
    const d = degree.get(node.domainRef) ?? 0;
    if (best === undefined || d > (degree.get(best) ?? 0))
      best = node.domainRef;
  }
  return best;
}

/**
 * What the map draws for the chosen filters. View logic only: the edges, counts and rules
 * are the backend's; this picks which of them to show.
 * @internal
 */
export function filterContextMap(
  map: ContextMapResponse,
  filters: ContextMapFilters,
): FilteredContextMap {
  let edges = map.edges.filter(
    e =>
      (filters.kinds.length === 0 || filters.kinds.includes(e.kind)) &&
      (!filters.violationsOnly || e.rules.length > 0),
  );
  let focus: Set<string> | undefined;
  let mode: FilteredContextMap['mode'] = 'all';
  let around: string | undefined;
  const team = filters.team
    ? map.teams.find(t => t.entityRef === filters.team)
    : undefined;
  if (team) {
    focus = new Set(team.domains);
    mode = 'team';
  } else if (
    map.nodes.length > LARGE_MAP_DOMAINS ||
    edges.length > MAX_DRAWN_TIES
  ) {
    around = filters.selected ?? hub(map);
    focus = new Set(around ? [around] : []);
    mode = 'neighbourhood';
  }
  if (focus) {
    const inFocus = focus;
    edges = edges.filter(e => inFocus.has(e.from) || inFocus.has(e.to));
  }
  let notDrawn = 0;
  if (edges.length > MAX_DRAWN_TIES) {
    notDrawn = edges.length - MAX_DRAWN_TIES;
    const kept = new Set(
      [...edges]
        .sort(
          (a, b) =>
            Number(b.rules.length > 0) - Number(a.rules.length > 0) ||
            b.count - a.count ||
            (a.id < b.id ? -1 : 1),
        )
        .slice(0, MAX_DRAWN_TIES),
    );
    edges = edges.filter(e => kept.has(e));
  }
  const tied = new Set(edges.flatMap(e => [e.from, e.to]));
  const keep = (ref: string) =>
    tied.has(ref) ||
    ref === filters.selected ||
    (focus ? focus.has(ref) : !filters.violationsOnly);
  const nodes = map.nodes.filter(n => keep(n.domainRef));
  const shown = new Set(nodes.map(n => n.domainRef));
  const teams = map.teams
    .map(t => ({ ...t, domains: t.domains.filter(d => shown.has(d)) }))
    .filter(t => t.domains.length > 0);
  return { nodes, edges, teams, mode, around, notDrawn };
}

/**
 * Which detailed maps the tab asks for beside the outline (`?details=false`) of the whole map:
 * the neighbourhood it draws (a team's, the one around a domain, or the whole map when it is
 * small enough to draw whole), and the selected domain's when that is not the same.
 * @internal
 */
export function detailFocuses(
  filtered: FilteredContextMap,
  filters: Pick<ContextMapFilters, 'team' | 'selected'>,
): { domain?: string; team?: string }[] {
  if (filtered.mode === 'all') return [{}];
  const drawn =
    filtered.mode === 'team'
      ? { team: filters.team }
      : { domain: filtered.around };
  return filters.selected && drawn.domain !== filters.selected
    ? [drawn, { domain: filters.selected }]
    : [drawn];
}

/**
 * The lists behind the outline's nodes and edges, from detailed maps of parts of it: each
 * edge and node by id/ref, the violations once (edges' indexes point into them), the titles.
 * @internal
 */
export interface ContextMapDetails {
  edges: Map<string, ContextMapEdge>;
  nodes: Map<string, ContextMapNode>;
  violations: RuleViolation[];
  titles: Record<string, string>;
}

/** Merges detailed maps into one {@link ContextMapDetails}. @internal */
export function mergeContextMapDetails(
  maps: ContextMapResponse[],
): ContextMapDetails {
  const details: ContextMapDetails = {
    edges: new Map(),
    nodes: new Map(),
    violations: [],
    titles: {},
  };
  const indexOfKey = new Map<string, number>();
  for (const map of maps) {
    Object.assign(details.titles, map.titles);
    for (const node of map.nodes) details.nodes.set(node.domainRef, node);
    const reindexed = map.violations.map(v => {
      const key = v.key ?? `${v.rule}|${v.message}`;
      let index = indexOfKey.get(key);
      if (index === undefined) {
        index = details.violations.push(v) - 1;
        indexOfKey.set(key, index);
      }
      return index;
    });
    for (const edge of map.edges) {
      details.edges.set(edge.id, {
        ...edge,
        violations: edge.violations.map(i => reindexed[i]),
      });
    }
  }
  return details;
}
