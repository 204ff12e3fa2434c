import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  domainMatrix,
  paymentsBlastRadius,
  refs,
  serviceMatrix,
} from '../../testUtils/fixtures';
import { mockDomainSplitApi, serverError } from '../../testUtils/mockApi';
import type {
  FailureMatrixResponse,
  ImpactLevel,
} from '@internal/plugin-domain-split-common';
import { MockDomainSplitApi, renderWithApi } from '../../testUtils/render';
import { FailureIsolationTab } from './FailureIsolationTab';

/** A matrix of `n` domains where domain i blocks i+1, waits on i+2 and degrades i+3. */
function largeDomainMatrix(n: number): FailureMatrixResponse {
  const ref = (i: number) => `domain:default/d${i}`;
  const impacts: ImpactLevel[] = ['blocked', 'waits', 'degraded'];
  const titles: Record<string, string> = {};
  for (let i = 0; i < n; i++) titles[ref(i)] = `Domain ${i}`;
  return {
    level: 'domain',
    columns: Array.from({ length: n }, (_, i) => ref(i)),
    titles,
    annotationProblems: [],
    rows: Array.from({ length: n }, (_, i) => ({
      failing: ref(i),
      cells: impacts
        .map((impact, k) => ({
          failing: ref(i),
          affected: ref((i + k + 1) % n),
          impact,
          path: [],
        }))
        .concat({
          failing: ref(i),
          affected: ref(i),
          impact: 'blocked',
          path: [],
        }),
      users: {
        failing: ref(i),
        affected: 'users',
        impact: i === 0 ? 'blocked' : 'none',
        path: [],
      },
      declared: i === 0 ? 'none' : undefined,
      drift: i === 0,
    })),
  };
}

const render = (api: MockDomainSplitApi, route = '/') =>
  renderWithApi(<FailureIsolationTab />, api, { route });

function withData() {
  const api = mockDomainSplitApi();
  api.getFailureMatrix.mockImplementation(async level =>
    level === 'domain' ? domainMatrix : serviceMatrix(300),
  );
  api.getBlastRadius.mockResolvedValue(paymentsBlastRadius);
  return api;
}

describe('FailureIsolationTab', () => {
  it('draws the domain matrix in the seed words, with users, declared and drift', async () => {
    const api = withData();
    await render(api);
    const table = await screen.findByRole('table', {
      name: 'Failure-isolation matrix',
    });
    expect(api.getFailureMatrix).toHaveBeenCalledWith('domain');

    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual([
      'failing ↓ / affected →',
      'Orders',
      'Payments',
      'Inventory',
      'Checkout',
      'Search',
      'Notifications',
      'Users',
      'Declared',
    ]);
    // the seed's matrix: payments → orders wait; inventory → checkout blocked;
    // notifications → no user impact; search → degraded UX
    expect(
      within(table).getByRole('gridcell', { name: 'Payments → Orders: waits' }),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('gridcell', {
        name: 'Inventory → Checkout: blocked',
      }),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('gridcell', {
        name: 'Notifications → Users: none',
      }),
    ).toBeInTheDocument();
    const searchUsers = within(table).getByRole('gridcell', {
      name: 'Search → Users (drift): degraded',
    });
    expect(searchUsers).toHaveStyle({ backgroundColor: '#fdd835' });
    expect(
      within(table).getByRole('gridcell', {
        name: 'Inventory → Checkout: blocked',
      }),
    ).toHaveStyle({ backgroundColor: '#d32f2f' });
    expect(
      screen.getByLabelText('declared none, computed degraded: drift'),
    ).toHaveTextContent('drift');
    expect(
      within(table).getByLabelText('Payments → Inventory: not reached'),
    ).toBeInTheDocument();

    const legend = screen.getByRole('list', { name: 'Impact legend' });
    expect(legend).toHaveTextContent('blocked: the flow stops');
    expect(legend).toHaveTextContent(
      'waits: work queues up and finishes later',
    );
    expect(legend).toHaveTextContent('degraded UX');
    expect(legend).toHaveTextContent('no user impact');
  });

  it('virtualises a large domain matrix, keeping labels, and filters it', async () => {
    const api = mockDomainSplitApi();
    api.getFailureMatrix.mockResolvedValue(largeDomainMatrix(300));
    await render(api);
    const grid = await screen.findByRole('grid', {
      name: 'Failure-isolation matrix',
    });
    // Not 90,000 cells: only the visible window of rows and columns is drawn.
    const drawn = within(grid).getAllByRole('gridcell');
    expect(drawn.length).toBeGreaterThan(10);
    expect(drawn.length).toBeLessThan(2000);
    expect(
      within(grid).getByRole('gridcell', {
        name: 'Domain 0 → Domain 1: blocked',
      }),
    ).toBeInTheDocument();
    expect(
      within(grid).getByRole('gridcell', {
        name: 'Domain 0 → Users (drift): blocked',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(/300 of 300 failing domains/)).toBeInTheDocument();
    // Far rows and columns are reached by filtering.
    expect(
      within(grid).queryByRole('gridcell', {
        name: 'Domain 250 → Domain 251: blocked',
      }),
    ).not.toBeInTheDocument();
    await userEvent.type(
      screen.getByLabelText('Filter failing domains'),
      'Domain 250',
    );
    await userEvent.type(
      screen.getByLabelText('Filter affected domains'),
      'Domain 25',
    );
    const far = await within(grid).findByRole('gridcell', {
      name: 'Domain 250 → Domain 251: blocked',
    });
    await userEvent.click(far);
    expect(far).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByLabelText('Selected impact')).toHaveTextContent(
      'When Domain 250 fails, Domain 251:',
    );
    // 300 domains render slowly on a busy 2-core machine (about 10 s seen).
  }, 60_000);

  it('explains a cell with its path', async () => {
    await render(withData());
    await userEvent.click(
      await screen.findByRole('gridcell', { name: 'Payments → Orders: waits' }),
    );
    const details = screen.getByLabelText('Selected impact');
    expect(details).toHaveTextContent('When Payments fails, Orders:');
    expect(
      within(details).getByText(
        'payments-service → orders-service (waits, override)',
      ),
    ).toBeInTheDocument();
    expect(
      within(details).getByRole('link', { name: 'payments-api' }),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('gridcell', { name: 'Inventory → Users: blocked' }),
    );
    const path = within(screen.getByLabelText('Selected impact')).getByRole(
      'list',
      {
        name: 'Impact path',
      },
    );
    expect(
      within(path)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'inventory-service → checkout-orchestrator (blocked) via dependsOn',
      'checkout-orchestrator → api-gateway (blocked) via dependsOn',
    ]);
  });

  it('switches to the service level and virtualises its rows', async () => {
    const api = withData();
    await render(api);
    await screen.findByRole('table', { name: 'Failure-isolation matrix' });
    await userEvent.click(screen.getByRole('button', { name: 'Services' }));
    const list = await screen.findByRole('list', {
      name: 'Service-level failure matrix',
    });
    expect(api.getFailureMatrix).toHaveBeenLastCalledWith('service');
    expect(screen.getByText(/300 of 300 services/)).toBeInTheDocument();
    expect(within(list).getAllByRole('listitem').length).toBeLessThan(60);

    await userEvent.type(
      screen.getByLabelText('Filter failing services'),
      'svc-150',
    );
    await waitFor(() =>
      expect(screen.getByText(/1 of 300 services/)).toBeInTheDocument(),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'svc-150 → svc-151: blocked' }),
    );
    expect(screen.getByLabelText('Selected impact')).toHaveTextContent(
      'svc-150 → svc-151 (blocked)',
    );
  });

  it('shows the blast radius of a picked entity', async () => {
    const api = withData();
    await render(api);
    await screen.findByRole('table', { name: 'Failure-isolation matrix' });
    await userEvent.click(screen.getByLabelText('Entity'));
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'payments-service (component)',
      }),
    );
    await waitFor(() =>
      expect(api.getBlastRadius).toHaveBeenCalledWith(refs.paymentsService),
    );
    const takesDown = await screen.findByRole('list', { name: 'Takes down' });
    expect(
      within(takesDown).getByRole('link', {
        name: 'component: orders-service',
      }),
    ).toBeInTheDocument();
    await userEvent.click(
      within(takesDown).getByRole('button', { name: 'Why?' }),
    );
    expect(
      within(takesDown).getByText(
        'payments-service → orders-service (waits, override)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Taken down by' }),
    ).toHaveTextContent('payments-db');
  });

  it('opens the blast radius from the URL and from a row', async () => {
    const api = withData();
    await render(api, `/?entity=${encodeURIComponent(refs.inventory)}`);
    await screen.findByRole('list', { name: 'Takes down' });
    expect(api.getBlastRadius).toHaveBeenCalledWith(refs.inventory);
    await userEvent.click(
      screen.getByRole('button', { name: 'Blast radius of Search' }),
    );
    await waitFor(() =>
      expect(api.getBlastRadius).toHaveBeenCalledWith(refs.search),
    );
  });

  it('shows an empty state for an empty catalog', async () => {
    const api = mockDomainSplitApi();
    api.getFailureMatrix.mockResolvedValue({
      level: 'domain',
      columns: [],
      rows: [],
      titles: {},
      annotationProblems: [],
    });
    await render(api);
    expect(
      await screen.findByText('No domains to analyse'),
    ).toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    const api = mockDomainSplitApi();
    api.getFailureMatrix.mockRejectedValue(
      await serverError('graph not built yet'),
    );
    await render(api);
    expect(
      (await screen.findAllByText(/graph not built yet/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('Blast radius')).not.toBeInTheDocument();
  });
});
