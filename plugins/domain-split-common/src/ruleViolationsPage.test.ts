import {
  pageRuleViolations,
  selectRuleViolations,
  violationMatches,
} from './ruleViolationsPage';
import { matchesFilter } from './textFilter';
import type { RuleViolation, RuleViolationsResponse } from './types';

const violation = (
  rule: RuleViolation['rule'],
  name: string,
  message: string,
): RuleViolation => ({
  rule,
  key: `${rule}:${name}`,
  entityRefs: [`component:default/${name}`, 'resource:default/shared-redis'],
  domainRefs: [],
  message,
});

const response: RuleViolationsResponse = {
  rules: [
    { id: 'no-shared-cache', title: 'No shared cache', description: '' },
    { id: 'one-owner-per-domain', title: 'One owner', description: '' },
  ],
  violations: [
    violation('no-shared-cache', 'orders-service', 'Orders uses the cache'),
    violation('no-shared-cache', 'billing', 'Billing uses the cache'),
    violation('contract-tests-before-deploy', 'orders-web', 'No tests'),
  ],
  annotationProblems: [],
};

describe('matchesFilter', () => {
  it('matches any text containing the filter, ignoring case and surrounding blanks', () => {
    expect(matchesFilter('  ORDERS ', 'x', 'my-orders-service')).toBe(true);
    expect(matchesFilter('orders', 'billing', undefined)).toBe(false);
    expect(matchesFilter('   ', 'anything')).toBe(true);
  });
});

describe('violationMatches', () => {
  it('looks at the entity refs and the message', () => {
    const [orders] = response.violations;
    expect(violationMatches(orders, 'Component:Default/Orders')).toBe(true);
    expect(violationMatches(orders, 'USES THE')).toBe(true);
    expect(violationMatches(orders, 'billing')).toBe(false);
    expect(violationMatches(orders, '')).toBe(true);
  });
});

describe('selectRuleViolations and pageRuleViolations', () => {
  it('counts every rule (kept ones too) and the rules only violations name', () => {
    expect(selectRuleViolations(response).counts).toEqual({
      'no-shared-cache': 2,
      'one-owner-per-domain': 0,
      'contract-tests-before-deploy': 1,
    });
  });

  it('filters by text, keeping the order, and counts what matches', () => {
    const selection = selectRuleViolations(response, 'orders');
    expect(selection.violations.map(v => v.key)).toEqual([
      'no-shared-cache:orders-service',
      'contract-tests-before-deploy:orders-web',
    ]);
    expect(selection.counts).toEqual({
      'no-shared-cache': 1,
      'one-owner-per-domain': 0,
      'contract-tests-before-deploy': 1,
    });
  });

  it('pages one rule, with the counts of every rule', () => {
    const page = pageRuleViolations(response, selectRuleViolations(response), {
      rule: 'no-shared-cache',
      limit: 1,
      offset: 1,
    });
    expect(page.violations.map(v => v.key)).toEqual([
      'no-shared-cache:billing',
    ]);
    expect(page).toMatchObject({
      rules: response.rules,
      annotationProblems: [],
      totalItems: 2,
      offset: 1,
      limit: 1,
      counts: { 'no-shared-cache': 2, 'contract-tests-before-deploy': 1 },
    });
  });

  it('gives only the counts for limit 0, and nothing of a rule nobody breaks', () => {
    const selection = selectRuleViolations(response);
    const overview = pageRuleViolations(response, selection, {
      limit: 0,
      offset: 0,
    });
    expect(overview.violations).toEqual([]);
    expect(overview.totalItems).toBe(3);
    const kept = pageRuleViolations(response, selection, {
      rule: 'independent-deploys',
      limit: 10,
      offset: 0,
    });
    expect(kept).toMatchObject({ violations: [], totalItems: 0 });
  });
});
