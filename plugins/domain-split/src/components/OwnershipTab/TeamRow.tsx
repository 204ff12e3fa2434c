import { Fragment, memo, useDeferredValue, useId, useMemo } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import {
  indexOwnership,
  serviceFilter,
} from '@internal/plugin-domain-split-common';
import type {
  OwnershipPageMatch,
  OwnershipPageRow,
} from '@internal/plugin-domain-split-common';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { DataState } from '../DataState';
import { EntityLink } from '../EntityLink';
import { ProblemMark, TeamOwnership } from '../TeamOwnership';
import { countOf } from '../../utils/format';

/** Links to the refs the row names, then "and N more" for the rest of `total`. */
const FirstLinks = ({
  refs,
  total,
  titles,
}: {
  refs: string[];
  total: number;
  titles: Record<string, string>;
}) => (
  <>
    {refs.map((ref, i) => (
      <Fragment key={ref}>
        {i > 0 && ', '}
        <EntityLink entityRef={ref} title={titles[ref]} />
      </Fragment>
    ))}
    {total > refs.length && ` and ${total - refs.length} more`}
  </>
);

const MatchText = ({
  match,
  titles,
}: {
  match: OwnershipPageMatch;
  titles: Record<string, string>;
}) => {
  if (match.kind === 'domain') {
    return (
      <>
        domain{' '}
        <EntityLink
          entityRef={match.entityRef}
          title={titles[match.entityRef]}
        />
      </>
    );
  }
  return (
    <>
      <EntityLink entityRef={match.entityRef} title={titles[match.entityRef]} />
      {match.domainRef ? (
        <>
          {' '}
          (in{' '}
          <EntityLink
            entityRef={match.domainRef}
            title={titles[match.domainRef]}
          />
          )
        </>
      ) : (
        ' (outside any domain)'
      )}
    </>
  );
};

/**
 * What an opened row lists: the group's part of the ownership (GET /ownership?team=), its
 * domains with their services, only those the search matched when the row is filtered.
 */
const TeamDetails = ({
  teamRef,
  query,
  filtered,
}: {
  teamRef: string;
  query: string;
  filtered: boolean;
}) => {
  const state = useDomainSplitData(
    async api => (await api.getTeamOwnership(teamRef)) ?? null,
    [teamRef],
  );
  // The team's domain boxes (hundreds of chips and links) are rendered as a deferred value:
  // React renders them in slices between frames, not in the task that received them.
  const data = useDeferredValue(state.value);
  const content = useMemo(() => {
    const team = data?.teams[0];
    if (!team) return null;
    const index = indexOwnership(data);
    return (
      <TeamOwnership
        team={team}
        domainsByRef={index.domainsByRef}
        homes={index.homes}
        problems={index.problems}
        filter={filtered ? serviceFilter(query) : undefined}
      />
    );
  }, [data, filtered, query]);
  return (
    <DataState
      {...state}
      value={data}
      isEmpty={v => v === null}
      emptyTitle="This group is not in the catalog any more"
    >
      {() => content}
    </DataState>
  );
};

/**
 * One team (or a group above teams) of the Ownership tab: its name, what it owns in short
 * and what the search found in it; opened, its domains with their services. Memoised: opening
 * one row renders only that row again.
 * @internal
 */
export const TeamRow = memo(function TeamRowView({
  row,
  titles,
  query,
  open,
  onOpen,
}: {
  row: OwnershipPageRow;
  /** Titles of the refs the page names. */
  titles: Record<string, string>;
  query: string;
  open: boolean;
  /** Called with the row's group ref and whether it is to be open. */
  onOpen: (entityRef: string, open: boolean) => void;
}) {
  const { kind, matches } = row;
  const detailsId = useId();
  const parent = row.parentRef ? (
    <>
      {' · part of '}
      <EntityLink entityRef={row.parentRef} title={titles[row.parentRef]} />
    </>
  ) : null;
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={`${kind === 'group' ? 'Group' : 'Team'} ${row.title}`}
      sx={{ mb: 1 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1, p: 1.5 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography
            variant="subtitle1"
            component="h3"
            sx={{ fontWeight: 600 }}
          >
            <EntityLink entityRef={row.entityRef} title={row.title} />
            <ProblemMark messages={row.problems} />
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {kind === 'group' ? (
              <>
                {countOf(row.childCount, 'group')} below ·{' '}
                {countOf(row.rolledUpDomainCount, 'domain')} and{' '}
                {countOf(row.rolledUpComponentCount, 'component')} through them
              </>
            ) : (
              <>
                {countOf(row.domainCount, 'domain')} ·{' '}
                {countOf(row.componentCount, 'component')} ·{' '}
                {countOf(row.memberCount, 'member')}
              </>
            )}
            {parent}
          </Typography>
          {kind === 'group' && row.childCount > 0 && (
            <Typography variant="body2">
              Groups below:{' '}
              <FirstLinks
                refs={row.children}
                total={row.childCount}
                titles={titles}
              />
            </Typography>
          )}
          {row.domainCount > 0 && (
            <Typography variant="body2">
              Domains:{' '}
              <FirstLinks
                refs={row.domains}
                total={row.domainCount}
                titles={titles}
              />
            </Typography>
          )}
          {matches.length > 0 && (
            <Typography
              variant="body2"
              aria-label={`Matches in ${row.title}`}
              sx={{ mt: 0.5 }}
            >
              Matches:{' '}
              {matches.map((m, i) => (
                <Fragment key={m.entityRef}>
                  {i > 0 && ', '}
                  <MatchText match={m} titles={titles} />
                </Fragment>
              ))}
              {row.matchCount > matches.length &&
                ` and ${row.matchCount - matches.length} more`}
            </Typography>
          )}
        </Box>
        <Button
          size="small"
          onClick={() => onOpen(row.entityRef, !open)}
          aria-expanded={open}
          aria-controls={detailsId}
          endIcon={open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          sx={{ flexShrink: 0 }}
        >
          {open ? 'Hide' : 'Show'} domains and services
        </Button>
      </Box>
      {open && (
        <Box id={detailsId} sx={{ px: 1.5, pb: 1.5 }}>
          <TeamDetails
            teamRef={row.entityRef}
            query={query}
            filtered={row.filtered}
          />
        </Box>
      )}
    </Paper>
  );
});
