import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  domainMatrix,
  paymentsBlastRadius,
  paymentsBlastRadiusSummary,
  refs,
  serviceMatrix,
} from '../../testUtils/fixtures';
import {
  answerEntriesFromRadius,
  answerMatrixPages,
  mockDomainSplitApi,
  serverError,
} from '../../testUtils/mockApi';
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
  api.getFailureMatrix.mockImplementation(
    answerMatrixPages({ domain: domainMatrix, service: serviceMatrix(300) }),
  );
  // The side panel reads the bounded summary and pages of entries, never the whole radius.
  api.getBlastRadiusSummary.mockImplementation(async entityRef => ({
    ...paymentsBlastRadiusSummary,
    entityRef,
  }));
  answerEntriesFromRadius(api, paymentsBlastRadius);
  api.getImpactPath.mockImplementation(async (failing, affected) => ({
    ...[
      ...paymentsBlastRadius.takesDown,
      ...paymentsBlastRadius.takenDownBy,
    ].find(c => c.failing === failing && c.affected === affected)!,
    titles: {},
  }));
  return api;
}

describe('FailureIsolationTab', () => {
  it('draws the domain matrix in the seed words, with users, declared and drift', async () => {
    const api = withData();
    await render(api);
    const table = await screen.findByRole('table', {
      name: 'Failure-isolation matrix',
    });
    // A page of rows (this small matrix is one page).
    expect(api.getFailureMatrix).toHaveBeenCalledTimes(1);
    expect(api.getFailureMatrix).toHaveBeenCalledWith('domain', {
      limit: 50,
      offset: 0,
    });

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

  it('virtualises a large domain matrix, loading the rows it shows page by page, and filters it', async () => {
    const api = mockDomainSplitApi();
    api.getFailureMatrix.mockImplementation(
      answerMatrixPages({ domain: largeDomainMatrix(300) }),
    );
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
    // Only the page of the rows drawn was asked, not all six.
    const pagesAsked = () =>
      api.getFailureMatrix.mock.calls.map(([, page]) => page?.offset);
    expect(pagesAsked()).toEqual([0]);
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
    // The far row is known by its domain (a column) before its page arrives.
    const far = await within(grid).findByRole('gridcell', {
      name: 'Domain 250 → Domain 251: blocked',
    });
    // Only the pages of rows drawn on the way ("Domain 2" draws 2, 20–29, 200–…), never all.
    expect(pagesAsked()).toContain(250);
    for (const never of [50, 100, 150]) {
      expect(pagesAsked()).not.toContain(never);
    }
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

  it('switches to the service level and turns its pages', async () => {
    const api = withData();
    await render(api);
    await screen.findByRole('table', { name: 'Failure-isolation matrix' });
    await userEvent.click(screen.getByRole('button', { name: 'Services' }));
    const list = await screen.findByRole('list', {
      name: 'Service-level failure matrix',
    });
    expect(api.getFailureMatrix).toHaveBeenLastCalledWith('service', {
      limit: 25,
      offset: 0,
      cells: 12,
    });
    expect(screen.getByText('Services 1–25 of 300')).toBeInTheDocument();
    expect(within(list).getAllByRole('listitem')).toHaveLength(25);
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(
      await screen.findByText('Services 51–75 of 300'),
    ).toBeInTheDocument();
    expect(api.getFailureMatrix).toHaveBeenLastCalledWith('service', {
      limit: 25,
      offset: 50,
      cells: 12,
    });
    // The filter box is answered by the backend, over every service (not only this page).
    await userEvent.type(
      screen.getByLabelText('Filter failing services'),
      'SVC-25',
    );
    expect(await screen.findByText('Services 1–10 of 10')).toBeInTheDocument();
    expect(api.getFailureMatrix).toHaveBeenLastCalledWith('service', {
      limit: 25,
      offset: 0,
      q: 'SVC-25',
      cells: 12,
    });
    await userEvent.clear(screen.getByLabelText('Filter failing services'));
    await userEvent.type(
      screen.getByLabelText('Filter failing services'),
      'svc-050',
    );
    expect(await screen.findByText('Services 1–1 of 1')).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'svc-050 → svc-051: blocked' }),
    );
    expect(screen.getByLabelText('Selected impact')).toHaveTextContent(
      'svc-050 → svc-051 (blocked)',
    );
  }, 60_000);

  it('lists the 12 worst impacts of a service and counts the others it reaches', async () => {
    const matrix = serviceMatrix(40);
    const first = matrix.rows[0];
    // svc-000 reaches svc-001 … svc-020: the first five blocked, the others with no impact.
    first.cells = Array.from({ length: 20 }, (_, k) => ({
      failing: first.failing,
      affected: matrix.rows[k + 1].failing,
      impact: k < 5 ? ('blocked' as const) : ('none' as const),
      path: [],
    }));
    const api = mockDomainSplitApi();
    api.getFailureMatrix.mockImplementation(
      answerMatrixPages({ domain: domainMatrix, service: matrix }),
    );
    await render(api, '/?level=service');
    const list = await screen.findByRole('list', {
      name: 'Service-level failure matrix',
    });
    const row = within(list).getAllByRole('listitem')[0];
    const chips = within(row).getAllByRole('button', { name: /^svc-000 → / });
    expect(chips).toHaveLength(12);
    expect(
      chips.filter(chip =>
        chip.getAttribute('aria-label')?.endsWith('blocked'),
      ),
    ).toHaveLength(5);
    // The page brought 12 of the 20; the row says how many more it reaches.
    expect(row).toHaveTextContent('+8 more');
    const page = await api.getFailureMatrix.mock.results[0].value;
    expect(page.rows[0].cells).toHaveLength(12);
    expect(page.rows[0].moreCells).toBe(8);
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
      expect(api.getBlastRadiusSummary).toHaveBeenCalledWith(
        refs.paymentsService,
      ),
    );
    const takesDown = await screen.findByRole('list', { name: 'Takes down' });
    expect(
      await within(takesDown).findByRole('link', {
        name: 'component: orders-service',
      }),
    ).toBeInTheDocument();
    await userEvent.click(
      within(takesDown).getByRole('button', { name: 'Why?' }),
    );
    expect(
      await within(takesDown).findByText(
        'Payments service → orders-service (waits, override)',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('list', { name: 'Taken down by' }),
    ).toHaveTextContent('payments-db');
    expect(api.getBlastRadius).not.toHaveBeenCalled();
  });

  it('opens the blast radius from the URL and from a row', async () => {
    const api = withData();
    await render(api, `/?entity=${encodeURIComponent(refs.inventory)}`);
    await screen.findByRole('list', { name: 'Takes down' });
    expect(api.getBlastRadiusSummary).toHaveBeenCalledWith(refs.inventory);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Blast radius of Search' }),
    );
    await waitFor(() =>
      expect(api.getBlastRadiusSummary).toHaveBeenCalledWith(refs.search),
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
      totalItems: 0,
      offset: 0,
      limit: 4,
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
