import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  FailureMatrixResponse,
  ImpactLevel,
  ImpactPathResponse,
} from '@internal/plugin-domain-split-common';
import { domainMatrix, refs } from '../../testUtils/fixtures';
import {
  answerMatrixPages,
  mockDomainSplitApi,
  serverError,
} from '../../testUtils/mockApi';
import { MockDomainSplitApi, renderWithApi } from '../../testUtils/render';
import { FailureIsolationTab } from './FailureIsolationTab';

/** The fixture matrix as a large result is served: every path left out. */
const withoutPaths: FailureMatrixResponse = {
  ...domainMatrix,
  pathsOmitted: true,
  rows: domainMatrix.rows.map(row => ({
    ...row,
    cells: row.cells.map(cell => ({ ...cell, path: [] })),
    users: { ...row.users, path: [] },
  })),
};

const paymentsOrders = domainMatrix.rows[0].cells[0];
const paymentsOrdersPath: ImpactPathResponse = {
  ...paymentsOrders,
  // Titles of the path's refs come with the cell.
  titles: {
    [refs.paymentsService]: 'Payments Service',
    [refs.ordersService]: 'Orders Service',
    [refs.paymentsApi]: 'Payments API',
  },
};

const render = (api: MockDomainSplitApi) =>
  renderWithApi(<FailureIsolationTab />, api);

function withMatrix(matrix: FailureMatrixResponse) {
  const api = mockDomainSplitApi();
  api.getFailureMatrix.mockImplementation(
    answerMatrixPages({ domain: matrix }),
  );
  return api;
}

describe('FailureIsolationTab with paths left out (a large matrix)', () => {
  it('fetches the path of the one selected cell, with a loading state', async () => {
    const api = withMatrix(withoutPaths);
    let answer: (cell: ImpactPathResponse) => void = () => {};
    api.getImpactPath.mockImplementation(
      () => new Promise(resolve => (answer = resolve)),
    );
    await render(api);
    const cell = await screen.findByRole('gridcell', {
      name: 'Payments → Orders: waits',
    });
    expect(api.getImpactPath).not.toHaveBeenCalled();
    await userEvent.click(cell);
    const details = screen.getByLabelText('Selected impact');
    expect(details).toHaveTextContent('When Payments fails, Orders:');
    expect(within(details).getByRole('status')).toHaveTextContent(
      'Loading the path…',
    );
    expect(api.getImpactPath).toHaveBeenCalledTimes(1);
    expect(api.getImpactPath).toHaveBeenCalledWith(refs.payments, refs.orders, {
      direction: undefined,
    });
    answer(paymentsOrdersPath);
    expect(
      await within(details).findByText(
        'Payments Service → Orders Service (waits, override)',
      ),
    ).toBeInTheDocument();
    expect(
      within(details).getByRole('link', { name: 'Payments API' }),
    ).toBeInTheDocument();
    expect(within(details).queryByRole('status')).not.toBeInTheDocument();
  });

  it('asks for the users cell as `users`', async () => {
    const api = withMatrix(withoutPaths);
    api.getImpactPath.mockResolvedValue({
      ...domainMatrix.rows[1].users,
      titles: {},
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('gridcell', {
        name: 'Inventory → Users: blocked',
      }),
    );
    expect(api.getImpactPath).toHaveBeenCalledWith(refs.inventory, 'users', {
      direction: undefined,
    });
    const path = await within(
      screen.getByLabelText('Selected impact'),
    ).findByRole('list', { name: 'Impact path' });
    expect(within(path).getAllByRole('listitem')).toHaveLength(2);
  });

  it('shows the error of a failed path request, and retries', async () => {
    const api = withMatrix(withoutPaths);
    api.getImpactPath
      .mockRejectedValueOnce(await serverError('catalog unavailable'))
      .mockResolvedValueOnce(paymentsOrdersPath);
    await render(api);
    await userEvent.click(
      await screen.findByRole('gridcell', { name: 'Payments → Orders: waits' }),
    );
    const details = screen.getByLabelText('Selected impact');
    expect(await within(details).findByRole('alert')).toHaveTextContent(
      'Could not load the path: catalog unavailable',
    );
    await userEvent.click(
      within(details).getByRole('button', { name: 'Retry' }),
    );
    expect(
      await within(details).findByText(
        'Payments Service → Orders Service (waits, override)',
      ),
    ).toBeInTheDocument();
    expect(api.getImpactPath).toHaveBeenCalledTimes(2);
  });

  it('uses the inline path and asks for nothing when the matrix carries its paths', async () => {
    const api = withMatrix(domainMatrix);
    await render(api);
    await userEvent.click(
      await screen.findByRole('gridcell', { name: 'Payments → Orders: waits' }),
    );
    expect(
      within(screen.getByLabelText('Selected impact')).getByText(
        'payments-service → orders-service (waits, override)',
      ),
    ).toBeInTheDocument();
    expect(api.getImpactPath).not.toHaveBeenCalled();
  });

  it('in the virtualised grid too: the tooltip says to select, the selection fetches', async () => {
    const n = 40;
    const ref = (i: number) => `domain:default/d${i}`;
    const titles: Record<string, string> = {};
    for (let i = 0; i < n; i++) titles[ref(i)] = `Domain ${i}`;
    const large: FailureMatrixResponse = {
      level: 'domain',
      columns: Array.from({ length: n }, (_, i) => ref(i)),
      titles,
      annotationProblems: [],
      pathsOmitted: true,
      rows: Array.from({ length: n }, (_, i) => ({
        failing: ref(i),
        cells: [
          {
            failing: ref(i),
            affected: ref((i + 1) % n),
            impact: 'blocked' as ImpactLevel,
            path: [],
          },
        ],
        users: {
          failing: ref(i),
          affected: 'users',
          impact: 'none' as ImpactLevel,
          path: [],
        },
        drift: false,
      })),
    };
    const api = withMatrix(large);
    api.getImpactPath.mockResolvedValue({
      failing: ref(0),
      affected: ref(1),
      impact: 'blocked',
      path: [
        {
          consumer: 'component:default/b',
          provider: 'component:default/a',
          impact: 'blocked',
          via: 'dependsOn',
          overridden: false,
        },
      ],
      titles: { 'component:default/a': 'A', 'component:default/b': 'B' },
    });
    await render(api);
    const grid = await screen.findByRole('grid', {
      name: 'Failure-isolation matrix',
    });
    const cell = within(grid).getByRole('gridcell', {
      name: 'Domain 0 → Domain 1: blocked',
    });
    expect(cell).toHaveAttribute('title', 'select for the path');
    await userEvent.click(cell);
    expect(api.getImpactPath).toHaveBeenCalledWith(ref(0), ref(1), {
      direction: undefined,
    });
    expect(
      await within(screen.getByLabelText('Selected impact')).findByText(
        'A → B (blocked)',
      ),
    ).toBeInTheDocument();
  });
});
