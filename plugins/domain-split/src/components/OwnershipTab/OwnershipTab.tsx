import { memo, useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { InfoCard } from '@backstage/core-components';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import TablePagination from '@mui/material/TablePagination';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { indexProblems } from '@internal/plugin-domain-split-common';
import type {
  OwnershipComponent,
  OwnershipPageResponse,
  OwnershipPageRow,
} from '@internal/plugin-domain-split-common';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { AnnotationProblemsList } from '../AnnotationProblemsList';
import { DataState } from '../DataState';
import { EntityLink } from '../EntityLink';
import { ChipList, DomainBox, DomainBoxList } from '../TeamOwnership';
import { OwnershipProblems } from './OwnershipProblems';
import { TeamRow } from './TeamRow';
import { countOf } from '../../utils/format';

const ROWS_PER_PAGE = [10, 25, 50, 100];
/**
 * The team rows of a page start open while they list at most this many services in all (a
 * small catalog reads as a map at a glance; a large one renders only what is opened). The
 * rows of the groups above the teams start closed: opened, they repeat their teams' domains.
 */
export const OPEN_BUDGET = 150;

const UnassignedChip = ({ component }: { component: OwnershipComponent }) => (
  <Chip
    size="small"
    variant="outlined"
    label={
      <span>
        <EntityLink
          entityRef={component.entityRef}
          title={component.title}
          showKind
        />
        {component.ownerRef && (
          <>
            {' · '}
            <EntityLink entityRef={component.ownerRef} />
          </>
        )}
      </span>
    }
  />
);

/**
 * The rows of a page, open or closed. Holds which rows the reader toggled, so that opening one
 * renders that row again and not the whole tab.
 */
const TeamRows = ({
  rows,
  titles,
  query,
  teamFilter,
}: {
  rows: OwnershipPageRow[];
  titles: Record<string, string>;
  query: string;
  teamFilter: string;
}) => {
  /** Rows the reader opened or closed, by group ref; the others follow the page's default. */
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const setOpen = useCallback(
    (entityRef: string, open: boolean) =>
      setToggled(t => ({ ...t, [entityRef]: open })),
    [],
  );
  const teamsOpen =
    rows.filter(r => r.kind === 'team').reduce((n, r) => n + r.services, 0) <=
    OPEN_BUDGET;
  const isOpen = (row: OwnershipPageRow) =>
    toggled[row.entityRef] ??
    (rows.length === 1 ||
      row.entityRef === teamFilter ||
      (row.kind === 'team' && teamsOpen));
  return (
    <Box role="list" aria-label="Teams">
      {rows.map(row => (
        <Box role="listitem" key={row.entityRef}>
          <TeamRow
            row={row}
            titles={titles}
            query={query}
            open={isOpen(row)}
            onOpen={setOpen}
          />
        </Box>
      ))}
    </Box>
  );
};

// Memoised: the render that receives a new page keeps the previous one on screen (see
// OwnershipTab) and must not render it again.
const OwnershipMap = memo(function OwnershipMapView({
  data,
  perPage,
  onPage,
  onPerPage,
}: {
  data: OwnershipPageResponse;
  perPage: number;
  onPage: (offset: number) => void;
  onPerPage: (perPage: number) => void;
}) {
  const [params, setParams] = useSearchParams();
  const teamFilter = params.get('team') ?? '';
  const query = params.get('q') ?? '';

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    onPage(0);
  };

  const { summary } = data;
  const problems = useMemo(
    () => indexProblems(data.problems.items),
    [data.problems.items],
  );
  const selectedTeam =
    data.groups.find(g => g.entityRef === teamFilter) ?? null;
  const more = (list: { items: unknown[]; total: number }) =>
    list.total > list.items.length && (
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        and {(list.total - list.items.length).toLocaleString('en-US')} more
      </Typography>
    );

  return (
    <>
      <Typography variant="body1" sx={{ mb: 2 }}>
        {[
          countOf(summary.teams, 'team'),
          countOf(summary.domains, 'domain'),
          `${countOf(summary.componentsInDomains, 'component')} in domains`,
          `${summary.unassigned.toLocaleString('en-US')} outside any domain`,
          countOf(summary.problems, 'ownership problem'),
          ...(summary.groups > 0
            ? [`${countOf(summary.groups, 'group')} above the teams`]
            : []),
        ].join(' · ')}
      </Typography>
      <OwnershipProblems
        problems={data.problems.items}
        total={data.problems.total}
        titles={data.titles}
      />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <TextField
          size="small"
          type="search"
          label="Find a team, domain or service"
          placeholder="e.g. orders-service"
          value={query}
          onChange={e => setParam('q', e.target.value)}
          sx={{ minWidth: 320 }}
        />
        <Autocomplete
          sx={{ minWidth: 260 }}
          size="small"
          options={data.groups}
          value={selectedTeam}
          getOptionLabel={t => t.title}
          isOptionEqualToValue={(a, b) => a.entityRef === b.entityRef}
          onChange={(_, team) => setParam('team', team?.entityRef ?? '')}
          renderInput={p => <TextField {...p} label="Team" />}
        />
      </Box>
      {(query || teamFilter) && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {data.totalItems} of {data.groups.length} teams and groups shown
        </Typography>
      )}
      <TeamRows
        rows={data.rows}
        titles={data.titles}
        query={query}
        teamFilter={teamFilter}
      />
      {data.totalItems === 0 && (
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          No team matches the filter.
        </Typography>
      )}
      {data.totalItems > ROWS_PER_PAGE[0] && (
        <TablePagination
          component="div"
          count={data.totalItems}
          page={Math.floor(data.offset / perPage)}
          rowsPerPage={perPage}
          rowsPerPageOptions={ROWS_PER_PAGE}
          labelRowsPerPage="Teams per page"
          onPageChange={(_, p) => onPage(p * perPage)}
          onRowsPerPageChange={e => {
            onPerPage(Number(e.target.value));
            onPage(0);
          }}
        />
      )}
      {data.unownedDomains.items.length > 0 && (
        <Box sx={{ mt: 2 }}>
          <InfoCard title="Domains without an owning team">
            <DomainBoxList
              domains={data.unownedDomains.items}
              render={domain => (
                <DomainBox
                  key={domain.entityRef}
                  domain={domain}
                  problems={problems}
                />
              )}
            />
            {more(data.unownedDomains)}
          </InfoCard>
        </Box>
      )}
      {data.unassigned.items.length > 0 && (
        <Box sx={{ mt: 2 }}>
          <InfoCard
            title="Not in any domain"
            subheader="Components, APIs and resources that belong to no domain, with their owner"
          >
            <ChipList
              label="Entities outside any domain"
              items={data.unassigned.items}
              render={c => <UnassignedChip key={c.entityRef} component={c} />}
            />
            {more(data.unassigned)}
          </InfoCard>
        </Box>
      )}
      <AnnotationProblemsList
        problems={data.annotationProblems.items}
        total={data.annotationProblems.total}
      />
    </>
  );
});

/**
 * Ownership tab: who owns what, and who to ask. A searchable, paged list of teams (and the
 * groups above them, with what they own through the groups below); each row names its
 * domains and what the search found, and opens to its domains with their services. The
 * ownership and annotation problems are flagged; every name links to its catalog page.
 * @internal
 */
export const OwnershipTab = () => {
  const [params] = useSearchParams();
  // The field answers each key at once; the page is asked for when typing pauses.
  const query = useDebouncedValue(params.get('q') ?? '');
  const team = params.get('team') ?? '';
  const [perPage, setPerPage] = useState(ROWS_PER_PAGE[1]);
  const [offset, setOffset] = useState(0);
  const state = useDomainSplitData(
    api =>
      api.getOwnership({
        q: query,
        group: team || undefined,
        limit: perPage,
        offset,
      }),
    [query, team, perPage, offset],
  );
  // A page of teams (their links, buttons and the pickers) is rendered as a deferred value:
  // React renders it in slices between frames, not in the task that received it.
  const page = useDeferredValue(state.value);
  return (
    <DataState
      {...state}
      value={page}
      keepContentWhileLoading
      isEmpty={v =>
        v.summary.teams === 0 &&
        v.summary.groups === 0 &&
        v.summary.domains === 0 &&
        v.summary.unassigned === 0
      }
      emptyTitle="No teams or domains in the catalog yet"
      emptyHint="Register Group, Domain and Component entities (for example the example catalog in catalog-info/) and wait for the catalog to process them."
    >
      {data => (
        <OwnershipMap
          data={data}
          perPage={perPage}
          onPage={setOffset}
          onPerPage={setPerPage}
        />
      )}
    </DataState>
  );
};
