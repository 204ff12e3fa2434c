import { screen, waitFor, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { viewContextMap } from '@internal/plugin-domain-split-common';
import {
  coreExtensionData,
  type ExtensionDefinition,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import domainSplitPlugin, {
  domainSplitPage,
  entityDomainMigrationCard,
  entityFailureImpactCard,
  entityFailureImpactContent,
  entityReleasesCard,
  entityReleasesContent,
  entityRuleViolationsCard,
  entityTeamDomainsCard,
  entityContextMapCard,
} from './alpha';
import { domainSplitApiRef } from './api/DomainSplitApi';
import { rootRouteRef } from './routes';
import {
  ordersServiceEntity,
  ordersTeamEntity,
  paymentsDomainEntity,
} from './testUtils/entities';
import {
  ordersHistory,
  ownership,
  unmatched,
  contextMap,
} from './testUtils/fixtures';
import {
  answerOwnershipFromFixture,
  answerReleasesFromFixture,
  mockDomainSplitApi,
} from './testUtils/mockApi';

const apiEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'orders-api', namespace: 'default' },
  spec: { type: 'openapi' },
};
const userEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'jane', namespace: 'default' },
  spec: {},
};
const entities = {
  component: ordersServiceEntity,
  domain: paymentsDomainEntity,
  group: ordersTeamEntity,
  api: apiEntity,
  user: userEntity,
};

/** The kinds (of `entities`) whose pages the extension's filter lets it on. */
function kindsShown(filter: ((entity: Entity) => boolean) | undefined) {
  expect(filter).toBeDefined();
  return Object.entries(entities)
    .filter(([, entity]) => filter!(entity))
    .map(([kind]) => kind);
}

describe('domain-split alpha plugin', () => {
  it('is the domain-split plugin with the page route', () => {
    expect(domainSplitPlugin.pluginId).toBe('domain-split');
    expect(domainSplitPlugin.routes.root).toBe(rootRouteRef);
  });

  it.each<[string, ExtensionDefinition<any>, string[]]>([
    ['releases', entityReleasesCard, ['component']],
    ['failure impact', entityFailureImpactCard, ['component', 'domain', 'api']],
    ['domain migration', entityDomainMigrationCard, ['domain']],
    ['team domains', entityTeamDomainsCard, ['group']],
    ['context map', entityContextMapCard, ['domain', 'group']],
    [
      'rule violations',
      entityRuleViolationsCard,
      ['component', 'domain', 'group', 'api'],
    ],
  ])('puts the %s card on the right entity pages', (_, card, kinds) => {
    const tester = createExtensionTester(card);
    expect(
      kindsShown(
        tester.get(EntityCardBlueprint.dataRefs.filterFunction as any) as
          | ((entity: Entity) => boolean)
          | undefined,
      ),
    ).toEqual(kinds);
  });

  it('lets app-config move a card to other kinds', () => {
    const tester = createExtensionTester(entityTeamDomainsCard, {
      config: { filter: { kind: { $in: ['group', 'user'] } } },
    });
    expect(
      kindsShown(tester.get(EntityCardBlueprint.dataRefs.filterFunction)),
    ).toEqual(['group', 'user']);

    // The README's example: the releases card on services only.
    const services = createExtensionTester(entityReleasesCard, {
      config: { filter: { kind: 'component', 'spec.type': 'service' } },
    });
    const onServices = services.get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(onServices(ordersServiceEntity)).toBe(true);
    expect(
      onServices({
        ...ordersServiceEntity,
        spec: { ...ordersServiceEntity.spec, type: 'library' },
      }),
    ).toBe(false);
  });

  it('lets app-config move the page and disable a tab', async () => {
    const api = mockDomainSplitApi();
    answerOwnershipFromFixture(api, ownership);
    api.getContextMapView.mockImplementation(async query =>
      viewContextMap(contextMap, query),
    );
    await renderTestApp({
      features: [domainSplitPlugin],
      apis: [[domainSplitApiRef, api]],
      config: {
        app: {
          extensions: [
            { 'page:domain-split': { config: { path: '/split' } } },
            { 'sub-page:domain-split/rules': false },
          ],
        },
      },
      initialRouteEntries: ['/split'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    const tablist = await screen.findByRole('tablist', { hidden: true });
    await waitFor(() =>
      expect(
        within(tablist)
          .getAllByRole('tab', { hidden: true })
          .map(tab => [tab.textContent, tab.getAttribute('href')]),
      ).toEqual([
        ['Map', '/split/map'],
        ['Ownership', '/split/ownership'],
        ['Releases', '/split/releases'],
        ['Failure isolation', '/split/failure-isolation'],
        ['Migration', '/split/migration'],
      ]),
    );
    // The page opens on its first tab, the map.
    await waitFor(() => expect(api.getContextMapView).toHaveBeenCalled());
  }, 20000);

  it('puts the content tabs in the standard groups', () => {
    const releasesTab = createExtensionTester(entityReleasesContent);
    expect(releasesTab.get(EntityContentBlueprint.dataRefs.group)).toBe(
      'deployment',
    );
    expect(releasesTab.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Releases',
    );
    expect(
      kindsShown(
        releasesTab.get(EntityContentBlueprint.dataRefs.filterFunction),
      ),
    ).toEqual(['component']);

    const impactTab = createExtensionTester(entityFailureImpactContent, {
      config: { group: 'observability', title: 'Blast radius' },
    });
    expect(impactTab.get(EntityContentBlueprint.dataRefs.group)).toBe(
      'observability',
    );
    expect(impactTab.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Blast radius',
    );
  });

  it('renders the releases card for the entity with the configured history length', async () => {
    const api = mockDomainSplitApi();
    answerReleasesFromFixture(api);
    api.getReleaseHistory.mockResolvedValue(ordersHistory);
    const tester = createExtensionTester(entityReleasesCard, {
      config: { latestDeployments: 1 },
    });
    await renderInTestApp(
      <EntityProvider entity={ordersServiceEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [[domainSplitApiRef, api]],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/domain-split': rootRouteRef,
        },
      },
    );
    const table = await screen.findByRole('table', {
      name: 'Current releases',
    });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('3.2.1');
    expect(api.getReleaseHistory).toHaveBeenCalledWith('orders-service');
    // one deployment row (plus the header row) instead of the default five
    await screen.findByText('Latest deployments');
    const history = await screen.findAllByRole('table');
    const deployments = history[history.length - 1];
    await waitFor(() =>
      expect(within(deployments).getAllByRole('row')).toHaveLength(2),
    );
  }, 20000);

  it('serves each tab of the page on its own URL, query string kept', async () => {
    const api = mockDomainSplitApi();
    answerReleasesFromFixture(api);
    api.getReleaseHistory.mockResolvedValue(ordersHistory);
    api.getUnmatchedEvents.mockResolvedValue(unmatched);
    await renderTestApp({
      features: [domainSplitPlugin],
      apis: [[domainSplitApiRef, api]],
      initialRouteEntries: ['/domain-split/releases?service=orders-service'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    // The tabs in the plugin header, each a link to its own URL; Releases selected
    const tablist = await screen.findByRole('tablist', { hidden: true });
    const tabs = within(tablist).getAllByRole('tab', { hidden: true });
    expect(
      tabs.map(tab => [tab.textContent, tab.getAttribute('href')]),
    ).toEqual([
      ['Map', '/domain-split/map'],
      ['Ownership', '/domain-split/ownership'],
      ['Releases', '/domain-split/releases'],
      ['Failure isolation', '/domain-split/failure-isolation'],
      ['Migration', '/domain-split/migration'],
      ['Rules', '/domain-split/rules'],
    ]);
    expect(tabs[2]).toHaveAttribute('aria-selected', 'true');
    // The Releases tab, with its ?service= filter applied: that service's history
    expect(
      await screen.findByText(/Catalog entity:/, {}, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(api.getReleaseHistory).toHaveBeenCalledWith('orders-service');
  }, 20000);

  it('has a nav item: the page has a path, a title, an icon and its route', () => {
    const page = createExtensionTester(domainSplitPage);
    expect(page.get(coreExtensionData.routePath)).toBe('/domain-split');
    expect(page.get(coreExtensionData.title)).toBe('Domain Split');
    expect(page.get(coreExtensionData.icon)).toBeDefined();
    expect(page.get(coreExtensionData.routeRef)).toBe(rootRouteRef);

    const moved = createExtensionTester(domainSplitPage, {
      config: { path: '/split' },
    });
    expect(moved.get(coreExtensionData.routePath)).toBe('/split');
  });
});
