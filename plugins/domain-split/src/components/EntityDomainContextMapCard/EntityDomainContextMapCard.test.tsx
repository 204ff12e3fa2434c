import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { contextMap, domainMatrix, refs } from '../../testUtils/fixtures';
import {
  ordersServiceEntity,
  ordersTeamEntity,
  paymentsDomainEntity,
} from '../../testUtils/entities';
import {
  answerMatrixPages,
  mockDomainSplitApi,
  serverError,
} from '../../testUtils/mockApi';
import { MockDomainSplitApi, renderWithApi } from '../../testUtils/render';
import { EntityDomainContextMapCard } from './EntityDomainContextMapCard';

const render = (api: MockDomainSplitApi, entity: Entity) =>
  renderWithApi(<EntityDomainContextMapCard />, api, { entity });
const nodeOf = (ref: string) =>
  document.querySelector(`[data-domain="${ref}"]`) as SVGGElement;

describe('EntityDomainContextMapCard', () => {
  it('asks for the neighbourhood of this domain and draws it, violating ties named', async () => {
    const api = mockDomainSplitApi();
    api.getContextMap.mockResolvedValue(contextMap);
    api.getFailureMatrix.mockImplementation(
      answerMatrixPages({ domain: domainMatrix }),
    );
    await render(api, paymentsDomainEntity);
    await waitFor(() => expect(nodeOf(refs.payments)).not.toBeNull());
    expect(api.getContextMap).toHaveBeenCalledWith({
      domain: refs.payments,
      neighbours: 12,
      details: false,
    });
    expect(
      document.querySelector(
        `[data-edge-id="${refs.orders}|${refs.payments}|sync"]`,
      ),
    ).toHaveAccessibleName(
      'Orders → Payments: synchronous calls ×1; breaks Domains talk to each other through events',
    );
    expect(screen.getByRole('link', { name: 'Whole map' })).toHaveAttribute(
      'href',
      `/domain-split/map?domain=${encodeURIComponent(refs.payments)}`,
    );
    await userEvent.click(nodeOf(refs.payments));
    await waitFor(() =>
      expect(nodeOf(refs.orders)).toHaveAttribute('data-impact', 'waits'),
    );
  });

  it('asks for the domains of a group (with the groups below it)', async () => {
    const api = mockDomainSplitApi();
    api.getContextMap.mockResolvedValue({
      ...contextMap,
      focus: {
        team: refs.ordersTeam,
        domains: [refs.orders],
        moreNeighbours: 7,
      },
    });
    await render(api, ordersTeamEntity);
    await waitFor(() => expect(nodeOf(refs.orders)).not.toBeNull());
    expect(api.getContextMap).toHaveBeenCalledWith({
      team: refs.ordersTeam,
      neighbours: 12,
      details: false,
    });
    expect(screen.getByRole('link', { name: 'Whole map' })).toHaveAttribute(
      'href',
      `/domain-split/map?team=${encodeURIComponent(refs.ordersTeam)}`,
    );
    // The server left the less tied neighbours out: the card says how many.
    expect(
      screen.getByText(/7 more domains are tied to it/),
    ).toBeInTheDocument();
  });

  it("says when a department owns more domains than the card draws", async () => {
    const api = mockDomainSplitApi();
    const owned = Array.from({ length: 20 }, (_, i) => `domain:default/d-${i}`);
    api.getContextMap.mockResolvedValue({
      ...contextMap,
      focus: { team: refs.ordersTeam, domains: owned, moreDomains: 8 },
    });
    await render(api, ordersTeamEntity);
    await waitFor(() => expect(nodeOf(refs.orders)).not.toBeNull());
    expect(
      screen.getByText(/This group owns 20 domains: the 12 most tied are drawn/),
    ).toBeInTheDocument();
  });

  it('shows the empty state', async () => {
    const empty = mockDomainSplitApi();
    empty.getContextMap.mockResolvedValue({
      nodes: [],
      edges: [],
      teams: [],
      titles: {},
      violations: [],
    });
    await render(empty, ordersTeamEntity);
    expect(
      await screen.findByText('This group owns no domain'),
    ).toBeInTheDocument();
  });

  it('shows the error state', async () => {
    const api = mockDomainSplitApi();
    api.getContextMap.mockRejectedValue(await serverError('map is down'));
    await render(api, paymentsDomainEntity);
    expect((await screen.findAllByText(/map is down/)).length).toBeGreaterThan(
      0,
    );
  });

  it('explains that it draws Domains and Groups only', async () => {
    const api = mockDomainSplitApi();
    await render(api, ordersServiceEntity);
    expect(
      screen.getByText('The context map is drawn for Domains and Groups.'),
    ).toBeInTheDocument();
    expect(api.getContextMap).not.toHaveBeenCalled();
  });
});
