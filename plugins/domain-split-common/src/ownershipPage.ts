/*
 * The Ownership tab's rows, a page at a time: the team list (the groups above the teams, then
 * the teams, by title) searched and cut from the ownership computed once per catalog
 * generation (GET /ownership). Each row carries counts and the first few names, not what it
 * owns: an opened row asks GET /ownership?team= for its domains and services.
 */
import { foldCase } from './refs';
import { pageOf } from './paging';
import type { PageLimits, PageQuery } from './paging';
import { matchesFilter } from './textFilter';
import type {
  AnnotationProblem,
  OwnershipComponent,
  OwnershipDomain,
  OwnershipPageMatch,
  OwnershipPageResponse,
  OwnershipPageRow,
  OwnershipProblem,
  OwnershipResponse,
  OwnershipTeam,
} from './types';

/**
 * The default and largest number of rows of a GET /ownership page.
 * @public
 */
export const OWNERSHIP_PAGE_LIMIT: PageLimits = { default: 25, max: 100 };

/**
 * How many domains, groups below and search matches a row names (the rest are counted), and
 * how many entries each list above and below the rows carries (problems, entities outside any
 * domain, annotation problems; each with its total; domains without an owner: `named`).
 * @public
 */
export const OWNERSHIP_PAGE_NAMES = {
  named: 6,
  matches: 5,
  listed: 50,
} as const;

/**
 * Where a component sits: the domain holding it, or none (outside any domain).
 * @public
 */
export interface ComponentHome {
  component: OwnershipComponent;
  domain?: OwnershipDomain;
}

/**
 * Every component of an ownership answer by ref, with the domain holding it.
 * @public
 */
export function indexComponentHomes(
  domains: Iterable<OwnershipDomain>,
  unassigned: OwnershipComponent[] = [],
): Map<string, ComponentHome> {
  const homes = new Map<string, ComponentHome>();
  for (const domain of domains) {
    for (const component of domain.components) {
      if (!homes.has(component.entityRef)) {
        homes.set(component.entityRef, { component, domain });
      }
    }
  }
  for (const component of unassigned) {
    if (!homes.has(component.entityRef)) {
      homes.set(component.entityRef, { component });
    }
  }
  return homes;
}

/**
 * The services a team owns inside domains it does not own, each with its domain.
 * @public
 */
export function servicesElsewhere(
  team: OwnershipTeam,
  homes: Map<string, ComponentHome>,
): { component: OwnershipComponent; domain: OwnershipDomain }[] {
  const own = new Set(team.domains);
  const elsewhere: {
    component: OwnershipComponent;
    domain: OwnershipDomain;
  }[] = [];
  for (const ref of team.components) {
    const home = homes.get(ref);
    if (home?.domain && !own.has(home.domain.entityRef)) {
      elsewhere.push({ component: home.component, domain: home.domain });
    }
  }
  return elsewhere;
}

/**
 * Problems indexed by the entities they name, for the warning marks.
 * @public
 */
export type ProblemIndex = Map<string, OwnershipProblem[]>;

/** @public */
export function indexProblems(problems: OwnershipProblem[]): ProblemIndex {
  const index: ProblemIndex = new Map();
  for (const problem of problems) {
    for (const ref of problem.entityRefs) {
      index.set(ref, [...(index.get(ref) ?? []), problem]);
    }
  }
  return index;
}

/**
 * An ownership answer indexed once: lookups by ref, the rows of the team list and the counts
 * of the summary line.
 * @public
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
  /**
   * What the search looks in for each team, domain and component (title and ref), lower-cased
   * once: `text.includes(q)` is `matchesFilter(q, title, ref)` (no query holds the separator).
   */
  searchTexts: Map<string, string>;
  /** The rows of the whole list (no search, no group chosen), computed once with the index. */
  allRows: OwnershipRow[];
}

const collator = new Intl.Collator('en', {
  numeric: true,
  sensitivity: 'base',
});
const byTitle = (a: OwnershipTeam, b: OwnershipTeam) =>
  collator.compare(a.title, b.title) ||
  collator.compare(a.entityRef, b.entityRef);

/** @public */
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
  const searchTexts = new Map<string, string>();
  const addText = (ref: string, title: string) =>
    searchTexts.set(ref, `${foldCase(title)}\u0000${foldCase(ref)}`);
  for (const t of data.teams) addText(t.entityRef, t.title);
  for (const d of data.domains) {
    addText(d.entityRef, d.title);
    for (const c of d.components) addText(c.entityRef, c.title);
  }
  for (const c of data.unassigned) addText(c.entityRef, c.title);
  const index: OwnershipIndex = {
    allRows: [],
    searchTexts,
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
  index.allRows = ownershipRows(index);
  return index;
}

/**
 * A domain or component of a row that the search matched.
 * @public
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
 * @public
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
): ComponentHome[] {
  const result: ComponentHome[] = [];
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

type ServiceFilter = (c: OwnershipComponent, d: OwnershipDomain) => boolean;

/** The services the row of a group lists when opened: its own and those of the groups below. */
function listedServices(
  team: OwnershipTeam,
  index: OwnershipIndex,
  filter: ServiceFilter | undefined,
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
 * @public
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
 * @public
 */
export function ownershipRows(
  index: OwnershipIndex,
  options: { team?: string; query?: string } = {},
): OwnershipRow[] {
  const query = options.query?.trim() ?? '';
  const needle = foldCase(query);
  // matchesFilter over the texts lower-cased once per index (10,000 components a search).
  const matches = (ref: string) =>
    index.searchTexts.get(ref)?.includes(needle) ?? false;
  const groups = options.team
    ? [index.groupsByRef.get(options.team)].filter(
        (t): t is OwnershipTeam => t !== undefined,
      )
    : [...index.parents, ...index.teams];
  const parents = new Set(index.parents);
  const filter: ServiceFilter | undefined = query
    ? (c, d) => matches(c.entityRef) || matches(d.entityRef)
    : undefined;
  const rows: OwnershipRow[] = [];
  for (const team of groups) {
    const found: OwnershipMatch[] = [];
    const nameMatched = !!query && matches(team.entityRef);
    if (query) {
      for (const ref of team.domains) {
        const domain = index.domainsByRef.get(ref);
        if (domain && matches(domain.entityRef)) {
          found.push({
            entityRef: domain.entityRef,
            title: domain.title,
            kind: 'domain',
          });
        }
      }
      for (const { component, domain } of ownedComponents(team, index)) {
        if (matches(component.entityRef)) {
          found.push({
            entityRef: component.entityRef,
            title: component.title,
            kind: 'component',
            domain,
          });
        }
      }
      if (found.length === 0 && !nameMatched) continue;
    }
    const filtered = !!query && !nameMatched;
    rows.push({
      team,
      kind: parents.has(team) ? 'group' : 'team',
      matches: found,
      filtered,
      services: listedServices(team, index, filtered ? filter : undefined),
    });
  }
  return rows;
}

/**
 * One group's part of the ownership (GET /ownership?team=: the group card, an opened row of
 * the tab): the group, the domains it lists opened (its own, those of the groups below it,
 * those holding components it owns elsewhere), what it owns outside any domain, and the
 * problems that name the group, one of those domains or a component it owns. Undefined for a
 * group the ownership does not hold.
 * @public
 */
export function ownershipOfTeam(
  all: OwnershipResponse,
  teamRef: string,
): OwnershipResponse | undefined {
  const team = all.teams.find(t => t.entityRef === teamRef);
  if (!team) return undefined;
  const listed = new Set([...team.domains, ...team.rolledUpDomains]);
  const components = new Set(team.components);
  const domains = all.domains.filter(
    d =>
      listed.has(d.entityRef) ||
      d.components.some(c => components.has(c.entityRef)),
  );
  const concerned = new Set([
    teamRef,
    ...domains.map(d => d.entityRef),
    ...team.components,
  ]);
  return {
    teams: [team],
    domains,
    unassigned: all.unassigned.filter(c => c.ownerRef === teamRef),
    problems: all.problems.filter(p =>
      p.entityRefs.some(ref => concerned.has(ref)),
    ),
    annotationProblems: all.annotationProblems.filter(
      p => p.entityRef === teamRef || listed.has(p.entityRef),
    ),
  };
}

/**
 * What a page of GET /ownership asks for besides `limit` and `offset`.
 * @public
 */
export interface OwnershipPageQuery extends PageQuery {
  /** A team, domain or service whose name or ref contains this (case-insensitive). */
  query?: string;
  /** Only this group's row (the tab's team filter). */
  group?: string;
}

/** A row as sent: counts and the first names, not everything the group owns. */
function pageRow(
  row: OwnershipRow,
  index: OwnershipIndex,
  titles: Record<string, string>,
): OwnershipPageRow {
  const { team } = row;
  // A ref without a title (a group outside the ownership) is left to the link to name.
  const name = (ref: string, title?: string) => {
    const known = title ?? index.titles[ref];
    if (known !== undefined) titles[ref] = known;
    return ref;
  };
  name(team.entityRef, team.title);
  if (team.parentRef) name(team.parentRef);
  const matches: OwnershipPageMatch[] = row.matches
    .slice(0, OWNERSHIP_PAGE_NAMES.matches)
    .map(m => ({
      entityRef: name(m.entityRef, m.title),
      kind: m.kind,
      ...(m.domain
        ? { domainRef: name(m.domain.entityRef, m.domain.title) }
        : {}),
    }));
  const problems = new Set(
    [team.entityRef, ...team.domains].flatMap(ref =>
      (index.problems.get(ref) ?? []).map(p => p.message),
    ),
  );
  return {
    entityRef: team.entityRef,
    title: team.title,
    kind: row.kind,
    ...(team.parentRef ? { parentRef: team.parentRef } : {}),
    memberCount: team.members.length,
    domainCount: team.domains.length,
    componentCount: team.components.length,
    childCount: team.childRefs.length,
    rolledUpDomainCount: team.rolledUpDomains.length,
    rolledUpComponentCount: team.rolledUpComponents.length,
    domains: team.domains
      .slice(0, OWNERSHIP_PAGE_NAMES.named)
      .map(ref => name(ref)),
    children: index
      .childrenByTitle(team)
      .slice(0, OWNERSHIP_PAGE_NAMES.named)
      .map(ref => name(ref)),
    problems: [...problems],
    matches,
    matchCount: row.matches.length,
    filtered: row.filtered,
    services: row.services,
    ...(team.hiddenEntities ? { hiddenEntities: team.hiddenEntities } : {}),
  };
}

/** The first entries of a list, and how many it holds. */
function firstOf<T>(items: T[]): { items: T[]; total: number } {
  return {
    items: items.slice(0, OWNERSHIP_PAGE_NAMES.listed),
    total: items.length,
  };
}

/**
 * One page of the Ownership tab: the counts of the summary line, the rows matching the search
 * (`query`) or the chosen `group`, `limit` of them from `offset`, the titles of the refs the
 * rows name, and the first entries of the lists above and below the rows (ownership problems;
 * domains without an owning team and entities outside any domain, both matching the search;
 * annotation problems), each with its total.
 * @public
 */
export function pageOwnership(
  data: OwnershipResponse,
  index: OwnershipIndex,
  query: OwnershipPageQuery,
): OwnershipPageResponse {
  const search = query.query?.trim() ?? '';
  const rows =
    search || query.group
      ? ownershipRows(index, { team: query.group, query: search })
      : index.allRows;
  const titles: Record<string, string> = {};
  const { items, ...pageInfo } = pageOf(rows, query);
  const page = items.map(row => pageRow(row, index, titles));
  for (const problem of data.problems.slice(0, OWNERSHIP_PAGE_NAMES.listed)) {
    for (const ref of problem.entityRefs) {
      if (index.titles[ref]) titles[ref] = index.titles[ref];
    }
  }
  const unownedDomains = query.group
    ? []
    : index.unownedDomains.filter(
        d =>
          matchesFilter(search, d.title, d.entityRef) ||
          d.components.some(c => matchesFilter(search, c.title, c.entityRef)),
      );
  const unassigned = query.group
    ? data.unassigned.filter(c => c.ownerRef === query.group)
    : data.unassigned.filter(c => matchesFilter(search, c.title, c.entityRef));
  const annotationProblems: AnnotationProblem[] = data.annotationProblems;
  return {
    summary: {
      teams: index.teams.length,
      groups: index.parents.length,
      domains: data.domains.length,
      componentsInDomains: index.componentsInDomains,
      unassigned: data.unassigned.length,
      problems: data.problems.length,
    },
    groups: [...index.parents, ...index.teams].map(t => ({
      entityRef: t.entityRef,
      title: t.title,
    })),
    rows: page,
    titles,
    ...pageInfo,
    problems: firstOf(data.problems),
    // Whole domains (each with its services): a few, the rest counted.
    unownedDomains: {
      items: unownedDomains.slice(0, OWNERSHIP_PAGE_NAMES.named),
      total: unownedDomains.length,
    },
    unassigned: firstOf(unassigned),
    annotationProblems: firstOf(annotationProblems),
    ...(data.hiddenEntities ? { hiddenEntities: data.hiddenEntities } : {}),
  };
}
