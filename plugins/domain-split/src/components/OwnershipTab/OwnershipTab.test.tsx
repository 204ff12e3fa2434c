import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OwnershipResponse } from '@internal/plugin-domain-split-common';
import { ownership, ownershipWithDepartment } from '../../testUtils/fixtures';
import {
  answerOwnershipFromFixture,
  mockDomainSplitApi,
  serverError,
} from '../../testUtils/mockApi';
import { renderWithApi } from '../../testUtils/render';
import { OwnershipTab } from './OwnershipTab';

const render = (api = mockDomainSplitApi()) =>
  renderWithApi(<OwnershipTab />, api);

/**
 * `teams` teams under one department; team-t owns domain-2t and domain-2t+1 with five
 * services each: service-10t … service-10t+9.
 */
function largeOwnership(teams: number): OwnershipResponse {
  const data: OwnershipResponse = {
    teams: [],
    domains: [],
    unassigned: [],
    problems: [],
    annotationProblems: [],
  };
  for (let t = 0; t < teams; t++) {
    const teamRef = `group:default/team-${t}`;
    const domainRefs: string[] = [];
    const serviceRefs: string[] = [];
    for (let d = 2 * t; d < 2 * t + 2; d++) {
      const domainRef = `domain:default/domain-${d}`;
      domainRefs.push(domainRef);
      const components = Array.from({ length: 5 }, (_, k) => {
        const name = `service-${5 * d + k}`;
        serviceRefs.push(`component:default/${name}`);
        return {
          entityRef: `component:default/${name}`,
          title: name,
          type: 'service',
          ownerRef: teamRef,
          apis: [],
          resources: [],
        };
      });
      data.domains.push({
        entityRef: domainRef,
        title: `domain-${d}`,
        ownerRefs: [teamRef],
        systems: [],
        components,
        apis: [],
      });
    }
    data.teams.push({
      entityRef: teamRef,
      title: `team-${t}`,
      members: [],
      domains: domainRefs,
      components: serviceRefs,
      parentRef: 'group:default/engineering',
      childRefs: [],
      rolledUpDomains: domainRefs,
      rolledUpComponents: serviceRefs,
    });
  }
  data.teams.push({
    entityRef: 'group:default/engineering',
    title: 'Engineering',
    members: [],
    domains: [],
    components: [],
    childRefs: data.teams.map(t => t.entityRef),
    rolledUpDomains: data.teams.flatMap(t => t.domains),
    rolledUpComponents: data.teams.flatMap(t => t.components),
  });
  return data;
}

const rowNames = () =>
  within(screen.getByRole('list', { name: 'Teams' }))
    .getAllByRole('listitem')
    .map(item => item.firstElementChild?.getAttribute('aria-label'));

describe('OwnershipTab', () => {
  it('draws teams holding their domains holding their services, all linked', async () => {
    const api = mockDomainSplitApi();
    answerOwnershipFromFixture(api, ownership);
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
    answerOwnershipFromFixture(api, ownership);
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
    answerOwnershipFromFixture(api, ownership);
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
    answerOwnershipFromFixture(api, ownership);
    await render(api);
    await screen.findByText(/4 teams/);

    await userEvent.type(
      screen.getByLabelText('Find a team, domain or service'),
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
      within(screen.getByRole('region', { name: 'Domain Search' })).getByRole(
        'link',
        { name: 'search-readmodels' },
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'notifications-service' }),
    ).not.toBeInTheDocument();
    expect(screen.getByLabelText('Matches in Platform Team')).toHaveTextContent(
      'Matches: search-readmodels (in Search)',
    );
    // The backend is asked when typing paused, not for every key.
    for (const partial of ['r', 're', 'readmodel']) {
      expect(api.getOwnership).not.toHaveBeenCalledWith(
        expect.objectContaining({ q: partial }),
      );
    }
    expect(
      screen.getByText('1 of 4 teams and groups shown'),
    ).toBeInTheDocument();
  });

  it('shows an empty state for an empty catalog', async () => {
    const api = mockDomainSplitApi();
    answerOwnershipFromFixture(api, {
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
    const api = mockDomainSplitApi();
    answerOwnershipFromFixture(api, ownershipWithDepartment);
    await renderWithApi(<OwnershipTab />, api);
    // A row of its own, first, with what it owns through the groups below it.
    expect(
      await screen.findByText(
        /4 teams · 7 domains .* · 1 group above the teams/,
      ),
    ).toBeInTheDocument();
    const department = screen.getByRole('region', {
      name: 'Group Engineering',
    });
    expect(department).toHaveTextContent(
      '2 groups below · 3 domains and 4 components through them',
    );
    expect(department).toHaveTextContent(
      'Groups below: Orders Team, Payments Team',
    );
    expect(
      within(screen.getByRole('list', { name: 'Teams' }))
        .getAllByRole('listitem')
        .map(
          item =>
            within(within(item).getByRole('heading', { level: 3 })).getByRole(
              'link',
            ).textContent,
        ),
    ).toEqual([
      'Engineering',
      'Growth Team',
      'Orders Team',
      'Payments Team',
      'Platform Team',
    ]);
    // The teams start open (a small catalog); the department starts closed, since opened it
    // repeats its teams' domains.
    expect(
      within(department).getByRole('button', {
        name: 'Show domains and services',
      }),
    ).toHaveAttribute('aria-expanded', 'false');
    expect(
      screen.queryByRole('region', {
        name: 'Domains of the groups below Engineering',
      }),
    ).not.toBeInTheDocument();
    expect(
      within(
        screen.getByRole('region', { name: 'Team Orders Team' }),
      ).getByRole('region', { name: 'Domain Checkout' }),
    ).toBeInTheDocument();

    cleanup();
    const chosen = mockDomainSplitApi();
    answerOwnershipFromFixture(chosen, ownershipWithDepartment);
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

  describe('at scale (60 teams, 120 domains, 600 services)', () => {
    const large = largeOwnership(60);
    let api = mockDomainSplitApi();
    const renderLarge = (route?: string) => {
      api = mockDomainSplitApi();
      answerOwnershipFromFixture(api, large);
      return renderWithApi(<OwnershipTab />, api, route ? { route } : {});
    };

    it('shows one page of closed rows, the department first', async () => {
      await renderLarge();
      expect(
        await screen.findByText(
          /60 teams · 120 domains · 600 components in domains .* · 1 group above the teams/,
        ),
      ).toBeInTheDocument();
      const names = rowNames();
      expect(names).toHaveLength(25);
      expect(names.slice(0, 4)).toEqual([
        'Group Engineering',
        'Team team-0',
        'Team team-1',
        'Team team-2',
      ]);
      expect(names[24]).toBe('Team team-23');
      expect(screen.getByText('1–25 of 61')).toBeInTheDocument();
      // Closed: the rows name their domains, no domain box or service is rendered yet.
      expect(screen.queryAllByRole('region', { name: /^Domain / })).toEqual([]);
      expect(
        screen.queryByRole('link', { name: 'service-0' }),
      ).not.toBeInTheDocument();
      const team = screen.getByRole('region', { name: 'Team team-1' });
      expect(team).toHaveTextContent(
        '2 domains · 10 components · 0 members · part of Engineering',
      );
      expect(team).toHaveTextContent('Domains: domain-2, domain-3');
      expect(
        within(team).getByRole('link', { name: 'domain-3' }),
      ).toHaveAttribute('href', '/catalog/default/domain/domain-3');
      expect(
        screen.getByRole('region', { name: 'Group Engineering' }),
      ).toHaveTextContent(
        '60 groups below · 120 domains and 600 components through them',
      );
    });

    it('finds who owns any service, and shows it in its domain', async () => {
      await renderLarge();
      await screen.findByText(/60 teams/);
      await userEvent.click(
        screen.getByLabelText('Find a team, domain or service'),
      );
      await userEvent.paste('service-537');
      await waitFor(() => expect(rowNames()).toEqual(['Team team-53']));
      const team = screen.getByRole('region', { name: 'Team team-53' });
      expect(
        within(team).getByLabelText('Matches in team-53'),
      ).toHaveTextContent('Matches: service-537 (in domain-107)');
      // The only row found is open, with the service in its domain box (the team's domains
      // are rendered as a deferred value: after the row itself).
      const domain = await within(team).findByRole('region', {
        name: 'Domain domain-107',
      });
      expect(
        within(domain).getByRole('link', { name: 'service-537' }),
      ).toHaveAttribute('href', '/catalog/default/component/service-537');
      expect(
        within(domain).queryByRole('link', { name: 'service-536' }),
      ).not.toBeInTheDocument();
      // Its other domain holds nothing that matches: left out of the open row.
      expect(
        within(team).queryByRole('region', { name: 'Domain domain-106' }),
      ).not.toBeInTheDocument();
      expect(team).toHaveTextContent('Domains: domain-106, domain-107');
      expect(
        screen.getByText('1 of 61 teams and groups shown'),
      ).toBeInTheDocument();
      // Searched by the backend: the tab asks for the rows that match.
      expect(api.getOwnership).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'service-537', offset: 0 }),
      );
      expect(api.getTeamOwnership).toHaveBeenCalledWith(
        'group:default/team-53',
      );
    });

    it('finds the team of every service and domain', async () => {
      await renderLarge();
      await screen.findByText(/60 teams/);
      const search = screen.getByLabelText('Find a team, domain or service');
      // A few across the catalog; each is found in its owner's row only.
      for (const [name, team] of [
        ['service-0', 'team-0'],
        ['service-299', 'team-29'],
        ['service-599', 'team-59'],
        ['domain-118', 'team-59'],
      ]) {
        await userEvent.clear(search);
        await userEvent.click(search);
        await userEvent.paste(name);
        await waitFor(() => expect(rowNames()).toEqual([`Team ${team}`]));
        expect(
          within(
            screen.getByRole('region', { name: `Team ${team}` }),
          ).getAllByRole('link', { name }).length,
        ).toBeGreaterThan(0);
      }
    });

    it('pages through the teams and opens one on demand', async () => {
      await renderLarge();
      await screen.findByText(/60 teams/);
      expect(
        screen.queryByRole('region', { name: 'Team team-37' }),
      ).not.toBeInTheDocument();
      await userEvent.click(screen.getByRole('button', { name: /next page/i }));
      const team = await screen.findByRole('region', { name: 'Team team-37' });
      expect(screen.getByText('26–50 of 61')).toBeInTheDocument();
      // The next page is asked of the backend; no row's details before it is opened.
      expect(api.getOwnership).toHaveBeenLastCalledWith(
        expect.objectContaining({ limit: 25, offset: 25 }),
      );
      expect(api.getTeamOwnership).not.toHaveBeenCalled();

      const toggle = within(team).getByRole('button', {
        name: 'Show domains and services',
      });
      expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await userEvent.click(toggle);
      const domain = await within(team).findByRole('region', {
        name: 'Domain domain-74',
      });
      expect(
        within(domain)
          .getAllByRole('link')
          .map(a => a.textContent),
      ).toEqual([
        'domain-74',
        'service-370',
        'service-371',
        'service-372',
        'service-373',
        'service-374',
      ]);
      expect(
        within(team).getByRole('region', { name: 'Domain domain-75' }),
      ).toBeInTheDocument();
      // Only the opened row renders its domains.
      expect(screen.getAllByRole('region', { name: /^Domain / })).toHaveLength(
        2,
      );
      // Each row keeps its own state: a second one opens beside it, the first closes alone.
      const next = screen.getByRole('region', { name: 'Team team-38' });
      await userEvent.click(
        within(next).getByRole('button', { name: 'Show domains and services' }),
      );
      expect(
        await within(next).findByRole('region', { name: 'Domain domain-76' }),
      ).toBeInTheDocument();
      expect(screen.getAllByRole('region', { name: /^Domain / })).toHaveLength(
        4,
      );
      await userEvent.click(
        within(team).getByRole('button', { name: 'Hide domains and services' }),
      );
      expect(
        screen
          .getAllByRole('region', { name: /^Domain / })
          .map(box => box.getAttribute('aria-label')),
      ).toEqual(['Domain domain-76', 'Domain domain-77']);
      expect(
        within(next).getByRole('button', { name: 'Hide domains and services' }),
      ).toHaveAttribute('aria-expanded', 'true');
    });

    it('rolls up: the department opens to the domains of its teams, a few at a time', async () => {
      await renderLarge();
      const department = await screen.findByRole('region', {
        name: 'Group Engineering',
      });
      await userEvent.click(
        within(department).getByRole('button', {
          name: 'Show domains and services',
        }),
      );
      // The opened row's boxes are rendered as a deferred value, after the click's own render.
      const below = await within(department).findByRole('region', {
        name: 'Domains of the groups below Engineering',
      });
      expect(
        within(below).getAllByRole('region', { name: /^Domain / }),
      ).toHaveLength(12);
      await userEvent.click(
        within(below).getByRole('button', { name: 'Show all 120 domains' }),
      );
      const boxes = within(below).getAllByRole('region', { name: /^Domain / });
      expect(boxes).toHaveLength(120);
      expect(boxes[119]).toHaveAccessibleName('Domain domain-119');
    });

    it('opens the team chosen in the URL (the Domains card links here)', async () => {
      await renderLarge(
        `/?team=${encodeURIComponent('group:default/team-42')}`,
      );
      const team = await screen.findByRole('region', { name: 'Team team-42' });
      expect(rowNames()).toEqual(['Team team-42']);
      expect(
        within(team).getByRole('link', { name: 'service-425' }),
      ).toBeInTheDocument();
    });

    it('lists the first ten problems and the rest on demand', async () => {
      api = mockDomainSplitApi();
      answerOwnershipFromFixture(api, {
        ...large,
        problems: Array.from({ length: 15 }, (_, i) => ({
          kind: 'orphan' as const,
          entityRefs: [`component:default/orphan-${i}`],
          message: `orphan-${i} belongs to no domain.`,
        })),
      });
      await renderWithApi(<OwnershipTab />, api);
      const alert = (
        await screen.findByText('Ownership problems (15)')
      ).closest('[role="alert"]') as HTMLElement;
      expect(within(alert).getAllByRole('listitem')).toHaveLength(10);
      await userEvent.click(
        within(alert).getByRole('button', { name: 'Show all 15 problems' }),
      );
      expect(within(alert).getAllByRole('listitem')).toHaveLength(15);
      expect(alert).toHaveTextContent('orphan-14 belongs to no domain.');
    });

    it('counts the problems past the first 50 the backend sends', async () => {
      api = mockDomainSplitApi();
      answerOwnershipFromFixture(api, {
        ...large,
        problems: Array.from({ length: 60 }, (_, i) => ({
          kind: 'orphan' as const,
          entityRefs: [`component:default/orphan-${i}`],
          message: `orphan-${i} belongs to no domain.`,
        })),
      });
      await renderWithApi(<OwnershipTab />, api);
      const alert = (
        await screen.findByText('Ownership problems (60)')
      ).closest('[role="alert"]') as HTMLElement;
      await userEvent.click(
        within(alert).getByRole('button', { name: 'Show 50 of 60 problems' }),
      );
      expect(within(alert).getAllByRole('listitem')).toHaveLength(50);
      expect(alert).toHaveTextContent('and 10 more');
    });
  });
});
