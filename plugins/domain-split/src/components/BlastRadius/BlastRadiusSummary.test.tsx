import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  paymentsBlastRadius,
  paymentsBlastRadiusSummary,
  refs,
} from '../../testUtils/fixtures';
import { mockDomainSplitApi, serverError } from '../../testUtils/mockApi';
import { renderWithApi } from '../../testUtils/render';
import { BlastRadiusSummary } from './BlastRadiusSummary';

/** The API answering the summary, and each path as the backend's /impact-path would. */
function setup() {
  const api = mockDomainSplitApi();
  // The users reached through an entry point (orders-service), so their path can be asked.
  api.getBlastRadiusSummary.mockResolvedValue({
    ...paymentsBlastRadiusSummary,
    users: {
      ...paymentsBlastRadiusSummary.users,
      affected: refs.ordersService,
    },
  });
  api.getImpactPath.mockImplementation(async (failing, affected) => ({
    ...(affected === 'users'
      ? { ...paymentsBlastRadius.users, affected: refs.ordersService }
      : [
          ...paymentsBlastRadius.takesDown,
          ...paymentsBlastRadius.takenDownBy,
        ].find(c => c.failing === failing && c.affected === affected)!),
    titles: {},
  }));
  return api;
}

describe('BlastRadiusSummary, as the card shows it (paths on demand)', () => {
  it('fetches the path of an entry on "Why?": downstream for what it takes down, upstream for what takes it down', async () => {
    const api = setup();
    await renderWithApi(
      <BlastRadiusSummary entityRef={refs.paymentsService} compact />,
      api,
    );
    const takesDown = await screen.findByRole('list', { name: 'Takes down' });
    expect(api.getImpactPath).not.toHaveBeenCalled();
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
        /→ orders-service \(waits, override\)/,
      ),
    ).toBeInTheDocument();

    const takenDownBy = screen.getByRole('list', { name: 'Taken down by' });
    await userEvent.click(
      within(takenDownBy).getByRole('button', { name: 'Why?' }),
    );
    expect(api.getImpactPath).toHaveBeenLastCalledWith(
      'resource:default/payments-db',
      refs.paymentsService,
      { direction: 'upstream' },
    );
    expect(
      await within(takenDownBy).findByText(/^payments-db → .* \(blocked\)$/),
    ).toBeInTheDocument();
  });

  it('fetches the users path as `users`', async () => {
    const api = setup();
    await renderWithApi(
      <BlastRadiusSummary entityRef={refs.paymentsService} compact />,
      api,
    );
    await screen.findByText('Users, when Payments service fails');
    const [usersWhy] = screen.getAllByRole('button', { name: 'Why?' });
    await userEvent.click(usersWhy);
    expect(api.getImpactPath).toHaveBeenCalledWith(
      refs.paymentsService,
      'users',
      { direction: undefined },
    );
    expect(
      await screen.findByRole('list', { name: 'Impact path' }),
    ).toHaveTextContent(/→ orders-service \(waits, override\)/);
  });

  it('shows the error of a failed path request, with a retry', async () => {
    const api = setup();
    api.getImpactPath.mockRejectedValue(await serverError('no such path'));
    await renderWithApi(
      <BlastRadiusSummary entityRef={refs.paymentsService} compact />,
      api,
    );
    const takesDown = await screen.findByRole('list', { name: 'Takes down' });
    await userEvent.click(
      within(takesDown).getByRole('button', { name: 'Why?' }),
    );
    expect(await within(takesDown).findByRole('alert')).toHaveTextContent(
      'Could not load the path: no such path',
    );
    expect(
      within(takesDown).getByRole('button', { name: 'Retry' }),
    ).toBeInTheDocument();
  });
});
