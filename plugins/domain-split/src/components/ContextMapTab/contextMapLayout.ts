/*
 * Where things go on the context map: dagre (the layout library Backstage's own
 * DependencyGraph uses) lays out the domains with one named edge per (from, to, kind), so two
 * domains tied by events and by a shared database get two lines. Sizes are known before
 * layout (no DOM measuring), so layout is one synchronous pass. Teams are colours, not dagre
 * clusters: on the example catalog clusters made the drawing four times wider. A large star
 * (a large map's neighbourhood: every tie touches one domain) is drawn by common's
 * layoutStar instead: dagre would put all the spokes in one row, very wide and slow to lay out.
 */
import dagre from '@dagrejs/dagre';
import {
  CONTEXT_MAP_EDGE_LABELS,
  ContextMapEdge,
  ContextMapEdgeKind,
  ContextMapNode,
  layoutStar,
  starHub,
  tieLine,
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

/** Fewer spokes than this are left to dagre: a small star fits in one row. */
export const STAR_LAYOUT_MIN_SPOKES = 12;

/**
 * Spokes clockwise from the top: the domains that depend on the hub first (drawn above it, as
 * dagre draws downstream above upstream), then those tied both ways, then those it depends
 * on; by title within each.
 */
function spokeOrder(
  hub: string,
  edges: ContextMapEdge[],
  titleOf: (ref: string) => string,
) {
  const role = new Map<string, number>();
  for (const edge of edges) {
    const spoke = edge.from === hub ? edge.to : edge.from;
    const bit = edge.from === hub ? 2 : 1;
    role.set(spoke, (role.get(spoke) ?? 0) | bit);
  }
  return (a: string, b: string) =>
    (role.get(a) ?? 0) - (role.get(b) ?? 0) ||
    titleOf(a).localeCompare(titleOf(b));
}

function layoutStarMap(
  hub: string,
  nodes: ContextMapNode[],
  edges: ContextMapEdge[],
  sizeOf: (node: ContextMapNode) => { width: number; height: number },
  titleOf: (ref: string) => string,
): { nodes: LaidOutNode[]; edges: LaidOutEdge[] } {
  const hubNode = nodes.find(n => n.domainRef === hub)!;
  const order = spokeOrder(hub, edges, titleOf);
  const spokes = nodes
    .filter(n => n !== hubNode)
    .sort((a, b) => order(a.domainRef, b.domainRef));
  const placed = layoutStar(sizeOf(hubNode), spokes.map(sizeOf));
  const boxOf = new Map(
    [hubNode, ...spokes].map((node, i) => [
      node.domainRef,
      { node, ...(i === 0 ? placed.hub : placed.spokes[i - 1]) },
    ]),
  );
  const perPair = new Map<string, ContextMapEdge[]>();
  for (const edge of edges) {
    const pair = [edge.from, edge.to].sort().join('|');
    perPair.set(pair, [...(perPair.get(pair) ?? []), edge]);
  }
  const laidEdges: LaidOutEdge[] = edges.map(edge => {
    const pair = perPair.get([edge.from, edge.to].sort().join('|'))!;
    // Bow the pair's curves apart the same way whichever way each tie points.
    const [a, b] = [edge.from, edge.to].sort();
    const line = tieLine(
      boxOf.get(a)!,
      boxOf.get(b)!,
      pair.indexOf(edge),
      pair.length,
    );
    const points = a === edge.from ? line.points : [...line.points].reverse();
    const label = edgeLabel(edge);
    return {
      edge,
      points,
      label,
      labelX: line.label.x,
      labelY: line.label.y,
      labelWidth: Math.round(label.length * LABEL_CHAR_WIDTH + 14),
    };
  });
  return {
    nodes: nodes.map(node => {
      const { x, y, width, height } = boxOf.get(node.domainRef)!;
      return { node, x, y, width, height };
    }),
    edges: laidEdges,
  };
}

function layoutDagre(
  nodes: ContextMapNode[],
  edges: ContextMapEdge[],
  sizeOf: (node: ContextMapNode) => { width: number; height: number },
): { nodes: LaidOutNode[]; edges: LaidOutEdge[] } {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: 'TB',
    nodesep: 36,
    ranksep: 64,
    edgesep: 12,
  });
  g.setDefaultEdgeLabel(() => ({}));
  const shown = new Set(nodes.map(n => n.domainRef));
  for (const node of nodes) g.setNode(node.domainRef, sizeOf(node));
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
  return { nodes: laidNodes, edges: laidEdges };
}

/**
 * Lays out the map top to bottom (downstream above upstream), or, for a star of at least
 * {@link STAR_LAYOUT_MIN_SPOKES} spokes, around its hub. Edge labels are not layout nodes
 * (dagre would double the ranks for them): each sits halfway along its edge, and the labels
 * of one pair of domains are stacked (or, around a hub, their lines bowed apart). Pure: same
 * input, same layout.
 * @internal
 */
export function layoutContextMap(
  nodes: ContextMapNode[],
  edges: ContextMapEdge[],
  titleOf: (ref: string) => string,
): ContextMapLayout {
  const sizeOf = (node: ContextMapNode) =>
    nodeSize(
      node,
      titleOf(node.domainRef),
      node.ownerRef ? titleOf(node.ownerRef) : 'no owning team',
    );
  const shown = new Set(nodes.map(n => n.domainRef));
  const drawn = edges.filter(e => shown.has(e.from) && shown.has(e.to));
  const hub =
    nodes.length > STAR_LAYOUT_MIN_SPOKES
      ? starHub([...shown], drawn)
      : undefined;
  const { nodes: laidNodes, edges: laidEdges } = hub
    ? layoutStarMap(hub, nodes, drawn, sizeOf, titleOf)
    : layoutDagre(nodes, edges, sizeOf);
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
