import { memo, useCallback, useEffect, useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import {
  DomainMigrationStatus,
  DomainMigrationSummary,
  MIGRATION_PAGE_LIMIT,
  MIGRATION_PHASE_NAMES,
  MIGRATION_SCHEDULES,
  MigrationAggregates,
  MigrationOverviewResponse,
} from '@internal/plugin-domain-split-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { domainSplitApiRef } from '../../api/DomainSplitApi';
import { useDomainMigration } from '../../hooks/useDomainMigration';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { formatAge, formatDateTime } from '../../utils/format';
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

const ROW_COLUMNS = '200px 140px minmax(140px, 1fr) 200px 100px';
/** Height of a collapsed domain row with a "Next:" line (md and up, measured in Chromium), until a row is measured. */
const ROW_HEIGHT = 94;
/** Longer domain lists render only the visible rows. */
const VIRTUALISE_ABOVE = 20;
/** Domains fetched per page ("Show more" fetches the next). */
const PAGE_SIZE = MIGRATION_PAGE_LIMIT.default;

const PhaseSummary = ({ aggregates }: { aggregates: MigrationAggregates }) => (
  <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
    {aggregates.phases.map(({ phase, domains: count }) => (
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
    ))}
  </Box>
);

const stopPropagation = (e: { stopPropagation: () => void }) =>
  e.stopPropagation();

/** The whole status of an opened domain, fetched when it opens (GET /migration/domain/…). */
const DomainDetails = ({ domainRef }: { domainRef: string }) => {
  const { showAll, ...state } = useDomainMigration(domainRef);
  return (
    <DataState
      {...state}
      keepContentWhileLoading
      isEmpty={v => !v}
      emptyTitle="No migration status for this domain"
      emptyHint="It may have left the catalog since the list was loaded."
    >
      {value =>
        value && (
          <DomainMigrationDetails status={value.domain} onShowAll={showAll} />
        )
      }
    </DataState>
  );
};

/**
 * One domain: its summary line, expandable to its details (fetched and mounted only while
 * expanded). The expanded state lives in the list, so a row scrolled out of a virtualised list
 * and back keeps it.
 */
const DomainRow = memo(function DomainRowView({
  summary,
  expanded,
  onToggle,
}: {
  summary: DomainMigrationSummary;
  expanded: boolean;
  onToggle: (domainRef: string) => void;
}) {
  const stepsMet = summary.steps.filter(s => s.met).length;
  return (
    <Box component="section" aria-label={`Migration of ${summary.title}`}>
      <Accordion
        disableGutters
        expanded={expanded}
        onChange={() => onToggle(summary.domainRef)}
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
                <EntityLink
                  entityRef={summary.domainRef}
                  title={summary.title}
                />
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {summary.phase} {MIGRATION_PHASE_NAMES[summary.phase]} · steps{' '}
                {stepsMet}/{summary.steps.length}
              </Typography>
            </Box>
            <PhaseTrack
              phase={summary.phase}
              targetPhase={summary.targetPhase}
            />
            <ProgressBar
              progress={summary.progress}
              label={`Progress of ${summary.title}`}
            />
            <Typography variant="body2">{describeTarget(summary)}</Typography>
            <ScheduleChip schedule={summary.schedule} />
            {summary.nextBlockers.length > 0 && (
              <Typography
                variant="caption"
                color="text.secondary"
                sx={{ gridColumn: { md: '1 / -1' }, mt: -1 }}
              >
                Next: {summary.nextBlockers[0]}
                {summary.blockerCount > 1 &&
                  ` (+${summary.blockerCount - 1} more)`}
              </Typography>
            )}
          </Box>
        </AccordionSummary>
        <AccordionDetails>
          <DomainDetails domainRef={summary.domainRef} />
        </AccordionDetails>
      </Accordion>
    </Box>
  );
});

const domainKey = (d: DomainMigrationSummary) => d.domainRef;

/**
 * The domain list: the first page of the filter's answer, then "Show more" for each next page.
 */
const DomainList = ({
  first,
  query,
}: {
  first: MigrationOverviewResponse;
  query: { q?: string; schedule?: DomainMigrationStatus['schedule'] };
}) => {
  const api = useApi(domainSplitApiRef);
  const [more, setMore] = useState<DomainMigrationSummary[]>([]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(
    () => new Set(),
  );
  // A new first page (another filter, or new data) starts the list again.
  useEffect(() => setMore([]), [first]);
  const [next, loadNext] = useAsyncFn(
    async (offset: number) => {
      const page = await api.getMigrationOverview({
        ...query,
        limit: PAGE_SIZE,
        offset,
      });
      setMore(previous => [...previous, ...page.domains]);
      return page;
    },
    [api, query.q, query.schedule],
  );
  const domains = more.length > 0 ? [...first.domains, ...more] : first.domains;
  const onToggle = useCallback(
    (domainRef: string) =>
      setExpanded(prev => {
        const nextSet = new Set(prev);
        if (!nextSet.delete(domainRef)) nextSet.add(domainRef);
        return nextSet;
      }),
    [],
  );
  const renderRow = useCallback(
    (d: DomainMigrationSummary) => (
      <DomainRow
        summary={d}
        expanded={expanded.has(d.domainRef)}
        onToggle={onToggle}
      />
    ),
    [expanded, onToggle],
  );
  return (
    <>
      <MeasuredVirtualList
        aria-label="Domains"
        items={domains}
        estimatedRowHeight={ROW_HEIGHT}
        virtualiseAbove={VIRTUALISE_ABOVE}
        itemKey={domainKey}
        renderItem={renderRow}
      />
      {first.totalItems === 0 && (
        <Typography color="text.secondary">
          No domain matches the filter.
        </Typography>
      )}
      {next.error && (
        <Typography variant="body2" color="error" role="alert">
          Could not load more domains: {next.error.message}
        </Typography>
      )}
      {domains.length < first.totalItems && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 1 }}>
          <Button
            size="small"
            disabled={next.loading}
            onClick={() => loadNext(domains.length)}
          >
            Show more
          </Button>
          {next.loading && <CircularProgress size={14} />}
          <Typography variant="caption" color="text.secondary">
            {domains.length} of {first.totalItems} domains shown
          </Typography>
        </Box>
      )}
    </>
  );
};

const MigrationOverview = ({
  data,
  query,
  filter,
  onFilter,
  schedule,
  onSchedule,
}: {
  data: MigrationOverviewResponse;
  query: { q?: string; schedule?: DomainMigrationStatus['schedule'] };
  filter: string;
  onFilter: (filter: string) => void;
  schedule: string;
  onSchedule: (schedule: string) => void;
}) => (
  <>
    <PhaseSummary aggregates={data.aggregates} />
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
        onChange={e => onFilter(e.target.value)}
      />
      <TextField
        select
        size="small"
        label="Schedule"
        value={schedule}
        onChange={e => onSchedule(e.target.value)}
        sx={{ minWidth: 160 }}
      >
        <MenuItem value="">all</MenuItem>
        {MIGRATION_SCHEDULES.map(s => (
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
    <DomainList first={data} query={query} />
    <AnnotationProblemsList problems={data.annotationProblems} />
  </>
);

const MigrationHistoryCharts = ({
  targetDates,
}: {
  targetDates?: MigrationAggregates['targetDates'];
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
              targetDates={targetDates}
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
 * target and schedule status, a page at a time (GET /migration: summaries, filtered by the
 * backend, with counts over every domain for the tiles and charts); expanding a domain fetches
 * its phase criteria and the four playbook steps with their evidence or blockers. Below, from
 * the snapshots: the phase burn-up with target dates and the projection, and the split-debt
 * burn-down.
 * @internal
 */
export const MigrationTab = () => {
  const [filter, setFilter] = useState('');
  const q = useDebouncedValue(filter).trim();
  const [schedule, setSchedule] = useState('');
  const query = {
    ...(q ? { q } : {}),
    ...(schedule
      ? { schedule: schedule as DomainMigrationStatus['schedule'] }
      : {}),
  };
  const state = useDomainSplitData(
    api => api.getMigrationOverview({ ...query, limit: PAGE_SIZE }),
    [q, schedule],
  );
  return (
    <>
      <InfoCard
        title="Migration status"
        subheader="Phases computed from evidence, never typed in"
      >
        <DataState
          {...state}
          keepContentWhileLoading
          isEmpty={v => v.aggregates.domainCount === 0}
          emptyTitle="No domains yet"
          emptyHint="Register Domain entities (with domain-split/target-phase and domain-split/target-date annotations to track a plan)."
        >
          {data => (
            <MigrationOverview
              data={data}
              query={query}
              filter={filter}
              onFilter={setFilter}
              schedule={schedule}
              onSchedule={setSchedule}
            />
          )}
        </DataState>
      </InfoCard>
      <Box sx={{ mt: 3 }}>
        <MigrationHistoryCharts
          targetDates={state.value?.aggregates.targetDates}
        />
      </Box>
    </>
  );
};
