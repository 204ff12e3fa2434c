import { memo } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  CONTEXT_MAP_EDGE_KINDS,
  CONTEXT_MAP_EDGE_LABELS,
  ContextMapEdge,
  ContextMapNode,
  ContextMapTeam,
  ImpactLevel,
  IMPACT_LEVELS,
  MIGRATION_PHASE_NAMES,
  MigrationPhase,
  RuleViolation,
} from '@internal/plugin-domain-split-common';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { ImpactChip, ImpactLegend } from '../ImpactChip';
import {
  EDGE_STYLES,
  PHASE_COLORS,
  VIOLATION_COLOR,
  ruleTitle,
  teamColor,
} from './contextMapStyle';

const PHASES: MigrationPhase[] = [0, 1, 2, 3];

/**
 * Links to entity pages for the map's table and side panel, which show up to 60 ties and
 * a domain's every service and contract: catalog-react's EntityRefLink costs a few
 * milliseconds each (its presentation hooks), which made every re-render of the tab at
 * 10,000 services a long task. The titles are known; only the path is needed.
 */
function useEntityLinks() {
  const entityRoute = useRouteRef(entityRouteRef);
  return (ref: string, title: string) => {
    try {
      const { kind, namespace, name } = parseEntityRef(ref);
      return <Link to={entityRoute({ kind, namespace, name })}>{title}</Link>;
    } catch {
      return <>{title}</>;
    }
  };
}
/** Domains named per impact level in the side panel, then counted. */
const MAX_LISTED_DOMAINS = 12;

/** A phase badge as the map draws it. @internal */
export const PhaseBadge = ({ phase }: { phase?: MigrationPhase }) =>
  phase === undefined ? null : (
    <Chip
      size="small"
      label={`P${phase} ${MIGRATION_PHASE_NAMES[phase]}`}
      sx={{ bgcolor: PHASE_COLORS[phase], color: '#fff', fontWeight: 600 }}
    />
  );

const LineSample = ({
  color,
  width,
  dash,
}: {
  color: string;
  width: number;
  dash?: string;
}) => (
  <svg width={42} height={12} aria-hidden>
    <line
      x1={2}
      y1={6}
      x2={40}
      y2={6}
      stroke={color}
      strokeWidth={width}
      strokeDasharray={dash}
    />
  </svg>
);

/**
 * What the map's lines, boxes, badges and fills mean.
 * @internal
 */
export const ContextMapLegend = ({
  showImpact,
  teams,
  teamOrder,
  titles,
}: {
  showImpact: boolean;
  teams: ContextMapTeam[];
  teamOrder: string[];
  titles: Record<string, string>;
}) => (
  <Box
    component="section"
    aria-label="Map legend"
    sx={{ display: 'flex', flexDirection: 'column', gap: 1, mt: 1 }}
  >
    <Box
      component="ul"
      aria-label="Teams"
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: 2,
        listStyle: 'none',
        p: 0,
        m: 0,
      }}
    >
      {teams.map(team => (
        <Box
          component="li"
          key={team.entityRef}
          sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}
        >
          <Box
            aria-hidden
            sx={{
              width: 14,
              height: 14,
              borderRadius: '3px',
              bgcolor: teamColor(team.entityRef, teamOrder),
            }}
          />
          <Typography variant="caption">
            <strong>{team.title}</strong>:{' '}
            {team.domains.map(d => titles[d] ?? d).join(', ')}
          </Typography>
        </Box>
      ))}
    </Box>
    <Box
      component="ul"
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: 2,
        listStyle: 'none',
        p: 0,
        m: 0,
      }}
    >
      {CONTEXT_MAP_EDGE_KINDS.map(kind => (
        <Box
          component="li"
          key={kind}
          sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}
        >
          <LineSample {...EDGE_STYLES[kind]} />
          <Typography variant="caption">
            {CONTEXT_MAP_EDGE_LABELS[kind]}
          </Typography>
        </Box>
      ))}
      <Box
        component="li"
        sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}
      >
        <LineSample color={VIOLATION_COLOR} width={3} />
        <Typography
          variant="caption"
          sx={{ color: VIOLATION_COLOR, fontWeight: 600 }}
        >
          breaks a rule (hover or focus the line for the rule)
        </Typography>
      </Box>
    </Box>
    <Typography variant="caption" color="textSecondary">
      Arrows point from the domain that depends (consumer, user of a shared
      thing) to the one it depends on; the number is how many dependencies make
      the tie (labels show on rule breaks, on the selected domain's ties, and on
      hover). The band on a domain names its team (with how many domains it
      owns); a domain grows with its number of services; the badge is its
      migration phase (
      {PHASES.map(p => `P${p} ${MIGRATION_PHASE_NAMES[p]}`).join(', ')}). Select
      a domain to see what its failure takes down.
    </Typography>
    {showImpact && <ImpactLegend />}
  </Box>
);

/**
 * The selected domain: team, phase, services, contracts, its ties and its failure row.
 * @internal
 */
export const DomainDetails = (props: {
  node: ContextMapNode;
  /** The first violations of all its ties (the server cuts them), and how many more. */
  broken: RuleViolation[];
  moreBroken: number;
  titles: Record<string, string>;
  impacts?: Map<string, ImpactLevel>;
  impactsLoading: boolean;
  impactsError?: Error;
  ownerDomains: string[];
}) => {
  const { node, broken, moreBroken, titles, impacts } = props;
  const titleOf = (ref: string) => titles[ref] ?? ref;
  const linkTo = useEntityLinks();
  const reached = [...(impacts?.entries() ?? [])]
    .filter(([ref]) => ref !== node.domainRef)
    .sort(
      ([a, x], [b, y]) =>
        IMPACT_LEVELS.indexOf(y) - IMPACT_LEVELS.indexOf(x) ||
        titleOf(a).localeCompare(titleOf(b)),
    );
  return (
    <Box component="section" aria-label={`Domain ${titleOf(node.domainRef)}`}>
      <Typography variant="h6">
        {linkTo(node.domainRef, titleOf(node.domainRef))}
      </Typography>
      <Box sx={{ my: 1 }}>
        <PhaseBadge phase={node.phase} />
      </Box>
      <Typography variant="body2">
        Team:{' '}
        {node.ownerRef
          ? linkTo(node.ownerRef, titleOf(node.ownerRef))
          : 'no owning team'}
        {props.ownerDomains.length > 1 &&
          ` (also owns ${props.ownerDomains
            .filter(d => d !== node.domainRef)
            .map(titleOf)
            .join(', ')})`}
      </Typography>
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        When {titleOf(node.domainRef)} fails
      </Typography>
      {props.impactsLoading && (
        <Typography variant="body2">Loading its failure row…</Typography>
      )}
      {props.impactsError && (
        <Typography variant="body2" color="error">
          The failure matrix could not be loaded: {props.impactsError.message}
        </Typography>
      )}
      {impacts && reached.length === 0 && (
        <Typography variant="body2">No other domain is reached.</Typography>
      )}
      {reached.length > 0 && (
        <Box
          component="ul"
          aria-label="Domains its failure reaches"
          sx={{ pl: 0, listStyle: 'none', m: 0 }}
        >
          {/* One line per level, worst first: 300 domains stay 4 lines. */}
          {[...IMPACT_LEVELS].reverse().map(level => {
            const refs = reached
              .filter(([, l]) => l === level)
              .map(([ref]) => titleOf(ref));
            if (refs.length === 0) return null;
            return (
              <Box
                component="li"
                key={level}
                sx={{
                  display: 'flex',
                  gap: 1,
                  alignItems: 'baseline',
                  my: 0.5,
                }}
              >
                <ImpactChip impact={level} />
                <Typography variant="body2" component="span">
                  {refs.slice(0, MAX_LISTED_DOMAINS).join(', ')}
                  {refs.length > MAX_LISTED_DOMAINS &&
                    ` and ${refs.length - MAX_LISTED_DOMAINS} more`}
                </Typography>
              </Box>
            );
          })}
        </Box>
      )}
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        Services ({node.components.length})
      </Typography>
      <Box component="ul" sx={{ pl: 2, m: 0 }}>
        {node.components.map(ref => (
          <li key={ref}>{linkTo(ref, titleOf(ref))}</li>
        ))}
      </Box>
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        Contracts ({node.apis.length})
      </Typography>
      <Box component="ul" sx={{ pl: 2, m: 0 }}>
        {node.apis.map(ref => (
          <li key={ref}>{linkTo(ref, titleOf(ref))}</li>
        ))}
      </Box>
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        Rules its ties break
      </Typography>
      {broken.length > 0 ? (
        <Box component="ul" sx={{ pl: 2, m: 0 }}>
          {broken.map(v => (
            <li key={`${v.rule}|${v.message}`}>
              <Typography variant="body2">
                <strong style={{ color: VIOLATION_COLOR }}>
                  {ruleTitle(v.rule)}
                </strong>
                : {v.message}
              </Typography>
            </li>
          ))}
          {moreBroken > 0 && (
            <li>
              <Typography variant="body2">
                and {moreBroken} more (the Rules tab lists them all)
              </Typography>
            </li>
          )}
        </Box>
      ) : (
        <Typography variant="body2">None.</Typography>
      )}
    </Box>
  );
};

/**
 * The edges as a table: what the drawing shows, for keyboards and screen readers.
 * @internal
 */
export const ContextMapEdgeTable = memo(
  ({
    edges,
    titles,
  }: {
    edges: ContextMapEdge[];
    titles: Record<string, string>;
  }) => {
    const titleOf = (ref: string) => titles[ref] ?? ref;
    const linkTo = useEntityLinks();
    return (
      <Table size="small" aria-label="Ties between domains">
        <TableHead>
          <TableRow>
            <TableCell>From (depends)</TableCell>
            <TableCell>To (depended on)</TableCell>
            <TableCell>Kind</TableCell>
            <TableCell align="right">Count</TableCell>
            <TableCell>Through</TableCell>
            <TableCell>Rules broken</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {edges.map(edge => (
            <TableRow key={edge.id} data-edge-row={edge.id}>
              <TableCell>{linkTo(edge.from, titleOf(edge.from))}</TableCell>
              <TableCell>{linkTo(edge.to, titleOf(edge.to))}</TableCell>
              <TableCell>{CONTEXT_MAP_EDGE_LABELS[edge.kind]}</TableCell>
              <TableCell align="right">{edge.count}</TableCell>
              <TableCell>
                {edge.links
                  .map(l =>
                    l.via === l.provider
                      ? `${titleOf(l.consumer)} → ${titleOf(l.provider)}`
                      : `${titleOf(l.consumer)} → ${titleOf(l.provider)} (${
                          l.via === 'dependsOn' ? 'dependsOn' : titleOf(l.via)
                        })`,
                  )
                  .join('; ')}
                {edge.moreLinks > 0 ? `; and ${edge.moreLinks} more` : ''}
              </TableCell>
              <TableCell
                sx={{ color: edge.rules.length ? VIOLATION_COLOR : undefined }}
              >
                {edge.rules.length ? edge.rules.map(ruleTitle).join(', ') : '—'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  },
);
