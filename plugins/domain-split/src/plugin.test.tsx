// The legacy export (`createPlugin` + extensions from the main entry point), mounted the way a
// legacy app (`createApp` from @backstage/app-defaults) mounts it: the routable page on a
// route of the app, the cards inside an entity page.
import { Route, Routes } from 'react-router-dom';
import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  discoveryApiRef,
  fetchApiRef,
  type AnyApiFactory,
} from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  domainSplitApiRef,
  DomainSplitClient,
  domainSplitPlugin,
  DomainSplitPage,
  EntityReleasesCard,
  EntityReleasesContent,
  rootRouteRef,
} from './index';
import { ordersServiceEntity } from './testUtils/entities';
import { ordersHistory, unmatched } from './testUtils/fixtures';
import {
  answerReleasesFromFixture,
  mockDomainSplitApi,
  mountedRoutes,
} from './testUtils/mockApi';

function api() {
  const mock = mockDomainSplitApi();
  answerReleasesFromFixture(mock);
  mock.getReleaseHistory.mockResolvedValue(ordersHistory);
  mock.getUnmatchedEvents.mockResolvedValue(unmatched);
  return mock;
}

describe('legacy domainSplitPlugin', () => {
  it('registers the Domain Split client as its API', () => {
    const factories = [...domainSplitPlugin.getApis()] as AnyApiFactory[];
    expect(factories.map(f => f.api)).toEqual([domainSplitApiRef]);
    expect(Object.values(factories[0].deps)).toEqual(
      expect.arrayContaining([discoveryApiRef, fetchApiRef]),
    );
    const client = factories[0].factory({
      discoveryApi: { getBaseUrl: async () => 'http://x/api/domain-split' },
      fetchApi: { fetch: jest.fn() },
    });
    expect(client).toBeInstanceOf(DomainSplitClient);
    expect(domainSplitPlugin.routes.root).toBe(rootRouteRef);
  });

  it('mounts the page on an app route: tabs, and a tab with its query string', async () => {
    const mock = api();
    await renderInTestApp(
      <TestApiProvider apis={[[domainSplitApiRef, mock]]}>
        <Routes>
          <Route path="/domain-split/*" element={<DomainSplitPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/domain-split/releases?service=orders-service'],
        mountedRoutes,
      },
    );
    // ?service= opens that service's history in a dialog over the tab
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText(/Catalog entity:/)).toBeVisible();
    const tabs = screen.getAllByRole('tab', { hidden: true });
    expect(tabs.map(t => t.textContent)).toEqual([
      'Map',
      'Ownership',
      'Releases',
      'Failure isolation',
      'Migration',
      'Rules',
    ]);
    expect(tabs[2]).toHaveAttribute('aria-selected', 'true');
    expect(mock.getReleaseHistory).toHaveBeenCalledWith('orders-service');
  });

  it('mounts the cards and contents on an entity page, linking into the page', async () => {
    const mock = api();
    await renderInTestApp(
      <TestApiProvider apis={[[domainSplitApiRef, mock]]}>
        <EntityProvider entity={ordersServiceEntity}>
          <EntityReleasesCard />
          <EntityReleasesContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes },
    );
    const [card, content] = await screen.findAllByRole('table', {
      name: 'Current releases',
    });
    expect(within(card).getAllByRole('row')[1]).toHaveTextContent('3.2.1');
    expect(within(content).getAllByRole('row')[1]).toHaveTextContent('3.2.1');
    expect(screen.getByRole('link', { name: /Full history/ })).toHaveAttribute(
      'href',
      '/domain-split/releases?service=orders-service',
    );
    expect(await screen.findByText('History of orders-service')).toBeVisible();
  }, 20000);
});
