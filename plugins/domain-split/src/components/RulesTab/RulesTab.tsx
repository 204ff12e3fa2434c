import { useState } from 'react';
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
  RuleViolationsPageResponse,
} from '@internal/plugin-domain-split-common';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { AnnotationProblemsList } from '../AnnotationProblemsList';
import { DataState } from '../DataState';
import { RuleViolationPages } from './RuleViolationPages';
import { formatCount } from '../../utils/format';

/** The two views of the Rules tab. */
type RulesView = 'open' | 'resolved';

/**
 * The rules of the overview in the order of `rules`, each with its count; rules that only
 * appear in the counts come last with their id as title.
 */
function rulesWithCounts(data: RuleViolationsPageResponse) {
  const rules: RuleDescription[] = [...data.rules];
  for (const id of Object.keys(data.counts) as RuleDescription['id'][]) {
    if (!rules.some(r => r.id === id)) {
      rules.push({ id, title: id, description: '' });
    }
  }
  return rules.map(rule => ({ rule, total: data.counts[rule.id] ?? 0 }));
}

const RuleGroup = ({
  rule,
  total,
  view,
  q,
}: {
  rule: RuleDescription;
  total: number;
  view: RulesView;
  q: string;
}) => {
  const broken = total > 0;
  const resolvedView = view === 'resolved';
  let chip: { color: 'success' | 'default' | 'error'; label: string };
  if (resolvedView) {
    chip = {
      color: broken ? 'success' : 'default',
      label: `${formatCount(total)} resolved`,
    };
  } else {
    chip = broken
      ? { color: 'error', label: `${formatCount(total)} open` }
      : { color: 'success', label: 'kept' };
  }
  return (
    <Box component="section" aria-label={`Rule ${rule.title}`}>
      <Accordion
        disableGutters
        defaultExpanded={broken && total <= 20}
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
            // Mounted only while expanded: the rule's violations are asked for then.
            <RuleViolationPages
              rule={rule}
              status={view}
              q={q}
              total={total}
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
  q,
}: {
  data: RuleViolationsPageResponse;
  view: RulesView;
  q: string;
}) => {
  const groups = rulesWithCounts(data);
  const broken = groups.filter(g => g.total > 0).length;
  const total = data.totalItems;
  const matching = q.trim() ? ` matching “${q.trim()}”` : '';
  return (
    <>
      <Typography variant="body1" sx={{ mb: 2 }}>
        {view === 'resolved'
          ? `${formatCount(total)} violation${
              total === 1 ? '' : 's'
            }${matching} resolved in the evidence window`
          : `${groups.length} rules · ${broken} broken · ${formatCount(
              total,
            )} open violation${total === 1 ? '' : 's'}${matching}`}
      </Typography>
      {groups.map(({ rule, total: ofRule }) =>
        q.trim() && ofRule === 0 ? null : (
          <RuleGroup
            key={rule.id}
            rule={rule}
            total={ofRule}
            view={view}
            q={q}
          />
        ),
      )}
      <AnnotationProblemsList problems={data.annotationProblems} />
    </>
  );
};

/**
 * Rules tab: the principal-level rules, each kept or broken, with the open violations (entities,
 * reason, open since), or the violations resolved inside the evidence window (`?status=resolved`);
 * the annotation problems of the catalog below. The overview is one `limit=0` request (counts
 * per rule); a rule's violations are asked for, a page at a time, when its accordion opens; the
 * filter box is answered by the backend (`q`).
 * @internal
 */
export const RulesTab = () => {
  const [params, setParams] = useSearchParams();
  const view: RulesView =
    params.get('status') === 'resolved' ? 'resolved' : 'open';
  const [filter, setFilter] = useState('');
  const q = useDebouncedValue(filter).trim();
  const state = useDomainSplitData(
    api => api.getRuleViolations(undefined, { status: view, q, limit: 0 }),
    [view, q],
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
      <Box
        sx={{
          display: 'flex',
          gap: 2,
          alignItems: 'center',
          flexWrap: 'wrap',
          mb: 2,
        }}
      >
        <ToggleButtonGroup
          exclusive
          size="small"
          value={view}
          onChange={(_e, next) => setView(next)}
          aria-label="Which violations"
        >
          <ToggleButton value="open">Open</ToggleButton>
          <ToggleButton value="resolved">Resolved in the window</ToggleButton>
        </ToggleButtonGroup>
        <TextField
          size="small"
          label="Filter by entity or reason"
          value={filter}
          onChange={e => setFilter(e.target.value)}
          sx={{ minWidth: 260 }}
        />
      </Box>
      <DataState
        {...state}
        keepContentWhileLoading
        isEmpty={v => v.rules.length === 0 && v.totalItems === 0}
        emptyTitle="No rules evaluated yet"
        emptyHint="The backend checks the rules on the catalog graph; register the catalog and reload."
      >
        {data => <RulesOverview data={data} view={view} q={q} />}
      </DataState>
    </InfoCard>
  );
};
