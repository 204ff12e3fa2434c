/* Test-only helpers; production code never imports this file. */
import { ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { DomainSplitApi } from '../api/DomainSplitApi';
import { rootRouteRef } from '../routes';

/** A DomainSplitApi whose every method is a jest mock that rejects until told otherwise. */
export function mockDomainSplitApi(): jest.Mocked<DomainSplitApi> {
  const notMocked = (name: string) =>
    jest.fn().mockRejectedValue(new Error(`${name} not mocked`));
  return {
    getReleases: notMocked('getReleases'),
    getReleaseHistory: notMocked('getReleaseHistory'),
    getUnmatchedEvents: notMocked('getUnmatchedEvents'),
    getOwnership: notMocked('getOwnership'),
    getFailureMatrix: notMocked('getFailureMatrix'),
    getBlastRadius: notMocked('getBlastRadius'),
    getImpactPath: notMocked('getImpactPath'),
    getMigrationStatus: notMocked('getMigrationStatus'),
    getMigrationHistory: notMocked('getMigrationHistory'),
    getRuleViolations: notMocked('getRuleViolations'),
    getContextMap: notMocked('getContextMap'),
  } as jest.Mocked<DomainSplitApi>;
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
