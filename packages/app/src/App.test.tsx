import { render, screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { domainSplitApiRef } from '@internal/plugin-domain-split';
import App, { portalFeatures } from './App';

// Lazy extensions load slowly on a busy 2-core machine.
jest.setTimeout(60_000);

const entity = (kind: string, name: string, spec: object): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec,
});
const entities = [
  entity('Component', 'orders-service', {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/orders-team',
    domain: 'orders',
  }),
  entity('Domain', 'orders', { owner: 'group:default/orders-team' }),
  entity('Group', 'orders-team', { type: 'team', children: [] }),
];

/** A Domain Split API that answers nothing yet, so cards show their loading state. */
const pendingDomainSplitApi = new Proxy(
  {},
  { get: () => () => new Promise(() => {}) },
) as any;

const renderPortal = (path: string) =>
  renderTestApp({
    features: portalFeatures,
    apis: [
      catalogApiMock({ entities }),
      [domainSplitApiRef, pendingDomainSplitApi],
    ],
    initialRouteEntries: [path],
  });

/** Each Domain Split card by the subheader it shows. */
const cards = {
  releases: 'What version of this service runs where',
  failureImpact: 'What breaks when this fails, and what can break it',
  rules: 'Rules of the domain split this entity breaks',
  migration: 'From monorepo to physical split, computed from evidence',
  teamDomains: 'What this team owns in the domain split',
};

/** Which Domain Split cards the entity page shows, once they have loaded. */
async function cardsShown() {
  await screen.findByText(cards.rules, {}, { timeout: 30000 });
  return Object.entries(cards)
    .filter(([, subheader]) => screen.queryByText(subheader))
    .map(([card]) => card);
}

/** The entity page's content tabs. */
const contentTabs = () =>
  within(screen.getByRole('navigation', { name: 'Content navigation' }))
    .getAllByRole('link')
    .map(link => [link.textContent, link.getAttribute('href')]);

describe('App', () => {
  it('starts and offers the guest sign-in of local development', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    render(App.createRoot());
    expect(
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 30000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('Guest')).toBeInTheDocument();
  }, 20000);

  it('has Domain Split in the sidebar, with its tabs', async () => {
    await renderPortal('/domain-split/rules');
    const sidebar = screen.getByRole('navigation', { name: 'sidebar nav' });
    expect(
      await within(sidebar).findByRole('link', { name: 'Domain Split' }),
    ).toHaveAttribute('href', '/domain-split');
    const tabs = within(
      await screen.findByRole('tablist', { hidden: true }),
    ).getAllByRole('tab', { hidden: true });
    expect(tabs.map(t => t.textContent)).toEqual([
      'Map',
      'Ownership',
      'Releases',
      'Failure isolation',
      'Migration',
      'Rules',
    ]);
  }, 20000);

  it('shows the Domain Split cards and tabs a Component page should have', async () => {
    await renderPortal('/catalog/default/component/orders-service');
    expect(await cardsShown()).toEqual(['releases', 'failureImpact', 'rules']);
    expect(contentTabs()).toEqual(
      expect.arrayContaining([
        ['Releases', '/catalog/default/component/orders-service/releases'],
        [
          'Failure impact',
          '/catalog/default/component/orders-service/failure-impact',
        ],
      ]),
    );
  }, 30000);

  it('shows the migration card on a Domain page', async () => {
    await renderPortal('/catalog/default/domain/orders');
    expect(await cardsShown()).toEqual(['failureImpact', 'rules', 'migration']);
    expect(contentTabs().map(([title]) => title)).not.toContain('Releases');
  }, 30000);

  it("shows the team's domains on a Group page", async () => {
    await renderPortal('/catalog/default/group/orders-team');
    expect(await cardsShown()).toEqual(['rules', 'teamDomains']);
  }, 30000);
});
