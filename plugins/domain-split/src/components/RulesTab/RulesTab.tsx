import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { InfoCard } from '@backstage/core-components';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import type {
  RuleDescription,
  RuleViolation,
  RuleViolationsResponse,
} from '@internal/plugin-domain-split-common';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { formatDateTime, matchesFilter } from '../../utils/format';
import { AnnotationProblemsList } from '../AnnotationProblemsList';
import { DataState } from '../DataState';
import { EntityLinkList } from '../EntityLink';
import { VirtualList } from '../VirtualList';

/**
 * Violations grouped by rule, in the order of `rules`; rules that only appear in violations
 * come last with their id as title.
 * @internal
 */
export function groupByRule(data: RuleViolationsResponse) {
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

/** The two views of the Rules tab. */
type RulesView = 'open' | 'resolved';

const RuleGroup = ({
  rule,
  violations,
  view,
}: {
  rule: RuleDescription;
  violations: RuleViolation[];
  view: RulesView;
}) => {
  const broken = violations.length > 0;
  const resolvedView = view === 'resolved';
  let chip: { color: 'success' | 'default' | 'error'; label: string };
  if (resolvedView) {
    chip = {
      color: broken ? 'success' : 'default',
      label: `${violations.length} resolved`,
    };
  } else {
    chip = broken
      ? { color: 'error', label: `${violations.length} open` }
      : { color: 'success', label: 'kept' };
  }
  return (
    <Box component="section" aria-label={`Rule ${rule.title}`}>
      <Accordion
        disableGutters
        defaultExpanded={broken && violations.length <= 20}
        TransitionProps={{ unmountOnExit: true }}
      >
        <AccordionSummary expandIcon={<ExpandMoreIcon />}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            {broken && !resolvedView ? (
              <ErrorOutlineIcon color="error" titleAccess="broken" />
            ) : (
              <CheckCircleIcon
                color={resolvedView && !broken ? 'disabled' : 'success'}
                titleAccess={resolvedView ? 'resolved' : 'kept'}
              />
            )}
            <Typography variant="subtitle1">{rule.title}</Typography>
            <Chip size="small" color={chip.color} label={chip.label} />
          </Box>
        </AccordionSummary>
        <AccordionDetails>
          {rule.description && (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {rule.description}
            </Typography>
          )}
          {broken ? (
            <ViolationList
              violations={violations}
              label={`${
                resolvedView ? 'Resolved violations' : 'Violations'
              } of ${rule.title}`}
            />
          ) : (
            <Typography variant="body2">
              {resolvedView
                ? 'No violation of this rule was resolved in the evidence window.'
                : 'The catalog keeps this rule.'}
            </Typography>
          )}
        </AccordionDetails>
      </Accordion>
    </Box>
  );
};

const RulesOverview = ({
  data,
  view,
}: {
  data: RuleViolationsResponse;
  view: RulesView;
}) => {
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => groupByRule(data), [data]);
  const broken = groups.filter(g => g.violations.length > 0).length;
  const count = data.violations.length;
  return (
    <>
      <Box
        sx={{
          display: 'flex',
          gap: 2,
          alignItems: 'center',
          flexWrap: 'wrap',
          mb: 2,
        }}
      >
        <Typography variant="body1">
          {view === 'resolved'
            ? `${count} violation${
                count === 1 ? '' : 's'
              } resolved in the evidence window`
            : `${
                groups.length
              } rules · ${broken} broken · ${count} open violation${
                count === 1 ? '' : 's'
              }`}
        </Typography>
        <TextField
          size="small"
          label="Filter by entity or reason"
          value={filter}
          onChange={e => setFilter(e.target.value)}
          sx={{ minWidth: 260 }}
        />
      </Box>
      {groups.map(({ rule, violations }) => {
        const shown = violations.filter(v =>
          matchesFilter(filter, v.message, ...v.entityRefs),
        );
        if (filter && shown.length === 0) return null;
        return (
          <RuleGroup key={rule.id} rule={rule} violations={shown} view={view} />
        );
      })}
      <AnnotationProblemsList problems={data.annotationProblems} />
    </>
  );
};

/**
 * Rules tab: the principal-level rules, each kept or broken, with the open violations (entities,
 * reason, open since), or the violations resolved inside the evidence window (`?status=resolved`);
 * the annotation problems of the catalog below.
 * @internal
 */
export const RulesTab = () => {
  const [params, setParams] = useSearchParams();
  const view: RulesView =
    params.get('status') === 'resolved' ? 'resolved' : 'open';
  const state = useDomainSplitData(
    api => api.getRuleViolations(undefined, { status: view }),
    [view],
  );
  const setView = (next: RulesView | null) => {
    if (!next) return;
    const query = new URLSearchParams(params);
    if (next === 'resolved') query.set('status', 'resolved');
    else query.delete('status');
    setParams(query, { replace: true });
  };
  return (
    <InfoCard
      title="Architecture rules"
      subheader="Checked on the catalog graph and CI data (deployments: what is live now and the evidence window, in tracked environments)"
    >
      <ToggleButtonGroup
        exclusive
        size="small"
        value={view}
        onChange={(_e, next) => setView(next)}
        aria-label="Which violations"
        sx={{ mb: 2 }}
      >
        <ToggleButton value="open">Open</ToggleButton>
        <ToggleButton value="resolved">Resolved in the window</ToggleButton>
      </ToggleButtonGroup>
      <DataState
        {...state}
        isEmpty={v => v.rules.length === 0 && v.violations.length === 0}
        emptyTitle="No rules evaluated yet"
        emptyHint="The backend checks the rules on the catalog graph; register the catalog and reload."
      >
        {data => <RulesOverview data={data} view={view} />}
      </DataState>
    </InfoCard>
  );
};
