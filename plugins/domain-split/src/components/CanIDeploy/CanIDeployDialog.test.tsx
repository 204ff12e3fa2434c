import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  CanIDeployResponse,
  ReleaseHistoryResponse,
} from '@internal/plugin-domain-split-common';
import { ordersHistory } from '../../testUtils/fixtures';
import { mockDomainSplitApi, serverError } from '../../testUtils/mockApi';
import { renderWithApi } from '../../testUtils/render';
import { ReleaseHistory } from '../ReleaseHistory';
import { CanIDeployButton } from './CanIDeployDialog';

const ORDERS = 'component:default/orders-service';
const PAYMENTS = 'component:default/payments-service';

const refused: CanIDeployResponse = {
  service: 'payments-service',
  entityRef: PAYMENTS,
  domainRef: 'domain:default/payments',
  version: '1.9.3',
  environment: 'production',
  liveVersion: '1.9.4',
  deployable: false,
  rollback: true,
  reasons: [
    {
      check: 'domain-tests',
      ok: true,
      status: 'passed',
      detail: 'The domain suite passed for payments-service 1.9.3.',
      entityRefs: [PAYMENTS],
    },
    {
      check: 'consumer-contract',
      ok: false,
      status: 'unknown',
      detail:
        'No contract verification between payments-service 1.9.3 and orders-service 3.2.1 (consumer, live in production); orders-service 3.2.1 was verified against payments-service 1.9.4 only.',
      entityRefs: [ORDERS],
    },
  ],
  impact: {
    users: 'none',
    domains: [{ domainRef: 'domain:default/orders', impact: 'waits' }],
    domainCount: 1,
    entityCount: 3,
  },
  titles: {
    [PAYMENTS]: 'Payments Service',
    [ORDERS]: 'Orders Service',
    'domain:default/orders': 'Orders',
  },
  verdictId: 'v-1',
};

describe('CanIDeployDialog', () => {
  it('asks for the typed version and shows the verdict, the reasons with entity links, and the impact', async () => {
    const api = mockDomainSplitApi();
    api.canIDeploy.mockResolvedValue(refused);
    await renderWithApi(
      <CanIDeployButton service="payments-service" environment="production" />,
      api,
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Can I deploy to production?' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Can I deploy payments-service to production?',
    });
    const ask = within(dialog).getByRole('button', { name: 'Ask' });
    expect(ask).toBeDisabled();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Version' }),
      ' 1.9.3 ',
    );
    await userEvent.click(ask);

    expect(api.canIDeploy).toHaveBeenCalledWith({
      service: 'payments-service',
      version: '1.9.3',
      environment: 'production',
    });
    const verdict = await within(dialog).findByRole('alert');
    expect(verdict).toHaveTextContent(
      'No: payments-service 1.9.3 cannot go to production.',
    );
    expect(verdict).toHaveTextContent('Live there now: 1.9.4.');
    expect(within(verdict).getByText('rollback from 1.9.4')).toBeVisible();

    const reasons = within(
      within(dialog).getByRole('list', { name: 'Reasons' }),
    ).getAllByRole('listitem');
    expect(reasons).toHaveLength(2);
    expect(reasons[1]).toHaveTextContent('unknown');
    expect(reasons[1]).toHaveTextContent('Consumer contract');
    expect(reasons[1]).toHaveTextContent(
      'orders-service 3.2.1 was verified against payments-service 1.9.4 only',
    );
    expect(
      within(reasons[1]).getByRole('link', { name: 'Orders Service' }),
    ).toHaveAttribute('href', '/catalog/default/component/orders-service');

    const impact = within(dialog).getByLabelText('Impact');
    expect(impact).toHaveTextContent('Other domains (1):');
    expect(
      within(impact).getByRole('link', { name: 'Orders' }),
    ).toHaveAttribute('href', '/catalog/default/domain/orders');
  });

  it('asks at once for a given version ("Roll back to this?") and says yes', async () => {
    const api = mockDomainSplitApi();
    api.canIDeploy.mockResolvedValue({
      ...refused,
      deployable: true,
      rollback: false,
      reasons: [{ ...refused.reasons[0] }],
      impact: { users: 'blocked', domains: [], domainCount: 0, entityCount: 0 },
    });
    await renderWithApi(
      <CanIDeployButton
        service="payments-service"
        environment="staging"
        version="1.9.3"
        label="Roll back to this?"
      />,
      api,
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Roll back to this?' }),
    );
    const verdict = await screen.findByRole('alert');
    expect(api.canIDeploy).toHaveBeenCalledWith({
      service: 'payments-service',
      version: '1.9.3',
      environment: 'staging',
    });
    expect(verdict).toHaveTextContent(
      'Yes: payments-service 1.9.3 can go to production.',
    );
    expect(screen.queryByText(/rollback from/)).not.toBeInTheDocument();
    expect(screen.getByText('No other domain is affected.')).toBeVisible();
  });

  it('shows the error when the gate cannot answer', async () => {
    const api = mockDomainSplitApi();
    api.canIDeploy.mockRejectedValue(await serverError('database is down'));
    await renderWithApi(
      <CanIDeployButton
        service="orders-service"
        environment="production"
        version="3.3.0"
      />,
      api,
    );
    await userEvent.click(screen.getByRole('button'));
    expect(
      await screen.findByText(/The gate could not answer: .*database is down/),
    ).toBeVisible();
  });
});

describe('ReleaseHistory with the deploy gate', () => {
  it('offers "Can I deploy" per environment, "Roll back to this?" per past version, and lists the answers', async () => {
    const history: ReleaseHistoryResponse = {
      ...ordersHistory,
      verdicts: [
        {
          id: 'v-2',
          service: 'orders-service',
          entityRef: ORDERS,
          version: '3.3.0',
          environment: 'production',
          deployable: false,
          rollback: false,
          reasons: [
            {
              check: 'provider-contract',
              ok: false,
              status: 'unknown',
              detail: '…',
              entityRefs: [PAYMENTS],
            },
          ],
          askedBy: 'external:ci-pipelines',
          askedAt: new Date(Date.now() - 3600_000).toISOString(),
          deployedAfterRefusal: {
            eventId: 'd9',
            occurredAt: new Date().toISOString(),
          },
        },
      ],
    };
    const api = mockDomainSplitApi();
    api.getReleaseHistory.mockResolvedValue(history);
    api.canIDeploy.mockResolvedValue({
      ...refused,
      service: 'orders-service',
      version: '3.2.0',
    });
    await renderWithApi(<ReleaseHistory service="orders-service" />, api);

    expect(
      await screen.findByRole('button', {
        name: 'Can I deploy to production?',
      }),
    ).toBeVisible();
    // 3.2.1 runs in production: only 3.2.0 can be rolled back to.
    const rollbacks = screen.getAllByRole('button', {
      name: 'Roll back to this?',
    });
    expect(rollbacks).toHaveLength(1);
    expect(screen.getByText('deployed after a no')).toBeVisible();
    expect(screen.getByText('provider-contract (unknown)')).toBeVisible();
    expect(screen.getByText('external:ci-pipelines')).toBeVisible();

    await userEvent.click(rollbacks[0]);
    expect(api.canIDeploy).toHaveBeenCalledWith({
      service: 'orders-service',
      version: '3.2.0',
      environment: 'production',
    });
  });
});
