import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReleasesResponse } from '@internal/plugin-domain-split-common';
import {
  daysAgo,
  ordersHistory,
  releases,
  unmatched,
} from '../../testUtils/fixtures';
import {
  answerReleasesFromFixture,
  mockDomainSplitApi,
  serverError,
} from '../../testUtils/mockApi';
import { MockDomainSplitApi, renderWithApi } from '../../testUtils/render';
import { ReleasesTab } from './ReleasesTab';

const render = (api: MockDomainSplitApi) => renderWithApi(<ReleasesTab />, api);

function withData() {
  const api = mockDomainSplitApi();
  answerReleasesFromFixture(api);
  api.getUnmatchedEvents.mockResolvedValue(unmatched);
  api.getReleaseHistory.mockResolvedValue(ordersHistory);
  return api;
}

describe('ReleasesTab', () => {
  it('shows the service × environment grid with versions, ages and marks, grouped by domain', async () => {
    await render(withData());
    const grid = await screen.findByRole('list', {
      name: 'Releases by service',
    });
    const columns = within(screen.getByRole('region', { name: 'Release grid' }))
      .getAllByRole('columnheader')
      .map(c => c.textContent);
    expect(columns).toEqual(['Service (3)', 'staging', 'production']);

    expect(
      within(grid).getByRole('link', { name: 'domain: orders' }),
    ).toHaveAttribute('href', '/catalog/default/domain/orders');
    const rows = within(grid).getAllByRole('listitem');
    const ordersRow = rows.find(r =>
      r.textContent?.startsWith('orders-service'),
    )!;
    expect(ordersRow).toHaveTextContent('3.3.0');
    expect(ordersRow).toHaveTextContent('3.2.1');
    expect(ordersRow).toHaveTextContent('3 days ago');
    expect(ordersRow).toHaveTextContent('yesterday');
    expect(
      within(ordersRow).getByRole('img', { name: /^No contract tests/ }),
    ).toBeInTheDocument();
    expect(
      within(ordersRow).getByRole('img', {
        name: 'Lockstep: deployed together with payments-service',
      }),
    ).toBeInTheDocument();

    const paymentsRow = rows.find(r =>
      r.textContent?.startsWith('payments-service'),
    )!;
    expect(
      within(paymentsRow).getByRole('img', {
        name: 'Rollback (replaced 1.9.5)',
      }),
    ).toBeInTheDocument();

    const legacyRow = rows.find(r =>
      r.textContent?.startsWith('legacy-billing'),
    )!;
    expect(legacyRow).toHaveTextContent('not in catalog');
    expect(legacyRow).toHaveTextContent('failure');
    expect(screen.getByText('No domain')).toBeInTheDocument();
  });

  it('opens the history of a service on click', async () => {
    const api = withData();
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'orders-service' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(api.getReleaseHistory).toHaveBeenCalledWith('orders-service');
    expect(
      within(dialog).getByText('History of orders-service'),
    ).toBeInTheDocument();
    expect(
      await within(dialog).findByText('Deployments (2)'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Test runs (2)')).toBeInTheDocument();
    expect(within(dialog).getByText('run-101')).toHaveAttribute(
      'href',
      'https://ci.example.com/runs/101',
    );
    expect(within(dialog).getByText('contract')).toBeInTheDocument();
    // Release events (type: release) have their own table.
    expect(within(dialog).getByText('Releases (1)')).toBeInTheDocument();
    expect(within(dialog).getByText('release-7')).toHaveAttribute(
      'href',
      'https://ci.example.com/releases/7',
    );
    expect(within(dialog).getByText('acme/orders-service')).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('filters services by name and shows only marked ones on demand', async () => {
    const api = withData();
    answerReleasesFromFixture(api, {
      ...releases,
      current: [
        ...releases.current,
        {
          service: 'search-readmodels',
          entityRef: 'component:default/search-readmodels',
          domainRef: 'domain:default/search',
          environment: 'production',
          version: '2.0.0',
          status: 'success',
          deployedAt: daysAgo(5),
          rollback: false,
          withoutContractTests: false,
          lockstepWith: [],
        },
      ],
    });
    await render(api);
    await screen.findByRole('list', { name: 'Releases by service' });
    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Only services with marks or failed deploys',
      }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'search-readmodels' }),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('button', { name: 'orders-service' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Only services with marks or failed deploys',
      }),
    );
    expect(
      await screen.findByRole('button', { name: 'search-readmodels' }),
    ).toBeInTheDocument();

    await screen.findByRole('list', { name: 'Releases by service' });
    await userEvent.type(
      screen.getByLabelText('Filter services or domains'),
      'pay',
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'orders-service' }),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('button', { name: 'payments-service' }),
    ).toBeInTheDocument();
    // Searched and filtered by the backend: the tab asks for the page that matches.
    expect(api.getReleases).toHaveBeenLastCalledWith(
      expect.objectContaining({ q: 'pay', marked: false, offset: 0 }),
    );
    expect(api.getReleases).toHaveBeenCalledWith(
      expect.objectContaining({ q: '', marked: true }),
    );
    // Asked when typing paused, not for every key.
    for (const partial of ['p', 'pa']) {
      expect(api.getReleases).not.toHaveBeenCalledWith(
        expect.objectContaining({ q: partial }),
      );
    }
  });

  it('lists unmatched events', async () => {
    await render(withData());
    expect(await screen.findByText('1 event')).toBeInTheDocument();
    expect(screen.getAllByText('legacy-billing').length).toBeGreaterThan(0);
  });

  it('shows only tracked environments as columns, the others behind a toggle', async () => {
    const api = withData();
    answerReleasesFromFixture(api, {
      ...releases,
      otherEnvironments: ['throwaway-1'],
      current: [
        ...releases.current,
        {
          ...releases.current[0],
          environment: 'throwaway-1',
          version: '9.9.9',
          untracked: true,
        },
      ],
    });
    await render(api);
    await screen.findByRole('list', { name: 'Releases by service' });
    const headers = () =>
      within(screen.getByRole('region', { name: 'Release grid' }))
        .getAllByRole('columnheader')
        .map(h => h.textContent);
    expect(headers()).toEqual([
      expect.stringMatching(/^Service/),
      'staging',
      'production',
    ]);
    expect(screen.queryByText('9.9.9')).not.toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Other environments (1)'));
    expect(await screen.findByText('9.9.9')).toBeInTheDocument();
    expect(api.getReleases).toHaveBeenLastCalledWith(
      expect.objectContaining({ untracked: true }),
    );
    expect(headers()).toEqual([
      expect.stringMatching(/^Service/),
      'staging',
      'production',
      'throwaway-1 (not tracked)',
    ]);
    expect(screen.getByText('9.9.9')).toBeInTheDocument();
  });

  it('pages a long grid: the backend sends one page, the next is asked for', async () => {
    const api = withData();
    const many: ReleasesResponse = {
      environments: ['production'],
      otherEnvironments: [],
      current: Array.from({ length: 400 }, (_, i) => ({
        service: `svc-${String(i).padStart(3, '0')}`,
        entityRef: `component:default/svc-${i}`,
        domainRef: `domain:default/d${i % 10}`,
        environment: 'production',
        version: `1.0.${i}`,
        status: 'success' as const,
        deployedAt: daysAgo(1),
        rollback: false,
        withoutContractTests: false,
        lockstepWith: [],
      })),
    };
    answerReleasesFromFixture(api, many);
    await render(api);
    const grid = await screen.findByRole('list', {
      name: 'Releases by service',
    });
    expect(screen.getByText('Service (400)')).toBeInTheDocument();
    expect(api.getReleases).toHaveBeenLastCalledWith(
      expect.objectContaining({ limit: 25, offset: 0 }),
    );
    // The first page: domain d0's first services, its header counting all 40 of them.
    expect(within(grid).getByText('40 services')).toBeInTheDocument();
    expect(
      within(grid).getByRole('button', { name: 'svc-000' }),
    ).toBeInTheDocument();
    expect(
      within(grid).queryByRole('button', { name: 'svc-250' }),
    ).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    expect(
      await screen.findByRole('button', { name: 'svc-250' }),
    ).toBeInTheDocument();
    expect(api.getReleases).toHaveBeenLastCalledWith(
      expect.objectContaining({ limit: 25, offset: 25 }),
    );
    expect(screen.getByText('26–50 of 400')).toBeInTheDocument();
  });

  it('shows an empty state with a hint when no CI events arrived', async () => {
    const api = mockDomainSplitApi();
    answerReleasesFromFixture(api, {
      environments: [],
      otherEnvironments: [],
      current: [],
    });
    api.getUnmatchedEvents.mockResolvedValue({ items: [] });
    await render(api);
    expect(await screen.findByText('No releases yet')).toBeInTheDocument();
    expect(screen.getByText(/run yarn demo:events/)).toBeInTheDocument();
    expect(
      screen.getByText('Every CI event matches a catalog entity'),
    ).toBeInTheDocument();
  });

  it('shows errors of failed requests', async () => {
    const api = mockDomainSplitApi();
    api.getReleases.mockRejectedValue(
      await serverError('releases table missing'),
    );
    api.getUnmatchedEvents.mockRejectedValue(
      await serverError('events table missing'),
    );
    await render(api);
    expect(
      (await screen.findAllByText(/releases table missing/)).length,
    ).toBeGreaterThan(0);
    expect(
      (await screen.findAllByText(/events table missing/)).length,
    ).toBeGreaterThan(0);
  });
});
