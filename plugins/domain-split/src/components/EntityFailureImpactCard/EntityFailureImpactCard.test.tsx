import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { paymentsBlastRadius, refs } from '../../testUtils/fixtures';
import { paymentsServiceEntity } from '../../testUtils/entities';
import { mockDomainSplitApi, serverError } from '../../testUtils/mockApi';
import { MockDomainSplitApi, renderWithApi } from '../../testUtils/render';
import { EntityFailureImpactCard } from './EntityFailureImpactCard';

const render = (api: MockDomainSplitApi) =>
  renderWithApi(<EntityFailureImpactCard />, api, {
    entity: paymentsServiceEntity,
  });

describe('EntityFailureImpactCard', () => {
  it('shows what this entity takes down, what takes it down, and why', async () => {
    const api = mockDomainSplitApi();
    api.getBlastRadius.mockResolvedValue(paymentsBlastRadius);
    await render(api);
    expect(api.getBlastRadius).toHaveBeenCalledWith(refs.paymentsService);

    expect(
      await screen.findByText('Users, when payments-service fails'),
    ).toBeInTheDocument();
    const takesDown = screen.getByRole('list', { name: 'Takes down' });
    expect(within(takesDown).getByText('waits')).toBeInTheDocument();
    await userEvent.click(
      within(takesDown).getByRole('button', { name: 'Why?' }),
    );
    expect(
      within(takesDown).getByText(
        'payments-service → orders-service (waits, override)',
      ),
    ).toBeInTheDocument();

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

  it('says so when nothing fails with it', async () => {
    const api = mockDomainSplitApi();
    api.getBlastRadius.mockResolvedValue({
      entityRef: refs.paymentsService,
      takesDown: [],
      takenDownBy: [],
      users: {
        failing: refs.paymentsService,
        affected: 'users',
        impact: 'none',
        path: [],
      },
    });
    await render(api);
    expect(
      await screen.findByText('Nothing else fails with it.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No dependency of it can take it down.'),
    ).toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    const api = mockDomainSplitApi();
    api.getBlastRadius.mockRejectedValue(await serverError('unknown entity'));
    await render(api);
    expect(
      (await screen.findAllByText(/unknown entity/)).length,
    ).toBeGreaterThan(0);
  });
});
