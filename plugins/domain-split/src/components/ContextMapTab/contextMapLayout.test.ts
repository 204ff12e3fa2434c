import {
  ContextMapEdge,
  ContextMapEdgeKind,
  ContextMapNode,
} from '@internal/plugin-domain-split-common';
import { contextMap, tie } from '../../testUtils/fixtures';
import {
  layoutContextMap,
  LaidOutNode,
  STAR_LAYOUT_MIN_SPOKES,
} from './contextMapLayout';

const node = (name: string): ContextMapNode => ({
  domainRef: `domain:default/${name}`,
  title: name,
  ownerDomainCount: 0,
  components: [],
  serviceCount: 3,
  apis: [],
});

const edge = (
  from: string,
  to: string,
  kind: ContextMapEdgeKind = 'sync',
): ContextMapEdge =>
  tie(`domain:default/${from}`, `domain:default/${to}`, kind);

/** A hub with `spokes` domains: the even ones depend on it, the odd ones it depends on. */
function star(spokes: number) {
  const names = Array.from({ length: spokes }, (_, i) => `s${i}`);
  const edges = names.map((name, i) =>
    i % 2 ? edge('hub', name) : edge(name, 'hub'),
  );
  // Two kinds of tie between the hub and s0.
  edges.push(edge('s0', 'hub', 'events'));
  return { nodes: [node('hub'), ...names.map(node)], edges };
}

const overlap = (a: LaidOutNode, b: LaidOutNode) =>
  Math.abs(a.x - b.x) < (a.width + b.width) / 2 &&
  Math.abs(a.y - b.y) < (a.height + b.height) / 2;

describe('layoutContextMap', () => {
  it('draws a large star around its hub: the dependents above, the dependencies below, no overlaps', () => {
    const { nodes, edges } = star(40);
    const layout = layoutContextMap(nodes, edges, ref => ref);
    const [hub, ...spokes] = layout.nodes;
    // The hub in the middle, with spokes on every side.
    expect(spokes.some(s => s.x < hub.x && s.y < hub.y)).toBe(true);
    expect(spokes.some(s => s.x > hub.x && s.y > hub.y)).toBe(true);
    const above = spokes.filter(s => s.y < hub.y).map(s => s.node.title);
    expect(above.filter(t => Number(t.slice(1)) % 2 === 0).length).toBe(
      above.length,
    );
    // Not one row: dagre's layout of a star is 40 boxes wide.
    expect(layout.width / layout.height).toBeLessThan(3);
    const overlapping = layout.nodes.flatMap((a, i) =>
      layout.nodes.slice(i + 1).filter(b => overlap(a, b)),
    );
    expect(overlapping).toEqual([]);
    // Every tie drawn, from its consumer's box to its provider's; the pair with two ties
    // bowed apart.
    expect(layout.edges).toHaveLength(edges.length);
    const boxOf = new Map(layout.nodes.map(n => [n.node.domainRef, n]));
    for (const laid of layout.edges) {
      const start = laid.points[0];
      const from = boxOf.get(laid.edge.from)!;
      expect(Math.abs(start.x - from.x)).toBeLessThanOrEqual(
        from.width / 2 + 1e-6,
      );
      expect(Math.abs(start.y - from.y)).toBeLessThanOrEqual(
        from.height / 2 + 1e-6,
      );
    }
    const s0 = layout.edges.filter(e => e.edge.from.endsWith('/s0'));
    expect(s0.map(e => e.points.length)).toEqual([3, 3]);
    expect(s0[0].points[1]).not.toEqual(s0[1].points[1]);
    // Everything inside the drawing.
    for (const n of layout.nodes) {
      expect(n.x - n.width / 2).toBeGreaterThanOrEqual(0);
      expect(n.y + n.height / 2).toBeLessThanOrEqual(layout.height);
    }
  });

  it(`leaves a star of fewer than ${STAR_LAYOUT_MIN_SPOKES} spokes and other maps to dagre, top to bottom`, () => {
    const { nodes, edges } = star(STAR_LAYOUT_MIN_SPOKES - 1);
    const layout = layoutContextMap(nodes, edges, ref => ref);
    const [hub, ...spokes] = layout.nodes;
    // Two ranks: the dependents in a row above the hub, the dependencies in a row below.
    expect(new Set(spokes.map(s => s.y)).size).toBe(2);
    expect(spokes.every(s => s.y !== hub.y)).toBe(true);

    const example = layoutContextMap(
      contextMap.nodes,
      contextMap.edges,
      ref => ref,
    );
    expect(example.nodes).toHaveLength(contextMap.nodes.length);
    // dagre's polylines run through its control points; a star's lines have 2 or 3 points.
    expect(example.edges.some(e => e.points.length > 3)).toBe(true);
  });
});
