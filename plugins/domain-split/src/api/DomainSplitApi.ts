import { createApiRef } from '@backstage/core-plugin-api';
import type {
  BlastRadiusPageResponse,
  BlastRadiusResponse,
  BlastRadiusSummaryResponse,
  CanIDeployRequest,
  CanIDeployResponse,
  ContextMapChoicesResponse,
  ContextMapQuery,
  ContextMapResponse,
  ContextMapViewQuery,
  ContextMapViewResponse,
  DomainMigrationResponse,
  FailureMatrixPage,
  ImpactLevel,
  ImpactPathResponse,
  MigrationHistoryResponse,
  MigrationOverviewQuery,
  MigrationOverviewResponse,
  OwnershipPageResponse,
  OwnershipResponse,
  ReleaseHistoryResponse,
  ReleasesPageResponse,
  RuleId,
  RuleViolationsPageResponse,
  UnmatchedEventsResponse,
} from '@internal/plugin-domain-split-common';

/**
 * The level of the failure-isolation matrix: one row per domain, or one per service.
 * @public
 */
export type FailureMatrixLevel = 'domain' | 'service';

/**
 * Which rows of the failure matrix to read: `limit` from `offset`, or only the row of `failing`.
 * @public
 */
export interface FailureMatrixPageQuery {
  limit?: number;
  offset?: number;
  failing?: string;
  /** Only the rows whose failing entity's ref or title contains this (any case). */
  q?: string;
  /** At most this many cells per row, the worst; a row counts the others in `moreCells`. */
  cells?: number;
}

/**
 * Which violations to read: open ones (the default), the ones resolved inside the evidence
 * window, or both.
 * @public
 */
export type ViolationStatusFilter = 'open' | 'resolved' | 'all';

/**
 * Which violations of GET /rules/violations to read, and which page.
 * @public
 */
export interface ViolationQuery {
  status?: ViolationStatusFilter;
  /** Only this rule's (the counts stay those of every rule). */
  rule?: RuleId;
  /** Only those whose entity refs or message contain this text (case-insensitive). */
  q?: string;
  limit?: number;
  offset?: number;
}

/**
 * What a page of GET /releases asks for.
 * @public
 */
export interface ReleasesQuery {
  entityRef?: string;
  q?: string;
  marked?: boolean;
  untracked?: boolean;
  limit?: number;
  offset?: number;
}

/**
 * What a page of GET /ownership asks for.
 * @public
 */
export interface OwnershipQuery {
  q?: string;
  /** Only this group's row (a Group ref). */
  group?: string;
  limit?: number;
  offset?: number;
}

/**
 * Reads what the Domain Split backend computes (see the plugin's read API).
 * @public
 */
export interface DomainSplitApi {
  /**
   * A page of the release grid (GET /releases): services matching `q` (and with a mark, when
   * `marked`), `limit` of them from `offset`, with their live versions in the tracked
   * environments (and the others, when `untracked`); with `entityRef`, only that Component's
   * (the small answer an entity card needs, every environment included).
   */
  getReleases(options?: ReleasesQuery): Promise<ReleasesPageResponse>;
  /** Deployments and test runs of one service, as CI names it (GET /releases/:service/history). */
  getReleaseHistory(service: string): Promise<ReleaseHistoryResponse>;
  /** Accepted CI events that match no catalog entity (GET /events/unmatched). */
  getUnmatchedEvents(): Promise<UnmatchedEventsResponse>;
  /**
   * A page of the Ownership tab's team list (GET /ownership): the groups matching `q` (or only
   * `group`), `limit` of them from `offset`, with the catalog's counts and the lists around the
   * rows.
   */
  getOwnership(options?: OwnershipQuery): Promise<OwnershipPageResponse>;
  /**
   * One team, its domains and what concerns it (GET /ownership?team=); undefined when the
   * backend does not know the team (yet).
   */
  getTeamOwnership(teamRef: string): Promise<OwnershipResponse | undefined>;
  /**
   * One page of the failure-isolation matrix's rows at domain or service level, or the one row
   * of `failing` (GET /failure-matrix; served compact, handed out as MatrixRows).
   */
  getFailureMatrix(
    level: FailureMatrixLevel,
    page?: FailureMatrixPageQuery,
  ): Promise<FailureMatrixPage>;
  /**
   * What one entity takes down and what takes it down, at most `limit` entries of each side
   * (default 500, the rest counted in `moreTakesDown`/`moreTakenDownBy`; GET
   * /impact/:kind/:namespace/:name).
   */
  getBlastRadius(
    entityRef: string,
    options?: { limit?: number },
  ): Promise<BlastRadiusResponse>;
  /**
   * The blast radius in a bounded answer: counts, users impact, affected domains and the `limit`
   * worst entries of each side (GET /impact/:kind/:namespace/:name/summary).
   */
  getBlastRadiusSummary(
    entityRef: string,
    options?: { limit?: number },
  ): Promise<BlastRadiusSummaryResponse>;
  /**
   * One page of what an entity takes down (`downstream`) or of what can take it down
   * (`upstream`) (GET /impact/:kind/:namespace/:name/entries).
   */
  getBlastRadiusEntries(
    entityRef: string,
    options: {
      direction: 'downstream' | 'upstream';
      impact?: ImpactLevel;
      limit?: number;
      offset?: number;
    },
  ): Promise<BlastRadiusPageResponse>;
  /**
   * One cell with its explaining path, for a matrix or blast radius served with
   * `pathsOmitted` (GET /impact-path). `affected`: an entity, a domain or `users`;
   * `direction: 'upstream'` for an entry of a blast radius's `takenDownBy`.
   */
  getImpactPath(
    failing: string,
    affected: string,
    options?: { direction?: 'downstream' | 'upstream' },
  ): Promise<ImpactPathResponse>;
  /**
   * A page of domain migration summaries (title order) matching `q`, `phase`, `schedule`, with
   * counts over every domain for the charts (GET /migration).
   */
  getMigrationOverview(
    query?: Partial<MigrationOverviewQuery>,
  ): Promise<MigrationOverviewResponse>;
  /**
   * One domain's migration status (GET /migration/domain/:namespace/:name), at most `limit`
   * evidence lines and blockers per criterion (backend default 10); undefined when the backend
   * does not know the domain (yet).
   */
  getDomainMigration(
    domainRef: string,
    options?: { limit?: number },
  ): Promise<DomainMigrationResponse | undefined>;
  /** Snapshots of the migration status over time (GET /migration/history). */
  getMigrationHistory(): Promise<MigrationHistoryResponse>;
  /**
   * One page of the violations of the architecture rules (GET /rules/violations), optionally
   * of one entity, one rule, matching a text; with the count per rule (`limit: 0` gives only
   * the counts; the backend's default page is 100).
   */
  getRuleViolations(
    entityRef?: string,
    options?: ViolationQuery,
  ): Promise<RuleViolationsPageResponse>;
  /**
   * The deploy gate: may this service version go to this environment (or be rolled back to)?
   * The backend records every answer (GET /can-i-deploy).
   */
  canIDeploy(request: CanIDeployRequest): Promise<CanIDeployResponse>;
  /**
   * The context map (GET /context-map): domains by team, edges by kind with the rules they
   * break; `domain` or `team` (a Group, with the Groups below it) narrows it to that
   * neighbourhood.
   */
  getContextMap(options?: ContextMapQuery): Promise<ContextMapResponse>;
  /**
   * What the Map tab draws for its filters (GET /context-map/view): the whole map when small,
   * else a neighbourhood, at most MAX_DRAWN_TIES ties, cut by the backend.
   */
  getContextMapView(
    query: ContextMapViewQuery,
  ): Promise<ContextMapViewResponse>;
  /**
   * A page of the Map tab's picker choices (GET /context-map/domains or /context-map/teams),
   * those whose title or ref contains `q`.
   */
  getContextMapChoices(
    kind: 'domains' | 'teams',
    query?: { q?: string; limit?: number; offset?: number },
  ): Promise<ContextMapChoicesResponse>;
}

/**
 * The API reference of {@link DomainSplitApi}.
 * @public
 */
export const domainSplitApiRef = createApiRef<DomainSplitApi>({
  id: 'plugin.domain-split.service',
});
