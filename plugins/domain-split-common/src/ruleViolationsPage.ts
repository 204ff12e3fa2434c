/**
 * GET /rules/violations answers a page: the violations of one status (and entity) narrowed by
 * a text filter `q` and a `rule`, with the count per rule of the q-filtered list (the Rules
 * tab's overview is one `limit=0` call; an accordion pages its rule's violations).
 */
import { pageOf, PageLimits, PageQuery } from './paging';
import { matchesFilter } from './textFilter';
import type {
  RuleId,
  RuleViolation,
  RuleViolationsPageResponse,
  RuleViolationsResponse,
} from './types';

/**
 * The default and the largest page of GET /rules/violations.
 * @public
 */
export const RULE_VIOLATIONS_PAGE_LIMIT: PageLimits = {
  default: 100,
  max: 500,
};

/**
 * Whether a violation matches the text filter `q` (case-insensitive, over its entity refs and
 * message); an empty `q` matches every one.
 * @public
 */
export function violationMatches(violation: RuleViolation, q: string): boolean {
  return matchesFilter(q, violation.message, ...violation.entityRefs);
}

/**
 * The violations that match `q` (in their order), per rule, with the counts per rule: every
 * rule of `rules` has a count (0 when none matches).
 * @public
 */
export interface RuleViolationSelection {
  violations: RuleViolation[];
  byRule: Map<RuleId, RuleViolation[]>;
  counts: Partial<Record<RuleId, number>>;
}

/**
 * Narrows `response.violations` (already of one status and entity) to those matching `q`,
 * grouped by rule; the order is kept.
 * @public
 */
export function selectRuleViolations(
  response: RuleViolationsResponse,
  q = '',
): RuleViolationSelection {
  const violations = q.trim()
    ? response.violations.filter(v => violationMatches(v, q))
    : response.violations;
  const byRule = new Map<RuleId, RuleViolation[]>();
  for (const rule of response.rules) byRule.set(rule.id, []);
  for (const violation of violations) {
    let list = byRule.get(violation.rule);
    if (!list) {
      list = [];
      byRule.set(violation.rule, list);
    }
    list.push(violation);
  }
  const counts: Partial<Record<RuleId, number>> = {};
  for (const [rule, list] of byRule) counts[rule] = list.length;
  return { violations, byRule, counts };
}

/**
 * One page of the answer, of one `rule` (or every rule), cut from a selection of `response`
 * (see {@link selectRuleViolations}); `counts` ignore `rule`.
 * @public
 */
export function pageRuleViolations(
  response: RuleViolationsResponse,
  selection: RuleViolationSelection,
  query: PageQuery & { rule?: RuleId },
): RuleViolationsPageResponse {
  const listed = query.rule
    ? selection.byRule.get(query.rule) ?? []
    : selection.violations;
  const { items, ...page } = pageOf(listed, query);
  return {
    ...response,
    violations: items,
    ...page,
    counts: selection.counts,
  };
}
