import { Fragment, useId } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { EntityLink } from '../EntityLink';
import { ProblemMark, TeamOwnership } from '../TeamOwnership';
import {
  OwnershipIndex,
  OwnershipMatch,
  OwnershipRow,
  serviceFilter,
} from './ownershipRows';

/** How many domains (or groups below) a closed row names. */
const NAMED_IN_SUMMARY = 6;
/** How many search matches a closed row names. */
const MATCHES_SHOWN = 5;

const plural = (n: number, word: string) =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** Links to the first few refs, then "and N more". */
const FirstLinks = ({
  refs,
  titles,
}: {
  refs: string[];
  titles: Record<string, string>;
}) => (
  <>
    {refs.slice(0, NAMED_IN_SUMMARY).map((ref, i) => (
      <Fragment key={ref}>
        {i > 0 && ', '}
        <EntityLink entityRef={ref} title={titles[ref]} />
      </Fragment>
    ))}
    {refs.length > NAMED_IN_SUMMARY &&
      ` and ${refs.length - NAMED_IN_SUMMARY} more`}
  </>
);

const MatchText = ({ match }: { match: OwnershipMatch }) => {
  if (match.kind === 'domain') {
    return (
      <>
        domain <EntityLink entityRef={match.entityRef} title={match.title} />
      </>
    );
  }
  return (
    <>
      <EntityLink entityRef={match.entityRef} title={match.title} />
      {match.domain ? (
        <>
          {' '}
          (in{' '}
          <EntityLink
            entityRef={match.domain.entityRef}
            title={match.domain.title}
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
 * One team (or a group above teams) of the Ownership tab: its name, what it owns in short
 * and what the search found in it; opened, its domains with their services.
 * @internal
 */
export const TeamRow = ({
  row,
  index,
  query,
  open,
  onToggle,
}: {
  row: OwnershipRow;
  index: OwnershipIndex;
  query: string;
  open: boolean;
  onToggle: () => void;
}) => {
  const { team, kind, matches, filtered } = row;
  const detailsId = useId();
  const messages = [
    ...new Set(
      [team.entityRef, ...team.domains].flatMap(ref =>
        (index.problems.get(ref) ?? []).map(p => p.message),
      ),
    ),
  ];
  const parent = team.parentRef ? (
    <>
      {' · part of '}
      <EntityLink
        entityRef={team.parentRef}
        title={index.groupsByRef.get(team.parentRef)?.title}
      />
    </>
  ) : null;
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={`${kind === 'group' ? 'Group' : 'Team'} ${team.title}`}
      sx={{ mb: 1 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1, p: 1.5 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography
            variant="subtitle1"
            component="h3"
            sx={{ fontWeight: 600 }}
          >
            <EntityLink entityRef={team.entityRef} title={team.title} />
            <ProblemMark messages={messages} />
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {kind === 'group' ? (
              <>
                {plural(team.childRefs.length, 'group')} below ·{' '}
                {plural(team.rolledUpDomains.length, 'domain')} and{' '}
                {plural(team.rolledUpComponents.length, 'component')} through
                them
              </>
            ) : (
              <>
                {plural(team.domains.length, 'domain')} ·{' '}
                {plural(team.components.length, 'component')} ·{' '}
                {plural(team.members.length, 'member')}
              </>
            )}
            {parent}
          </Typography>
          {kind === 'group' && team.childRefs.length > 0 && (
            <Typography variant="body2">
              Groups below:{' '}
              <FirstLinks
                refs={index.childrenByTitle(team)}
                titles={index.titles}
              />
            </Typography>
          )}
          {team.domains.length > 0 && (
            <Typography variant="body2">
              Domains: <FirstLinks refs={team.domains} titles={index.titles} />
            </Typography>
          )}
          {matches.length > 0 && (
            <Typography
              variant="body2"
              aria-label={`Matches in ${team.title}`}
              sx={{ mt: 0.5 }}
            >
              Matches:{' '}
              {matches.slice(0, MATCHES_SHOWN).map((m, i) => (
                <Fragment key={m.entityRef}>
                  {i > 0 && ', '}
                  <MatchText match={m} />
                </Fragment>
              ))}
              {matches.length > MATCHES_SHOWN &&
                ` and ${matches.length - MATCHES_SHOWN} more`}
            </Typography>
          )}
        </Box>
        <Button
          size="small"
          onClick={onToggle}
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
          <TeamOwnership
            team={team}
            domainsByRef={index.domainsByRef}
            homes={index.homes}
            problems={index.problems}
            filter={filtered ? serviceFilter(query) : undefined}
          />
        </Box>
      )}
    </Paper>
  );
};
