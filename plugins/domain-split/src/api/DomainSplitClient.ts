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

function withQuery(path: string, query: URLSearchParams): string {
  const text = query.toString();
  return text ? `${path}?${text}` : path;
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
    const query = new URLSearchParams();
    if (options.entityRef) {
      query.set('entityRef', options.entityRef);
      // An entity's card and tab list every environment it runs in.
      query.set('untracked', 'true');
    }
    if (options.q?.trim()) query.set('q', options.q.trim());
    if (options.marked) query.set('marked', 'true');
    if (options.untracked) query.set('untracked', 'true');
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    if (options.offset !== undefined) {
      query.set('offset', String(options.offset));
    }
    return this.request(withQuery('/releases', query));
  }

  getReleaseHistory(service: string): Promise<ReleaseHistoryResponse> {
    return this.request(`/releases/${encodeURIComponent(service)}/history`);
  }

  getUnmatchedEvents(): Promise<UnmatchedEventsResponse> {
    return this.request('/events/unmatched');
  }

  getOwnership(options: OwnershipQuery = {}): Promise<OwnershipPageResponse> {
    const query = new URLSearchParams();
    if (options.q?.trim()) query.set('q', options.q.trim());
    if (options.group) query.set('group', options.group);
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    if (options.offset !== undefined) {
      query.set('offset', String(options.offset));
    }
    return this.request(withQuery('/ownership', query));
  }

  getTeamOwnership(teamRef: string): Promise<OwnershipResponse | undefined> {
    return this.requestUnlessNotFound(
      `/ownership?team=${encodeURIComponent(teamRef)}`,
    );
  }

  async getFailureMatrix(
    level: FailureMatrixLevel,
    page: FailureMatrixPageQuery = {},
  ): Promise<FailureMatrixPage> {
    const query = new URLSearchParams({ level });
    if (page.limit !== undefined) query.set('limit', String(page.limit));
    if (page.offset !== undefined) query.set('offset', String(page.offset));
    if (page.failing !== undefined) query.set('failing', page.failing);
    if (page.q) query.set('q', page.q);
    if (page.cells !== undefined) query.set('cells', String(page.cells));
    // Rows come one letter per column; the views draw MatrixRows.
    return expandMatrixPage(
      await this.request<FailureMatrixPageResponse>(
        withQuery('/failure-matrix', query),
      ),
    );
  }

  getBlastRadius(
    entityRef: string,
    options: { limit?: number } = {},
  ): Promise<BlastRadiusResponse> {
    const query = new URLSearchParams();
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    return this.request(withQuery(entityRoute('/impact', entityRef), query));
  }

  getBlastRadiusSummary(
    entityRef: string,
    options: { limit?: number } = {},
  ): Promise<BlastRadiusSummaryResponse> {
    const query = new URLSearchParams();
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    return this.request(
      withQuery(`${entityRoute('/impact', entityRef)}/summary`, query),
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
    const query = new URLSearchParams({ direction: options.direction });
    if (options.impact) query.set('impact', options.impact);
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    if (options.offset !== undefined) {
      query.set('offset', String(options.offset));
    }
    return this.request(
      withQuery(`${entityRoute('/impact', entityRef)}/entries`, query),
    );
  }

  getImpactPath(
    failing: string,
    affected: string,
    options: { direction?: 'downstream' | 'upstream' } = {},
  ): Promise<ImpactPathResponse> {
    const query = new URLSearchParams({ failing, affected });
    if (options.direction === 'upstream') query.set('direction', 'upstream');
    return this.request(`/impact-path?${query.toString()}`);
  }

  getMigrationOverview(
    query: Partial<MigrationOverviewQuery> = {},
  ): Promise<MigrationOverviewResponse> {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (query.phase !== undefined) params.set('phase', String(query.phase));
    if (query.schedule) params.set('schedule', query.schedule);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.offset !== undefined) params.set('offset', String(query.offset));
    return this.request(withQuery('/migration', params));
  }

  getDomainMigration(
    domainRef: string,
    options: { limit?: number } = {},
  ): Promise<DomainMigrationResponse | undefined> {
    const query = new URLSearchParams();
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    return this.requestUnlessNotFound(
      withQuery(entityRoute('/migration', domainRef), query),
    );
  }

  getMigrationHistory(): Promise<MigrationHistoryResponse> {
    return this.request('/migration/history');
  }

  getRuleViolations(
    entityRef?: string,
    options: ViolationQuery = {},
  ): Promise<RuleViolationsPageResponse> {
    const query = new URLSearchParams();
    if (entityRef) query.set('entityRef', entityRef);
    if (options.status && options.status !== 'open') {
      query.set('status', options.status);
    }
    if (options.rule) query.set('rule', options.rule);
    if (options.q?.trim()) query.set('q', options.q.trim());
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    if (options.offset) query.set('offset', String(options.offset));
    return this.request(withQuery('/rules/violations', query));
  }

  canIDeploy(request: CanIDeployRequest): Promise<CanIDeployResponse> {
    const query = new URLSearchParams({
      service: request.service,
      version: request.version,
      environment: request.environment,
    });
    if (request.pipelineId) query.set('pipeline', request.pipelineId);
    if (request.repository) query.set('repository', request.repository);
    if (request.commit) query.set('commit', request.commit);
    return this.request(`/can-i-deploy?${query.toString()}`);
  }

  getContextMap(options: ContextMapQuery = {}): Promise<ContextMapResponse> {
    const query = new URLSearchParams();
    if (options.domain) query.set('domain', options.domain);
    if (options.team) query.set('team', options.team);
    if (options.neighbours) query.set('neighbours', String(options.neighbours));
    if (options.details === false) query.set('details', 'false');
    const search = query.toString();
    return this.request(search ? `/context-map?${search}` : '/context-map');
  }

  getContextMapView(
    query: ContextMapViewQuery,
  ): Promise<ContextMapViewResponse> {
    const params = new URLSearchParams();
    if (query.domain) params.set('domain', query.domain);
    if (query.team) params.set('team', query.team);
    if (query.kinds?.length) params.set('kinds', query.kinds.join(','));
    if (query.violationsOnly) params.set('violationsOnly', 'true');
    const search = params.toString();
    return this.request(
      search ? `/context-map/view?${search}` : '/context-map/view',
    );
  }

  getContextMapChoices(
    kind: 'domains' | 'teams',
    query: { q?: string; limit?: number; offset?: number } = {},
  ): Promise<ContextMapChoicesResponse> {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.offset) params.set('offset', String(query.offset));
    const search = params.toString();
    return this.request(`/context-map/${kind}${search ? `?${search}` : ''}`);
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
