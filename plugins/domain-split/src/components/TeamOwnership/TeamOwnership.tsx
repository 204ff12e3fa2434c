import { useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import {
  ComponentHome,
  indexComponentHomes,
  ProblemIndex,
  servicesElsewhere,
} from '@internal/plugin-domain-split-common';
import type {
  OwnershipComponent,
  OwnershipDomain,
  OwnershipTeam,
} from '@internal/plugin-domain-split-common';
import { EntityLink } from '../EntityLink';
import { LazyTooltip } from '../LazyTooltip';
import { shortName } from '../../utils/format';

/** How many chips a box shows before "+N more". */
const CHIP_LIMIT = 24;
/** How many domain boxes a list shows before "Show all N domains". */
export const DOMAIN_LIMIT = 12;

/**
 * A warning mark whose tooltip lists the problems of an entity; nothing when it has none.
 * @internal
 */
export const ProblemMark = ({ messages }: { messages: string[] }) => {
  if (messages.length === 0) {
    return null;
  }
  const text = `Problem: ${messages.join(' · ')}`;
  return (
    <LazyTooltip title={text}>
      <WarningAmberIcon
        titleAccess={text}
        color="warning"
        fontSize="small"
        sx={{ verticalAlign: 'middle', ml: 0.5 }}
      />
    </LazyTooltip>
  );
};

const ComponentChip = ({
  component,
  teamRef,
  problems,
  note,
}: {
  component: OwnershipComponent;
  teamRef?: string;
  problems: ProblemIndex;
  note?: string;
}) => {
  const messages = (problems.get(component.entityRef) ?? []).map(
    p => p.message,
  );
  const ownedElsewhere =
    teamRef !== undefined &&
    component.ownerRef !== undefined &&
    component.ownerRef !== teamRef;
  if (ownedElsewhere && messages.length === 0) {
    messages.push(`owned by ${shortName(component.ownerRef!)}`);
  }
  const flagged = messages.length > 0;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={flagged ? 'warning' : 'default'}
      sx={{ maxWidth: '100%' }}
      label={
        <span>
          <EntityLink entityRef={component.entityRef} title={component.title} />
          {note && (
            <Typography component="span" variant="caption" sx={{ ml: 0.5 }}>
              {note}
            </Typography>
          )}
          <ProblemMark messages={messages} />
        </span>
      }
    />
  );
};

/**
 * Chips in a wrapping row, the first few shown and a button for the rest.
 * @internal
 */
export const ChipList = <T,>({
  items,
  render,
  label,
}: {
  items: T[];
  render: (item: T) => JSX.Element;
  label: string;
}) => {
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? items : items.slice(0, CHIP_LIMIT);
  return (
    <Box
      aria-label={label}
      role="list"
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75, mt: 1 }}
    >
      {shown.map(render)}
      {items.length > CHIP_LIMIT && (
        <Button size="small" onClick={() => setExpanded(e => !e)}>
          {expanded ? 'Show fewer' : `+${items.length - CHIP_LIMIT} more`}
        </Button>
      )}
    </Box>
  );
};

/**
 * Domain boxes side by side, the first {@link DOMAIN_LIMIT} shown and a button for the rest:
 * a department's roll-up can hold hundreds of domains.
 * @internal
 */
export const DomainBoxList = ({
  domains,
  render,
}: {
  domains: OwnershipDomain[];
  render: (domain: OwnershipDomain) => JSX.Element;
}) => {
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? domains : domains.slice(0, DOMAIN_LIMIT);
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5 }}>
      {shown.map(render)}
      {domains.length > DOMAIN_LIMIT && (
        <Box sx={{ flexBasis: '100%' }}>
          <Button size="small" onClick={() => setExpanded(e => !e)}>
            {expanded
              ? 'Show fewer domains'
              : `Show all ${domains.length} domains`}
          </Button>
        </Box>
      )}
    </Box>
  );
};

/**
 * One domain as a box holding its services (chips) and the contracts it publishes.
 * @internal
 */
export const DomainBox = ({
  domain,
  teamRef,
  problems,
  filter,
}: {
  domain: OwnershipDomain;
  /** The team whose card holds the box; services owned by another team are flagged. */
  teamRef?: string;
  problems: ProblemIndex;
  /** Only services matching this predicate are shown. */
  filter?: (component: OwnershipComponent) => boolean;
}) => {
  const components = filter
    ? domain.components.filter(filter)
    : domain.components;
  const messages = (problems.get(domain.entityRef) ?? []).map(p => p.message);
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={`Domain ${domain.title}`}
      sx={{
        p: 1.5,
        flex: '1 1 260px',
        minWidth: 0,
        borderColor: messages.length ? 'warning.main' : undefined,
      }}
    >
      <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 600 }}>
        <EntityLink entityRef={domain.entityRef} title={domain.title} />
        <ProblemMark messages={messages} />
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {domain.components.length} component
        {domain.components.length === 1 ? '' : 's'} · {domain.apis.length}{' '}
        contract{domain.apis.length === 1 ? '' : 's'}
        {domain.ownerRefs.length > 1 &&
          ` · owners: ${domain.ownerRefs.map(shortName).join(', ')}`}
      </Typography>
      {components.length > 0 ? (
        <ChipList
          label={`Services of ${domain.title}`}
          items={components}
          render={c => (
            <ComponentChip
              key={c.entityRef}
              component={c}
              teamRef={teamRef}
              problems={problems}
            />
          )}
        />
      ) : (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {domain.components.length
            ? 'No matching services'
            : 'No services yet'}
        </Typography>
      )}
      {domain.apis.length > 0 && (
        <Box sx={{ mt: 1 }}>
          <Typography variant="caption" color="text.secondary">
            Publishes:{' '}
          </Typography>
          {domain.apis.slice(0, 8).map((api, i) => (
            <Typography key={api} component="span" variant="caption">
              {i > 0 && ', '}
              <EntityLink entityRef={api} />
            </Typography>
          ))}
          {domain.apis.length > 8 && (
            <Typography component="span" variant="caption">
              {' '}
              and {domain.apis.length - 8} more
            </Typography>
          )}
        </Box>
      )}
    </Paper>
  );
};

/**
 * One team: its members, then a box per owned domain holding the domain's services, the
 * domains of the groups below it, then the services it owns inside domains it does not own
 * (flagged). Long lists of domains show their first boxes and a button for the rest.
 * @internal
 */
export const TeamOwnership = ({
  team,
  domainsByRef,
  homes,
  problems,
  filter,
  showMembers = true,
}: {
  team: OwnershipTeam;
  domainsByRef: Map<string, OwnershipDomain>;
  /** Components by ref with their domain; built from `domainsByRef` when not given. */
  homes?: Map<string, ComponentHome>;
  problems: ProblemIndex;
  filter?: (component: OwnershipComponent, domain: OwnershipDomain) => boolean;
  showMembers?: boolean;
}) => {
  const componentHomes = useMemo(
    () => homes ?? indexComponentHomes(domainsByRef.values()),
    [homes, domainsByRef],
  );
  // With a filter, a domain none of whose services it keeps is left out (the filter sees the
  // domain's name too, so a domain found by name keeps all of them).
  const shown = (d: OwnershipDomain) =>
    !filter ||
    d.components.length === 0 ||
    d.components.some(c => filter(c, d));
  const ownDomains = team.domains
    .map(ref => domainsByRef.get(ref))
    .filter((d): d is OwnershipDomain => d !== undefined);
  // A department sees the domains of the groups below it (Ownership rolls up the group tree).
  const ownRefs = new Set(team.domains);
  const belowDomains = (team.rolledUpDomains ?? [])
    .filter(ref => !ownRefs.has(ref))
    .map(ref => domainsByRef.get(ref))
    .filter((d): d is OwnershipDomain => d !== undefined);
  const ownShown = ownDomains.filter(shown);
  const belowShown = belowDomains.filter(shown);
  const elsewhere = servicesElsewhere(team, componentHomes);
  const visibleElsewhere = filter
    ? elsewhere.filter(e => filter(e.component, e.domain))
    : elsewhere;
  const messages = (problems.get(team.entityRef) ?? []).map(p => p.message);
  return (
    <Box>
      {showMembers && team.members.length > 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {team.members.slice(0, 8).map((m, i) => (
            <span key={m.entityRef}>
              {i > 0 && ', '}
              <EntityLink entityRef={m.entityRef} title={m.title} />
              {m.role && ` (${m.role})`}
            </span>
          ))}
          {team.members.length > 8 && ` and ${team.members.length - 8} more`}
        </Typography>
      )}
      {messages.length > 0 && (
        <Typography variant="body2" color="warning.main" sx={{ mb: 1 }}>
          {messages.join(' · ')}
        </Typography>
      )}
      {ownShown.length > 0 && (
        <DomainBoxList
          domains={ownShown}
          render={domain => (
            <DomainBox
              key={domain.entityRef}
              domain={domain}
              teamRef={team.entityRef}
              problems={problems}
              filter={filter ? c => filter(c, domain) : undefined}
            />
          )}
        />
      )}
      {ownDomains.length === 0 && belowDomains.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          Owns no domain.
        </Typography>
      )}
      {belowShown.length > 0 && (
        <Box
          component="section"
          aria-label={`Domains of the groups below ${team.title}`}
          sx={{ mt: 1.5 }}
        >
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            Through the groups below it:
          </Typography>
          <DomainBoxList
            domains={belowShown}
            render={domain => (
              <DomainBox
                key={domain.entityRef}
                domain={domain}
                teamRef={domain.ownerRefs[0] ?? team.entityRef}
                problems={problems}
                filter={filter ? c => filter(c, domain) : undefined}
              />
            )}
          />
        </Box>
      )}
      {visibleElsewhere.length > 0 && (
        <Box sx={{ mt: 1.5 }}>
          <Typography variant="body2" color="warning.main">
            Also owns services in domains it does not own:
          </Typography>
          <ChipList
            label={`Services ${team.title} owns in other domains`}
            items={visibleElsewhere}
            render={({ component, domain }) => (
              <ComponentChip
                key={component.entityRef}
                component={component}
                problems={problems}
                note={`in ${domain.title}`}
              />
            )}
          />
        </Box>
      )}
    </Box>
  );
};
