import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@mui/material/Box';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type {
  BlastRadiusPageResponse,
  BlastRadiusSummaryResponse,
  ImpactLevel,
  ImpactListSummary,
  MatrixCell,
} from '@internal/plugin-domain-split-common';
import {
  BLAST_RADIUS_PAGE_LIMIT,
  IMPACT_LEVELS,
  describeHiddenEntities,
} from '@internal/plugin-domain-split-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { domainSplitApiRef } from '../../api/DomainSplitApi';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { countOf, formatCount, shortName } from '../../utils/format';
import { DataState } from '../DataState';
import { EntityLink } from '../EntityLink';
import { ImpactChip } from '../ImpactChip';
import { LoadMore } from '../LoadMore';
import { CellRows, UsersPathOnDemand } from './BlastRadius';

const MOST_SEVERE_FIRST = [...IMPACT_LEVELS].reverse();

const entities = (n: number) =>
  `${formatCount(n)} ${n === 1 ? 'entity' : 'entities'}`;

/** "6 components, 1 resource". */
function kindsInWords(byKind: Record<string, number>): string {
  return Object.entries(byKind)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([kind, n]) => countOf(n, kind))
    .join(', ');
}

/** What the side counts but cannot name to this reader. */
const HiddenNote = ({ side }: { side: ImpactListSummary }) =>
  side.hidden ? (
    <Typography variant="caption" color="text.secondary" role="note">
      and {describeHiddenEntities(side.hidden.count)} (at worst{' '}
      {side.hidden.impact})
    </Typography>
  ) : null;

/** One side's numbers: a chip per impact level reached ("3 blocked"), the kinds, the hidden. */
const SideCounts = ({
  side,
  label,
}: {
  side: ImpactListSummary;
  label: string;
}) => (
  <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
    <Box
      component="ul"
      aria-label={label}
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: 1,
        listStyle: 'none',
        p: 0,
        m: 0,
      }}
    >
      {MOST_SEVERE_FIRST.filter(level => side.byImpact[level] > 0).map(
        level => (
          <li key={level}>
            <ImpactChip
              impact={level}
              label={`${formatCount(side.byImpact[level])} ${level}`}
            />
          </li>
        ),
      )}
    </Box>
    {side.total > 0 && (
      <Typography variant="caption" color="text.secondary">
        {kindsInWords(side.byKind)}
      </Typography>
    )}
    <HiddenNote side={side} />
  </Box>
);

/** The affected domains, worst first, and how many more there are. */
const AffectedDomains = ({
  summary,
}: {
  summary: BlastRadiusSummaryResponse;
}) => {
  const { domains, domainCount, titles } = summary;
  if (domainCount === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No domain is affected.
      </Typography>
    );
  }
  const more = domainCount - domains.length;
  return (
    <>
      <Box
        component="ul"
        aria-label="Affected domains"
        sx={{ listStyle: 'none', p: 0, m: 0 }}
      >
        {domains.map(domain => (
          <Box
            component="li"
            key={domain.domainRef}
            sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 0.25 }}
          >
            <ImpactChip impact={domain.impact} />
            <EntityLink
              entityRef={domain.domainRef}
              title={titles[domain.domainRef]}
            />
            <Typography variant="caption" color="text.secondary">
              {entities(domain.count)} reached
            </Typography>
          </Box>
        ))}
      </Box>
      {more > 0 && (
        <Typography variant="caption" color="text.secondary">
          and {formatCount(more)} more {more === 1 ? 'domain' : 'domains'}
          {domains.length === 0 ? ' you cannot see' : ''}
        </Typography>
      )}
    </>
  );
};

/** The worst entries of one side (the card), and how many more there are. */
const WorstEntries = ({
  summary,
  side,
  direction,
  label,
  emptyText,
}: {
  summary: BlastRadiusSummaryResponse;
  side: ImpactListSummary;
  direction: 'downstream' | 'upstream';
  label: string;
  emptyText: string;
}) => {
  if (side.total === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {emptyText}
      </Typography>
    );
  }
  const more = side.total - side.worst.length;
  return (
    <>
      <CellRows
        cells={side.worst}
        refOf={c => (direction === 'downstream' ? c.affected : c.failing)}
        titles={summary.titles}
        label={label}
        pathsOmitted
        direction={direction}
      />
      {more > 0 && (
        <Typography variant="caption" color="text.secondary">
          and {formatCount(more)} more (the Failure impact tab lists them all)
        </Typography>
      )}
    </>
  );
};

/**
 * Every entry of one side, a page at a time from GET /impact/…/entries ("Show more"), optionally
 * of one impact level; never the whole blast radius at once.
 * @internal
 */
export const PagedEntries = ({
  entityRef,
  side,
  direction,
  label,
  emptyText,
  titles,
  pageSize = BLAST_RADIUS_PAGE_LIMIT.default,
}: {
  entityRef: string;
  side: ImpactListSummary;
  direction: 'downstream' | 'upstream';
  label: string;
  emptyText: string;
  titles: Record<string, string>;
  pageSize?: number;
}) => {
  const api = useApi(domainSplitApiRef);
  const [impact, setImpact] = useState<ImpactLevel | undefined>();
  const [pages, setPages] = useState<BlastRadiusPageResponse[]>([]);
  const [state, load] = useAsyncFn(
    async (level: ImpactLevel | undefined, offset: number) => {
      const page = await api.getBlastRadiusEntries(entityRef, {
        direction,
        impact: level,
        limit: pageSize,
        offset,
      });
      // A page of another filter (asked before the filter changed) is dropped.
      setPages(previous =>
        offset === 0
          ? [page]
          : [...previous.filter(p => p.impact === page.impact), page],
      );
      return page;
    },
    [api, entityRef, direction, pageSize],
  );
  useEffect(() => {
    load(impact, 0);
  }, [load, impact]);

  if (side.total === 0) {
    return (
      <>
        <Typography variant="body2" color="text.secondary">
          {emptyText}
        </Typography>
        <HiddenNote side={side} />
      </>
    );
  }
  const shown = pages.filter(p => p.impact === impact);
  const items: MatrixCell[] = shown.flatMap(p => p.items);
  const total = shown[shown.length - 1]?.totalItems;
  const pageTitles = Object.assign({}, titles, ...shown.map(p => p.titles));
  const levels = MOST_SEVERE_FIRST.filter(level => side.byImpact[level] > 0);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={impact ?? 'all'}
        onChange={(_, value: ImpactLevel | 'all' | null) => {
          if (value !== null) setImpact(value === 'all' ? undefined : value);
        }}
        aria-label={`${label}: impact level`}
        sx={{ flexWrap: 'wrap' }}
      >
        <ToggleButton value="all">All ({formatCount(side.total)})</ToggleButton>
        {levels.map(level => (
          <ToggleButton key={level} value={level}>
            {level} ({formatCount(side.byImpact[level])})
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Typography variant="caption" color="text.secondary">
        {kindsInWords(side.byKind)}
      </Typography>
      <HiddenNote side={side} />
      {items.length > 0 && (
        <CellRows
          cells={items}
          refOf={c => (direction === 'downstream' ? c.affected : c.failing)}
          titles={pageTitles}
          label={label}
          pathsOmitted
          direction={direction}
        />
      )}
      <LoadMore
        what="the list"
        shown={items.length}
        total={total}
        pageSize={pageSize}
        loading={state.loading}
        error={state.error}
        onMore={() => load(impact, items.length)}
      />
    </Box>
  );
};

/**
 * The blast radius of an entity in a bounded answer: the users impact, how many entities it
 * takes down (and what can take it down) at each level, the affected domains; `compact` (the
 * card) adds the worst entries of each side, otherwise (the content tab) every entry a page at
 * a time.
 * @internal
 */
export const BlastRadiusSummaryView = ({
  summary,
  compact,
}: {
  summary: BlastRadiusSummaryResponse;
  compact?: boolean;
}) => {
  const { entityRef, users, titles, takesDown, takenDownBy } = summary;
  const name = titles[entityRef] ?? shortName(entityRef);
  const sides = [
    {
      side: takesDown,
      direction: 'downstream' as const,
      label: 'Takes down',
      emptyText: 'Nothing else fails with it.',
    },
    {
      side: takenDownBy,
      direction: 'upstream' as const,
      label: 'Taken down by',
      emptyText: 'No dependency of it can take it down.',
    },
  ];
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box>
        <Typography variant="subtitle2" component="h4">
          Users, when {name} fails
        </Typography>
        <Box
          sx={{
            display: 'flex',
            alignItems: 'center',
            gap: 1,
            flexWrap: 'wrap',
          }}
        >
          <ImpactChip impact={users.impact} />
          <UsersPathOnDemand
            entityRef={entityRef}
            users={users}
            titles={titles}
          />
        </Box>
      </Box>
      <Box>
        <Typography variant="subtitle2" component="h4">
          Affected domains ({formatCount(summary.domainCount)})
        </Typography>
        <AffectedDomains summary={summary} />
      </Box>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: compact ? '1fr' : { xs: '1fr', md: '1fr 1fr' },
          gap: 2,
        }}
      >
        {sides.map(({ side, direction, label, emptyText }) => (
          <Box
            key={direction}
            sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}
          >
            <Typography variant="subtitle2" component="h4">
              {label} ({formatCount(side.total)})
            </Typography>
            {compact ? (
              <>
                <SideCounts side={side} label={`${label} by impact`} />
                <WorstEntries
                  summary={summary}
                  side={side}
                  direction={direction}
                  label={label}
                  emptyText={emptyText}
                />
              </>
            ) : (
              <PagedEntries
                entityRef={entityRef}
                side={side}
                direction={direction}
                label={label}
                emptyText={emptyText}
                titles={titles}
              />
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
};

/**
 * Loads the summary of one entity's blast radius (GET /impact/…/summary) and shows it.
 * @internal
 */
export const BlastRadiusSummary = ({
  entityRef,
  compact,
}: {
  entityRef: string;
  compact?: boolean;
}) => {
  const state = useDomainSplitData(
    api => api.getBlastRadiusSummary(entityRef),
    [entityRef],
  );
  // The summary (dozens of chips, links and buttons) is rendered as a deferred value: React
  // renders it in slices between frames, not in the task that received it.
  const summary = useDeferredValue(state.value);
  const content = useMemo(
    () =>
      summary && <BlastRadiusSummaryView summary={summary} compact={compact} />,
    [summary, compact],
  );
  return (
    <DataState {...state} value={summary}>
      {() => content}
    </DataState>
  );
};
