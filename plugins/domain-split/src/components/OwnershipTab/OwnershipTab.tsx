import {
  startTransition,
  useDeferredValue,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { useSearchParams } from 'react-router-dom';
import { InfoCard } from '@backstage/core-components';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import TablePagination from '@mui/material/TablePagination';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type {
  OwnershipComponent,
  OwnershipResponse,
} from '@internal/plugin-domain-split-common';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { matchesFilter } from '../../utils/format';
import { AnnotationProblemsList } from '../AnnotationProblemsList';
import { DataState } from '../DataState';
import { EntityLink } from '../EntityLink';
import { ChipList, DomainBox, DomainBoxList } from '../TeamOwnership';
import { OwnershipProblems } from './OwnershipProblems';
import { indexOwnership, OwnershipRow, ownershipRows } from './ownershipRows';
import { TeamRow } from './TeamRow';

const ROWS_PER_PAGE = [10, 25, 50, 100];
/**
 * The team rows of a page start open while they list at most this many services in all (a
 * small catalog reads as a map at a glance; a large one renders only what is opened). The
 * rows of the groups above the teams start closed: opened, they repeat their teams' domains.
 */
export const OPEN_BUDGET = 150;

const count = (n: number, word: string) =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

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

const OwnershipMap = ({ data }: { data: OwnershipResponse }) => {
  const [params, setParams] = useSearchParams();
  const teamFilter = params.get('team') ?? '';
  const query = params.get('q') ?? '';
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(25);
  /** Rows the reader opened or closed, by group ref; the others follow the page's default. */
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  // The rows render after the summary, problems and search box, in a transition: React renders
  // them in slices between which the browser stays responsive (no long task at 10,000
  // services). The same for a new search: the field answers each key at once, the rows follow.
  const [rowsShown, setRowsShown] = useState(false);
  useEffect(() => startTransition(() => setRowsShown(true)), []);
  const listedQuery = useDeferredValue(query);
  const listedTeam = useDeferredValue(teamFilter);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setPage(0);
  };

  const index = useMemo(() => indexOwnership(data), [data]);
  const rows = useMemo(
    () =>
      ownershipRows(index, {
        team: listedTeam || undefined,
        query: listedQuery,
      }),
    [index, listedTeam, listedQuery],
  );
  const groups = useMemo(() => [...index.parents, ...index.teams], [index]);

  const pageCount = Math.max(1, Math.ceil(rows.length / perPage));
  const current = Math.min(page, pageCount - 1);
  const pageRows = rows.slice(current * perPage, (current + 1) * perPage);
  const teamsOpen =
    pageRows
      .filter(r => r.kind === 'team')
      .reduce((n, r) => n + r.services, 0) <= OPEN_BUDGET;
  const isOpen = (row: OwnershipRow) =>
    toggled[row.team.entityRef] ??
    (pageRows.length === 1 ||
      row.team.entityRef === listedTeam ||
      (row.kind === 'team' && teamsOpen));

  const unownedDomains = listedTeam
    ? []
    : index.unownedDomains.filter(
        d =>
          matchesFilter(listedQuery, d.title, d.entityRef) ||
          d.components.some(c =>
            matchesFilter(listedQuery, c.title, c.entityRef),
          ),
      );
  const unassigned = listedTeam
    ? data.unassigned.filter(c => c.ownerRef === listedTeam)
    : data.unassigned.filter(c =>
        matchesFilter(listedQuery, c.title, c.entityRef),
      );
  const selectedTeam = index.groupsByRef.get(teamFilter) ?? null;

  return (
    <>
      <Typography variant="body1" sx={{ mb: 2 }}>
        {[
          count(index.teams.length, 'team'),
          count(data.domains.length, 'domain'),
          `${count(index.componentsInDomains, 'component')} in domains`,
          `${data.unassigned.length.toLocaleString(
            'en-US',
          )} outside any domain`,
          count(data.problems.length, 'ownership problem'),
          ...(index.parents.length > 0
            ? [`${count(index.parents.length, 'group')} above the teams`]
            : []),
        ].join(' · ')}
      </Typography>
      <OwnershipProblems problems={data.problems} titles={index.titles} />
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
          options={groups}
          value={selectedTeam}
          getOptionLabel={t => t.title}
          isOptionEqualToValue={(a, b) => a.entityRef === b.entityRef}
          onChange={(_, team) => setParam('team', team?.entityRef ?? '')}
          renderInput={p => <TextField {...p} label="Team" />}
        />
      </Box>
      {rowsShown && (listedQuery || listedTeam) && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {rows.length} of {groups.length} teams and groups shown
        </Typography>
      )}
      <Box role="list" aria-label="Teams">
        {(rowsShown ? pageRows : []).map(row => (
          <Box role="listitem" key={row.team.entityRef}>
            <TeamRow
              row={row}
              index={index}
              query={query}
              open={isOpen(row)}
              onToggle={() =>
                startTransition(() =>
                  setToggled(t => ({
                    ...t,
                    [row.team.entityRef]: !isOpen(row),
                  })),
                )
              }
            />
          </Box>
        ))}
      </Box>
      {rowsShown && rows.length === 0 && (
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          No team matches the filter.
        </Typography>
      )}
      {rowsShown && rows.length > ROWS_PER_PAGE[0] && (
        <TablePagination
          component="div"
          count={rows.length}
          page={current}
          rowsPerPage={perPage}
          rowsPerPageOptions={ROWS_PER_PAGE}
          labelRowsPerPage="Teams per page"
          onPageChange={(_, p) => setPage(p)}
          onRowsPerPageChange={e => {
            setPerPage(Number(e.target.value));
            setPage(0);
          }}
        />
      )}
      {unownedDomains.length > 0 && (
        <Box sx={{ mt: 2 }}>
          <InfoCard title="Domains without an owning team">
            <DomainBoxList
              domains={unownedDomains}
              render={domain => (
                <DomainBox
                  key={domain.entityRef}
                  domain={domain}
                  problems={index.problems}
                />
              )}
            />
          </InfoCard>
        </Box>
      )}
      {unassigned.length > 0 && (
        <Box sx={{ mt: 2 }}>
          <InfoCard
            title="Not in any domain"
            subheader="Components, APIs and resources that belong to no domain, with their owner"
          >
            <ChipList
              label="Entities outside any domain"
              items={unassigned}
              render={c => <UnassignedChip key={c.entityRef} component={c} />}
            />
          </InfoCard>
        </Box>
      )}
      <AnnotationProblemsList problems={data.annotationProblems} />
    </>
  );
};

/**
 * Ownership tab: who owns what, and who to ask. A searchable, paged list of teams (and the
 * groups above them, with what they own through the groups below); each row names its
 * domains and what the search found, and opens to its domains with their services. The
 * ownership and annotation problems are flagged; every name links to its catalog page.
 * @internal
 */
export const OwnershipTab = () => {
  const state = useDomainSplitData(api => api.getOwnership(), []);
  return (
    <DataState
      {...state}
      isEmpty={v =>
        v.teams.length === 0 &&
        v.domains.length === 0 &&
        v.unassigned.length === 0
      }
      emptyTitle="No teams or domains in the catalog yet"
      emptyHint="Register Group, Domain and Component entities (for example the example catalog in catalog-info/) and wait for the catalog to process them."
    >
      {data => <OwnershipMap data={data} />}
    </DataState>
  );
};
