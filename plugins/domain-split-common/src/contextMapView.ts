/*
 * What the Map tab draws, cut from the whole context map on the server: a small map whole, a
 * large one (or a dense one) as the neighbourhood of one domain, a team's neighbourhood when a
 * team is chosen; never more than MAX_DRAWN_TIES ties. The browser lays out what it gets.
 */
import { titlesOfDrawing } from './contextMap';
import { byString } from './graph';
import { matchesFilter } from './textFilter';
import { PageQuery, pageOf } from './paging';
import {
  CONTEXT_MAP_SELECTED_VIOLATIONS,
  ContextMapChoice,
  ContextMapChoicesResponse,
  ContextMapEdge,
  ContextMapResponse,
  ContextMapViewQuery,
  ContextMapViewResponse,
  LARGE_MAP_DOMAINS,
  MAX_DRAWN_TIES,
  RuleViolation,
} from './types';

/** The domain with the most ties: where a large map starts when nothing is chosen. */
function hub(map: ContextMapResponse): string | undefined {
  const degree = new Map<string, number>();
  for (const edge of map.edges) {
    degree.set(edge.from, (degree.get(edge.from) ?? 0) + 1);
    degree.set(edge.to, (degree.get(edge.to) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const node of map.nodes) {
    const d = degree.get(node.domainRef) ?? 0;
    if (best === undefined || d > (degree.get(best) ?? 0)) {
      best = node.domainRef;
    }
  }
  return best;
}

/** Rule breaks first, then the heaviest, then by id: the order ties are kept in when cut. */
function drawOrder(a: ContextMapEdge, b: ContextMapEdge): number {
  return (
    Number(b.rules.length > 0) - Number(a.rules.length > 0) ||
    b.count - a.count ||
    byString(a.id, b.id)
  );
}

/**
 * The part of a whole context map (with its details, as computeContextMap gives it) that the
 * Map tab draws for these filters:
 * - ties of the chosen kinds (all when none), only rule-breaking ones with `violationsOnly`;
 * - with `team`: the domains the team owns and the ties touching them;
 * - else, on a map of more than {@link LARGE_MAP_DOMAINS} domains or with more than
 *   {@link MAX_DRAWN_TIES} matching ties: the ties of the selected `domain`, or of the one with
 *   the most ties when none is selected;
 * - at most {@link MAX_DRAWN_TIES} ties, rule breaks first, then the heaviest (`notDrawn`
 *   counts the others);
 * - the domains those ties join, the selected one, and the focused ones (or, drawing the
 *   whole map without `violationsOnly`, every domain).
 * Only the selected domain keeps its components and APIs, and `violations` holds only the
 * first of its ties' violations (`selected.violations` points at them; edges' `violations` are
 * empty, their `rules` name what they break): the Map tab lists nothing else. `selected` also
 * lists the selected domain's owner's domains.
 * Refs must be those of the map (a domain or team it does not hold draws no neighbourhood).
 * @public
 */
export function viewContextMap(
  map: ContextMapResponse,
  query: ContextMapViewQuery,
): ContextMapViewResponse {
  const kinds = query.kinds ?? [];
  let edges = map.edges.filter(
    e =>
      (kinds.length === 0 || kinds.includes(e.kind)) &&
      (!query.violationsOnly || e.rules.length > 0),
  );
  let focus: Set<string> | undefined;
  let mode: ContextMapViewResponse['view']['mode'] = 'all';
  let around: string | undefined;
  if (query.team !== undefined) {
    const team = map.teams.find(t => t.entityRef === query.team);
    focus = new Set(team?.domains ?? []);
    mode = 'team';
  } else if (
    map.nodes.length > LARGE_MAP_DOMAINS ||
    edges.length > MAX_DRAWN_TIES
  ) {
    around = query.domain ?? hub(map);
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
    const kept = new Set([...edges].sort(drawOrder).slice(0, MAX_DRAWN_TIES));
    edges = edges.filter(e => kept.has(e));
  }
  const tied = new Set(edges.flatMap(e => [e.from, e.to]));
  const keep = (ref: string) =>
    tied.has(ref) ||
    ref === query.domain ||
    (focus ? focus.has(ref) : !query.violationsOnly);
  const shownNodes = map.nodes.filter(n => keep(n.domainRef));
  const shown = new Set(shownNodes.map(n => n.domainRef));
  const teamOrder: Record<string, number> = {};
  const teams = map.teams
    .map((t, index) => {
      const domains = t.domains.filter(d => shown.has(d));
      if (domains.length > 0) teamOrder[t.entityRef] = index;
      return { ...t, domains };
    })
    .filter(t => t.domains.length > 0);

  // The violations the side panel lists: the first of all the selected domain's ties. The
  // drawn ties name their rules (`rules`); their violations stay with the Rules tab.
  const selectedNode = query.domain
    ? map.nodes.find(n => n.domainRef === query.domain)
    : undefined;
  let violations: RuleViolation[] = [];
  let moreViolations = 0;
  if (selectedNode) {
    const all = new Set<number>();
    for (const edge of map.edges) {
      if (
        edge.from === selectedNode.domainRef ||
        edge.to === selectedNode.domainRef
      ) {
        edge.violations.forEach(i => all.add(i));
      }
    }
    const sorted = [...all].sort((a, b) => a - b);
    violations = sorted
      .slice(0, CONTEXT_MAP_SELECTED_VIOLATIONS)
      .map(i => map.violations[i]);
    moreViolations = sorted.length - violations.length;
  }
  // Only the selected domain's services and contracts are listed (its side panel); the others
  // are drawn by their count.
  const nodes = shownNodes.map(n =>
    n === selectedNode ? n : { ...n, components: [], apis: [] },
  );

  // A domain without an owner owns itself alone.
  let ownerDomains: string[] = selectedNode ? [selectedNode.domainRef] : [];
  if (selectedNode?.ownerRef) {
    const owner = map.teams.find(x => x.entityRef === selectedNode.ownerRef);
    if (owner) ownerDomains = owner.domains;
  }

  const titles = titlesOfDrawing(
    { nodes, teams, edges },
    ref => map.titles[ref] ?? ref,
    [...ownerDomains, around, query.team],
  );

  return {
    nodes,
    edges: edges.map(e => ({ ...e, violations: [] })),
    teams,
    titles,
    violations,
    ...(map.hiddenEntities !== undefined
      ? { hiddenEntities: map.hiddenEntities }
      : {}),
    view: {
      mode,
      ...(around !== undefined ? { around } : {}),
      notDrawn,
      domains: map.nodes.length,
      teams: map.teams.length,
      ties: map.edges.length,
      violatingTies: map.edges.filter(e => e.rules.length > 0).length,
      teamOrder,
    },
    ...(selectedNode
      ? {
          selected: {
            domainRef: selectedNode.domainRef,
            ownerDomains,
            violations: violations.map((_, i) => i),
            moreViolations,
          },
        }
      : {}),
  };
}

/**
 * The domains of a context map, or the teams owning them, as the Map tab's pickers offer
 * them: in the map's order (ref order for teams), with their titles.
 * @public
 */
export function contextMapChoices(
  map: ContextMapResponse,
  kind: 'domains' | 'teams',
): ContextMapChoice[] {
  return kind === 'domains'
    ? map.nodes.map(n => ({
        entityRef: n.domainRef,
        title: map.titles[n.domainRef] ?? n.title,
      }))
    : map.teams.map(t => ({ entityRef: t.entityRef, title: t.title }));
}

/**
 * A page of picker choices: those the reader may see (`visible`) matching `q` (title or ref).
 * @public
 */
export function pageContextMapChoices(
  choices: ContextMapChoice[],
  query: PageQuery & { q?: string },
  visible: (ref: string) => boolean = () => true,
): ContextMapChoicesResponse {
  const q = query.q ?? '';
  return pageOf(
    choices.filter(
      c => visible(c.entityRef) && matchesFilter(q, c.title, c.entityRef),
    ),
    query,
  );
}
