import { createApiRef } from '@backstage/core-plugin-api';
import type {
  BlastRadiusPageResponse,
  BlastRadiusResponse,
  BlastRadiusSummaryResponse,
  CanIDeployRequest,
  CanIDeployResponse,
  ContextMapResponse,
  DomainMigrationResponse,
  FailureMatrixPage,
  ImpactLevel,
  ImpactPathResponse,
  MigrationHistoryResponse,
  MigrationStatusResponse,
  OwnershipResponse,
  ReleaseHistoryResponse,
  ReleasesResponse,
  RuleViolationsResponse,
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
}

/**
 * Which violations to read: open ones (the default), the ones resolved inside the evidence
 * window, or both.
 * @public
 */
export type ViolationStatusFilter = 'open' | 'resolved' | 'all';

/**
 * Reads what the Domain Split backend computes (see the plugin's read API).
 * @public
 */
export interface DomainSplitApi {
  /**
   * The version live for each service in each environment (GET /releases); with `entityRef`,
   * only that Component's (the small answer an entity card needs).
   */
  getReleases(options?: { entityRef?: string }): Promise<ReleasesResponse>;
  /** Deployments and test runs of one service, as CI names it (GET /releases/:service/history). */
  getReleaseHistory(service: string): Promise<ReleaseHistoryResponse>;
  /** Accepted CI events that match no catalog entity (GET /events/unmatched). */
  getUnmatchedEvents(): Promise<UnmatchedEventsResponse>;
  /** Teams, domains and their services, with ownership problems (GET /ownership). */
  getOwnership(): Promise<OwnershipResponse>;
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
  /** What one entity takes down and what takes it down (GET /impact/:kind/:namespace/:name). */
  getBlastRadius(entityRef: string): Promise<BlastRadiusResponse>;
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
  /** The migration phase of every domain with its evidence (GET /migration). */
  getMigrationStatus(): Promise<MigrationStatusResponse>;
  /**
   * One domain's migration status (GET /migration/domain/:namespace/:name); undefined when the
   * backend does not know the domain (yet).
   */
  getDomainMigration(
    domainRef: string,
  ): Promise<DomainMigrationResponse | undefined>;
  /** Snapshots of the migration status over time (GET /migration/history). */
  getMigrationHistory(): Promise<MigrationHistoryResponse>;
  /** Violations of the architecture rules, optionally of one entity only (GET /rules/violations). */
  getRuleViolations(
    entityRef?: string,
    options?: { status?: ViolationStatusFilter },
  ): Promise<RuleViolationsResponse>;
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
  getContextMap(options?: {
    domain?: string;
    team?: string;
    /** With `domain` or `team`: at most this many neighbour domains, the most tied first. */
    neighbours?: number;
  }): Promise<ContextMapResponse>;
}

/**
 * The API reference of {@link DomainSplitApi}.
 * @public
 */
export const domainSplitApiRef = createApiRef<DomainSplitApi>({
  id: 'plugin.domain-split.service',
});
