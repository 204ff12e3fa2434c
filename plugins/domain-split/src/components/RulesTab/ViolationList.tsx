import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type {
  RuleDescription,
  RuleViolation,
  RuleViolationsResponse,
} from '@internal/plugin-domain-split-common';
import { formatDateTime } from '../../utils/format';
import { EntityLinkList } from '../EntityLink';
import { VirtualList } from '../VirtualList';

/**
 * Violations grouped by rule, in the order of `rules`; rules that only appear in violations
 * come last with their id as title.
 * @internal
 */
export function groupByRule(
  data: Pick<RuleViolationsResponse, 'rules' | 'violations'>,
) {
  const groups = new Map<
    string,
    { rule: RuleDescription; violations: RuleViolation[] }
  >();
  for (const rule of data.rules) {
    groups.set(rule.id, { rule, violations: [] });
  }
  for (const violation of data.violations) {
    const group = groups.get(violation.rule) ?? {
      rule: { id: violation.rule, title: violation.rule, description: '' },
      violations: [],
    };
    group.violations.push(violation);
    groups.set(violation.rule, group);
  }
  return [...groups.values()];
}

/**
 * When a violation was seen: `open since …` or `resolved … (open since …)`; empty when the
 * backend sent no lifecycle.
 * @internal
 */
export function lifecycleText(v: RuleViolation): string {
  if (v.status === 'resolved' && v.resolvedAt) {
    return `resolved ${formatDateTime(v.resolvedAt)}${
      v.firstSeenAt ? ` (open since ${formatDateTime(v.firstSeenAt)})` : ''
    }`;
  }
  return v.firstSeenAt ? `open since ${formatDateTime(v.firstSeenAt)}` : '';
}

/**
 * The violations of one rule: the entities and why, one per row (virtualised when long).
 * @internal
 */
export const ViolationList = ({
  violations,
  label,
}: {
  violations: RuleViolation[];
  label: string;
}) => (
  <VirtualList
    aria-label={label}
    items={violations}
    rowHeight={76}
    maxHeight={480}
    itemKey={(v, i) => `${v.key ?? v.rule}-${v.entityRefs.join(',')}-${i}`}
    renderItem={v => (
      <Box
        sx={{
          py: 0.5,
          borderBottom: 1,
          borderColor: 'divider',
          height: 76,
          overflow: 'hidden',
        }}
      >
        <Typography variant="body2" noWrap>
          <EntityLinkList entityRefs={v.entityRefs} />
        </Typography>
        <Typography
          variant="body2"
          color="text.secondary"
          noWrap
          title={v.message}
        >
          {v.message}
        </Typography>
        <Typography variant="caption" color="text.secondary" noWrap>
          {lifecycleText(v)}
        </Typography>
      </Box>
    )}
  />
);
