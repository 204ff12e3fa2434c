/*
 * Small answers about one blast radius: a summary for the entity card (counts per impact level
 * and kind, the users impact, the affected domains, the worst entries) and pages of either side
 * for the content tab. Both are cut from a blast radius computeBlastRadius gave (as one reader
 * sees it): nothing is recomputed, the order is the radius's own (most severe first, then by
 * ref), so a summary's worst entries are the first entries of the first page.
 */
import { CatalogGraph, byString, domainOf, titleOf } from './graph';
import { impactRank } from './impact';
import { PageLimits, pageOf } from './paging';
import {
  AffectedDomain,
  BlastRadiusPageResponse,
  BlastRadiusResponse,
  BlastRadiusSummaryResponse,
  HiddenImpact,
  ImpactCounts,
  ImpactLevel,
  ImpactListSummary,
  MatrixCell,
} from './types';

/**
 * How many worst entries (and domains) a summary lists unless asked otherwise, and at most.
 * @public
 */
export const BLAST_RADIUS_SUMMARY_LIMIT = { default: 10, max: 50 } as const;

/**
 * How many entries a page of a blast radius lists unless asked otherwise, and at most.
 * @public
 */
export const BLAST_RADIUS_PAGE_LIMIT: PageLimits = { default: 50, max: 200 };

/**
 * How many entries of each side GET /impact/:kind/:namespace/:name lists unless asked
 * otherwise (see {@link firstEntriesOfBlastRadius}); a caller may ask any number, the whole
 * radius included.
 * @public
 */
export const BLAST_RADIUS_LIMIT: PageLimits = {
  default: 500,
  max: Number.MAX_SAFE_INTEGER,
};

/** One side of a blast radius: which end of each cell names the other entity. */
type Side = 'affected' | 'failing';

const withoutPath = (cell: MatrixCell): MatrixCell =>
  cell.path.length === 0 ? cell : { ...cell, path: [] };

function kindOf(graph: CatalogGraph, ref: string): string {
  return graph.entities.get(ref)?.kind ?? ref.slice(0, ref.indexOf(':'));
}

function summariseSide(
  graph: CatalogGraph,
  cells: MatrixCell[],
  side: Side,
  limit: number,
  hidden: HiddenImpact | undefined,
): ImpactListSummary {
  const byImpact: ImpactCounts = { none: 0, degraded: 0, waits: 0, blocked: 0 };
  const byKind: Record<string, number> = {};
  for (const cell of cells) {
    byImpact[cell.impact] += 1;
    const kind = kindOf(graph, cell[side]);
    byKind[kind] = (byKind[kind] ?? 0) + 1;
  }
  return {
    total: cells.length,
    byImpact,
    byKind,
    worst: cells.slice(0, limit).map(withoutPath),
    ...(hidden ? { hidden } : {}),
  };
}

/** Domains reached by `cells` (what a failure takes down): the worst impact and how many. */
function affectedDomains(
  graph: CatalogGraph,
  cells: MatrixCell[],
): AffectedDomain[] {
  const byDomain = new Map<string, AffectedDomain>();
  for (const cell of cells) {
    const domainRef = domainOf(graph, cell.affected);
    if (!domainRef) continue;
    const known = byDomain.get(domainRef);
    if (known) {
      if (impactRank(cell.impact) > impactRank(known.impact)) {
        known.impact = cell.impact;
      }
      known.count += 1;
    } else {
      byDomain.set(domainRef, { domainRef, impact: cell.impact, count: 1 });
    }
  }
  return [...byDomain.values()].sort(
    (a, b) =>
      impactRank(b.impact) - impactRank(a.impact) ||
      b.count - a.count ||
      byString(a.domainRef, b.domainRef),
  );
}

function titlesOf(
  graph: CatalogGraph,
  refs: Iterable<string>,
): Record<string, string> {
  const titles: Record<string, string> = {};
  for (const ref of [...new Set(refs)].sort(byString)) {
    if (graph.entities.has(ref)) titles[ref] = titleOf(graph, ref);
  }
  return titles;
}

/**
 * The blast radius of one entity in a bounded answer: per side, how many entries at each impact
 * level and of each kind, and the `limit` worst (the radius's own order, without paths); the
 * users impact; the affected domains (worst first, at most `limit`) with the number of their
 * entities reached; the titles of the refs it names.
 *
 * `radius` is what the reader sees (see `AnalysisRedactor.blastRadius`: hidden entries counted
 * in `hiddenTakesDown`/`hiddenTakenDownBy`). The domains come from `options.whole` when given
 * (the radius on the whole catalog: a domain reached only through entities the reader may not
 * see is still affected); domains `options.isHidden` hides leave the list, still counted in
 * `domainCount` and in `hiddenEntities`.
 * @public
 */
export function summariseBlastRadius(
  graph: CatalogGraph,
  radius: BlastRadiusResponse,
  options: {
    limit: number;
    whole?: BlastRadiusResponse;
    isHidden?: (ref: string) => boolean;
  },
): BlastRadiusSummaryResponse {
  const { limit, isHidden = () => false } = options;
  const takesDown = summariseSide(
    graph,
    radius.takesDown,
    'affected',
    limit,
    radius.hiddenTakesDown,
  );
  const takenDownBy = summariseSide(
    graph,
    radius.takenDownBy,
    'failing',
    limit,
    radius.hiddenTakenDownBy,
  );
  const allDomains = affectedDomains(
    graph,
    (options.whole ?? radius).takesDown,
  );
  const domains = allDomains.filter(d => !isHidden(d.domainRef));
  const hiddenDomains = allDomains.length - domains.length;
  const shownDomains = domains.slice(0, limit);
  const hiddenEntities = (radius.hiddenEntities ?? 0) + hiddenDomains;
  const users = withoutPath(radius.users);
  return {
    entityRef: radius.entityRef,
    users,
    takesDown,
    takenDownBy,
    domains: shownDomains,
    domainCount: allDomains.length,
    titles: titlesOf(graph, [
      radius.entityRef,
      users.affected,
      ...takesDown.worst.map(c => c.affected),
      ...takenDownBy.worst.map(c => c.failing),
      ...shownDomains.map(d => d.domainRef),
    ]),
    ...(hiddenEntities > 0 ? { hiddenEntities } : {}),
  };
}

/**
 * A blast radius with each side cut to its first `limit` entries (the most severe: the radius's
 * own order, as GET /impact/:kind/:namespace/:name/entries pages it), what was left out counted
 * in `moreTakesDown` and `moreTakenDownBy`; the radius itself when both sides fit.
 * @public
 */
export function firstEntriesOfBlastRadius(
  radius: BlastRadiusResponse,
  limit: number,
): BlastRadiusResponse {
  const moreTakesDown = radius.takesDown.length - limit;
  const moreTakenDownBy = radius.takenDownBy.length - limit;
  if (moreTakesDown <= 0 && moreTakenDownBy <= 0) return radius;
  return {
    ...radius,
    takesDown: radius.takesDown.slice(0, limit),
    takenDownBy: radius.takenDownBy.slice(0, limit),
    ...(moreTakesDown > 0 ? { moreTakesDown } : {}),
    ...(moreTakenDownBy > 0 ? { moreTakenDownBy } : {}),
  };
}

/**
 * What a page of a blast radius asks for.
 * @public
 */
export interface BlastRadiusPageQuery {
  /** `downstream`: what it takes down; `upstream`: what can take it down. */
  direction: 'downstream' | 'upstream';
  /** Only entries of this level. */
  impact?: ImpactLevel;
  limit: number;
  offset: number;
}

/**
 * One page of one side of a blast radius (as the reader sees it), in the radius's order, without
 * paths; `totalItems` counts the entries matching the query.
 * @public
 */
export function pageBlastRadius(
  graph: CatalogGraph,
  radius: BlastRadiusResponse,
  query: BlastRadiusPageQuery,
): BlastRadiusPageResponse {
  const { direction, impact, limit, offset } = query;
  const downstream = direction === 'downstream';
  const side: Side = downstream ? 'affected' : 'failing';
  const all = downstream ? radius.takesDown : radius.takenDownBy;
  const matching = impact ? all.filter(c => c.impact === impact) : all;
  const page = pageOf(matching, { offset, limit });
  const items = page.items.map(withoutPath);
  const hidden = downstream ? radius.hiddenTakesDown : radius.hiddenTakenDownBy;
  return {
    entityRef: radius.entityRef,
    direction,
    ...(impact ? { impact } : {}),
    ...page,
    items,
    titles: titlesOf(graph, [radius.entityRef, ...items.map(c => c[side])]),
    ...(hidden ? { hidden } : {}),
  };
}
