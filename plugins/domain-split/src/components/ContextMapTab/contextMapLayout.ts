/*
 * Where things go on the context map: dagre (the layout library Backstage's own
 * DependencyGraph uses) lays out the domains with one named edge per (from, to, kind), so two
 * domains tied by events and by a shared database get two lines. Sizes are known before
 * layout (no DOM measuring), so layout is one synchronous pass. Teams are colours, not dagre
 * clusters: on the example catalog clusters made the drawing four times wider.
 */
import dagre from '@dagrejs/dagre';
import {
  CONTEXT_MAP_EDGE_LABELS,
  ContextMapEdge,
  ContextMapEdgeKind,
  ContextMapNode,
} from '@internal/plugin-domain-split-common';

/** @internal */
export interface Point {
  x: number;
  y: number;
}

/** @internal */
export interface LaidOutNode {
  node: ContextMapNode;
  /** Centre. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** @internal */
export interface LaidOutEdge {
  edge: ContextMapEdge;
  points: Point[];
  label: string;
  labelX: number;
  labelY: number;
  labelWidth: number;
}

/** @internal */
export interface ContextMapLayout {
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
}

/** Short words for edge labels; the legend spells each kind out. */
export const EDGE_SHORT_LABELS: Record<ContextMapEdgeKind, string> = {
  events: 'events',
  sync: 'sync calls',
  'shared-database': 'shared DB',
  'shared-cache': 'shared cache',
  'shared-library': 'shared lib',
};

/** The label of an edge: its kind and how many dependencies make it. */
export function edgeLabel(edge: ContextMapEdge): string {
  return `${EDGE_SHORT_LABELS[edge.kind]} ×${edge.count}`;
}

/** The sentence screen readers and tooltips use for an edge. */
export function describeEdge(
  edge: ContextMapEdge,
  titleOf: (ref: string) => string,
  ruleTitle: (rule: string) => string,
): string {
  const base = `${titleOf(edge.from)} → ${titleOf(edge.to)}: ${
    CONTEXT_MAP_EDGE_LABELS[edge.kind]
  } ×${edge.count}`;
  return edge.rules.length
    ? `${base}; breaks ${edge.rules.map(ruleTitle).join(', ')}`
    : base;
}

const CHAR_WIDTH = 7.2;
const LABEL_CHAR_WIDTH = 6.4;
/** Node size grows with the square root of its services, so a 30-service domain stands out. */
export function nodeSize(
  node: ContextMapNode,
  title: string,
  teamTitle: string,
) {
  const grow = Math.min(Math.sqrt(node.serviceCount), 10);
  return {
    width: Math.round(
      Math.max(140, title.length * CHAR_WIDTH + 60, teamTitle.length * 6 + 24) +
        grow * 6,
    ),
    height: Math.round(62 + grow * 5),
  };
}

/** The point halfway along a polyline (where an edge's label goes). */
function midpoint(points: Point[]): Point {
  if (points.length === 0) return { x: 0, y: 0 };
  const lengths = points
    .slice(1)
    .map((p, i) => Math.hypot(p.x - points[i].x, p.y - points[i].y));
  let remaining = lengths.reduce((a, b) => a + b, 0) / 2;
  for (let i = 0; i < lengths.length; i++) {
    if (remaining <= lengths[i] && lengths[i] > 0) {
      const t = remaining / lengths[i];
      return {
        x: points[i].x + (points[i + 1].x - points[i].x) * t,
        y: points[i].y + (points[i + 1].y - points[i].y) * t,
      };
    }
    remaining -= lengths[i];
  }
  return points[points.length - 1];
}

/**
 * Lays out the map top to bottom (downstream above upstream). Edge labels are not layout
 * nodes (dagre would double the ranks for them): each sits halfway along its edge, and the
 * labels of one pair of domains are stacked. Pure: same input, same layout.
 * @internal
 */
export function layoutContextMap(
  nodes: ContextMapNode[],
  edges: ContextMapEdge[],
  titleOf: (ref: string) => string,
): ContextMapLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: 'TB',
    nodesep: 36,
    ranksep: 64,
    edgesep: 12,
  });
  g.setDefaultEdgeLabel(() => ({}));
  const shown = new Set(nodes.map(n => n.domainRef));
  for (const node of nodes) {
    g.setNode(
      node.domainRef,
      nodeSize(
        node,
        titleOf(node.domainRef),
        node.ownerRef ? titleOf(node.ownerRef) : 'no owning team',
      ),
    );
  }
  for (const edge of edges) {
    if (!shown.has(edge.from) || !shown.has(edge.to)) continue;
    g.setEdge(edge.from, edge.to, {}, edge.id);
  }
  dagre.layout(g);

  const laidNodes: LaidOutNode[] = nodes.map(node => {
    const n = g.node(node.domainRef);
    return { node, x: n.x, y: n.y, width: n.width, height: n.height };
  });
  const edgeById = new Map(edges.map(e => [e.id, e]));
  const perPair = new Map<string, number>();
  const laidEdges: LaidOutEdge[] = g.edges().map(id => {
    const { points } = g.edge(id) as { points: Point[] };
    const edge = edgeById.get(id.name!)!;
    const label = edgeLabel(edge);
    const pair = [edge.from, edge.to].sort().join('|');
    const index = perPair.get(pair) ?? 0;
    perPair.set(pair, index + 1);
    const mid = midpoint(points);
    return {
      edge,
      points,
      label,
      labelX: mid.x,
      labelY: mid.y + index * 20,
      labelWidth: Math.round(label.length * LABEL_CHAR_WIDTH + 14),
    };
  });
  // dagre's size covers the nodes; edges that swing round them can reach past it. Shift
  // everything so the drawing starts at (MARGIN, MARGIN) and measure what is really there.
  const MARGIN = 16;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const cover = (x: number, y: number) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  for (const n of laidNodes) {
    cover(n.x - n.width / 2, n.y - n.height / 2);
    cover(n.x + n.width / 2, n.y + n.height / 2);
  }
  for (const e of laidEdges) {
    for (const p of e.points) cover(p.x, p.y);
    cover(e.labelX - e.labelWidth / 2, e.labelY - 10);
    cover(e.labelX + e.labelWidth / 2, e.labelY + 10);
  }
  if (laidNodes.length === 0)
    return { width: 0, height: 0, nodes: [], edges: [] };
  const dx = MARGIN - minX;
  const dy = MARGIN - minY;
  return {
    width: Math.ceil(maxX - minX + 2 * MARGIN),
    height: Math.ceil(maxY - minY + 2 * MARGIN),
    nodes: laidNodes.map(n => ({ ...n, x: n.x + dx, y: n.y + dy })),
    edges: laidEdges.map(e => ({
      ...e,
      points: e.points.map(p => ({ x: p.x + dx, y: p.y + dy })),
      labelX: e.labelX + dx,
      labelY: e.labelY + dy,
    })),
  };
}
