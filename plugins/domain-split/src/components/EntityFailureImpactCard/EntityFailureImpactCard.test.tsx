import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  BlastRadiusSummaryResponse,
  MatrixCell,
} from '@internal/plugin-domain-split-common';
import {
  paymentsBlastRadius,
  paymentsBlastRadiusSummary,
  refs,
} from '../../testUtils/fixtures';
import { paymentsServiceEntity } from '../../testUtils/entities';
import { mockDomainSplitApi, serverError } from '../../testUtils/mockApi';
import { MockDomainSplitApi, renderWithApi } from '../../testUtils/render';
import { EntityFailureImpactCard } from './EntityFailureImpactCard';

const render = (api: MockDomainSplitApi) =>
  renderWithApi(<EntityFailureImpactCard />, api, {
    entity: paymentsServiceEntity,
  });

const cell = (affected: string, impact: MatrixCell['impact']): MatrixCell => ({
  failing: refs.paymentsService,
  affected,
  impact,
  path: [],
});

/** A blast radius of 10,000 entities, summarised: the card shows ten and the counts. */
const largeSummary: BlastRadiusSummaryResponse = {
  ...paymentsBlastRadiusSummary,
  users: cell(refs.apiGateway, 'blocked'),
  takesDown: {
    total: 10_000,
    byImpact: { blocked: 9_000, waits: 700, degraded: 0, none: 300 },
    byKind: { component: 6_000, resource: 4_000 },
    worst: Array.from({ length: 10 }, (_, i) =>
      cell(`component:default/service-${i}`, 'blocked'),
    ),
    hidden: { count: 2, impact: 'waits' },
  },
  domains: Array.from({ length: 10 }, (_, i) => ({
    domainRef: `domain:default/domain-${i}`,
    impact: 'blocked' as const,
    count: 30 - i,
  })),
  domainCount: 300,
  titles: {},
};

describe('EntityFailureImpactCard', () => {
  it('shows the users impact, the counts, the affected domains and the worst hits, with their paths on demand', async () => {
    const api = mockDomainSplitApi();
    api.getBlastRadiusSummary.mockResolvedValue(paymentsBlastRadiusSummary);
    api.getImpactPath.mockImplementation(async (failing, affected) => ({
      ...[
        ...paymentsBlastRadius.takesDown,
        ...paymentsBlastRadius.takenDownBy,
      ].find(c => c.failing === failing && c.affected === affected)!,
      titles: {},
    }));
    await render(api);
    expect(api.getBlastRadiusSummary).toHaveBeenCalledWith(
      refs.paymentsService,
    );
    // Never the whole blast radius.
    expect(api.getBlastRadius).not.toHaveBeenCalled();
    expect(api.getBlastRadiusEntries).not.toHaveBeenCalled();

    expect(
      await screen.findByText('Users, when Payments service fails'),
    ).toBeInTheDocument();
    expect(screen.getByText('Takes down (1)')).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Takes down by impact' }),
    ).toHaveTextContent('1 waits');
    const domains = screen.getByRole('list', { name: 'Affected domains' });
    expect(
      within(domains).getByRole('link', { name: 'Orders' }),
    ).toHaveAttribute('href', '/catalog/default/domain/orders');
    expect(domains).toHaveTextContent('waits');
    expect(domains).toHaveTextContent('1 entity reached');

    const takesDown = screen.getByRole('list', { name: 'Takes down' });
    expect(within(takesDown).getByText('waits')).toBeInTheDocument();
    await userEvent.click(
      within(takesDown).getByRole('button', { name: 'Why?' }),
    );
    expect(api.getImpactPath).toHaveBeenCalledWith(
      refs.paymentsService,
      refs.ordersService,
      { direction: 'downstream' },
    );
    expect(
      await within(takesDown).findByText(
        'Payments service → orders-service (waits, override)',
      ),
    ).toBeInTheDocument();

    expect(screen.getByText('Taken down by (1)')).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Taken down by by impact' }),
    ).toHaveTextContent('1 blocked');
    const takenDownBy = screen.getByRole('list', { name: 'Taken down by' });
    expect(
      within(takenDownBy).getByRole('link', { name: 'resource: payments-db' }),
    ).toHaveAttribute('href', '/catalog/default/resource/payments-db');
    expect(within(takenDownBy).getByText('blocked')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Failure-isolation matrix/ }),
    ).toHaveAttribute(
      'href',
      `/domain-split/failure-isolation?entity=${encodeURIComponent(
        refs.paymentsService,
      )}`,
    );
  });

  it('answers a large blast radius with its counts, ten worst hits and how many more', async () => {
    const api = mockDomainSplitApi();
    api.getBlastRadiusSummary.mockResolvedValue(largeSummary);
    await render(api);
    expect(await screen.findByText('Takes down (10,000)')).toBeInTheDocument();
    const counts = screen.getByRole('list', { name: 'Takes down by impact' });
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['9,000 blocked', '700 waits', '300 none']);
    expect(
      screen.getByText('6,000 components, 4,000 resources'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('and 2 entities you cannot see (at worst waits)'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Takes down' })).getAllByRole(
        'listitem',
      ),
    ).toHaveLength(10);
    expect(
      screen.getByText(
        'and 9,990 more (the Failure impact tab lists them all)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Affected domains (300)')).toBeInTheDocument();
    expect(screen.getByText('and 290 more domains')).toBeInTheDocument();
    expect(api.getBlastRadius).not.toHaveBeenCalled();
  });

  it('says so when nothing fails with it', async () => {
    const api = mockDomainSplitApi();
    api.getBlastRadiusSummary.mockResolvedValue({
      entityRef: refs.paymentsService,
      users: cell('users', 'none'),
      takesDown: {
        total: 0,
        byImpact: { none: 0, degraded: 0, waits: 0, blocked: 0 },
        byKind: {},
        worst: [],
      },
      takenDownBy: {
        total: 0,
        byImpact: { none: 0, degraded: 0, waits: 0, blocked: 0 },
        byKind: {},
        worst: [],
      },
      domains: [],
      domainCount: 0,
      titles: {},
    });
    await render(api);
    expect(
      await screen.findByText('Nothing else fails with it.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No dependency of it can take it down.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No domain is affected.')).toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    const api = mockDomainSplitApi();
    api.getBlastRadiusSummary.mockRejectedValue(
      await serverError('unknown entity'),
    );
    await render(api);
    expect(
      (await screen.findAllByText(/unknown entity/)).length,
    ).toBeGreaterThan(0);
  });
});
