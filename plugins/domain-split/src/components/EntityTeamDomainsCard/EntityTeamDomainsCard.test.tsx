import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { ownership, refs } from '../../testUtils/fixtures';
import {
  ordersServiceEntity,
  ordersTeamEntity,
} from '../../testUtils/entities';
import { mockDomainSplitApi, serverError } from '../../testUtils/mockApi';
import { MockDomainSplitApi, renderWithApi } from '../../testUtils/render';
import { EntityTeamDomainsCard } from './EntityTeamDomainsCard';

const render = (api: MockDomainSplitApi, entity: Entity) =>
  renderWithApi(<EntityTeamDomainsCard />, api, { entity });

/** The backend's GET /ownership?team=: 404 (undefined) for a ref that is no team. */
function answerFromFixture(api: MockDomainSplitApi) {
  api.getTeamOwnership.mockImplementation(async teamRef =>
    ownership.teams.some(t => t.entityRef === teamRef) ? ownership : undefined,
  );
}

describe('EntityTeamDomainsCard', () => {
  it("shows the team's domains with their services and its problems", async () => {
    const api = mockDomainSplitApi();
    answerFromFixture(api);
    await render(api, ordersTeamEntity);
    const orders = await screen.findByRole('region', { name: 'Domain Orders' });
    expect(
      within(orders).getByRole('link', { name: 'orders-service' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Domain Checkout' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Domain Payments' }),
    ).not.toBeInTheDocument();
    // only the problems that concern this team
    expect(screen.getByText('Ownership problems (1)')).toBeInTheDocument();
    expect(
      screen.getByRole('list', {
        name: 'Services Orders Team owns in other domains',
      }),
    ).toHaveTextContent('coupons-worker');
    expect(api.getTeamOwnership).toHaveBeenCalledWith(refs.ordersTeam);
    expect(api.getOwnership).not.toHaveBeenCalled();
    expect(screen.getByRole('link', { name: /Ownership map/ })).toHaveAttribute(
      'href',
      `/domain-split/ownership?team=${encodeURIComponent(refs.ordersTeam)}`,
    );
  });

  it('shows an empty state when the group owns nothing', async () => {
    const api = mockDomainSplitApi();
    answerFromFixture(api);
    await render(api, ordersServiceEntity);
    expect(
      await screen.findByText('This team owns no domain or service'),
    ).toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    const api = mockDomainSplitApi();
    api.getTeamOwnership.mockRejectedValue(
      await serverError('ownership failed'),
    );
    await render(api, ordersTeamEntity);
    expect(
      (await screen.findAllByText(/ownership failed/)).length,
    ).toBeGreaterThan(0);
  });
});
