import { useMemo, useState } from 'react';
import { InfoCard } from '@backstage/core-components';
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
import { matchesFilter } from '../../utils/format';
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
    rowHeight={56}
    maxHeight={480}
    itemKey={(v, i) => `${v.rule}-${v.entityRefs.join(',')}-${i}`}
    renderItem={v => (
      <Box
        sx={{
          py: 0.5,
          borderBottom: 1,
          borderColor: 'divider',
          height: 56,
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
      </Box>
    )}
  />
);

const RuleGroup = ({
  rule,
  violations,
}: {
  rule: RuleDescription;
  violations: RuleViolation[];
}) => {
  const broken = violations.length > 0;
  return (
    <Box component="section" aria-label={`Rule ${rule.title}`}>
      <Accordion
        disableGutters
        defaultExpanded={broken && violations.length <= 20}
        TransitionProps={{ unmountOnExit: true }}
      >
        <AccordionSummary expandIcon={<ExpandMoreIcon />}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            {broken ? (
              <ErrorOutlineIcon color="error" titleAccess="broken" />
            ) : (
              <CheckCircleIcon color="success" titleAccess="kept" />
            )}
            <Typography variant="subtitle1">{rule.title}</Typography>
            <Chip
              size="small"
              color={broken ? 'error' : 'success'}
              label={
                broken
                  ? `${violations.length} violation${
                      violations.length === 1 ? '' : 's'
                    }`
                  : 'kept'
              }
            />
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
              label={`Violations of ${rule.title}`}
            />
          ) : (
            <Typography variant="body2">
              The catalog keeps this rule.
            </Typography>
          )}
        </AccordionDetails>
      </Accordion>
    </Box>
  );
};

const RulesOverview = ({ data }: { data: RuleViolationsResponse }) => {
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => groupByRule(data), [data]);
  const broken = groups.filter(g => g.violations.length > 0).length;
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
          {groups.length} rules · {broken} broken · {data.violations.length}{' '}
          violation
          {data.violations.length === 1 ? '' : 's'}
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
        return <RuleGroup key={rule.id} rule={rule} violations={shown} />;
      })}
      <AnnotationProblemsList problems={data.annotationProblems} />
    </>
  );
};

/**
 * Rules tab: the principal-level rules, each kept or broken, with the violating entities and
 * the reason; the annotation problems of the catalog below.
 * @internal
 */
export const RulesTab = () => {
  const state = useDomainSplitData(api => api.getRuleViolations(), []);
  return (
    <InfoCard
      title="Architecture rules"
      subheader="Checked on the catalog graph and CI data"
    >
      <DataState
        {...state}
        isEmpty={v => v.rules.length === 0 && v.violations.length === 0}
        emptyTitle="No rules evaluated yet"
        emptyHint="The backend checks the rules on the catalog graph; register the catalog and reload."
      >
        {data => <RulesOverview data={data} />}
      </DataState>
    </InfoCard>
  );
};
