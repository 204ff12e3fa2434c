import { CatalogGraph, byString } from './graph';
import { impactRank } from './impact';
import { IMPACT_LEVELS, ImpactEdge, ImpactLevel } from './types';

/** How a failure reaches one entity: the impact and the path (failing → … → reached) explaining it. */
export interface Reach {
  impact: ImpactLevel;
  path: ImpactEdge[];
}

interface QueueEntry {
  ref: string;
  rank: number;
  path: ImpactEdge[];
}

/** Worse impact first; for equal impact the shorter path, then the ref, so results are stable. */
function comesFirst(a: QueueEntry, b: QueueEntry): boolean {
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (a.path.length !== b.path.length) return a.path.length < b.path.length;
  return byString(a.ref, b.ref) < 0;
}

/** A small binary heap; the analysis runs once per matrix row, so it must not be quadratic. */
class PriorityQueue {
  private readonly items: QueueEntry[] = [];

  get size() {
    return this.items.length;
  }

  push(entry: QueueEntry) {
    const items = this.items;
    items.push(entry);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!comesFirst(items[index], items[parent])) break;
      [items[index], items[parent]] = [items[parent], items[index]];
      index = parent;
    }
  }

  pop(): QueueEntry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        const right = left + 1;
        let best = index;
        if (left < items.length && comesFirst(items[left], items[best]))
          best = left;
        if (right < items.length && comesFirst(items[right], items[best]))
          best = right;
        if (best === index) break;
        [items[index], items[best]] = [items[best], items[index]];
        index = best;
      }
    }
    return top;
  }
}

/**
 * Widest-path (bottleneck) propagation over the four impact levels: the impact on X is the
 * maximum over paths of the minimum edge impact. Entities are settled worst-impact first, like
 * Dijkstra; a settled entity is never revisited, so cycles terminate.
 *
 * `towards: 'consumers'` walks from failing providers to the consumers they hurt (what a
 * failure takes down). `towards: 'providers'` walks the other way from a target (what can take
 * it down); paths are still written failing → … → target.
 *
 * The result holds every reached entity, the seeds included.
 */
export function propagate(
  graph: CatalogGraph,
  seeds: Map<string, Reach>,
  towards: 'consumers' | 'providers',
): Map<string, Reach> {
  const settled = new Map<string, Reach>();
  const best = new Map<string, QueueEntry>();
  const queue = new PriorityQueue();
  for (const [ref, reach] of [...seeds.entries()].sort(([a], [b]) =>
    byString(a, b),
  )) {
    const entry = { ref, rank: impactRank(reach.impact), path: reach.path };
    best.set(ref, entry);
    queue.push(entry);
  }
  while (queue.size > 0) {
    const entry = queue.pop()!;
    if (settled.has(entry.ref) || best.get(entry.ref) !== entry) continue;
    settled.set(entry.ref, {
      impact: IMPACT_LEVELS[entry.rank],
      path: entry.path,
    });
    const edges =
      towards === 'consumers'
        ? graph.edgesByProvider.get(entry.ref)
        : graph.edgesByConsumer.get(entry.ref);
    for (const edge of edges ?? []) {
      const next = towards === 'consumers' ? edge.consumer : edge.provider;
      if (settled.has(next)) continue;
      const candidate: QueueEntry = {
        ref: next,
        rank: Math.min(entry.rank, impactRank(edge.impact)),
        path:
          towards === 'consumers'
            ? [...entry.path, edge]
            : [edge, ...entry.path],
      };
      const known = best.get(next);
      if (!known || comesFirst(candidate, known)) {
        best.set(next, candidate);
        queue.push(candidate);
      }
    }
  }
  return settled;
}

/** Seeds in which every given entity fails outright. */
export function failingSeeds(refs: Iterable<string>): Map<string, Reach> {
  const seeds = new Map<string, Reach>();
  for (const ref of refs) {
    seeds.set(ref, { impact: 'blocked', path: [] });
  }
  return seeds;
}

/** Whether reach `a` explains more than `b`: worse impact, then a shorter path. */
export function isWorseReach(
  a: Reach & { ref: string },
  b: Reach & { ref: string },
): boolean {
  return comesFirst(
    { ref: a.ref, rank: impactRank(a.impact), path: a.path },
    { ref: b.ref, rank: impactRank(b.impact), path: b.path },
  );
}
