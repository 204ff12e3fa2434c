import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { InfoCard } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type {
  OwnershipComponent,
  OwnershipDomain,
  OwnershipProblem,
  OwnershipResponse,
} from '@internal/plugin-domain-split-common';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { matchesFilter } from '../../utils/format';
import { AnnotationProblemsList } from '../AnnotationProblemsList';
import { DataState } from '../DataState';
import { EntityLink, EntityLinkList } from '../EntityLink';
import {
  DomainBox,
  indexProblems,
  ProblemIndex,
  TeamOwnership,
} from '../TeamOwnership';

const PROBLEM_LABELS: Record<OwnershipProblem['kind'], string> = {
  'domain-without-owner': 'Domain without owner',
  'domain-with-several-owners': 'Domain with several owners',
  'component-owner-mismatch': 'Owner mismatch',
  orphan: 'Orphan',
};

/**
 * The ownership problems of the catalog, each with its entities.
 * @internal
 */
export const OwnershipProblems = ({
  problems,
  titles,
}: {
  problems: OwnershipProblem[];
  titles?: Record<string, string>;
}) => {
  if (problems.length === 0) {
    return null;
  }
  return (
    <Alert severity="warning" sx={{ mb: 2 }}>
      <AlertTitle>Ownership problems ({problems.length})</AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {problems.map((p, i) => (
          <li key={`${p.kind}-${i}`}>
            <Chip
              size="small"
              label={PROBLEM_LABELS[p.kind] ?? p.kind}
              sx={{ mr: 1 }}
            />
            {p.message}
            {p.entityRefs.length > 0 && (
              <>
                {' — '}
                <EntityLinkList entityRefs={p.entityRefs} titles={titles} />
              </>
            )}
          </li>
        ))}
      </Box>
    </Alert>
  );
};

const OwnershipMap = ({ data }: { data: OwnershipResponse }) => {
  const [params, setParams] = useSearchParams();
  const teamFilter = params.get('team') ?? '';
  const textFilter = params.get('q') ?? '';

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const { domainsByRef, problems, titles } = useMemo(() => {
    const byRef = new Map<string, OwnershipDomain>(
      data.domains.map(d => [d.entityRef, d]),
    );
    const allTitles: Record<string, string> = {};
    for (const t of data.teams) allTitles[t.entityRef] = t.title;
    for (const d of data.domains) {
      allTitles[d.entityRef] = d.title;
      for (const c of d.components) allTitles[c.entityRef] = c.title;
    }
    for (const c of data.unassigned) allTitles[c.entityRef] = c.title;
    return {
      domainsByRef: byRef,
      problems: indexProblems(data.problems) as ProblemIndex,
      titles: allTitles,
    };
  }, [data]);

  const componentFilter = textFilter
    ? (c: OwnershipComponent, d: OwnershipDomain) =>
        matchesFilter(textFilter, c.title, c.entityRef, d.title, d.entityRef)
    : undefined;

  // Departments that own nothing themselves get no card of their own (their teams have one);
  // chosen in the team filter, one shows every domain of the groups below it.
  const directTeams = data.teams.filter(
    t =>
      t.domains.length > 0 ||
      t.components.length > 0 ||
      t.rolledUpDomains.length === 0,
  );
  const teams = (teamFilter ? data.teams : directTeams).filter(t => {
    if (teamFilter && t.entityRef !== teamFilter) return false;
    if (!textFilter) return true;
    if (matchesFilter(textFilter, t.title, t.entityRef)) return true;
    return t.domains.some(ref => {
      const d = domainsByRef.get(ref);
      return (
        d &&
        (matchesFilter(textFilter, d.title, d.entityRef) ||
          d.components.some(c =>
            matchesFilter(textFilter, c.title, c.entityRef),
          ))
      );
    });
  });
  const ownedDomains = new Set(data.teams.flatMap(t => t.domains));
  const unownedDomains = teamFilter
    ? []
    : data.domains.filter(
        d =>
          !ownedDomains.has(d.entityRef) &&
          (!textFilter ||
            matchesFilter(textFilter, d.title, d.entityRef) ||
            d.components.some(c => matchesFilter(textFilter, c.title))),
      );
  const unassigned = teamFilter
    ? data.unassigned.filter(c => c.ownerRef === teamFilter)
    : data.unassigned.filter(c =>
        matchesFilter(textFilter, c.title, c.entityRef),
      );
  const serviceCount = data.domains.reduce(
    (n, d) => n + d.components.length,
    0,
  );
  const selectedTeam = data.teams.find(t => t.entityRef === teamFilter) ?? null;

  return (
    <>
      <Typography variant="body1" sx={{ mb: 2 }}>
        {directTeams.length} teams · {data.domains.length} domains ·{' '}
        {serviceCount} components in domains · {data.unassigned.length} outside
        any domain · {data.problems.length} ownership problem
        {data.problems.length === 1 ? '' : 's'}
      </Typography>
      <OwnershipProblems problems={data.problems} titles={titles} />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <Autocomplete
          sx={{ minWidth: 260 }}
          size="small"
          options={data.teams}
          value={selectedTeam}
          getOptionLabel={t => t.title}
          isOptionEqualToValue={(a, b) => a.entityRef === b.entityRef}
          onChange={(_, team) => setParam('team', team?.entityRef ?? '')}
          renderInput={p => <TextField {...p} label="Team" />}
        />
        <TextField
          size="small"
          label="Filter domains and services"
          value={textFilter}
          onChange={e => setParam('q', e.target.value)}
          sx={{ minWidth: 260 }}
        />
      </Box>
      <Grid container spacing={2}>
        {teams.map(team => (
          <Grid
            item
            xs={12}
            lg={6}
            key={team.entityRef}
            component="section"
            aria-label={`Team ${team.title}`}
          >
            <InfoCard
              title={
                <EntityLink entityRef={team.entityRef} title={team.title} />
              }
              subheader={`${team.domains.length} domain${
                team.domains.length === 1 ? '' : 's'
              } · ${team.components.length} component${
                team.components.length === 1 ? '' : 's'
              }`}
            >
              <TeamOwnership
                team={team}
                domainsByRef={domainsByRef}
                problems={problems}
                filter={componentFilter}
              />
            </InfoCard>
          </Grid>
        ))}
        {teams.length === 0 && (
          <Grid item xs={12}>
            <Typography color="text.secondary">
              No team matches the filter.
            </Typography>
          </Grid>
        )}
        {unownedDomains.length > 0 && (
          <Grid item xs={12}>
            <InfoCard title="Domains without an owning team">
              <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5 }}>
                {unownedDomains.map(domain => (
                  <DomainBox
                    key={domain.entityRef}
                    domain={domain}
                    problems={problems}
                  />
                ))}
              </Box>
            </InfoCard>
          </Grid>
        )}
        {unassigned.length > 0 && (
          <Grid item xs={12}>
            <InfoCard
              title="Not in any domain"
              subheader="Components, APIs and resources that belong to no domain"
            >
              <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75 }}>
                {unassigned.map(c => (
                  <Chip
                    key={c.entityRef}
                    size="small"
                    variant="outlined"
                    label={
                      <EntityLink
                        entityRef={c.entityRef}
                        title={c.title}
                        showKind
                      />
                    }
                  />
                ))}
              </Box>
            </InfoCard>
          </Grid>
        )}
      </Grid>
      <AnnotationProblemsList problems={data.annotationProblems} />
    </>
  );
};

/**
 * Ownership tab: teams → domains → services at a glance, with a team filter, a text filter
 * and the ownership and annotation problems flagged. Every name links to its catalog page.
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
