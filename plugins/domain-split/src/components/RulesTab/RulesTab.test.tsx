import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RuleViolationsResponse } from '@internal/plugin-domain-split-common';
import {
  resolvedRuleViolations,
  ruleViolations,
} from '../../testUtils/fixtures';
import { mockDomainSplitApi, serverError } from '../../testUtils/mockApi';
import { MockDomainSplitApi, renderWithApi } from '../../testUtils/render';
import { RulesTab } from './RulesTab';

const render = (api: MockDomainSplitApi) => renderWithApi(<RulesTab />, api);

describe('RulesTab', () => {
  it('groups violations by rule with entity links and the why', async () => {
    const api = mockDomainSplitApi();
    api.getRuleViolations.mockResolvedValue(ruleViolations);
    await render(api);
    expect(api.getRuleViolations).toHaveBeenCalledWith(undefined, {
      status: 'open',
    });
    expect(
      await screen.findByText('3 rules · 2 broken · 2 open violations'),
    ).toBeInTheDocument();

    const db = screen.getByRole('region', {
      name: 'Rule No cross-domain DB access',
    });
    expect(db).toHaveTextContent('1 open');
    expect(db).toHaveTextContent(/open since/);
    expect(db).toHaveTextContent('A database belongs to one domain');
    expect(within(db).getByRole('link', { name: 'orders-db' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/orders-db',
    );
    expect(db).toHaveTextContent(
      'inventory-service (inventory) depends on orders-db of domain orders',
    );

    const owner = screen.getByRole('region', {
      name: 'Rule One owner per domain',
    });
    expect(owner).toHaveTextContent('kept');
    expect(within(owner).getByTitle('kept')).toBeInTheDocument();

    expect(screen.getByText('Annotation problems (1)')).toBeInTheDocument();
    expect(screen.getByText(/must be "true" or "false"/)).toBeInTheDocument();
  });

  it('switches to the violations resolved in the window', async () => {
    const api = mockDomainSplitApi();
    api.getRuleViolations.mockImplementation(async (_ref, options) =>
      options?.status === 'resolved' ? resolvedRuleViolations : ruleViolations,
    );
    await render(api);
    await screen.findByText('3 rules · 2 broken · 2 open violations');
    await userEvent.click(
      screen.getByRole('button', { name: 'Resolved in the window' }),
    );
    expect(
      await screen.findByText('1 violation resolved in the evidence window'),
    ).toBeInTheDocument();
    expect(api.getRuleViolations).toHaveBeenLastCalledWith(undefined, {
      status: 'resolved',
    });
    const events = screen.getByRole('region', {
      name: 'Rule Events only between domains',
    });
    expect(events).toHaveTextContent('1 resolved');
    expect(events).toHaveTextContent(
      'checkout-orchestrator calls orders-service synchronously',
    );
    expect(events).toHaveTextContent(/resolved .*\(open since .*\)/);
    expect(
      screen.getByRole('region', { name: 'Rule One owner per domain' }),
    ).toHaveTextContent('0 resolved');
  });

  it('filters violations by entity or reason', async () => {
    const api = mockDomainSplitApi();
    api.getRuleViolations.mockResolvedValue(ruleViolations);
    await render(api);
    await screen.findByRole('region', {
      name: 'Rule No cross-domain DB access',
    });
    await userEvent.type(
      screen.getByLabelText('Filter by entity or reason'),
      'synchronously',
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('region', {
          name: 'Rule No cross-domain DB access',
        }),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('region', { name: 'Rule Events only between domains' }),
    ).toBeInTheDocument();
  });

  it('virtualises a long list of violations', async () => {
    const api = mockDomainSplitApi();
    const many: RuleViolationsResponse = {
      ...ruleViolations,
      violations: Array.from({ length: 500 }, (_, i) => ({
        rule: 'independent-deploys' as const,
        key: `independent-deploys:svc-${i}`,
        entityRefs: [`component:default/svc-${i}`],
        domainRefs: [],
        message: `svc-${i} deploys in lockstep`,
      })),
    };
    api.getRuleViolations.mockResolvedValue(many);
    await render(api);
    const rule = await screen.findByRole('region', {
      name: 'Rule independent-deploys',
    });
    expect(rule).toHaveTextContent('500 open');
    await userEvent.click(
      within(rule).getByRole('button', { name: /independent-deploys/ }),
    );
    const list = await within(rule).findByRole('list', {
      name: 'Violations of independent-deploys',
    });
    expect(within(list).getAllByRole('listitem').length).toBeLessThan(40);
  });

  it('shows an empty state', async () => {
    const api = mockDomainSplitApi();
    api.getRuleViolations.mockResolvedValue({
      rules: [],
      violations: [],
      annotationProblems: [],
    });
    await render(api);
    expect(
      await screen.findByText('No rules evaluated yet'),
    ).toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    const api = mockDomainSplitApi();
    api.getRuleViolations.mockRejectedValue(await serverError('rules crashed'));
    await render(api);
    expect(
      (await screen.findAllByText(/rules crashed/)).length,
    ).toBeGreaterThan(0);
  });
});
