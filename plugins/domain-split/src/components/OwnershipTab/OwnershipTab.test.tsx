import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ownership, refs } from '../../testUtils/fixtures';
import { mockDomainSplitApi, serverError } from '../../testUtils/mockApi';
import { renderWithApi } from '../../testUtils/render';
import { OwnershipTab } from './OwnershipTab';

const render = (api = mockDomainSplitApi()) =>
  renderWithApi(<OwnershipTab />, api);

describe('OwnershipTab', () => {
  it('draws teams holding their domains holding their services, all linked', async () => {
    const api = mockDomainSplitApi();
    api.getOwnership.mockResolvedValue(ownership);
    await render(api);

    expect(await screen.findByText(/4 teams · 7 domains/)).toBeInTheDocument();
    const orders = screen.getByRole('region', { name: 'Domain Orders' });
    expect(
      within(orders).getByRole('link', { name: 'Orders' }),
    ).toHaveAttribute('href', '/catalog/default/domain/orders');
    expect(
      within(orders).getByRole('link', { name: 'orders-service' }),
    ).toHaveAttribute('href', '/catalog/default/component/orders-service');
    expect(
      within(orders).getByRole('link', { name: 'orders-events' }),
    ).toBeInTheDocument();
    // team → domain: the Orders Team card holds Orders and Checkout
    const team = screen.getByRole('region', { name: 'Team Orders Team' });
    expect(
      within(team).getByRole('link', { name: 'Orders Team' }),
    ).toHaveAttribute('href', '/catalog/default/group/orders-team');
    expect(
      within(team).getByRole('region', { name: 'Domain Orders' }),
    ).toBeInTheDocument();
    expect(
      within(team).getByRole('region', { name: 'Domain Checkout' }),
    ).toBeInTheDocument();
    expect(
      within(team).queryByRole('region', { name: 'Domain Payments' }),
    ).not.toBeInTheDocument();
    expect(team).toHaveTextContent('Alice (staff engineer), Bob');
  });

  it('flags ownership and annotation problems', async () => {
    const api = mockDomainSplitApi();
    api.getOwnership.mockResolvedValue(ownership);
    await render(api);

    expect(
      await screen.findByText('Ownership problems (2)'),
    ).toBeInTheDocument();
    const alert = screen
      .getByText('Ownership problems (2)')
      .closest('[role="alert"]');
    expect(alert).toHaveTextContent(
      'Domain shipping has no owning team — Shipping',
    );
    expect(alert).toHaveTextContent('Owner mismatch');
    expect(
      screen.getByText('Domains without an owning team'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Domain Shipping' }),
    ).toBeInTheDocument();
    // the services Orders Team owns inside Growth Team's domain are flagged
    expect(
      screen.getByRole('list', {
        name: 'Services Orders Team owns in other domains',
      }),
    ).toHaveTextContent('coupons-worker');
    expect(
      screen.getAllByRole('img', {
        name: /Problem: coupons-worker is owned by orders-team/,
      }).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('Annotation problems (1)')).toBeInTheDocument();
    expect(screen.getByText(/unknown impact level "slow"/)).toBeInTheDocument();
    expect(screen.getByText('Not in any domain')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'component: shared-observability' }),
    ).toBeInTheDocument();
  });

  it('filters by team', async () => {
    const api = mockDomainSplitApi();
    api.getOwnership.mockResolvedValue(ownership);
    await render(api);
    await screen.findByText(/4 teams/);

    await userEvent.click(screen.getByLabelText('Team'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Payments Team' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: 'Team Orders Team' }),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('region', { name: 'Team Payments Team' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Domain Payments' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Domains without an owning team'),
    ).not.toBeInTheDocument();
  });

  it('filters domains and services by text', async () => {
    const api = mockDomainSplitApi();
    api.getOwnership.mockResolvedValue(ownership);
    await render(api);
    await screen.findByText(/4 teams/);

    await userEvent.type(
      screen.getByLabelText('Filter domains and services'),
      'readmodels',
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: 'Team Payments Team' }),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('region', { name: 'Team Platform Team' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'search-readmodels' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'notifications-service' }),
    ).not.toBeInTheDocument();
  });

  it('shows an empty state for an empty catalog', async () => {
    const api = mockDomainSplitApi();
    api.getOwnership.mockResolvedValue({
      teams: [],
      domains: [],
      unassigned: [],
      problems: [],
      annotationProblems: [],
    });
    await render(api);
    expect(
      await screen.findByText('No teams or domains in the catalog yet'),
    ).toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    const api = mockDomainSplitApi();
    api.getOwnership.mockRejectedValue(
      await serverError('catalog unreachable'),
    );
    await render(api);
    expect(
      (await screen.findAllByText(/catalog unreachable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/teams ·/)).not.toBeInTheDocument();
  });

  it("rolls up the group tree: a department shows its teams' domains when chosen", async () => {
    const withDepartment = {
      ...ownership,
      teams: [
        {
          entityRef: 'group:default/engineering',
          title: 'Engineering',
          members: [],
          domains: [],
          components: [],
          childRefs: [refs.ordersTeam, refs.paymentsTeam],
          rolledUpDomains: [refs.checkout, refs.orders, refs.payments],
          rolledUpComponents: [],
        },
        ...ownership.teams,
      ],
    };
    const api = mockDomainSplitApi();
    api.getOwnership.mockResolvedValue(withDepartment);
    await renderWithApi(<OwnershipTab />, api);
    // No card of its own: its teams have theirs.
    expect(await screen.findByText(/4 teams · 7 domains/)).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Team Engineering' }),
    ).not.toBeInTheDocument();

    const chosen = mockDomainSplitApi();
    chosen.getOwnership.mockResolvedValue(withDepartment);
    await renderWithApi(<OwnershipTab />, chosen, {
      route: `/?team=${encodeURIComponent('group:default/engineering')}`,
    });
    const below = await screen.findByRole('region', {
      name: 'Domains of the groups below Engineering',
    });
    for (const name of ['Orders', 'Checkout', 'Payments']) {
      expect(
        within(below).getByRole('region', { name: `Domain ${name}` }),
      ).toBeInTheDocument();
    }
    expect(
      within(below).queryByRole('region', { name: 'Domain Search' }),
    ).not.toBeInTheDocument();
  });
});
