import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { ordersHistory, refs, releases } from '../../testUtils/fixtures';
import {
  ordersServiceEntity,
  inventoryServiceEntity,
} from '../../testUtils/entities';
import {
  answerReleasesFromFixture,
  catalogLoadingError,
  mockDomainSplitApi,
  serverError,
} from '../../testUtils/mockApi';
import { MockDomainSplitApi, renderWithApi } from '../../testUtils/render';
import { EntityReleasesCard } from './EntityReleasesCard';

const render = (api: MockDomainSplitApi, entity: Entity) =>
  renderWithApi(<EntityReleasesCard />, api, { entity });

describe('EntityReleasesCard', () => {
  it('shows what this service runs in each environment and its latest deployments', async () => {
    const api = mockDomainSplitApi();
    answerReleasesFromFixture(api);
    api.getReleaseHistory.mockResolvedValue(ordersHistory);
    await render(api, ordersServiceEntity);
    expect(api.getReleases).toHaveBeenCalledWith({
      entityRef: 'component:default/orders-service',
    });

    const table = await screen.findByRole('table', {
      name: 'Current releases',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows.map(r => within(r).getByRole('rowheader').textContent)).toEqual(
      ['staging', 'production'],
    );
    expect(rows[1]).toHaveTextContent('3.2.1');
    expect(rows[1]).toHaveTextContent('3 days ago');
    expect(
      within(rows[1]).getByRole('img', {
        name: 'Lockstep: deployed together with payments-service',
      }),
    ).toBeInTheDocument();
    expect(
      within(rows[0]).getByRole('img', { name: /^No contract tests/ }),
    ).toBeInTheDocument();
    expect(screen.queryByText('1.9.4')).not.toBeInTheDocument();

    expect(api.getReleaseHistory).toHaveBeenCalledWith('orders-service');
    expect(await screen.findByText('3.2.0')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Full history/ })).toHaveAttribute(
      'href',
      '/domain-split/releases?service=orders-service',
    );
  });

  it('leaves untracked environments to the history', async () => {
    const api = mockDomainSplitApi();
    answerReleasesFromFixture(api, {
      ...releases,
      otherEnvironments: ['preview-pr-7'],
      current: [
        ...releases.current.filter(r => r.entityRef === refs.ordersService),
        {
          ...releases.current.find(r => r.entityRef === refs.ordersService)!,
          environment: 'preview-pr-7',
          version: '9.9.9-pr.7',
          untracked: true,
        },
      ],
    });
    api.getReleaseHistory.mockResolvedValue(ordersHistory);
    await render(api, ordersServiceEntity);
    const table = await screen.findByRole('table', {
      name: 'Current releases',
    });
    expect(
      within(table)
        .getAllByRole('row')
        .map(r => within(r).getByRole('rowheader').textContent),
    ).toEqual(['staging', 'production']);
    expect(screen.queryByText('9.9.9-pr.7')).not.toBeInTheDocument();
  });

  it('shows an empty state for a service without releases', async () => {
    const api = mockDomainSplitApi();
    answerReleasesFromFixture(api);
    await render(api, inventoryServiceEntity);
    expect(
      await screen.findByText('No releases of this service yet'),
    ).toBeInTheDocument();
    expect(screen.getByText(/run yarn demo:events/)).toBeInTheDocument();
    expect(api.getReleaseHistory).not.toHaveBeenCalled();
  });

  it('shows the error of a failed request', async () => {
    const api = mockDomainSplitApi();
    api.getReleases.mockRejectedValue(await serverError('backend down'));
    await render(api, ordersServiceEntity);
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });

  it('says the catalog is still loading and asks again by itself', async () => {
    const api = mockDomainSplitApi();
    answerReleasesFromFixture(api);
    api.getReleases.mockRejectedValueOnce(await catalogLoadingError());
    api.getReleaseHistory.mockResolvedValue(ordersHistory);
    await render(api, ordersServiceEntity);
    expect(
      await screen.findByText(/The catalog is still loading/),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole(
        'table',
        { name: 'Current releases' },
        { timeout: 6000 },
      ),
    ).toBeInTheDocument();
    expect(api.getReleases).toHaveBeenCalledTimes(2);
  });
});
