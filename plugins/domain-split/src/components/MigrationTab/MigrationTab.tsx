import { memo, useCallback, useMemo, useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import {
  DomainMigrationStatus,
  MIGRATION_PHASE_NAMES,
  MigrationPhase,
  MigrationStatusResponse,
} from '@internal/plugin-domain-split-common';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { formatAge, formatDateTime, matchesFilter } from '../../utils/format';
import { AnnotationProblemsList } from '../AnnotationProblemsList';
import { PhaseBurnUpChart, SplitDebtChart } from '../MigrationCharts';
import { DataState } from '../DataState';
import {
  DomainMigrationDetails,
  describeTarget,
  PhaseTrack,
  ProgressBar,
  ScheduleChip,
} from '../DomainMigration';
import { EntityLink } from '../EntityLink';
import { MeasuredVirtualList } from '../VirtualList';

const PHASES: MigrationPhase[] = [0, 1, 2, 3];
const ROW_COLUMNS = '200px 140px minmax(140px, 1fr) 200px 100px';
/** Height of a collapsed domain row with a "Next:" line (md and up, measured in Chromium), until a row is measured. */
const ROW_HEIGHT = 94;
/** Longer domain lists render only the visible rows. */
const VIRTUALISE_ABOVE = 20;
const SCHEDULES: DomainMigrationStatus['schedule'][] = [
  'late',
  'at-risk',
  'on-track',
  'done',
  'no-target',
];

const PhaseSummary = ({ data }: { data: MigrationStatusResponse }) => {
  const counts = useMemo(() => {
    const c = [0, 0, 0, 0];
    for (const d of data.domains) c[d.phase] = (c[d.phase] ?? 0) + 1;
    return c;
  }, [data.domains]);
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
      {PHASES.map(phase => {
        const count = counts[phase];
        return (
          <Paper
            key={phase}
            variant="outlined"
            sx={{ p: 1.5, minWidth: 150, flex: '1 1 150px' }}
            aria-label={`${count} domains in phase ${phase}`}
          >
            <Typography variant="h5">{count}</Typography>
            <Typography variant="body2" color="text.secondary">
              phase {phase}: {MIGRATION_PHASE_NAMES[phase]}
            </Typography>
          </Paper>
        );
      })}
    </Box>
  );
};

const stopPropagation = (e: { stopPropagation: () => void }) =>
  e.stopPropagation();

/**
 * One domain: a summary line, expandable to its details (mounted only while expanded). The
 * expanded state lives in the list, so a row scrolled out of a virtualised list and back keeps it.
 */
const DomainRow = memo(function DomainRowView({
  status,
  expanded,
  onToggle,
}: {
  status: DomainMigrationStatus;
  expanded: boolean;
  onToggle: (domainRef: string) => void;
}) {
  const stepsMet = status.steps.filter(s => s.met).length;
  return (
    <Box component="section" aria-label={`Migration of ${status.title}`}>
      <Accordion
        disableGutters
        expanded={expanded}
        onChange={() => onToggle(status.domainRef)}
        TransitionProps={{ unmountOnExit: true }}
      >
        <AccordionSummary expandIcon={<ExpandMoreIcon />}>
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: { xs: '1fr', md: ROW_COLUMNS },
              gap: 2,
              alignItems: 'center',
              width: '100%',
            }}
          >
            <Box onClick={stopPropagation}>
              <Typography variant="subtitle2">
                <EntityLink entityRef={status.domainRef} title={status.title} />
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {status.phase} {MIGRATION_PHASE_NAMES[status.phase]} · steps{' '}
                {stepsMet}/4
              </Typography>
            </Box>
            <PhaseTrack phase={status.phase} targetPhase={status.targetPhase} />
            <ProgressBar
              progress={status.progress}
              label={`Progress of ${status.title}`}
            />
            <Typography variant="body2">{describeTarget(status)}</Typography>
            <ScheduleChip schedule={status.schedule} />
            {status.nextBlockers.length > 0 && (
              <Typography
                variant="caption"
                color="text.secondary"
                sx={{ gridColumn: { md: '1 / -1' }, mt: -1 }}
              >
                Next: {status.nextBlockers[0]}
                {status.nextBlockers.length > 1 &&
                  ` (+${status.nextBlockers.length - 1} more)`}
              </Typography>
            )}
          </Box>
        </AccordionSummary>
        <AccordionDetails>
          <DomainMigrationDetails status={status} />
        </AccordionDetails>
      </Accordion>
    </Box>
  );
});

const domainKey = (d: DomainMigrationStatus) => d.domainRef;

const MigrationOverview = ({ data }: { data: MigrationStatusResponse }) => {
  const [filter, setFilter] = useState('');
  const [schedule, setSchedule] = useState<string>('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(
    () => new Set(),
  );
  const sorted = useMemo(() => {
    const collator = new Intl.Collator();
    return [...data.domains].sort((a, b) => collator.compare(a.title, b.title));
  }, [data.domains]);
  const domains = useMemo(
    () =>
      sorted.filter(
        d =>
          matchesFilter(filter, d.title, d.domainRef) &&
          (!schedule || d.schedule === schedule),
      ),
    [sorted, filter, schedule],
  );
  const onToggle = useCallback(
    (domainRef: string) =>
      setExpanded(prev => {
        const next = new Set(prev);
        if (!next.delete(domainRef)) next.add(domainRef);
        return next;
      }),
    [],
  );
  const renderRow = useCallback(
    (d: DomainMigrationStatus) => (
      <DomainRow
        status={d}
        expanded={expanded.has(d.domainRef)}
        onToggle={onToggle}
      />
    ),
    [expanded, onToggle],
  );
  return (
    <>
      <PhaseSummary data={data} />
      <Box
        sx={{
          display: 'flex',
          gap: 2,
          flexWrap: 'wrap',
          mb: 2,
          alignItems: 'center',
        }}
      >
        <TextField
          size="small"
          label="Filter domains"
          value={filter}
          onChange={e => setFilter(e.target.value)}
        />
        <TextField
          select
          size="small"
          label="Schedule"
          value={schedule}
          onChange={e => setSchedule(e.target.value)}
          sx={{ minWidth: 160 }}
        >
          <MenuItem value="">all</MenuItem>
          {SCHEDULES.map(s => (
            <MenuItem key={s} value={s}>
              {s.replace('-', ' ')}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="caption" color="text.secondary">
          Computed{' '}
          <span title={formatDateTime(data.generatedAt)}>
            {formatAge(data.generatedAt)}
          </span>{' '}
          from the catalog and CI evidence. Expand a domain for its evidence and
          blockers.
        </Typography>
      </Box>
      <Box
        sx={{
          display: { xs: 'none', md: 'grid' },
          gridTemplateColumns: ROW_COLUMNS,
          gap: 2,
          px: 2,
          pr: 7,
          mb: 0.5,
        }}
      >
        {['Domain', 'Phase 0 → 3', 'Progress', 'Target', 'Schedule'].map(h => (
          <Typography key={h} variant="overline" color="text.secondary">
            {h}
          </Typography>
        ))}
      </Box>
      <MeasuredVirtualList
        aria-label="Domains"
        items={domains}
        estimatedRowHeight={ROW_HEIGHT}
        virtualiseAbove={VIRTUALISE_ABOVE}
        itemKey={domainKey}
        renderItem={renderRow}
      />
      {domains.length === 0 && (
        <Typography color="text.secondary">
          No domain matches the filter.
        </Typography>
      )}
      <AnnotationProblemsList problems={data.annotationProblems} />
    </>
  );
};

const MigrationHistoryCharts = ({
  domains,
}: {
  domains?: DomainMigrationStatus[];
}) => {
  const state = useDomainSplitData(api => api.getMigrationHistory(), []);
  return (
    <InfoCard
      title="Over time"
      subheader="From the daily snapshots: phases against the target dates, and the split debt"
    >
      <DataState {...state}>
        {history => (
          <>
            <PhaseBurnUpChart
              snapshots={history.snapshots}
              projection={history.projection}
              domains={domains}
            />
            <Box sx={{ mt: 4 }}>
              <SplitDebtChart snapshots={history.snapshots} />
            </Box>
          </>
        )}
      </DataState>
    </InfoCard>
  );
};

/**
 * Migration tab: every domain's phase (0 monorepo → 3 physical split) with a progress bar,
 * target and schedule status; expanding a domain shows the phase criteria and the four
 * playbook steps with their evidence or blockers. Below, from the snapshots: the phase burn-up
 * with target dates and the projection, and the split-debt burn-down.
 * @internal
 */
export const MigrationTab = () => {
  const state = useDomainSplitData(api => api.getMigrationStatus(), []);
  return (
    <>
      <InfoCard
        title="Migration status"
        subheader="Phases computed from evidence, never typed in"
      >
        <DataState
          {...state}
          isEmpty={v => v.domains.length === 0}
          emptyTitle="No domains yet"
          emptyHint="Register Domain entities (with domain-split/target-phase and domain-split/target-date annotations to track a plan)."
        >
          {data => <MigrationOverview data={data} />}
        </DataState>
      </InfoCard>
      <Box sx={{ mt: 3 }}>
        <MigrationHistoryCharts domains={state.value?.domains} />
      </Box>
    </>
  );
};
