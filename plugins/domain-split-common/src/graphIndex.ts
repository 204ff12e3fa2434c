import { impactRank } from './impact';
import { Steps, workBudget } from './steps';
import type {
  Adjacency,
  GraphEntity,
  GraphIndex,
  NumericGraph,
} from './graphModel';
import type { ImpactEdge } from './types';

const DOMAIN_KINDS = new Set(['component', 'api', 'resource', 'system']);

/** Appends `value` to the list under `key`. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The graph as integer arrays: entity i is the i-th ref of the entities (which are in ref order,
 * so comparing ids compares refs), and each direction's edges are a compressed adjacency list in
 * the order of `edgesByProvider` / `edgesByConsumer`. Propagation runs once per matrix row; on
 * strings and per-step objects it spent most of its time hashing refs and collecting garbage
 * (see benchmarks/README.md).
 */
function* numericGraphSteps(
  entities: ReadonlyMap<string, GraphEntity>,
  edgesByProvider: ReadonlyMap<string, ImpactEdge[]>,
  edgesByConsumer: ReadonlyMap<string, ImpactEdge[]>,
): Steps<NumericGraph> {
  const refs = [...entities.keys()];
  const ids = new Map(refs.map((ref, i) => [ref, i]));
  yield;
  const budget = workBudget();
  function* adjacency(towards: 'consumers' | 'providers'): Steps<Adjacency> {
    const lists = towards === 'consumers' ? edgesByProvider : edgesByConsumer;
    const offsets = new Int32Array(refs.length + 1);
    const edges: ImpactEdge[] = [];
    for (let i = 0; i < refs.length; i++) {
      offsets[i] = edges.length;
      for (const edge of lists.get(refs[i]) ?? []) edges.push(edge);
      if (budget.spend()) yield;
    }
    offsets[refs.length] = edges.length;
    const next = new Int32Array(edges.length);
    const rank = new Int8Array(edges.length);
    for (let e = 0; e < edges.length; e++) {
      const edge = edges[e];
      next[e] =
        ids.get(towards === 'consumers' ? edge.consumer : edge.provider) ?? -1;
      rank[e] = impactRank(edge.impact);
      if (budget.spend()) yield;
    }
    return { offsets, next, rank, edges };
  }
  return {
    refs,
    ids,
    consumers: yield* adjacency('consumers'),
    providers: yield* adjacency('providers'),
  };
}

/**
 * The index of a graph: built once by buildCatalogGraph and kept on the graph (`graph.index`),
 * in pieces of {@link workBudget} entities or edges.
 * @internal
 */
export function* graphIndexSteps(
  entities: ReadonlyMap<string, GraphEntity>,
  edgesByProvider: ReadonlyMap<string, ImpactEdge[]>,
  edgesByConsumer: ReadonlyMap<string, ImpactEdge[]>,
): Steps<GraphIndex> {
  const byKind = new Map<string, GraphEntity[]>();
  const domainByRef = new Map<string, string>();
  const membersByDomain = new Map<string, GraphEntity[]>();
  const componentRefsByDomain = new Map<string, string[]>();
  const componentDependents = new Map<string, GraphEntity[]>();
  const budget = workBudget();
  // entities are in ref order, so every list below is too.
  for (const entity of entities.values()) {
    push(byKind, entity.kind, entity);
    if (DOMAIN_KINDS.has(entity.kind)) {
      const system = entity.systemRef
        ? entities.get(entity.systemRef)
        : undefined;
      const domain = entity.domainRef ?? system?.domainRef;
      if (domain) {
        domainByRef.set(entity.ref, domain);
        if (entity.kind === 'component' || entity.kind === 'resource') {
          push(membersByDomain, domain, entity);
        }
        if (entity.kind === 'component') {
          push(componentRefsByDomain, domain, entity.ref);
        }
      }
    }
    if (entity.kind === 'component') {
      for (const provider of new Set(entity.dependsOn)) {
        push(componentDependents, provider, entity);
      }
    }
    if (budget.spend()) yield;
  }
  return {
    byKind,
    domainByRef,
    membersByDomain,
    componentRefsByDomain,
    componentDependents,
    numeric: yield* numericGraphSteps(
      entities,
      edgesByProvider,
      edgesByConsumer,
    ),
  };
}
