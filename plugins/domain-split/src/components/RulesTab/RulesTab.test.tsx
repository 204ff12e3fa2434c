import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RuleViolationsResponse } from '@internal/plugin-domain-split-common';
import { ruleViolations } from '../../testUtils/fixtures';
import {
  answerRuleViolations,
  mockDomainSplitApi,
  serverError,
} from '../../testUtils/mockApi';
import { MockDomainSplitApi, renderWithApi } from '../../testUtils/render';
import { RulesTab } from './RulesTab';

const render = (api: MockDomainSplitApi) => renderWithApi(<RulesTab />, api);

/** The questions asked of GET /rules/violations, as option objects. */
const asked = (api: MockDomainSplitApi) =>
  api.getRuleViolations.mock.calls.map(([, options]) => options);

describe('RulesTab', () => {
  it('shows the counts of one limit=0 request, and a rule page when its accordion is open', async () => {
    const api = mockDomainSplitApi();
    answerRuleViolations(api);
    await render(api);
    expect(
      await screen.findByText('3 rules · 2 broken · 2 open violations'),
    ).toBeInTheDocument();
    expect(asked(api)[0]).toEqual({ status: 'open', q: '', limit: 0 });

    const db = screen.getByRole('region', {
      name: 'Rule No cross-domain DB access',
    });
    expect(db).toHaveTextContent('1 open');
    // Few violations: open at once, its page asked for.
    expect(
      await within(db).findByText(
        'inventory-service (inventory) depends on orders-db of domain orders',
      ),
    ).toBeInTheDocument();
    expect(db).toHaveTextContent(/open since/);
    expect(db).toHaveTextContent('A database belongs to one domain');
    expect(within(db).getByRole('link', { name: 'orders-db' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/orders-db',
    );
    expect(asked(api)).toContainEqual({
      status: 'open',
      rule: 'no-cross-domain-db',
      q: '',
      limit: 20,
      offset: 0,
    });

    const owner = screen.getByRole('region', {
      name: 'Rule One owner per domain',
    });
    expect(owner).toHaveTextContent('kept');
    expect(within(owner).getByTitle('kept')).toBeInTheDocument();
    // A kept rule asks for nothing.
    expect(asked(api).map(o => o?.rule)).not.toContain('one-owner-per-domain');

    expect(screen.getByText('Annotation problems (1)')).toBeInTheDocument();
    expect(screen.getByText(/must be "true" or "false"/)).toBeInTheDocument();
  });

  it('switches to the violations resolved in the window', async () => {
    const api = mockDomainSplitApi();
    answerRuleViolations(api);
    await render(api);
    await screen.findByText('3 rules · 2 broken · 2 open violations');
    await userEvent.click(
      screen.getByRole('button', { name: 'Resolved in the window' }),
    );
    expect(
      await screen.findByText('1 violation resolved in the evidence window'),
    ).toBeInTheDocument();
    expect(asked(api)).toContainEqual({
      status: 'resolved',
      q: '',
      limit: 0,
    });
    const events = screen.getByRole('region', {
      name: 'Rule Events only between domains',
    });
    expect(events).toHaveTextContent('1 resolved');
    expect(
      await within(events).findByText(
        'checkout-orchestrator calls orders-service synchronously',
      ),
    ).toBeInTheDocument();
    expect(events).toHaveTextContent(/resolved .*\(open since .*\)/);
    expect(
      screen.getByRole('region', { name: 'Rule One owner per domain' }),
    ).toHaveTextContent('0 resolved');
  });

  it('sends the filter to the backend (q), once typing pauses', async () => {
    const api = mockDomainSplitApi();
    answerRuleViolations(api);
    await render(api);
    await screen.findByRole('region', {
      name: 'Rule No cross-domain DB access',
    });
    await userEvent.type(
      screen.getByLabelText('Filter by entity or reason'),
      'synchronously',
    );
    expect(
      await screen.findByText(
        '3 rules · 1 broken · 1 open violation matching “synchronously”',
      ),
    ).toBeInTheDocument();
    // One overview request for the typed text, not one per key.
    const overviews = asked(api).filter(o => o?.limit === 0);
    expect(overviews.map(o => o?.q)).toEqual(['', 'synchronously']);
    await waitFor(() =>
      expect(
        screen.queryByRole('region', {
          name: 'Rule No cross-domain DB access',
        }),
      ).not.toBeInTheDocument(),
    );
    const events = screen.getByRole('region', {
      name: 'Rule Events only between domains',
    });
    expect(
      await within(events).findByText(
        'checkout-orchestrator calls inventory-service synchronously',
      ),
    ).toBeInTheDocument();
    expect(asked(api)).toContainEqual({
      status: 'open',
      rule: 'events-only-between-domains',
      q: 'synchronously',
      limit: 20,
      offset: 0,
    });
  });

  it('asks for a long rule only when expanded, a page at a time', async () => {
    const api = mockDomainSplitApi();
    const many: RuleViolationsResponse = {
      ...ruleViolations,
      violations: Array.from({ length: 250 }, (_, i) => ({
        rule: 'independent-deploys' as const,
        key: `independent-deploys:svc-${i}`,
        entityRefs: [`component:default/svc-${i}`],
        domainRefs: [],
        message: `svc-${i} deploys in lockstep`,
      })),
    };
    answerRuleViolations(api, () => many);
    await render(api);
    const rule = await screen.findByRole('region', {
      name: 'Rule independent-deploys',
    });
    expect(rule).toHaveTextContent('250 open');
    // Collapsed (more than 20): nothing asked for beyond the counts.
    expect(asked(api).some(o => o?.rule === 'independent-deploys')).toBe(false);
    await userEvent.click(
      within(rule).getByRole('button', { name: /independent-deploys/ }),
    );
    await within(rule).findByRole('list', {
      name: 'Violations of independent-deploys',
    });
    expect(within(rule).getByText('20 of 250 shown')).toBeInTheDocument();
    await userEvent.click(
      within(rule).getByRole('button', { name: 'Show 100 more' }),
    );
    expect(
      await within(rule).findByText('120 of 250 shown'),
    ).toBeInTheDocument();
    // Virtualised: of 120 rows, a screenful in the DOM.
    const rows = within(
      within(rule).getByRole('list', {
        name: 'Violations of independent-deploys',
      }),
    ).getAllByRole('listitem').length;
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(40);
    await userEvent.click(
      within(rule).getByRole('button', { name: 'Show 100 more' }),
    );
    await userEvent.click(
      await within(rule).findByRole('button', { name: 'Show 30 more' }),
    );
    await waitFor(() =>
      expect(within(rule).queryByText(/shown$/)).not.toBeInTheDocument(),
    );
    expect(
      asked(api)
        .filter(o => o?.rule === 'independent-deploys')
        .map(o => [o?.offset, o?.limit]),
    ).toEqual([
      [0, 20],
      [20, 100],
      [120, 100],
      [220, 100],
    ]);
  });

  it('shows an empty state', async () => {
    const api = mockDomainSplitApi();
    answerRuleViolations(api, () => ({
      rules: [],
      violations: [],
      annotationProblems: [],
    }));
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
