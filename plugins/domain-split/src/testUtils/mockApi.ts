/* Test-only helpers; production code never imports this file. */
import { ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  DomainSplitApi,
  FailureMatrixLevel,
  FailureMatrixPageQuery,
} from '../api/DomainSplitApi';
import { rootRouteRef } from '../routes';
import {
  expandMatrixPage,
  FAILURE_MATRIX_PAGE_LIMIT,
  indexOwnership,
  ownershipOfTeam,
  OWNERSHIP_PAGE_LIMIT,
  pageFailureMatrix,
  pageOwnership,
  pageReleases,
  pageRuleViolations,
  releaseRows,
  RELEASES_PAGE_LIMIT,
  RULE_VIOLATIONS_PAGE_LIMIT,
  selectRuleViolations,
} from '@internal/plugin-domain-split-common';
import type {
  BlastRadiusResponse,
  FailureMatrixResponse,
  MatrixCell,
  OwnershipResponse,
  ReleasesResponse,
  RuleViolationsResponse,
} from '@internal/plugin-domain-split-common';
import {
  ownership,
  releases,
  resolvedRuleViolations,
  ruleViolations,
} from './fixtures';

/** A DomainSplitApi whose every method is a jest mock that rejects until told otherwise. */
export function mockDomainSplitApi(): jest.Mocked<DomainSplitApi> {
  const notMocked = (name: string) =>
    jest.fn().mockRejectedValue(new Error(`${name} not mocked`));
  return {
    getReleases: notMocked('getReleases'),
    getReleaseHistory: notMocked('getReleaseHistory'),
    getUnmatchedEvents: notMocked('getUnmatchedEvents'),
    getOwnership: notMocked('getOwnership'),
    getTeamOwnership: notMocked('getTeamOwnership'),
    getFailureMatrix: notMocked('getFailureMatrix'),
    getBlastRadius: notMocked('getBlastRadius'),
    getBlastRadiusSummary: notMocked('getBlastRadiusSummary'),
    getBlastRadiusEntries: notMocked('getBlastRadiusEntries'),
    getImpactPath: notMocked('getImpactPath'),
    getMigrationOverview: notMocked('getMigrationOverview'),
    getDomainMigration: notMocked('getDomainMigration'),
    getMigrationHistory: notMocked('getMigrationHistory'),
    getRuleViolations: notMocked('getRuleViolations'),
    canIDeploy: notMocked('canIDeploy'),
    getContextMap: notMocked('getContextMap'),
    getContextMapView: notMocked('getContextMapView'),
    getContextMapChoices: notMocked('getContextMapChoices'),
  } as jest.Mocked<DomainSplitApi>;
}

/**
 * The backend's GET /rules/violations over whole answers (by default the fixtures: open ones,
 * and those resolved in the window): of an entity, a rule, a text, one page, with the counts
 * per rule — common's own paging and filter, as the backend answers.
 */
export function answerRuleViolations(
  api: ReturnType<typeof mockDomainSplitApi>,
  byStatus: (
    status: 'open' | 'resolved' | 'all',
  ) => RuleViolationsResponse = status =>
    status === 'resolved' ? resolvedRuleViolations : ruleViolations,
) {
  api.getRuleViolations.mockImplementation(async (entityRef, options = {}) => {
    const whole = byStatus(options.status ?? 'open');
    const response = {
      ...whole,
      violations: whole.violations.filter(
        v => !entityRef || v.entityRefs.includes(entityRef),
      ),
    };
    return pageRuleViolations(
      response,
      selectRuleViolations(response, options.q),
      {
        limit: options.limit ?? RULE_VIOLATIONS_PAGE_LIMIT.default,
        offset: options.offset ?? 0,
        ...(options.rule ? { rule: options.rule } : {}),
      },
    );
  });
}

/**
 * The client's getFailureMatrix over whole matrices (per level): the page asked (the backend's
 * default page without `limit`), cut and compacted as the backend does, expanded as the client
 * does.
 */
export function answerMatrixPages(
  matrices: Partial<Record<FailureMatrixLevel, FailureMatrixResponse>>,
) {
  return async (
    level: FailureMatrixLevel,
    page: FailureMatrixPageQuery = {},
  ) => {
    const matrix = matrices[level];
    if (!matrix) throw new Error(`no ${level} matrix in this test`);
    return expandMatrixPage(
      pageFailureMatrix(matrix, {
        limit: page.limit ?? FAILURE_MATRIX_PAGE_LIMIT.default,
        offset: page.offset ?? 0,
        ...(page.failing ? { failing: page.failing } : {}),
        ...(page.q ? { q: page.q } : {}),
        ...(page.cells !== undefined ? { cells: page.cells } : {}),
      }),
    );
  };
}

/**
 * The backend's GET /releases from the fixture, a page as the route cuts it (common's
 * pageReleases): every service, or with `entityRef` that Component's only.
 */
export function answerReleasesFromFixture(
  api: ReturnType<typeof mockDomainSplitApi>,
  fixture: ReleasesResponse = releases,
) {
  api.getReleases.mockImplementation(async (options = {}) => {
    const whole = options.entityRef
      ? {
          ...fixture,
          current: fixture.current.filter(
            r => r.entityRef === options.entityRef,
          ),
        }
      : fixture;
    return pageReleases(whole, releaseRows(whole), {
      query: options.q,
      marked: options.marked,
      untracked: options.untracked || !!options.entityRef,
      limit: options.limit ?? RELEASES_PAGE_LIMIT.default,
      offset: options.offset ?? 0,
    });
  });
}

/**
 * The backend's GET /ownership from the fixture, a page as the route cuts it (common's
 * pageOwnership), and GET /ownership?team= (common's ownershipOfTeam).
 */
export function answerOwnershipFromFixture(
  api: ReturnType<typeof mockDomainSplitApi>,
  fixture: OwnershipResponse = ownership,
) {
  const index = indexOwnership(fixture);
  api.getOwnership.mockImplementation(async (options = {}) =>
    pageOwnership(fixture, index, {
      query: options.q,
      group: options.group,
      limit: options.limit ?? OWNERSHIP_PAGE_LIMIT.default,
      offset: options.offset ?? 0,
    }),
  );
  api.getTeamOwnership.mockImplementation(async teamRef =>
    ownershipOfTeam(fixture, teamRef),
  );
}

/**
 * The backend's GET /impact/…/entries over `radius`: one side, optionally of one level, `limit`
 * from `offset`, without paths (a test double of the route; common's pageBlastRadius is the real
 * one).
 */
export function answerEntriesFromRadius(
  api: ReturnType<typeof mockDomainSplitApi>,
  radius: BlastRadiusResponse,
) {
  api.getBlastRadiusEntries.mockImplementation(async (entityRef, options) => {
    const { direction, impact, limit = 50, offset = 0 } = options;
    const all: MatrixCell[] =
      direction === 'downstream' ? radius.takesDown : radius.takenDownBy;
    const matching = impact ? all.filter(c => c.impact === impact) : all;
    return {
      entityRef,
      direction,
      ...(impact ? { impact } : {}),
      items: matching
        .slice(offset, offset + limit)
        .map(c => ({ ...c, path: [] })),
      totalItems: matching.length,
      offset,
      limit,
      titles: {},
    };
  });
}

/** Routes every test app mounts: entity pages (for links) and the Domain Split page. */
export const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
  '/domain-split': rootRouteRef,
};

/** A minimal fetch Response (jsdom has none) with a JSON or text body. */
export function fakeResponse(
  status: number,
  body: unknown,
  statusText = status < 400 ? 'OK' : 'Internal Server Error',
): Response {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText,
    url: 'http://localhost:7007/api/domain-split',
    headers: new Map([
      [
        'content-type',
        typeof body === 'string' ? 'text/plain' : 'application/json',
      ],
    ]) as unknown as Headers,
    text: async () => text,
    json: async () => JSON.parse(text),
  } as Response;
}

/** An error exactly as the client throws it for a 500 from the backend. */
export function serverError(
  message = 'database is down',
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    fakeResponse(500, {
      error: { name: 'Error', message },
      response: { statusCode: 500 },
    }),
  );
}

/** An error exactly as the client throws it for the backend's 503 "still loading". */
export function catalogLoadingError(): Promise<ResponseError> {
  return ResponseError.fromResponse(
    fakeResponse(
      503,
      {
        error: {
          name: 'ServiceUnavailableError',
          message: 'The catalog is still loading',
        },
        response: { statusCode: 503 },
      },
      'Service Unavailable',
    ),
  );
}
