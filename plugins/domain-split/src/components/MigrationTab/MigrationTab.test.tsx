import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { migration, migrationHistory } from '../../testUtils/fixtures';
import { serveMigration } from '../../testUtils/migrationApi';
import { mockDomainSplitApi, serverError } from '../../testUtils/mockApi';
import { MockDomainSplitApi, renderWithApi } from '../../testUtils/render';
import { MigrationTab } from './MigrationTab';

const render = (api: MockDomainSplitApi) =>
  renderWithApi(<MigrationTab />, api);

function withData() {
  const api = mockDomainSplitApi();
  serveMigration(api, migration);
  api.getMigrationHistory.mockResolvedValue(migrationHistory);
  return api;
}

describe('MigrationTab', () => {
  it('shows every domain with phase, progress, target and schedule', async () => {
    const api = await render(withData());
    const payments = await screen.findByRole('region', {
      name: 'Migration of Payments',
    });
    expect(
      within(payments).getByRole('link', { name: 'Payments' }),
    ).toHaveAttribute('href', '/catalog/default/domain/payments');
    expect(
      within(payments).getByRole('img', {
        name: 'Phase 2 of 3: Logical split; target phase 3',
      }),
    ).toBeInTheDocument();
    expect(
      within(payments).getByRole('progressbar', {
        name: 'Progress of Payments',
      }),
    ).toHaveAttribute('aria-valuenow', '55');
    expect(payments).toHaveTextContent('3 Physical split by 2025-09-30');
    expect(payments).toHaveTextContent('at risk');
    expect(payments).toHaveTextContent(
      'Next: payments-service publishes no events',
    );

    expect(
      screen.getByRole('region', { name: 'Migration of Orders' }),
    ).toHaveTextContent('done');
    expect(
      screen.getByRole('region', { name: 'Migration of Search' }),
    ).toHaveTextContent('no target');
    expect(screen.getByLabelText('1 domains in phase 3')).toBeInTheDocument();
    expect(screen.getByLabelText('1 domains in phase 0')).toBeInTheDocument();
    expect(screen.getByText(/not a date \(YYYY-MM-DD\)/)).toBeInTheDocument();
    // One page of summaries; no domain's detail until a row is opened.
    expect(api.getMigrationOverview).toHaveBeenCalledWith({ limit: 50 });
    expect(api.getDomainMigration).not.toHaveBeenCalled();
  });

  it('expands a domain to its playbook steps with evidence and blockers, fetched when it opens', async () => {
    const api = await render(withData());
    const payments = await screen.findByRole('region', {
      name: 'Migration of Payments',
    });
    await userEvent.click(
      within(payments).getByRole('button', { name: /Payments/ }),
    );
    const step1 = await within(payments).findByRole('button', {
      name: /Step 1: extracted into its own repo/,
    });
    expect(api.getDomainMigration).toHaveBeenCalledTimes(1);
    expect(api.getDomainMigration).toHaveBeenCalledWith(
      'domain:default/payments',
      {},
    );
    await userEvent.click(step1);
    expect(
      await within(payments).findByText(
        'payments-service lives in github.com/acme/payments',
      ),
    ).toBeInTheDocument();
    // the first unmet step is open already, with its blocker and the entity that blocks
    expect(
      within(payments).getByText(/provides no asyncapi API/),
    ).toBeInTheDocument();
    expect(
      within(payments).getAllByRole('link', { name: 'payments-service' })
        .length,
    ).toBeGreaterThan(0);
    expect(
      within(payments).getByText('Step 3: DB joins cut'),
    ).toBeInTheDocument();
    expect(
      within(payments).getByText('Step 4: deploys independently'),
    ).toBeInTheDocument();
  });

  it('links a blocker to the failed run it names', async () => {
    await render(withData());
    const search = await screen.findByRole('region', {
      name: 'Migration of Search',
    });
    await userEvent.click(
      within(search).getByRole('button', { name: /Search/ }),
    );
    await userEvent.click(
      await within(search).findByRole('button', {
        name: /Phase 2: Logical split/,
      }),
    );
    expect(
      await within(search).findByText(/failed \(run 77:/),
    ).toBeInTheDocument();
    expect(
      within(search).getByRole('link', { name: 'open the run' }),
    ).toHaveAttribute('href', 'https://ci.example.com/runs/77');
  });

  it('filters by schedule', async () => {
    const api = await render(withData());
    await screen.findByRole('region', { name: 'Migration of Payments' });
    await userEvent.click(screen.getByLabelText('Schedule'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'at risk' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: 'Migration of Orders' }),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('region', { name: 'Migration of Payments' }),
    ).toBeInTheDocument();
    // The backend filters; the counts above stay those of every domain.
    expect(api.getMigrationOverview).toHaveBeenLastCalledWith({
      schedule: 'at-risk',
      limit: 50,
    });
    expect(screen.getByLabelText('1 domains in phase 3')).toBeInTheDocument();
  });

  it('draws the phase burn-up with target dates and the projection, and the split debt', async () => {
    await render(withData());
    expect(
      await screen.findByRole('img', {
        name: 'Phase burn-up of 3 snapshots: latest 1 of 3 domains in phase 3, 2 at least in phase 2, 2 at least in phase 1; at this pace: phase 3 on 2025-04-26',
      }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('burn-up-projection')).toHaveTextContent(
      '1 of 3 domains in phase 3 · at this pace: phase 3 on 2025-04-26',
    );
    // The accessible tables: one row per snapshot, the targets and the projection.
    for (const button of screen.getAllByRole('button', {
      name: 'Data as a table',
    })) {
      await userEvent.click(button);
    }
    const burnUp = screen.getByRole('table', {
      name: 'Phase burn-up: domains per phase on each snapshot day',
    });
    const rows = within(burnUp)
      .getAllByRole('row')
      .map(r => r.textContent);
    expect(rows).toContain('2025-03-01' + '2' + '2' + '1' + '3');
    // Target dates from the aggregates of GET /migration.
    expect(rows).toContain('2025-09-30Target: Payments → phase 3');
    expect(rows.some(r => /Target: /.test(r ?? ''))).toBe(true);
    expect(rows).toContain(
      '2025-04-26Projection: at this pace: phase 3 on 2025-04-26',
    );

    expect(
      screen.getByRole('img', {
        name: 'Split debt: open violations per rule over 2 snapshots; on 2025-03-01: No cross-domain database access 2, No deploy without passing contract tests 0',
      }),
    ).toBeInTheDocument();
    const debt = screen.getByRole('table', {
      name: 'Split debt: open violations per rule on each snapshot day',
    });
    expect(
      within(debt)
        .getAllByRole('row')
        .map(r => r.textContent),
    ).toEqual([
      'DayNo cross-domain database accessNo deploy without passing contract tests',
      '2025-02-0135',
      '2025-03-0120',
    ]);
  });

  it('shows empty states', async () => {
    const api = mockDomainSplitApi();
    serveMigration(api, {
      generatedAt: new Date().toISOString(),
      domains: [],
      annotationProblems: [],
    });
    api.getMigrationHistory.mockResolvedValue({ snapshots: [] });
    await render(api);
    expect(await screen.findByText('No domains yet')).toBeInTheDocument();
    expect(screen.getByText(/No snapshots yet/)).toBeInTheDocument();
  });

  it('shows errors of failed requests', async () => {
    const api = mockDomainSplitApi();
    api.getMigrationOverview.mockRejectedValue(
      await serverError('catalog read failed'),
    );
    api.getMigrationHistory.mockRejectedValue(
      await serverError('snapshots unavailable'),
    );
    await render(api);
    expect(
      (await screen.findAllByText(/catalog read failed/)).length,
    ).toBeGreaterThan(0);
    expect(
      (await screen.findAllByText(/snapshots unavailable/)).length,
    ).toBeGreaterThan(0);
  });

  it('loads long domain lists a page at a time, filters on the backend and expands', async () => {
    const payments = migration.domains.find(d => d.title === 'Payments')!;
    const domains = Array.from({ length: 300 }, (_, i) => {
      const n = String(i + 1).padStart(3, '0');
      return {
        ...payments,
        domainRef: `domain:default/domain-${n}`,
        title: `Domain ${n}`,
      };
    }).reverse();
    const api = mockDomainSplitApi();
    serveMigration(api, { ...migration, domains });
    api.getMigrationHistory.mockResolvedValue(migrationHistory);
    await render(api);

    // sorted by title, the first page only, and only its first rows in the DOM
    await screen.findByRole('region', { name: 'Migration of Domain 001' });
    const rows = screen.getAllByRole('region', { name: /^Migration of / });
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.length).toBeLessThan(30);
    expect(rows[0]).toHaveAccessibleName('Migration of Domain 001');
    expect(
      screen.queryByRole('region', { name: 'Migration of Domain 250' }),
    ).not.toBeInTheDocument();
    // The tiles count every domain, not the page.
    expect(screen.getByLabelText('300 domains in phase 2')).toBeInTheDocument();
    expect(screen.getByText('50 of 300 domains shown')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(
      await screen.findByText('100 of 300 domains shown'),
    ).toBeInTheDocument();
    expect(api.getMigrationOverview).toHaveBeenLastCalledWith({
      limit: 50,
      offset: 50,
    });

    // filtering (on the backend) reaches a row far down the list
    await userEvent.type(screen.getByLabelText('Filter domains'), 'Domain 250');
    // (the rows of a shorter text's answer may show first)
    await waitFor(() =>
      expect(
        screen.getAllByRole('region', { name: /^Migration of / }),
      ).toHaveLength(1),
    );
    const row = screen.getByRole('region', {
      name: 'Migration of Domain 250',
    });
    expect(api.getMigrationOverview).toHaveBeenLastCalledWith({
      q: 'Domain 250',
      limit: 50,
    });
    expect(screen.queryByText(/domains shown/)).not.toBeInTheDocument();

    // expanding it fetches and shows its details, only for that row
    await userEvent.click(
      within(row).getByRole('button', { name: /Domain 250/ }),
    );
    expect(
      await within(row).findByRole('button', {
        name: /Step 1: extracted into its own repo/,
      }),
    ).toBeInTheDocument();
    expect(api.getDomainMigration).toHaveBeenCalledWith(
      'domain:default/domain-250',
      {},
    );
    expect(
      within(row).getByRole('button', { name: /Domain 250/ }),
    ).toHaveAttribute('aria-expanded', 'true');

    // clearing the filter brings the first page back
    await userEvent.clear(screen.getByLabelText('Filter domains'));
    await screen.findByRole('region', { name: 'Migration of Domain 001' });
    expect(
      screen.getAllByRole('region', { name: /^Migration of / }).length,
    ).toBeLessThan(30);
    expect(screen.queryAllByText('Physical split playbook')).toHaveLength(0);
  });

  it('shows the first entries of each criterion of an opened domain, and all of them on demand', async () => {
    const payments = migration.domains.find(d => d.title === 'Payments')!;
    const evidence = Array.from(
      { length: 25 },
      (_, i) => `component-${i} lives outside the monorepo`,
    );
    const big = {
      ...payments,
      steps: payments.steps.map(step =>
        step.step === 1
          ? {
              ...step,
              criteria: step.criteria.map(c => ({ ...c, evidence })),
            }
          : step,
      ),
    };
    const api = mockDomainSplitApi();
    serveMigration(api, { ...migration, domains: [big] });
    api.getMigrationHistory.mockResolvedValue(migrationHistory);
    await render(api);
    const row = await screen.findByRole('region', {
      name: 'Migration of Payments',
    });
    await userEvent.click(
      within(row).getByRole('button', { name: /Payments/ }),
    );
    await userEvent.click(
      await within(row).findByRole('button', {
        name: /Step 1: extracted into its own repo/,
      }),
    );
    expect(
      await within(row).findByText('component-9 lives outside the monorepo'),
    ).toBeInTheDocument();
    expect(
      within(row).queryByText('component-10 lives outside the monorepo'),
    ).not.toBeInTheDocument();
    expect(within(row).getByText('… and 15 more')).toBeInTheDocument();

    await userEvent.click(
      within(row).getByRole('button', { name: 'Show all' }),
    );
    expect(
      await within(row).findByText('component-24 lives outside the monorepo'),
    ).toBeInTheDocument();
    expect(api.getDomainMigration).toHaveBeenLastCalledWith(
      'domain:default/payments',
      { limit: 10_000 },
    );
    expect(
      within(row).queryByRole('button', { name: 'Show all' }),
    ).not.toBeInTheDocument();
  });
});
