/*
 * Geometry for drawing a star: one domain (the hub) with every tie touching it, as the Map tab
 * draws a large map's neighbourhood. A layered layout (dagre) puts all the spokes in one row,
 * which makes a 60-tie neighbourhood some forty boxes wide and costs a long task to compute;
 * here the spokes go on rings of ellipses around the hub, in a few milliseconds.
 */

/** @public */
export interface StarPoint {
  x: number;
  y: number;
}

/** A box by its size. @public */
export interface StarSize {
  width: number;
  height: number;
}

/** A placed box: centre and size. @public */
export interface StarBox extends StarPoint, StarSize {}

/** Space kept between two boxes, across and down. */
const CLEARANCE_X = 24;
const CLEARANCE_Y = 16;
/** Ring spacings tried, as multiples of the largest spoke (plus clearance). */
const SPREADS = [1, 1.15, 1.3, 1.5, 1.75, 2, 2.5, 3];
/** Fewest spokes on a ring: more rings with fewer spokes each become a spiral. */
const MIN_PER_RING = 6;

/**
 * The domain every tie touches, when there is one and every other domain is tied to it; none
 * for a map with fewer than two domains or ties that do not meet in one domain.
 * @public
 */
export function starHub(
  domains: string[],
  ties: { from: string; to: string }[],
): string | undefined {
  if (domains.length < 2 || ties.length === 0) return undefined;
  const [first] = ties;
  const candidates = [first.from, first.to].filter(c =>
    ties.every(t => t.from === c || t.to === c),
  );
  for (const hub of candidates) {
    const tied = new Set(ties.map(t => (t.from === hub ? t.to : t.from)));
    if (domains.every(d => d === hub || tied.has(d))) return hub;
  }
  return undefined;
}

function overlap(a: StarBox, b: StarBox): boolean {
  return (
    Math.abs(a.x - b.x) < (a.width + b.width) / 2 + CLEARANCE_X &&
    Math.abs(a.y - b.y) < (a.height + b.height) / 2 + CLEARANCE_Y
  );
}

function place(
  hub: StarSize,
  spokes: StarSize[],
  rings: number,
  spread: number,
): StarBox[] {
  const width = Math.max(...spokes.map(s => s.width)) + CLEARANCE_X;
  const height = Math.max(...spokes.map(s => s.height)) + CLEARANCE_Y;
  const firstX = hub.width / 2 + width / 2 + CLEARANCE_X;
  const firstY = hub.height / 2 + height / 2 + CLEARANCE_Y;
  return spokes.map((size, i) => {
    // Neighbours in the order alternate between rings, so an outer spoke's line passes
    // between two inner ones.
    const ring = i % rings;
    const angle = -Math.PI + (2 * Math.PI * (i + 0.5)) / spokes.length;
    const rx = (firstX + ring * width) * spread;
    const ry = (firstY + ring * height) * spread;
    return {
      x: rx * Math.cos(angle),
      y: ry * Math.sin(angle),
      width: size.width,
      height: size.height,
    };
  });
}

/**
 * Places the spokes around the hub (centred on 0,0), in their order clockwise from the left
 * (the first half above the hub, the second below), on as many rings as keep the drawing
 * smallest with no two boxes overlapping. Pure.
 * @public
 */
export function layoutStar(
  hub: StarSize,
  spokes: StarSize[],
): { hub: StarBox; spokes: StarBox[] } {
  const centre: StarBox = { x: 0, y: 0, ...hub };
  if (spokes.length === 0) return { hub: centre, spokes: [] };
  let best: { spokes: StarBox[]; area: number } | undefined;
  const maxRings = Math.max(1, Math.floor(spokes.length / MIN_PER_RING));
  for (let rings = 1; rings <= maxRings; rings++) {
    for (const spread of SPREADS) {
      const placed = place(hub, spokes, rings, spread);
      const all = [centre, ...placed];
      const clear = all.every((a, i) =>
        all.every((b, j) => j <= i || !overlap(a, b)),
      );
      if (!clear) continue;
      const extent = (f: (b: StarBox) => number) =>
        Math.max(...all.map(f)) - Math.min(...all.map(f));
      const area =
        (extent(b => b.x + b.width / 2) + extent(b => b.x - b.width / 2)) *
        (extent(b => b.y + b.height / 2) + extent(b => b.y - b.height / 2));
      if (!best || area < best.area) best = { spokes: placed, area };
      break; // wider spreads of this many rings are only larger
    }
  }
  // Spread as wide as there are spokes, one ring clears: the last resort.
  return {
    hub: centre,
    spokes: best?.spokes ?? place(hub, spokes, 1, spokes.length),
  };
}

/** Where the line from a box's centre towards `towards` leaves the box. */
function leave(box: StarBox, towards: StarPoint): StarPoint {
  const dx = towards.x - box.x;
  const dy = towards.y - box.y;
  const t = Math.min(
    dx === 0 ? Infinity : box.width / 2 / Math.abs(dx),
    dy === 0 ? Infinity : box.height / 2 / Math.abs(dy),
  );
  return t >= 1 ? box : { x: box.x + dx * t, y: box.y + dy * t };
}

/** Sideways distance between two ties of one pair of boxes. */
const TIE_SPACING = 22;

/**
 * The line of a tie from box `from` to box `to`, border to border: straight when it is the
 * pair's only tie, else the `index`th of `count` curves bowed apart (points: start, the
 * quadratic curve's control point, end). `label` is the middle of the line.
 * @public
 */
export function tieLine(
  from: StarBox,
  to: StarBox,
  index = 0,
  count = 1,
): { points: StarPoint[]; label: StarPoint } {
  if (count <= 1) {
    const start = leave(from, to);
    const end = leave(to, from);
    return {
      points: [start, end],
      label: { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 },
    };
  }
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  // A quadratic curve passes halfway to its control point.
  const bow = 2 * TIE_SPACING * (index - (count - 1) / 2);
  const control = {
    x: (from.x + to.x) / 2 - (dy / length) * bow,
    y: (from.y + to.y) / 2 + (dx / length) * bow,
  };
  const start = leave(from, control);
  const end = leave(to, control);
  return {
    points: [start, control, end],
    label: {
      x: (start.x + 2 * control.x + end.x) / 4,
      y: (start.y + 2 * control.y + end.y) / 4,
    },
  };
}
