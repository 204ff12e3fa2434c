import { KeyboardEvent, memo, useId, useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import {
  ContextMapEdge,
  ContextMapNode,
  ImpactLevel,
  MIGRATION_PHASE_NAMES,
} from '@internal/plugin-domain-split-common';
import { IMPACT_COLORS } from '../ImpactChip/impactColors';
import {
  describeEdge,
  layoutContextMap,
  LaidOutEdge,
  Point,
} from './contextMapLayout';
import {
  EDGE_STYLES,
  PHASE_COLORS,
  VIOLATION_COLOR,
  ruleTitle,
  teamColor,
} from './contextMapStyle';

/** @internal */
export interface ContextMapViewProps {
  nodes: ContextMapNode[];
  edges: ContextMapEdge[];
  titles: Record<string, string>;
  /** All teams of the map, so a team keeps its colour when filters hide others. */
  teamOrder: string[];
  selected?: string;
  /** The selected domain's failure row: impact on each domain it reaches. */
  impacts?: Map<string, ImpactLevel>;
  onSelect?: (domainRef: string | undefined) => void;
  /** Accessible name of the drawing. */
  label: string;
}

/** A pale version of the matrix's "none" green. */
const NONE_FILL = '#e8f5e9';

function pathOf(points: Point[]): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  if (rest.length < 2) {
    return `M${first.x},${first.y}${rest.map(p => ` L${p.x},${p.y}`).join('')}`;
  }
  // A smooth line through dagre's control points: quadratic segments between midpoints.
  let d = `M${first.x},${first.y}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const p = rest[i];
    const next = rest[i + 1];
    const mid =
      i === rest.length - 2
        ? next
        : { x: (p.x + next.x) / 2, y: (p.y + next.y) / 2 };
    d += ` Q${p.x},${p.y} ${mid.x},${mid.y}`;
  }
  return d;
}

function activate(event: KeyboardEvent, action: () => void) {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    action();
  }
}

/**
 * The context map as SVG: team boxes holding their domains, sized by services with a phase
 * badge, edges styled by kind and red when they break a rule (the rule shows on hover or
 * focus), and, when a domain is selected, the domains its failure reaches filled with the
 * impact level. Nodes and edges are focusable; Enter or Space selects a domain, Escape clears.
 * @internal
 */
export const ContextMapView = memo((props: ContextMapViewProps) => {
  const { nodes, edges, titles, teamOrder, selected, impacts, onSelect } =
    props;
  const theme = useTheme();
  const id = useId().replace(/:/g, '');
  const [activeEdge, setActiveEdge] = useState<string | undefined>();
  const titleOf = (ref: string) => titles[ref] ?? ref;
  // Filters hand over new arrays on every change (a selection, say); lay out again only when
  // what is drawn changes.
  const drawnKey = `${nodes.map(n => n.domainRef).join(',')}|${edges
    .map(e => e.id)
    .join(',')}`;
  const layout = useMemo(
    () => layoutContextMap(nodes, edges, ref => titles[ref] ?? ref),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [drawnKey, titles],
  );
  const ink = theme.palette.text.primary;
  const paper = theme.palette.background.paper;
  const muted = theme.palette.text.secondary;

  // Labels of every edge would bury a 40-tie map: show them where they matter (broken rules,
  // the selected domain's ties, small maps) and on hover or focus; the table has them all.
  const showAllLabels = layout.edges.length <= 16;

  const renderEdge = (laid: LaidOutEdge) => {
    const { edge } = laid;
    const style = EDGE_STYLES[edge.kind];
    const violating = edge.rules.length > 0;
    const active = activeEdge === edge.id;
    const touchesSelected =
      !!selected && (edge.from === selected || edge.to === selected);
    const color = violating ? VIOLATION_COLOR : style.color;
    const description = describeEdge(edge, titleOf, ruleTitle);
    const showLabel = showAllLabels || violating || touchesSelected || active;
    return (
      <g
        key={edge.id}
        data-edge-id={edge.id}
        data-kind={edge.kind}
        data-violating={violating ? 'true' : 'false'}
        tabIndex={0}
        role="img"
        aria-label={description}
        onMouseEnter={() => setActiveEdge(edge.id)}
        onMouseLeave={() => setActiveEdge(undefined)}
        onFocus={() => setActiveEdge(edge.id)}
        onBlur={() => setActiveEdge(undefined)}
        opacity={!selected || touchesSelected || active ? 1 : 0.2}
        style={{ outline: 'none', cursor: 'default' }}
      >
        <title>{description}</title>
        {/* A wide transparent stroke makes thin lines easy to hover. */}
        <path
          d={pathOf(laid.points)}
          stroke="transparent"
          strokeWidth={12}
          fill="none"
        />
        <path
          className="context-map-edge-line"
          d={pathOf(laid.points)}
          stroke={color}
          strokeWidth={style.width + (violating ? 1 : 0) + (active ? 1.5 : 0)}
          strokeDasharray={style.dash}
          fill="none"
          markerEnd={`url(#${id}-arrow-${violating ? 'red' : edge.kind})`}
        />
        {showLabel && (
          <g className="context-map-edge-label">
            <rect
              x={laid.labelX - laid.labelWidth / 2}
              y={laid.labelY - 9}
              width={laid.labelWidth}
              height={18}
              rx={9}
              fill={paper}
              stroke={color}
              strokeWidth={active ? 2 : 1}
            />
            <text
              x={laid.labelX}
              y={laid.labelY + 4}
              textAnchor="middle"
              fontSize={11}
              fill={violating ? VIOLATION_COLOR : ink}
              fontWeight={violating ? 600 : 400}
            >
              {laid.label}
            </text>
          </g>
        )}
        {violating && active && (
          <g className="context-map-edge-rule">
            {edge.rules.map((rule, index) => {
              const text = `⚠ ${ruleTitle(rule)}`;
              const width = text.length * 6.6 + 16;
              const y = laid.labelY + 12 + index * 22;
              return (
                <g key={rule}>
                  <rect
                    x={laid.labelX - width / 2}
                    y={y}
                    width={width}
                    height={20}
                    rx={4}
                    fill={VIOLATION_COLOR}
                  />
                  <text
                    x={laid.labelX}
                    y={y + 14}
                    textAnchor="middle"
                    fontSize={12}
                    fill="#ffffff"
                  >
                    {text}
                  </text>
                </g>
              );
            })}
          </g>
        )}
      </g>
    );
  };
  // The hovered or focused edge is drawn last, so its label and rule are on top.
  const ordered = [...layout.edges].sort(
    (a, b) =>
      Number(a.edge.id === activeEdge) - Number(b.edge.id === activeEdge) ||
      Number(a.edge.rules.length > 0) - Number(b.edge.rules.length > 0),
  );

  return (
    <Box sx={{ overflowX: 'auto' }}>
      <svg
        role="group"
        aria-label={props.label}
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        style={{ maxWidth: '100%', height: 'auto', display: 'block' }}
        onKeyDown={e => {
          if (e.key === 'Escape') onSelect?.(undefined);
        }}
      >
        <defs>
          {[
            ...Object.entries(EDGE_STYLES).map(([kind, s]) => [kind, s.color]),
            ['red', VIOLATION_COLOR],
          ].map(([name, color]) => (
            <marker
              key={name}
              id={`${id}-arrow-${name}`}
              viewBox="0 0 10 10"
              refX={9}
              refY={5}
              markerUnits="userSpaceOnUse"
              markerWidth={11}
              markerHeight={11}
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" fill={color} />
            </marker>
          ))}
        </defs>
        {layout.nodes.map(laid => {
          const { node } = laid;
          const isSelected = node.domainRef === selected;
          const impact = impacts?.get(node.domainRef);
          // "none" (reached only through events) stays pale, so the domains that really
          // suffer stand out; the other levels take the matrix's colours.
          const overlay =
            !isSelected && impact && impact !== 'none'
              ? IMPACT_COLORS[impact]
              : undefined;
          let fill = overlay?.bg ?? paper;
          if (!isSelected && impact === 'none') fill = NONE_FILL;
          const text = overlay?.fg ?? ink;
          const owner = node.ownerRef
            ? titleOf(node.ownerRef)
            : 'no owning team';
          const color = node.ownerRef
            ? teamColor(node.ownerRef, teamOrder)
            : muted;
          const phaseName =
            node.phase === undefined
              ? 'phase unknown'
              : `phase ${node.phase}, ${MIGRATION_PHASE_NAMES[node.phase]}`;
          const left = laid.x - laid.width / 2;
          const top = laid.y - laid.height / 2;
          const label = `${titleOf(node.domainRef)}: ${owner}, ${
            node.serviceCount
          } service${node.serviceCount === 1 ? '' : 's'}, ${phaseName}${
            isSelected ? ', selected (failing)' : ''
          }${
            impact && !isSelected
              ? `, impact when the selected domain fails: ${impact}`
              : ''
          }`;
          return (
            <g
              key={node.domainRef}
              data-domain={node.domainRef}
              data-impact={impact && !isSelected ? impact : undefined}
              data-selected={isSelected ? 'true' : undefined}
              role="button"
              tabIndex={0}
              aria-pressed={isSelected}
              aria-label={label}
              onClick={() =>
                onSelect?.(isSelected ? undefined : node.domainRef)
              }
              onKeyDown={e =>
                activate(e, () =>
                  onSelect?.(isSelected ? undefined : node.domainRef),
                )
              }
              style={{ cursor: onSelect ? 'pointer' : 'default' }}
            >
              <title>{label}</title>
              <rect
                className="context-map-node"
                x={left}
                y={top}
                width={laid.width}
                height={laid.height}
                rx={8}
                fill={fill}
                stroke={isSelected ? ink : color}
                strokeWidth={isSelected ? 4 : 2}
              />
              {/* The owning team: a band in the team's colour, so a team's domains match. */}
              <path
                d={`M${left + 1},${top + 19} V${top + 8} a7,7 0 0 1 7,-7 H${
                  left + laid.width - 8
                } a7,7 0 0 1 7,7 V${top + 19} z`}
                fill={color}
              />
              <text
                x={left + 10}
                y={top + 14}
                fontSize={11}
                fontWeight={600}
                fill="#ffffff"
              >
                {owner}
                {node.ownerDomainCount > 1 ? ` (${node.ownerDomainCount})` : ''}
              </text>
              <text
                x={left + 10}
                y={top + 38}
                fontSize={14}
                fontWeight={700}
                fill={text}
              >
                {titleOf(node.domainRef)}
              </text>
              <text x={left + 10} y={top + 54} fontSize={11} fill={text}>
                {node.serviceCount} service{node.serviceCount === 1 ? '' : 's'}
                {isSelected ? ' · failing' : ''}
                {impact && !isSelected ? ` · ${impact}` : ''}
              </text>
              {node.phase !== undefined && (
                <g>
                  <title>{`Phase ${node.phase}: ${
                    MIGRATION_PHASE_NAMES[node.phase]
                  }`}</title>
                  <rect
                    x={left + laid.width - 36}
                    y={top + 26}
                    width={28}
                    height={18}
                    rx={9}
                    fill={PHASE_COLORS[node.phase]}
                  />
                  <text
                    x={left + laid.width - 22}
                    y={top + 39}
                    textAnchor="middle"
                    fontSize={11}
                    fontWeight={700}
                    fill="#ffffff"
                  >
                    P{node.phase}
                  </text>
                </g>
              )}
            </g>
          );
        })}
        {ordered.map(renderEdge)}
      </svg>
    </Box>
  );
});
