import type {
  OwnershipComponent,
  OwnershipDomain,
  OwnershipResponse,
  OwnershipTeam,
} from '@internal/plugin-domain-split-common';
import { matchesFilter } from '../../utils/format';
import {
  ComponentHome,
  indexComponentHomes,
  indexProblems,
  ProblemIndex,
  servicesElsewhere,
} from '../TeamOwnership';

/**
 * An ownership answer indexed once for the tab: lookups by ref, the rows of the team list
 * and the counts of the summary line.
 * @internal
 */
export interface OwnershipIndex {
  domainsByRef: Map<string, OwnershipDomain>;
  /** Every component (in a domain or outside any) by ref, with its domain. */
  homes: Map<string, ComponentHome>;
  groupsByRef: Map<string, OwnershipTeam>;
  /** Components, APIs and resources outside any domain, by their owner's ref. */
  unassignedByOwner: Map<string, OwnershipComponent[]>;
  /** Titles of every team, domain and component, for the problem lists. */
  titles: Record<string, string>;
  problems: ProblemIndex;
  /** Groups that own something themselves, or nothing at all, by title. */
  teams: OwnershipTeam[];
  /**
   * Groups that own nothing themselves but have domains below them (departments), by title:
   * the group roll-up.
   */
  parents: OwnershipTeam[];
  /** Domains no team owns. */
  unownedDomains: OwnershipDomain[];
  /** Components inside a domain, counted once. */
  componentsInDomains: number;
  /** The groups directly below a group, by title as the rows are. */
  childrenByTitle(group: OwnershipTeam): string[];
}

const collator = new Intl.Collator('en', {
  numeric: true,
  sensitivity: 'base',
});
const byTitle = (a: OwnershipTeam, b: OwnershipTeam) =>
  collator.compare(a.title, b.title) ||
  collator.compare(a.entityRef, b.entityRef);

/** @internal */
export function indexOwnership(data: OwnershipResponse): OwnershipIndex {
  const domainsByRef = new Map(data.domains.map(d => [d.entityRef, d]));
  const titles: Record<string, string> = {};
  for (const t of data.teams) titles[t.entityRef] = t.title;
  for (const d of data.domains) {
    titles[d.entityRef] = d.title;
    for (const c of d.components) titles[c.entityRef] = c.title;
  }
  for (const c of data.unassigned) titles[c.entityRef] = c.title;
  const isParent = (t: OwnershipTeam) =>
    t.domains.length === 0 &&
    t.components.length === 0 &&
    t.rolledUpDomains.length > 0;
  const groupsByRef = new Map(data.teams.map(t => [t.entityRef, t]));
  const titleOf = (ref: string) => groupsByRef.get(ref)?.title ?? ref;
  const owned = new Set(data.teams.flatMap(t => t.domains));
  const unassignedByOwner = new Map<string, OwnershipComponent[]>();
  for (const c of data.unassigned) {
    if (!c.ownerRef) continue;
    const list = unassignedByOwner.get(c.ownerRef) ?? [];
    list.push(c);
    unassignedByOwner.set(c.ownerRef, list);
  }
  return {
    domainsByRef,
    homes: indexComponentHomes(data.domains, data.unassigned),
    groupsByRef,
    unassignedByOwner,
    titles,
    problems: indexProblems(data.problems),
    teams: data.teams.filter(t => !isParent(t)).sort(byTitle),
    parents: data.teams.filter(isParent).sort(byTitle),
    unownedDomains: data.domains.filter(d => !owned.has(d.entityRef)),
    componentsInDomains: data.domains.reduce(
      (n, d) => n + d.components.length,
      0,
    ),
    childrenByTitle: group =>
      [...group.childRefs].sort((a, b) =>
        collator.compare(titleOf(a), titleOf(b)),
      ),
  };
}

/**
 * A domain or component of a row that the search matched.
 * @internal
 */
export interface OwnershipMatch {
  entityRef: string;
  title: string;
  kind: 'domain' | 'component';
  /** The domain holding a matched component; none for a component outside any domain. */
  domain?: OwnershipDomain;
}

/**
 * One row of the team list.
 * @internal
 */
export interface OwnershipRow {
  team: OwnershipTeam;
  /** `group`: owns nothing itself, shows the domains of the groups below it. */
  kind: 'team' | 'group';
  /** What the search matched in what the row owns (empty without a search). */
  matches: OwnershipMatch[];
  /**
   * The row lists only the services the search matched: there is a search and it did not
   * match the group's own name (a group found by name shows everything it owns).
   */
  filtered: boolean;
  /** How many services the row lists when opened. */
  services: number;
}

/**
 * The components a group owns: those inside its own domains, the ones it owns in other
 * teams' domains, and the components, APIs and resources it owns outside any domain.
 */
function ownedComponents(
  team: OwnershipTeam,
  index: OwnershipIndex,
): { component: OwnershipComponent; domain?: OwnershipDomain }[] {
  const result: { component: OwnershipComponent; domain?: OwnershipDomain }[] =
    [];
  for (const ref of team.domains) {
    const domain = index.domainsByRef.get(ref);
    for (const component of domain?.components ?? []) {
      result.push({ component, domain });
    }
  }
  result.push(...servicesElsewhere(team, index.homes));
  for (const component of index.unassignedByOwner.get(team.entityRef) ?? []) {
    result.push({ component });
  }
  return result;
}

/** The services the row of a group lists when opened: its own and those of the groups below. */
function listedServices(
  team: OwnershipTeam,
  index: OwnershipIndex,
  filter: ((c: OwnershipComponent, d: OwnershipDomain) => boolean) | undefined,
): number {
  const domains = new Set([...team.domains, ...team.rolledUpDomains]);
  let count = 0;
  for (const ref of domains) {
    const domain = index.domainsByRef.get(ref);
    for (const c of domain?.components ?? []) {
      if (!filter || filter(c, domain!)) count++;
    }
  }
  for (const e of servicesElsewhere(team, index.homes)) {
    if (!filter || filter(e.component, e.domain)) count++;
  }
  return count;
}

/**
 * The search applied to a service: its name or ref, or its domain's.
 * @internal
 */
export function serviceFilter(
  query: string,
): ((c: OwnershipComponent, d: OwnershipDomain) => boolean) | undefined {
  if (!query.trim()) return undefined;
  return (c, d) =>
    matchesFilter(query, c.title, c.entityRef, d.title, d.entityRef);
}

/**
 * The rows of the team list: the groups above the teams (the roll-up), then the teams, each
 * by title. `team` keeps only that group; `query` keeps the groups whose name, or the name of
 * a domain or component they own, contains it, and says which of those it matched.
 * @internal
 */
export function ownershipRows(
  index: OwnershipIndex,
  options: { team?: string; query?: string } = {},
): OwnershipRow[] {
  const query = options.query?.trim() ?? '';
  const groups = options.team
    ? [index.groupsByRef.get(options.team)].filter(
        (t): t is OwnershipTeam => t !== undefined,
      )
    : [...index.parents, ...index.teams];
  const parents = new Set(index.parents);
  const filter = serviceFilter(query);
  const rows: OwnershipRow[] = [];
  for (const team of groups) {
    const matches: OwnershipMatch[] = [];
    const nameMatched =
      !!query && matchesFilter(query, team.title, team.entityRef);
    if (query) {
      for (const ref of team.domains) {
        const domain = index.domainsByRef.get(ref);
        if (domain && matchesFilter(query, domain.title, domain.entityRef)) {
          matches.push({
            entityRef: domain.entityRef,
            title: domain.title,
            kind: 'domain',
          });
        }
      }
      for (const { component, domain } of ownedComponents(team, index)) {
        if (matchesFilter(query, component.title, component.entityRef)) {
          matches.push({
            entityRef: component.entityRef,
            title: component.title,
            kind: 'component',
            domain,
          });
        }
      }
      if (matches.length === 0 && !nameMatched) continue;
    }
    const filtered = !!query && !nameMatched;
    rows.push({
      team,
      kind: parents.has(team) ? 'group' : 'team',
      matches,
      filtered,
      services: listedServices(team, index, filtered ? filter : undefined),
    });
  }
  return rows;
}
