import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  expandMatrixPage,
  foldCase,
} from '@internal/plugin-domain-split-common';
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
  FailureMatrixPageResponse,
  ImpactLevel,
  ImpactPathResponse,
  MigrationHistoryResponse,
  MigrationOverviewQuery,
  MigrationOverviewResponse,
  OwnershipPageResponse,
  OwnershipResponse,
  ReleaseHistoryResponse,
  ReleasesPageResponse,
  RuleViolationsPageResponse,
  UnmatchedEventsResponse,
} from '@internal/plugin-domain-split-common';
import {
  DomainSplitApi,
  FailureMatrixLevel,
  FailureMatrixPageQuery,
  OwnershipQuery,
  ReleasesQuery,
  ViolationQuery,
} from './DomainSplitApi';

/** `<prefix>/:kind/:namespace/:name` of an entity ref, as the backend's routes spell it. */
function entityRoute(prefix: string, entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `${prefix}/${[kind, namespace, name]
    .map(part => encodeURIComponent(foldCase(part)))
    .join('/')}`;
}

/**
 * `path` with a query string of the parameters that have a value: an undefined one is left
 * out (callers map a default such as offset 0 or a false flag to undefined).
 */
function withQuery(
  path: string,
  parameters: Record<string, string | number | undefined>,
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) {
    if (value !== undefined) query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** A filter box's text, trimmed; undefined when blank. */
function searchText(q: string | undefined): string | undefined {
  return q?.trim() || undefined;
}

/**
 * The HTTP client of the Domain Split backend (`/api/domain-split`).
 * @public
 */
export class DomainSplitClient implements DomainSplitApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getReleases(options: ReleasesQuery = {}): Promise<ReleasesPageResponse> {
    return this.request(
      withQuery('/releases', {
        entityRef: options.entityRef || undefined,
        q: searchText(options.q),
        marked: options.marked ? 'true' : undefined,
        // An entity's card and tab list every environment it runs in.
        untracked: options.untracked || options.entityRef ? 'true' : undefined,
        limit: options.limit,
        offset: options.offset,
      }),
    );
  }

  getReleaseHistory(service: string): Promise<ReleaseHistoryResponse> {
    return this.request(`/releases/${encodeURIComponent(service)}/history`);
  }

  getUnmatchedEvents(): Promise<UnmatchedEventsResponse> {
    return this.request('/events/unmatched');
  }

  getOwnership(options: OwnershipQuery = {}): Promise<OwnershipPageResponse> {
    return this.request(
      withQuery('/ownership', {
        q: searchText(options.q),
        group: options.group || undefined,
        limit: options.limit,
        offset: options.offset,
      }),
    );
  }

  getTeamOwnership(teamRef: string): Promise<OwnershipResponse | undefined> {
    return this.requestUnlessNotFound(
      withQuery('/ownership', { team: teamRef }),
    );
  }

  async getFailureMatrix(
    level: FailureMatrixLevel,
    page: FailureMatrixPageQuery = {},
  ): Promise<FailureMatrixPage> {
    // Rows come one letter per column; the views draw MatrixRows.
    return expandMatrixPage(
      await this.request<FailureMatrixPageResponse>(
        withQuery('/failure-matrix', {
          level,
          limit: page.limit,
          offset: page.offset,
          failing: page.failing,
          q: page.q || undefined,
          cells: page.cells,
        }),
      ),
    );
  }

  getBlastRadius(
    entityRef: string,
    options: { limit?: number } = {},
  ): Promise<BlastRadiusResponse> {
    return this.request(
      withQuery(entityRoute('/impact', entityRef), { limit: options.limit }),
    );
  }

  getBlastRadiusSummary(
    entityRef: string,
    options: { limit?: number } = {},
  ): Promise<BlastRadiusSummaryResponse> {
    return this.request(
      withQuery(`${entityRoute('/impact', entityRef)}/summary`, {
        limit: options.limit,
      }),
    );
  }

  getBlastRadiusEntries(
    entityRef: string,
    options: {
      direction: 'downstream' | 'upstream';
      impact?: ImpactLevel;
      limit?: number;
      offset?: number;
    },
  ): Promise<BlastRadiusPageResponse> {
    return this.request(
      withQuery(`${entityRoute('/impact', entityRef)}/entries`, {
        direction: options.direction,
        impact: options.impact,
        limit: options.limit,
        offset: options.offset,
      }),
    );
  }

  getImpactPath(
    failing: string,
    affected: string,
    options: { direction?: 'downstream' | 'upstream' } = {},
  ): Promise<ImpactPathResponse> {
    return this.request(
      withQuery('/impact-path', {
        failing,
        affected,
        direction: options.direction === 'upstream' ? 'upstream' : undefined,
      }),
    );
  }

  getMigrationOverview(
    query: Partial<MigrationOverviewQuery> = {},
  ): Promise<MigrationOverviewResponse> {
    return this.request(
      withQuery('/migration', {
        q: query.q || undefined,
        phase: query.phase,
        schedule: query.schedule || undefined,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  }

  getDomainMigration(
    domainRef: string,
    options: { limit?: number } = {},
  ): Promise<DomainMigrationResponse | undefined> {
    return this.requestUnlessNotFound(
      withQuery(entityRoute('/migration', domainRef), { limit: options.limit }),
    );
  }

  getMigrationHistory(): Promise<MigrationHistoryResponse> {
    return this.request('/migration/history');
  }

  getRuleViolations(
    entityRef?: string,
    options: ViolationQuery = {},
  ): Promise<RuleViolationsPageResponse> {
    return this.request(
      withQuery('/rules/violations', {
        entityRef: entityRef || undefined,
        // Open is the route's default.
        status:
          options.status && options.status !== 'open'
            ? options.status
            : undefined,
        rule: options.rule || undefined,
        q: searchText(options.q),
        limit: options.limit,
        offset: options.offset || undefined,
      }),
    );
  }

  canIDeploy(request: CanIDeployRequest): Promise<CanIDeployResponse> {
    return this.request(
      withQuery('/can-i-deploy', {
        service: request.service,
        version: request.version,
        environment: request.environment,
        pipeline: request.pipelineId || undefined,
        repository: request.repository || undefined,
        commit: request.commit || undefined,
      }),
    );
  }

  getContextMap(options: ContextMapQuery = {}): Promise<ContextMapResponse> {
    return this.request(
      withQuery('/context-map', {
        domain: options.domain || undefined,
        team: options.team || undefined,
        neighbours: options.neighbours || undefined,
        details: options.details === false ? 'false' : undefined,
      }),
    );
  }

  getContextMapView(
    query: ContextMapViewQuery,
  ): Promise<ContextMapViewResponse> {
    return this.request(
      withQuery('/context-map/view', {
        domain: query.domain || undefined,
        team: query.team || undefined,
        kinds: query.kinds?.length ? query.kinds.join(',') : undefined,
        violationsOnly: query.violationsOnly ? 'true' : undefined,
      }),
    );
  }

  getContextMapChoices(
    kind: 'domains' | 'teams',
    query: { q?: string; limit?: number; offset?: number } = {},
  ): Promise<ContextMapChoicesResponse> {
    return this.request(
      withQuery(`/context-map/${kind}`, {
        q: query.q || undefined,
        limit: query.limit,
        offset: query.offset || undefined,
      }),
    );
  }

  private async request<T>(path: string): Promise<T> {
    const res = await this.fetch(path);
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }

  /** As {@link DomainSplitClient.request}, but a 404 (an entity the backend does not know) is undefined. */
  private async requestUnlessNotFound<T>(path: string): Promise<T | undefined> {
    const res = await this.fetch(path);
    if (res.status === 404) return undefined;
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }

  private async fetch(path: string): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('domain-split');
    return await this.fetchApi.fetch(`${baseUrl}${path}`);
  }
}
