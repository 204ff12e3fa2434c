import type { CatalogGraph } from './graphModel';
import { byString } from './refs';
import { impactRank } from './impact';
import { IMPACT_LEVELS, ImpactEdge, ImpactLevel } from './types';
import { ENTITIES_PER_STEP, runToCompletion, Steps, workBudget } from './steps';

/** How a failure reaches one entity: the impact and the path (failing → … → reached) explaining it. */
export interface Reach {
  impact: ImpactLevel;
  path: ImpactEdge[];
}

/**
 * A binary heap of entity ids ordered by (worse impact, shorter path, smaller ref) — the same
 * order as before, read from the per-run arrays at push time. Stale entries are skipped on pop.
 */
class IdHeap {
  private ids: number[] = [];
  private ranks: number[] = [];
  private lengths: number[] = [];

  get size() {
    return this.ids.length;
  }

  private before(i: number, j: number): boolean {
    if (this.ranks[i] !== this.ranks[j]) return this.ranks[i] > this.ranks[j];
    if (this.lengths[i] !== this.lengths[j])
      return this.lengths[i] < this.lengths[j];
    return this.ids[i] < this.ids[j];
  }

  private swap(i: number, j: number) {
    const { ids, ranks, lengths } = this;
    [ids[i], ids[j]] = [ids[j], ids[i]];
    [ranks[i], ranks[j]] = [ranks[j], ranks[i]];
    [lengths[i], lengths[j]] = [lengths[j], lengths[i]];
  }

  push(id: number, rank: number, length: number) {
    this.ids.push(id);
    this.ranks.push(rank);
    this.lengths.push(length);
    let index = this.ids.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(index, parent)) break;
      this.swap(index, parent);
      index = parent;
    }
  }

  /** Removes the first entry; returns [id, rank, length]. */
  pop(out: number[]): void {
    out[0] = this.ids[0];
    out[1] = this.ranks[0];
    out[2] = this.lengths[0];
    const last = this.ids.length - 1;
    if (last > 0) this.swap(0, last);
    this.ids.pop();
    this.ranks.pop();
    this.lengths.pop();
    let index = 0;
    const size = this.ids.length;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let best = index;
      if (left < size && this.before(left, best)) best = left;
      if (right < size && this.before(right, best)) best = right;
      if (best === index) break;
      this.swap(index, best);
      index = best;
    }
  }
}

/**
 * One reached entity. Its path is written out only when asked for, from the entry it was
 * reached from and the edge taken (copying paths on every step made propagation grow with
 * path length).
 */
class ReachedEntity implements Reach {
  readonly impact: ImpactLevel;
  /** @internal */
  written?: ImpactEdge[];

  constructor(
    rank: number,
    /** The path's length (number of edges). */
    readonly length: number,
    private readonly towards: 'consumers' | 'providers',
    private readonly from?: ReachedEntity,
    private readonly edge?: ImpactEdge,
  ) {
    this.impact = IMPACT_LEVELS[rank];
  }

  get path(): ImpactEdge[] {
    if (!this.written) {
      // Iteratively, so long paths cannot overflow the stack.
      const chain: ReachedEntity[] = [this];
      for (
        let earlier = this.from;
        earlier && !earlier.written;
        earlier = earlier.from
      ) {
        chain.push(earlier);
      }
      for (let c = chain.length - 1; c >= 0; c--) {
        const entry = chain[c];
        // One exact-size copy per entry (spreading went through the iterator protocol and
        // grew the array: it was most of a 10,000-service blast radius, see benchmarks/README.md).
        const before = entry.from!.written!;
        const n = before.length;
        const path = new Array<ImpactEdge>(n + 1);
        if (entry.towards === 'consumers') {
          for (let i = 0; i < n; i++) path[i] = before[i];
          path[n] = entry.edge!;
        } else {
          path[0] = entry.edge!;
          for (let i = 0; i < n; i++) path[i + 1] = before[i];
        }
        entry.written = path;
      }
    }
    return this.written!;
  }
}

/** The state of one walk: per entity id its best impact rank, path length and how it was reached. */
interface Walk {
  bestRank: Int8Array;
  bestLength: Int32Array;
  /** The entity it was reached from (-1: a seed not reached otherwise). */
  from: Int32Array;
  /** The index of the edge taken (into the direction's `edges`). */
  via: Int32Array;
  /** Ids in the order they were settled. */
  order: number[];
  seedPaths: Map<number, ImpactEdge[]>;
  /** Seeds that are not entities of the graph. */
  outside: Map<string, Reach>;
}

/**
 * The walk behind {@link propagate} and {@link reachFirst}. Entities are settled worst-impact
 * first, then shorter path, then smaller id (= ref order): every entry pushed while one is
 * settled is worse or longer, so the order of settling is that total order. With `stopAt`, the
 * walk ends as soon as an entity marked there is settled; what was settled until then is
 * exactly what the whole walk settles first.
 */
function walk(
  graph: CatalogGraph,
  seeds: Map<string, Reach>,
  towards: 'consumers' | 'providers',
  stopAt?: Uint8Array,
): Walk {
  return runToCompletion(walkSteps(graph, seeds, towards, stopAt));
}

/** {@link walk}, pausing every {@link ENTITIES_PER_STEP} settled entities. */
function* walkSteps(
  graph: CatalogGraph,
  seeds: Map<string, Reach>,
  towards: 'consumers' | 'providers',
  stopAt?: Uint8Array,
): Steps<Walk> {
  const numeric = graph.index.numeric;
  const { offsets, next, rank: edgeRank } = numeric[towards];
  const n = numeric.refs.length;
  const bestRank = new Int8Array(n).fill(-1);
  const bestLength = new Int32Array(n);
  const from = new Int32Array(n).fill(-1);
  const via = new Int32Array(n).fill(-1);
  const settled = new Uint8Array(n);
  const seedPaths = new Map<number, ImpactEdge[]>();
  const heap = new IdHeap();
  const outside = new Map<string, Reach>();

  for (const [ref, reach] of [...seeds.entries()].sort(([a], [b]) =>
    byString(a, b),
  )) {
    const id = numeric.ids.get(ref);
    if (id === undefined) {
      outside.set(ref, { impact: reach.impact, path: reach.path });
      continue;
    }
    bestRank[id] = impactRank(reach.impact);
    bestLength[id] = reach.path.length;
    seedPaths.set(id, reach.path);
    heap.push(id, bestRank[id], bestLength[id]);
  }

  const order: number[] = [];
  const top = [0, 0, 0];
  while (heap.size > 0) {
    heap.pop(top);
    const [id, rank, length] = top;
    if (settled[id] || bestRank[id] !== rank || bestLength[id] !== length)
      continue;
    settled[id] = 1;
    order.push(id);
    if (stopAt && stopAt[id]) break;
    // Counted by the settled entities themselves: this loop is the matrix's innermost.
    if (order.length % ENTITIES_PER_STEP === 0) yield;
    for (let e = offsets[id]; e < offsets[id + 1]; e++) {
      const target = next[e];
      if (target < 0 || settled[target]) continue;
      const candidateRank = rank < edgeRank[e] ? rank : edgeRank[e];
      const candidateLength = length + 1;
      const known = bestRank[target];
      if (
        known < 0 ||
        candidateRank > known ||
        (candidateRank === known && candidateLength < bestLength[target])
      ) {
        bestRank[target] = candidateRank;
        bestLength[target] = candidateLength;
        from[target] = id;
        via[target] = e;
        heap.push(target, candidateRank, candidateLength);
      }
    }
  }
  return { bestRank, bestLength, from, via, order, seedPaths, outside };
}

/** Whether a settled entity is a seed that nothing reached better (its path is the seed's). */
function isRoot(state: Walk, id: number) {
  return state.from[id] < 0 && state.seedPaths.has(id);
}

/**
 * The entry of a settled entity: a root's with its seed's path, else one step on from the
 * entry of the entity it was reached from (its path written when first asked).
 */
function reachedEntity(
  state: Walk,
  id: number,
  towards: 'consumers' | 'providers',
  edges: ImpactEdge[],
  from: ReachedEntity | undefined,
): ReachedEntity {
  const { bestRank, bestLength } = state;
  if (isRoot(state, id)) {
    const entry = new ReachedEntity(bestRank[id], bestLength[id], towards);
    entry.written = state.seedPaths.get(id);
    return entry;
  }
  return new ReachedEntity(
    bestRank[id],
    bestLength[id],
    towards,
    from,
    edges[state.via[id]],
  );
}

/**
 * Widest-path (bottleneck) propagation over the four impact levels: the impact on X is the
 * maximum over paths of the minimum edge impact. Entities are settled worst-impact first, like
 * Dijkstra (ties: shorter path, then ref); a settled entity is never revisited, so cycles
 * terminate. An entity keeps the first way found among equally good ones.
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
  return runToCompletion(propagateSteps(graph, seeds, towards));
}

/**
 * {@link propagate}, pausing every {@link workBudget} entities settled and entries written:
 * one failure reaches most of a 10,000-service catalog.
 */
export function* propagateSteps(
  graph: CatalogGraph,
  seeds: Map<string, Reach>,
  towards: 'consumers' | 'providers',
): Steps<Map<string, Reach>> {
  const state = yield* walkSteps(graph, seeds, towards);
  const { refs, [towards]: adjacency } = graph.index.numeric;
  const budget = workBudget();

  // Settled in order, so an entity's predecessor always exists before it.
  const reached = new Map<string, Reach>(state.outside);
  const entries = new Map<number, ReachedEntity>();
  for (const id of state.order) {
    entries.set(
      id,
      reachedEntity(
        state,
        id,
        towards,
        adjacency.edges,
        entries.get(state.from[id]),
      ),
    );
    if (budget.spend()) yield;
  }
  // The result lists entities in the order they were settled, as before.
  for (const id of state.order) reached.set(refs[id], entries.get(id)!);
  return reached;
}

/**
 * Of `targets`, the one {@link propagate} reaches worst (then by a shorter path, then by ref),
 * with the same reach and path, found without the rest: the walk stops once a target is
 * settled, and only that target's path is written. For one cell of a matrix or blast radius
 * (GET /impact-path), where building every reached entity's entry was most of the time.
 * Undefined when no target is reached; targets that are not entities of the graph are never
 * reached.
 */
export function reachFirst(
  graph: CatalogGraph,
  seeds: Map<string, Reach>,
  towards: 'consumers' | 'providers',
  targets: Iterable<string>,
): { ref: string; reach: Reach } | undefined {
  const { ids, refs, [towards]: adjacency } = graph.index.numeric;
  const stopAt = new Uint8Array(refs.length);
  let any = false;
  for (const ref of targets) {
    const id = ids.get(ref);
    if (id !== undefined) {
      stopAt[id] = 1;
      any = true;
    }
  }
  if (!any) return undefined;
  const state = walk(graph, seeds, towards, stopAt);
  const last = state.order[state.order.length - 1];
  if (last === undefined || !stopAt[last]) return undefined;
  // Only the entries on the way from the seed it started from, written as propagate writes them.
  const chain = [last];
  while (!isRoot(state, chain[chain.length - 1])) {
    chain.push(state.from[chain[chain.length - 1]]);
  }
  let entry: ReachedEntity | undefined;
  for (let c = chain.length - 1; c >= 0; c--) {
    entry = reachedEntity(state, chain[c], towards, adjacency.edges, entry);
  }
  return { ref: refs[last], reach: entry! };
}

/** Seeds in which every given entity fails outright. */
export function failingSeeds(refs: Iterable<string>): Map<string, Reach> {
  const seeds = new Map<string, Reach>();
  for (const ref of refs) {
    seeds.set(ref, { impact: 'blocked', path: [] });
  }
  return seeds;
}

/** The length of a reach's path, without writing the path out when it is a propagation result. */
function pathLength(reach: Reach): number {
  return reach instanceof ReachedEntity ? reach.length : reach.path.length;
}

/** Whether reach `a` explains more than `b`: worse impact, then a shorter path, then the ref. */
export function isWorseReach(
  a: Reach & { ref: string },
  b: Reach & { ref: string },
): boolean {
  return isWorseReachOf(a, a.ref, b, b.ref);
}

/** {@link isWorseReach} for reaches kept apart from their refs (no copies made). */
export function isWorseReachOf(
  a: Reach,
  aRef: string,
  b: Reach,
  bRef: string,
): boolean {
  const rankA = impactRank(a.impact);
  const rankB = impactRank(b.impact);
  if (rankA !== rankB) return rankA > rankB;
  const lengthA = pathLength(a);
  const lengthB = pathLength(b);
  if (lengthA !== lengthB) return lengthA < lengthB;
  return byString(aRef, bRef) < 0;
}
