import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  contextMapChoices,
  ContextMapNode,
  ContextMapResponse,
  pageContextMapChoices,
  viewContextMap,
} from '@internal/plugin-domain-split-common';
import { contextMap, domainMatrix, refs } from '../../testUtils/fixtures';
import {
  answerMatrixPages,
  mockDomainSplitApi,
  serverError,
} from '../../testUtils/mockApi';
import { renderWithApi } from '../../testUtils/render';
import { ContextMapTab } from './ContextMapTab';
import { VIOLATION_COLOR } from './contextMapStyle';

/** The backend's answers: what is drawn cut from the whole map, and the pickers' pages. */
function answerLikeTheBackend(
  api: ReturnType<typeof mockDomainSplitApi>,
  whole: ContextMapResponse,
) {
  api.getContextMapView.mockImplementation(async query =>
    viewContextMap(whole, query),
  );
  api.getContextMapChoices.mockImplementation(async (kind, query) =>
    pageContextMapChoices(contextMapChoices(whole, kind), {
      q: query?.q,
      limit: query?.limit ?? 50,
      offset: query?.offset ?? 0,
    }),
  );
}

const render = (api = mockDomainSplitApi(), route?: string) =>
  renderWithApi(<ContextMapTab />, api, route ? { route } : {});

const nodeOf = (ref: string) =>
  document.querySelector(`[data-domain="${ref}"]`) as SVGGElement;
const edgeOf = (id: string) =>
  document.querySelector(`[data-edge-id="${id}"]`) as SVGGElement;
const tableRows = () =>
  within(screen.getByRole('table', { name: 'Ties between domains' }))
    .getAllByRole('row')
    .slice(1);
const syncId = `${refs.orders}|${refs.payments}|sync`;
const sharedDbId = `${refs.checkout}|${refs.search}|shared-database`;

describe('ContextMapTab', () => {
  it('shows progress, then the domains grouped by team and the ties by kind and count', async () => {
    const api = mockDomainSplitApi();
    answerLikeTheBackend(api, contextMap);
    await render(api);

    expect(
      await screen.findByText(
        /4 domains · 3 teams · 5 ties between domains, 2 breaking a rule/,
      ),
    ).toBeInTheDocument();
    // One request: what is drawn (a small map whole) with its details; the pickers ask
    // nothing until opened.
    expect(api.getContextMapView).toHaveBeenCalledTimes(1);
    expect(api.getContextMapView).toHaveBeenCalledWith({
      kinds: [],
      violationsOnly: false,
    });
    expect(api.getContextMapChoices).not.toHaveBeenCalled();
    // Orders Team owns two domains: both carry its band, with the count, and the legend
    // groups them.
    expect(nodeOf(refs.orders)).toHaveTextContent('Orders Team (2)');
    expect(nodeOf(refs.checkout)).toHaveTextContent('Orders Team (2)');
    expect(nodeOf(refs.payments)).toHaveTextContent('Payments Team');
    expect(nodeOf(refs.payments)).not.toHaveTextContent('Payments Team (');
    expect(screen.getByRole('list', { name: 'Teams' })).toHaveTextContent(
      'Orders Team: Checkout, Orders',
    );
    expect(nodeOf(refs.payments)).toHaveAccessibleName(
      'Payments: Payments Team, 1 service, phase 2, Logical split',
    );
    expect(nodeOf(refs.payments)).toHaveTextContent('P2');
    expect(edgeOf(`${refs.orders}|${refs.payments}|events`)).toHaveTextContent(
      'events ×2',
    );
    expect(tableRows()).toHaveLength(5);
  });

  it('draws a violating edge red and names its rule on hover and focus', async () => {
    const api = mockDomainSplitApi();
    answerLikeTheBackend(api, contextMap);
    await render(api);
    await screen.findByText(/4 domains/);

    const shared = edgeOf(sharedDbId);
    expect(shared).toHaveAttribute('data-violating', 'true');
    expect(
      shared.querySelector('.context-map-edge-line')!.getAttribute('stroke'),
    ).toBe(VIOLATION_COLOR);
    expect(shared).toHaveAccessibleName(
      'Checkout → Search: shared database ×1; breaks No cross-domain database access',
    );
    const ruleShown = (edge: Element) =>
      edge.querySelector('.context-map-edge-rule')?.textContent;
    expect(ruleShown(shared)).toBeUndefined();
    fireEvent.mouseEnter(shared);
    expect(ruleShown(shared)).toBe('⚠ No cross-domain database access');
    fireEvent.mouseLeave(shared);
    expect(ruleShown(shared)).toBeUndefined();

    const sync = edgeOf(syncId);
    fireEvent.focus(sync);
    expect(ruleShown(sync)).toBe('⚠ Domains talk to each other through events');
    // A tie that breaks nothing is not red.
    const events = edgeOf(`${refs.orders}|${refs.payments}|events`);
    expect(events).toHaveAttribute('data-violating', 'false');
    expect(
      events.querySelector('.context-map-edge-line')!.getAttribute('stroke'),
    ).not.toBe(VIOLATION_COLOR);
    // The table says the same.
    const row = tableRows().find(r =>
      r.textContent?.includes('shared database'),
    )!;
    expect(row).toHaveTextContent('No cross-domain database access');
    expect(row).toHaveTextContent('checkout-orchestrator → orders-db');
  });

  it('overlays the failure row of the selected domain and lists its team, services, contracts and phase', async () => {
    const api = mockDomainSplitApi();
    answerLikeTheBackend(api, contextMap);
    api.getFailureMatrix.mockImplementation(
      answerMatrixPages({ domain: domainMatrix }),
    );
    await render(api);
    await screen.findByText(/4 domains/);
    expect(api.getFailureMatrix).not.toHaveBeenCalled();

    await userEvent.click(nodeOf(refs.payments));
    await waitFor(() =>
      expect(nodeOf(refs.orders)).toHaveAttribute('data-impact', 'waits'),
    );
    // Only the selected domain's row, not the whole matrix.
    expect(api.getFailureMatrix).toHaveBeenCalledTimes(1);
    expect(api.getFailureMatrix).toHaveBeenCalledWith('domain', {
      failing: refs.payments,
    });
    expect(nodeOf(refs.payments)).toHaveAttribute('data-selected', 'true');
    expect(nodeOf(refs.checkout)).not.toHaveAttribute('data-impact');
    expect(nodeOf(refs.orders)).toHaveTextContent('waits');

    const panel = screen.getByRole('region', { name: 'Domain Payments' });
    expect(
      within(panel).getByRole('link', { name: 'Payments Team' }),
    ).toHaveAttribute('href', '/catalog/default/group/payments-team');
    expect(within(panel).getByText('P2 Logical split')).toBeInTheDocument();
    expect(
      within(panel).getByRole('link', { name: 'payments-service' }),
    ).toBeInTheDocument();
    expect(
      within(panel).getByRole('link', { name: 'payments-api' }),
    ).toBeInTheDocument();
    expect(
      within(panel).getByRole('list', { name: 'Domains its failure reaches' }),
    ).toHaveTextContent(/^waits\s*Orders$/);
    expect(panel).toHaveTextContent(
      'Domains talk to each other through events: orders-service calls payments-api',
    );

    // Clicking it again clears the selection and the overlay.
    await userEvent.click(nodeOf(refs.payments));
    expect(nodeOf(refs.orders)).not.toHaveAttribute('data-impact');
    expect(
      screen.queryByRole('region', { name: 'Domain Payments' }),
    ).toBeNull();
  });

  it('selects with the keyboard and clears with Escape', async () => {
    const api = mockDomainSplitApi();
    answerLikeTheBackend(api, contextMap);
    api.getFailureMatrix.mockImplementation(
      answerMatrixPages({ domain: domainMatrix }),
    );
    await render(api);
    await screen.findByText(/4 domains/);

    nodeOf(refs.payments).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(nodeOf(refs.orders)).toHaveAttribute('data-impact', 'waits'),
    );
    await userEvent.keyboard('{Escape}');
    expect(nodeOf(refs.payments)).not.toHaveAttribute('data-selected');
  });

  it('says when the failure matrix cannot be loaded, and keeps the map', async () => {
    const api = mockDomainSplitApi();
    answerLikeTheBackend(api, contextMap);
    api.getFailureMatrix.mockRejectedValue(await serverError('matrix is down'));
    await render(api, `/?domain=${encodeURIComponent(refs.payments)}`);
    expect(
      await screen.findByText(/The failure matrix could not be loaded/),
    ).toBeInTheDocument();
    expect(nodeOf(refs.orders)).not.toHaveAttribute('data-impact');
  });

  it('filters by violations only, edge kind and team, from the query string', async () => {
    const api = mockDomainSplitApi();
    answerLikeTheBackend(api, contextMap);
    await render(api, '/?violations=only');
    await screen.findByText(/4 domains/);
    expect(tableRows().map(r => r.getAttribute('data-edge-row'))).toEqual([
      sharedDbId,
      syncId,
    ]);

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'shared database' }),
    );
    // A new view is drawn as a deferred value: a moment after it arrives.
    await waitFor(() =>
      expect(tableRows().map(r => r.getAttribute('data-edge-row'))).toEqual([
        syncId,
      ]),
    );
    // Domains tied by nothing left are not drawn when only violations are shown.
    expect(nodeOf(refs.checkout)).toBeNull();
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Violations only' }),
    );
    await waitFor(() => expect(tableRows()).toHaveLength(4));
  });

  it('shows a team with the domains tied to it', async () => {
    const api = mockDomainSplitApi();
    answerLikeTheBackend(api, contextMap);
    await render(api, `/?team=${encodeURIComponent(refs.paymentsTeam)}`);
    await screen.findByText(/4 domains/);
    expect(tableRows().map(r => r.getAttribute('data-edge-row'))).toEqual([
      `${refs.orders}|${refs.payments}|events`,
      syncId,
    ]);
    expect(nodeOf(refs.search)).toBeNull();
    expect(nodeOf(refs.orders)).not.toBeNull();
  });

  it('draws the neighbourhood of one domain when the map is too large to read', async () => {
    const many: ContextMapNode[] = Array.from({ length: 60 }, (_, i) => ({
      domainRef: `domain:default/d${i}`,
      title: `D${i}`,
      ownerDomainCount: 0,
      components: [],
      serviceCount: 1,
      apis: [],
    }));
    const large: ContextMapResponse = {
      ...contextMap,
      nodes: [...contextMap.nodes, ...many],
    };
    const api = mockDomainSplitApi();
    answerLikeTheBackend(api, large);
    await render(api);
    expect(
      await screen.findByText(
        /64 domains with 5 ties are too many to draw at once/,
      ),
    ).toHaveTextContent('the map shows the neighbourhood of Orders');
    expect(nodeOf('domain:default/d1')).toBeNull();
    expect(nodeOf(refs.payments)).not.toBeNull();
  });

  it('picks a team and a domain from pages the backend filters as one types', async () => {
    const api = mockDomainSplitApi();
    answerLikeTheBackend(api, contextMap);
    api.getFailureMatrix.mockImplementation(
      answerMatrixPages({ domain: domainMatrix }),
    );
    await render(api);
    await screen.findByText(/4 domains/);

    const domainPicker = screen.getByRole('combobox', {
      name: 'Selected domain',
    });
    await userEvent.click(domainPicker);
    await userEvent.type(domainPicker, 'pay');
    await waitFor(() =>
      expect(api.getContextMapChoices).toHaveBeenLastCalledWith('domains', {
        q: 'pay',
        limit: 50,
      }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Payments' }),
    );
    // The side panel comes with the view asked for the selection.
    expect(
      await screen.findByRole('region', { name: 'Domain Payments' }),
    ).toBeInTheDocument();
    expect(api.getContextMapView).toHaveBeenLastCalledWith({
      domain: refs.payments,
      kinds: [],
      violationsOnly: false,
    });
    expect(nodeOf(refs.payments)).toHaveAttribute('data-selected', 'true');

    const teamPicker = screen.getByRole('combobox', { name: 'Team' });
    await userEvent.click(teamPicker);
    await userEvent.click(
      await screen.findByRole('option', { name: 'Payments Team' }),
    );
    await waitFor(() => expect(nodeOf(refs.search)).toBeNull());
    expect(api.getContextMapView).toHaveBeenLastCalledWith({
      domain: refs.payments,
      team: refs.paymentsTeam,
      kinds: [],
      violationsOnly: false,
    });
  });

  it('shows the empty state', async () => {
    const api = mockDomainSplitApi();
    answerLikeTheBackend(api, {
      nodes: [],
      edges: [],
      teams: [],
      titles: {},
      violations: [],
    });
    await render(api);
    expect(
      await screen.findByText('No domains in the catalog yet'),
    ).toBeInTheDocument();
  });

  it('shows the error state', async () => {
    const api = mockDomainSplitApi();
    api.getContextMapView.mockRejectedValue(
      await serverError('catalog is down'),
    );
    await render(api);
    expect(
      (await screen.findAllByText(/catalog is down/)).length,
    ).toBeGreaterThan(0);
    expect(document.querySelector('[data-domain]')).toBeNull();
  });
});
