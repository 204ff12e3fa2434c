/* Test-only helpers; production code never imports this file. */
import { ReactElement } from 'react';
// Only *.test.tsx files import src/testUtils, so a devDependency is right here.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { domainSplitApiRef } from '../api/DomainSplitApi';
import { mockDomainSplitApi, mountedRoutes } from './mockApi';

/** The mocked API the component tests hand to {@link renderWithApi}. */
export type MockDomainSplitApi = ReturnType<typeof mockDomainSplitApi>;

/**
 * Renders a tab or card in a test app with `api` as the Domain Split API, the entity page and
 * Domain Split routes mounted, inside an `EntityProvider` when an `entity` is given (entity
 * cards), at `route` when given (query-string filters). Returns the api.
 */
export async function renderWithApi(
  element: ReactElement,
  api: MockDomainSplitApi,
  options: { entity?: Entity; route?: string } = {},
): Promise<MockDomainSplitApi> {
  await renderInTestApp(
    <TestApiProvider apis={[[domainSplitApiRef, api]]}>
      {options.entity ? (
        <EntityProvider entity={options.entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    {
      mountedRoutes,
      ...(options.route ? { routeEntries: [options.route] } : {}),
    },
  );
  return api;
}
