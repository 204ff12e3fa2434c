/*
 * GET /releases a page at a time: the Releases tab's service rows (grouped by domain) cut from
 * the releases computed once per catalog × evidence generation, filtered by its search and
 * switches.
 */
import { foldCase } from './refs';
import { parseEntityRef } from '@backstage/catalog-model';
import { pageOf } from './paging';
import type { PageLimits, PageQuery } from './paging';
import { matchesFilter } from './textFilter';
import { runToCompletion, sortSteps, Steps, workBudget } from './steps';
import type {
  CurrentRelease,
  ReleaseDomainSummary,
  ReleasesPageResponse,
  ReleasesResponse,
} from './types';

/**
 * The default and largest number of service rows of a GET /releases page (a row is a service
 * with its releases in every environment: about 2 KiB at four environments).
 * @public
 */
export const RELEASES_PAGE_LIMIT: PageLimits = { default: 25, max: 100 };

/**
 * One entity's releases cut from every service's (the same answer its own CI rows give): the
 * same environment columns, its own releases only. For an entity card when every service's
 * releases of the generation are computed already.
 * @public
 */
export function releasesOfEntity(
  releases: ReleasesResponse,
  entityRef: string,
): ReleasesResponse {
  return {
    ...releases,
    current: releases.current.filter(
      release => release.entityRef === entityRef,
    ),
  };
}

/**
 * One row of the release grid: a service with its releases, in grid order.
 * @public
 */
export interface ReleaseServiceRow {
  service: string;
  entityRef?: string;
  domainRef?: string;
  /** Its releases, tracked environments first, in column order. */
  releases: CurrentRelease[];
  /** Its releases in the tracked environments (the grid without the toggle). */
  tracked: CurrentRelease[];
  /** What the search looks in (service, Component ref, domain name), lower-cased once. */
  searchText: string;
}

/**
 * What a page of GET /releases asks for besides `limit` and `offset`.
 * @public
 */
export interface ReleasesPageQuery extends PageQuery {
  /** Service name, Component ref or domain name containing this (case-insensitive). */
  query?: string;
  /** Only services with a mark (rollback, no contract tests, lockstep) or a failed deploy. */
  marked?: boolean;
  /** Also the environments that are not tracked (`otherEnvironments`). */
  untracked?: boolean;
}

/** The domain a row is listed under as the tab names it (`orders`, `other-ns/orders`). */
function domainName(domainRef: string): string {
  try {
    const { namespace, name } = parseEntityRef(domainRef);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return domainRef;
  }
}

const collator = new Intl.Collator('en');

/**
 * The texts a search looks in, lower-cased and joined once: `matchesFilter(q, text)` on it is
 * `matchesFilter(q, ...texts)` (no query holds the separator).
 */
function searchTextOf(...texts: (string | undefined)[]): string {
  return texts
    .filter((t): t is string => t !== undefined)
    .map(foldCase)
    .join('\u0000');
}

/** Domains by name, services outside any domain last. */
function compareDomains(a?: string, b?: string): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  return collator.compare(domainName(a), domainName(b));
}

/**
 * The service rows of the grid: releases grouped by service, rows grouped by domain (domains by
 * name, services outside any domain last), services by name within a domain. Computed once
 * per releases result.
 * @public
 */
export function releaseRows(releases: ReleasesResponse): ReleaseServiceRow[] {
  return runToCompletion(releaseRowsSteps(releases));
}

/**
 * {@link releaseRows}, pausing between pieces of work ({@link workBudget}): every service ×
 * environment at 10,000 services, after each CI event.
 * @public
 */
export function* releaseRowsSteps(
  releases: ReleasesResponse,
): Steps<ReleaseServiceRow[]> {
  const columns = [...releases.environments, ...releases.otherEnvironments];
  const column = (env: string) => {
    const at = columns.indexOf(env);
    return at < 0 ? columns.length : at;
  };
  const budget = workBudget();
  const byService = new Map<string, ReleaseServiceRow>();
  for (const release of releases.current) {
    let row = byService.get(release.service);
    if (!row) {
      row = {
        service: release.service,
        ...(release.entityRef ? { entityRef: release.entityRef } : {}),
        ...(release.domainRef ? { domainRef: release.domainRef } : {}),
        releases: [],
        tracked: [],
        searchText: searchTextOf(
          release.service,
          release.entityRef,
          release.domainRef && domainName(release.domainRef),
        ),
      };
      byService.set(release.service, row);
    }
    row.releases.push(release);
    if (budget.spend()) yield;
  }
  const rows = [...byService.values()];
  const tracked = new Set(releases.environments);
  for (const row of rows) {
    row.releases.sort((a, b) => column(a.environment) - column(b.environment));
    row.tracked = row.releases.filter(r => tracked.has(r.environment));
    if (budget.spend(row.releases.length)) yield;
  }
  return yield* sortSteps(
    rows,
    (a, b) =>
      compareDomains(a.domainRef, b.domainRef) ||
      collator.compare(a.service, b.service),
  );
}

/**
 * Whether the release carries a mark of the grid or did not succeed.
 * @public
 */
export function isMarkedRelease(release: CurrentRelease): boolean {
  return (
    release.rollback ||
    release.withoutContractTests ||
    release.lockstepWith.length > 0 ||
    release.status !== 'success'
  );
}

/**
 * Whether a service row matches the tab's search: its service name, Component ref or domain
 * name contains the query.
 * @public
 */
export function releaseRowMatches(
  row: ReleaseServiceRow,
  query: string,
): boolean {
  return matchesFilter(query, row.searchText);
}

/**
 * One page of the release grid: the rows matching the search and switches (a row with no
 * release in a shown environment is not listed), `limit` of them from `offset`, their releases
 * in the shown environments as `current`, and per domain of the page the counts of all its
 * matching rows (the grid's domain headers).
 * @public
 */
export function pageReleases(
  releases: ReleasesResponse,
  rows: readonly ReleaseServiceRow[],
  query: ReleasesPageQuery,
): ReleasesPageResponse {
  const needle = query.query && foldCase(query.query.trim());
  const matching: { row: ReleaseServiceRow; shown: CurrentRelease[] }[] = [];
  for (const row of rows) {
    // matchesFilter on the text lower-cased once per generation (9,000 rows a request).
    if (needle && !row.searchText.includes(needle)) continue;
    const shown = query.untracked ? row.releases : row.tracked;
    if (shown.length === 0) continue;
    if (query.marked && !shown.some(isMarkedRelease)) continue;
    matching.push({ row, shown });
  }
  const { items: page, ...pageInfo } = pageOf(matching, query);
  const pageDomains = new Set(page.map(({ row }) => row.domainRef ?? ''));
  const domains = new Map<string, ReleaseDomainSummary>();
  for (const { row, shown } of matching) {
    const key = row.domainRef ?? '';
    if (!pageDomains.has(key)) continue;
    let summary = domains.get(key);
    if (!summary) {
      summary = {
        ...(row.domainRef ? { domainRef: row.domainRef } : {}),
        services: 0,
        rollbacks: 0,
        withoutContractTests: 0,
        lockstep: 0,
      };
      domains.set(key, summary);
    }
    summary.services++;
    for (const release of shown) {
      if (release.rollback) summary.rollbacks++;
      if (release.withoutContractTests) summary.withoutContractTests++;
      if (release.lockstepWith.length > 0) summary.lockstep++;
    }
  }
  return {
    environments: releases.environments,
    otherEnvironments: releases.otherEnvironments,
    current: page.flatMap(({ shown }) => shown),
    domains: [...domains.values()],
    ...pageInfo,
    ...(releases.hiddenEntities
      ? { hiddenEntities: releases.hiddenEntities }
      : {}),
  };
}
