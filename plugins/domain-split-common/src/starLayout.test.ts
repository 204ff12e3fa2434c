import { layoutStar, StarBox, starHub, tieLine } from './starLayout';

const clear = (a: StarBox, b: StarBox) =>
  Math.abs(a.x - b.x) >= (a.width + b.width) / 2 ||
  Math.abs(a.y - b.y) >= (a.height + b.height) / 2;

const onBorder = (box: StarBox, p: { x: number; y: number }) =>
  Math.abs(Math.abs(p.x - box.x) - box.width / 2) < 1e-9 ||
  Math.abs(Math.abs(p.y - box.y) - box.height / 2) < 1e-9;

describe('starHub', () => {
  it('names the domain every tie touches when every other domain is tied to it', () => {
    const ties = [
      { from: 'a', to: 'hub' },
      { from: 'hub', to: 'b' },
      { from: 'c', to: 'hub' },
      { from: 'hub', to: 'c' },
    ];
    expect(starHub(['a', 'b', 'c', 'hub'], ties)).toBe('hub');
  });

  it('names none when a tie misses it, a domain is not tied to it, or there is no tie', () => {
    expect(
      starHub(
        ['a', 'b', 'c', 'hub'],
        [
          { from: 'a', to: 'hub' },
          { from: 'b', to: 'c' },
        ],
      ),
    ).toBeUndefined();
    expect(
      starHub(
        ['a', 'b', 'lonely', 'hub'],
        [
          { from: 'a', to: 'hub' },
          { from: 'b', to: 'hub' },
        ],
      ),
    ).toBeUndefined();
    expect(starHub(['a', 'b'], [])).toBeUndefined();
    expect(starHub(['a'], [{ from: 'a', to: 'a' }])).toBeUndefined();
  });

  it('takes the right end of the first tie when the left one is not the hub', () => {
    expect(
      starHub(
        ['a', 'b', 'hub'],
        [
          { from: 'a', to: 'hub' },
          { from: 'b', to: 'hub' },
        ],
      ),
    ).toBe('hub');
  });
});

describe('layoutStar', () => {
  // Sizes as the Map tab gives them: wide boxes of a few sizes.
  const spokes = Array.from({ length: 59 }, (_, i) => ({
    width: 180 + (i % 4) * 30,
    height: 62 + (i % 3) * 15,
  }));
  const hub = { width: 300, height: 112 };

  it('places 59 spokes around the hub with no two boxes overlapping', () => {
    const laid = layoutStar(hub, spokes);
    expect(laid.hub).toEqual({ x: 0, y: 0, ...hub });
    expect(laid.spokes).toHaveLength(59);
    const all = [laid.hub, ...laid.spokes];
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        expect(clear(all[i], all[j])).toBe(true);
      }
    }
    laid.spokes.forEach((box, i) => expect(box).toMatchObject(spokes[i]));
  });

  it('goes clockwise from the left, the first half above the hub, and stays far narrower than one row', () => {
    const laid = layoutStar(hub, spokes);
    expect(laid.spokes[0].x).toBeLessThan(0);
    // 59 spokes: the 30th sits level with the hub, on its right.
    const above = laid.spokes.flatMap((box, i) => (box.y < -1e-6 ? [i] : []));
    const below = laid.spokes.flatMap((box, i) => (box.y > 1e-6 ? [i] : []));
    expect(above).toEqual(Array.from({ length: 29 }, (_, i) => i));
    expect(below).toEqual(Array.from({ length: 29 }, (_, i) => i + 30));
    expect(laid.spokes[29].y).toBeCloseTo(0);
    expect(laid.spokes[20].x).toBeGreaterThan(0);
    expect(laid.spokes[40].x).toBeGreaterThan(0);
    expect(laid.spokes[58].x).toBeLessThan(0);
    const xs = laid.spokes.flatMap(b => [b.x - b.width / 2, b.x + b.width / 2]);
    const ys = laid.spokes.flatMap(b => [
      b.y - b.height / 2,
      b.y + b.height / 2,
    ]);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    const oneRow = spokes.reduce((sum, s) => sum + s.width, 0);
    expect(width).toBeLessThan(oneRow / 2);
    expect(width / height).toBeLessThan(3);
  });

  it('places one spoke beside the hub, clear of it', () => {
    const laid = layoutStar(hub, [{ width: 140, height: 62 }]);
    expect(laid.spokes[0].y).toBeCloseTo(0);
    expect(clear(laid.hub, laid.spokes[0])).toBe(true);
    expect(layoutStar(hub, []).spokes).toEqual([]);
  });
});

describe('tieLine', () => {
  const from: StarBox = { x: 0, y: 0, width: 100, height: 40 };
  const to: StarBox = { x: 300, y: 200, width: 100, height: 40 };

  it('runs straight from border to border for a pair with one tie', () => {
    const line = tieLine(from, to);
    expect(line.points).toHaveLength(2);
    const [start, end] = line.points;
    expect(onBorder(from, start)).toBe(true);
    expect(onBorder(to, end)).toBe(true);
    // On the line between the centres.
    expect(start.y / start.x).toBeCloseTo(200 / 300);
    expect(line.label).toEqual({
      x: (start.x + end.x) / 2,
      y: (start.y + end.y) / 2,
    });
  });

  it('bows the ties of one pair apart, symmetrically, starting and ending on the borders', () => {
    const lines = [0, 1, 2].map(i => tieLine(from, to, i, 3));
    const [first, middle, last] = lines;
    expect(middle.points).toHaveLength(3);
    expect(middle.points[1]).toEqual({ x: 150, y: 100 });
    // The outer two mirror each other about the straight line.
    expect(first.points[1].x + last.points[1].x).toBeCloseTo(300);
    expect(first.points[1].y + last.points[1].y).toBeCloseTo(200);
    expect(first.label).not.toEqual(last.label);
    for (const line of lines) {
      expect(onBorder(from, line.points[0])).toBe(true);
      expect(onBorder(to, line.points[2])).toBe(true);
    }
  });
});
