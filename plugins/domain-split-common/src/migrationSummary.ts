/*
 * Bounded answers cut from a computed migration status (computeMigrationStatus), without
 * recomputing: GET /migration's page of domain summaries with the aggregates the charts need,
 * and one domain's detail with at most `limit` evidence lines and blockers per criterion.
 */
import type { PageLimits, PageQuery } from './paging';
import { pageOf } from './paging';
import { byString, foldCase } from './refs';
import type {
  DomainMigrationResponse,
  DomainMigrationStatus,
  DomainMigrationSummary,
  MigrationAggregates,
  MigrationCriterion,
  MigrationOverviewResponse,
  MigrationPhase,
  MigrationStatusResponse,
} from './types';

/**
 * How many domain summaries GET /migration lists unless asked otherwise, and at most.
 * @public
 */
export const MIGRATION_PAGE_LIMIT: PageLimits = { default: 50, max: 500 };

/**
 * How many evidence lines and blockers per criterion (and next-blocker sentences) GET
 * /migration/domain/… lists unless asked otherwise, and at most.
 * @public
 */
export const DOMAIN_MIGRATION_ITEM_LIMIT: PageLimits = {
  default: 10,
  max: 10_000,
};

/** The blocker sentences a summary lists (the row shows the first, then "+N more"). */
const SUMMARY_BLOCKERS = 3;
/** The domain titles listed per target date (the chart's label; the rest counted). */
const TARGET_DATE_TITLES = 5;

const PHASES: MigrationPhase[] = [0, 1, 2, 3];
/**
 * The schedule states, in the order the aggregates count them and the Migration tab offers
 * them as a filter (GET /migration?schedule= takes one of them).
 * @public
 */
export const MIGRATION_SCHEDULES: ReadonlyArray<
  DomainMigrationStatus['schedule']
> = ['late', 'at-risk', 'on-track', 'done', 'no-target'];

/**
 * What GET /migration's list may be filtered by: `q` (a part of the domain's title or ref, any
 * case), `phase`, `schedule`.
 * @public
 */
export interface MigrationOverviewQuery extends PageQuery {
  q?: string;
  phase?: MigrationPhase;
  schedule?: DomainMigrationStatus['schedule'];
}

/**
 * One domain's row: phase, progress, target, schedule, step states and the first blockers.
 * @public
 */
export function summariseDomainMigration(
  status: DomainMigrationStatus,
): DomainMigrationSummary {
  return {
    domainRef: status.domainRef,
    title: status.title,
    phase: status.phase,
    progress: status.progress,
    ...(status.targetPhase !== undefined
      ? { targetPhase: status.targetPhase }
      : {}),
    ...(status.targetDate ? { targetDate: status.targetDate } : {}),
    schedule: status.schedule,
    steps: status.steps.map(({ step, label, met }) => ({ step, label, met })),
    blockerCount: status.nextBlockers.length + (status.moreNextBlockers ?? 0),
    nextBlockers: status.nextBlockers.slice(0, SUMMARY_BLOCKERS),
    ...(status.hiddenEntities ? { hiddenEntities: status.hiddenEntities } : {}),
  };
}

/**
 * Domains per phase and per schedule state, and the target dates, over `domains`.
 * @public
 */
export function migrationAggregates(
  domains: readonly DomainMigrationStatus[],
): MigrationAggregates {
  const byDate = new Map<string, DomainMigrationStatus[]>();
  for (const domain of domains) {
    if (!domain.targetDate) continue;
    byDate.set(domain.targetDate, [
      ...(byDate.get(domain.targetDate) ?? []),
      domain,
    ]);
  }
  return {
    domainCount: domains.length,
    phases: PHASES.map(phase => ({
      phase,
      domains: domains.filter(d => d.phase === phase).length,
    })),
    schedules: MIGRATION_SCHEDULES.map(schedule => ({
      schedule,
      domains: domains.filter(d => d.schedule === schedule).length,
    })),
    targetDates: [...byDate.entries()]
      .sort(([a], [b]) => byString(a, b))
      .map(([targetDate, aiming]) => ({
        targetDate,
        domainCount: aiming.length,
        domains: [...aiming]
          .sort(byTitle)
          .slice(0, TARGET_DATE_TITLES)
          .map(d => ({
            title: d.title,
            ...(d.targetPhase !== undefined
              ? { targetPhase: d.targetPhase }
              : {}),
          })),
      })),
  };
}

function byTitle(
  a: Pick<DomainMigrationStatus, 'title' | 'domainRef'>,
  b: Pick<DomainMigrationStatus, 'title' | 'domainRef'>,
): number {
  return (
    a.title.localeCompare(b.title, 'en') || byString(a.domainRef, b.domainRef)
  );
}

function matches(
  domain: DomainMigrationStatus,
  query: MigrationOverviewQuery,
): boolean {
  const q = query.q && foldCase(query.q.trim());
  return (
    (!q ||
      foldCase(domain.title).includes(q) ||
      domain.domainRef.includes(q)) &&
    (query.phase === undefined || domain.phase === query.phase) &&
    (query.schedule === undefined || domain.schedule === query.schedule)
  );
}

/**
 * GET /migration: the page of the domains (title order) that match the query, summarised, with
 * the aggregates over every domain of `status` (unfiltered: the charts show them all).
 * `detail` prepares a listed domain before it is summarised (a redactor scrubs it).
 * @public
 */
export function migrationOverview(
  status: MigrationStatusResponse,
  query: MigrationOverviewQuery,
  detail: (domain: DomainMigrationStatus) => DomainMigrationStatus = d => d,
): MigrationOverviewResponse {
  const page = pageOf(
    status.domains.filter(d => matches(d, query)).sort(byTitle),
    query,
  );
  return {
    generatedAt: status.generatedAt,
    domains: page.items.map(d => summariseDomainMigration(detail(d))),
    totalItems: page.totalItems,
    offset: page.offset,
    limit: page.limit,
    aggregates: migrationAggregates(status.domains),
    annotationProblems: status.annotationProblems,
  };
}

function boundCriterion(
  criterion: MigrationCriterion,
  limit: number,
): MigrationCriterion {
  const moreEvidence = Math.max(0, criterion.evidence.length - limit);
  const moreBlockers = Math.max(0, criterion.blockers.length - limit);
  return {
    ...criterion,
    evidence: criterion.evidence.slice(0, limit),
    blockers: criterion.blockers.slice(0, limit),
    ...(moreEvidence ? { moreEvidence } : {}),
    ...(moreBlockers ? { moreBlockers } : {}),
  };
}

/**
 * One domain's status with at most `limit` evidence lines and blockers per criterion and
 * `limit` next-blocker sentences, the rest counted (`moreEvidence`, `moreBlockers`,
 * `moreNextBlockers`): a domain of hundreds of components lists each in several criteria.
 * @public
 */
export function boundDomainMigration(
  status: DomainMigrationStatus,
  limit: number,
): DomainMigrationStatus {
  const moreNextBlockers = Math.max(0, status.nextBlockers.length - limit);
  const { moreNextBlockers: _, ...rest } = status;
  return {
    ...rest,
    steps: status.steps.map(step => ({
      ...step,
      criteria: step.criteria.map(c => boundCriterion(c, limit)),
    })),
    phaseCriteria: status.phaseCriteria.map(phase => ({
      ...phase,
      criteria: phase.criteria.map(c => boundCriterion(c, limit)),
    })),
    nextBlockers: status.nextBlockers.slice(0, limit),
    ...(moreNextBlockers ? { moreNextBlockers } : {}),
  };
}

/**
 * GET /migration/domain/:namespace/:name cut from the whole status; undefined for a domain
 * `status` does not have.
 * @public
 */
export function domainMigrationOf(
  status: MigrationStatusResponse,
  domainRef: string,
  limit: number,
): DomainMigrationResponse | undefined {
  const domain = status.domains.find(d => d.domainRef === domainRef);
  if (!domain) return undefined;
  return {
    generatedAt: status.generatedAt,
    domain: boundDomainMigration(domain, limit),
    annotationProblems: status.annotationProblems.filter(
      p => p.entityRef === domainRef,
    ),
  };
}
