import {
  ContextMapEdgeKind,
  MigrationPhase,
  RULES,
} from '@internal/plugin-domain-split-common';

/** Red of an edge that breaks a rule (the impact palette's "blocked"). @internal */
export const VIOLATION_COLOR = '#d32f2f';

/**
 * How each edge kind is drawn: events dashed, calls solid, shared state thick or dotted, so
 * kinds stay apart without colour too (red is kept for broken rules).
 * @internal
 */
export const EDGE_STYLES: Record<
  ContextMapEdgeKind,
  { color: string; width: number; dash?: string }
> = {
  events: { color: '#1e88e5', width: 1.5, dash: '7 4' },
  sync: { color: '#455a64', width: 2 },
  'shared-database': { color: '#6d4c41', width: 3.5 },
  'shared-cache': { color: '#00897b', width: 2.5, dash: '2 4' },
  'shared-library': { color: '#8e24aa', width: 2, dash: '10 3 2 3' },
};

/** Phase badge colours, from "not started" grey to "split" green. @internal */
export const PHASE_COLORS: Record<MigrationPhase, string> = {
  0: '#757575',
  1: '#1565c0',
  2: '#6a1b9a',
  3: '#2e7d32',
};

/** Team colours, distinct on light and dark backgrounds and from the impact palette. */
const TEAM_PALETTE = [
  '#3949ab',
  '#00838f',
  '#8e24aa',
  '#5d4037',
  '#c2185b',
  '#558b2f',
  '#0277bd',
  '#6d4c41',
  '#512da8',
  '#00695c',
];

/** A team's colour: its place among all the map's teams, so filters never recolour it. @internal */
export function teamColor(teamRef: string, teamOrder: string[]): string {
  const index = teamOrder.indexOf(teamRef);
  return TEAM_PALETTE[(index < 0 ? 0 : index) % TEAM_PALETTE.length];
}

const RULE_TITLES = new Map<string, string>(RULES.map(r => [r.id, r.title]));

/** A rule's title ("No cross-domain database access"), or its id when unknown. @internal */
export function ruleTitle(rule: string): string {
  return RULE_TITLES.get(rule) ?? rule;
}

/**
 * The map's team order from each drawn team's place among all teams (GET /context-map/view's
 * `view.teamOrder`): the other places stay empty, so {@link teamColor} gives each team the
 * colour it has on the whole map.
 * @internal
 */
export function teamOrderOf(places: Record<string, number>): string[] {
  const order: string[] = [];
  for (const [ref, place] of Object.entries(places)) order[place] = ref;
  return order;
}
