import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { BlastRadiusResponse } from '@internal/plugin-domain-split-common';
import { paymentsBlastRadius, refs } from '../../testUtils/fixtures';
import { mockDomainSplitApi, serverError } from '../../testUtils/mockApi';
import { renderWithApi } from '../../testUtils/render';
import { BlastRadius } from './BlastRadius';

/** The fixture blast radius as a large one is served: every path left out. */
const withoutPaths: BlastRadiusResponse = {
  ...paymentsBlastRadius,
  pathsOmitted: true,
  takesDown: paymentsBlastRadius.takesDown.map(c => ({ ...c, path: [] })),
  users: {
    ...paymentsBlastRadius.users,
    affected: refs.ordersService,
    path: [],
  },
  takenDownBy: paymentsBlastRadius.takenDownBy.map(c => ({ ...c, path: [] })),
};

function setup() {
  const api = mockDomainSplitApi();
  api.getBlastRadius.mockResolvedValue(withoutPaths);
  return api;
}

describe('BlastRadius with paths left out (a large blast radius)', () => {
  it('fetches the path of an entry on "Why?": downstream for what it takes down, upstream for what takes it down', async () => {
    const api = setup();
    api.getImpactPath.mockImplementation(async (failing, affected) => {
      const cell = [
        ...paymentsBlastRadius.takesDown,
        ...paymentsBlastRadius.takenDownBy,
      ].find(c => c.failing === failing && c.affected === affected)!;
      return { ...cell, titles: {} };
    });
    await renderWithApi(<BlastRadius entityRef={refs.paymentsService} />, api);
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
        'payments-service → orders-service (waits, override)',
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
      await within(takenDownBy).findByText(
        'payments-db → payments-service (blocked)',
      ),
    ).toBeInTheDocument();
  });

  it('fetches the users path as `users`', async () => {
    const api = setup();
    api.getImpactPath.mockResolvedValue({
      ...paymentsBlastRadius.users,
      affected: refs.ordersService,
      titles: {},
    });
    await renderWithApi(<BlastRadius entityRef={refs.paymentsService} />, api);
    await screen.findByText('Users, when payments-service fails');
    const [usersWhy] = screen.getAllByRole('button', { name: 'Why?' });
    await userEvent.click(usersWhy);
    expect(api.getImpactPath).toHaveBeenCalledWith(
      refs.paymentsService,
      'users',
      { direction: undefined },
    );
    expect(
      await screen.findByRole('list', { name: 'Impact path' }),
    ).toHaveTextContent('payments-service → orders-service (waits, override)');
  });

  it('shows the error of a failed path request', async () => {
    const api = setup();
    api.getImpactPath.mockRejectedValue(await serverError('no such path'));
    await renderWithApi(<BlastRadius entityRef={refs.paymentsService} />, api);
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

  it('shows the inline paths and asks for nothing when the response carries them', async () => {
    const api = mockDomainSplitApi();
    api.getBlastRadius.mockResolvedValue(paymentsBlastRadius);
    await renderWithApi(<BlastRadius entityRef={refs.paymentsService} />, api);
    const takesDown = await screen.findByRole('list', { name: 'Takes down' });
    await userEvent.click(
      within(takesDown).getByRole('button', { name: 'Why?' }),
    );
    expect(
      within(takesDown).getByText(
        'payments-service → orders-service (waits, override)',
      ),
    ).toBeInTheDocument();
    expect(api.getImpactPath).not.toHaveBeenCalled();
  });
});
