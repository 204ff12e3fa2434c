import type { CatalogGraph, GraphEntity } from './graph';

/**
 * Lookups derived from a catalog graph, built once per graph and kept beside it (a WeakMap, so
 * they go away with the graph). The analysis asks "which entities of this kind / of this
 * domain / depend on this" once per Domain or Resource; answering each by scanning every entity
 * made the analysis quadratic in catalog size (see benchmarks/README.md).
 * A graph must not be changed after it was first analysed (buildCatalogGraph never does).
 */
export interface GraphIndex {
  byKind: Map<string, GraphEntity[]>;
  /** Effective domain of every Component, API, Resource and System that has one. */
  domainByRef: Map<string, string>;
  /** Domain ref → its Components and Resources, in ref order. */
  membersByDomain: Map<string, GraphEntity[]>;
  /** Component or Resource ref → the Components whose `spec.dependsOn` names it, in ref order. */
  componentDependents: Map<string, GraphEntity[]>;
}

const indexes = new WeakMap<CatalogGraph, GraphIndex>();
const DOMAIN_KINDS = new Set(['component', 'api', 'resource', 'system']);

/** Appends `value` to the list under `key`. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The index of a graph (built on first use). */
export function graphIndex(graph: CatalogGraph): GraphIndex {
  let index = indexes.get(graph);
  if (index) return index;
  const byKind = new Map<string, GraphEntity[]>();
  const domainByRef = new Map<string, string>();
  const membersByDomain = new Map<string, GraphEntity[]>();
  const componentDependents = new Map<string, GraphEntity[]>();
  // graph.entities is in ref order, so every list below is too.
  for (const entity of graph.entities.values()) {
    push(byKind, entity.kind, entity);
    if (DOMAIN_KINDS.has(entity.kind)) {
      const system = entity.systemRef
        ? graph.entities.get(entity.systemRef)
        : undefined;
      const domain = entity.domainRef ?? system?.domainRef;
      if (domain) {
        domainByRef.set(entity.ref, domain);
        if (entity.kind === 'component' || entity.kind === 'resource') {
          push(membersByDomain, domain, entity);
        }
      }
    }
    if (entity.kind === 'component') {
      for (const provider of new Set(entity.dependsOn)) {
        push(componentDependents, provider, entity);
      }
    }
  }
  index = { byKind, domainByRef, membersByDomain, componentDependents };
  indexes.set(graph, index);
  return index;
}

const perEvidence = new WeakMap<
  object,
  WeakMap<CatalogGraph, Map<string, unknown>>
>();

/**
 * Memoises a derived value of (graph, evidence) under `key`, for values that the analysis
 * would otherwise recompute once per Domain. Evidence must not change after its first use.
 */
export function memoByEvidence<T>(
  graph: CatalogGraph,
  evidence: object | undefined,
  key: string,
  compute: () => T,
): T {
  if (!evidence) return compute();
  let byGraph = perEvidence.get(evidence);
  if (!byGraph) {
    byGraph = new WeakMap();
    perEvidence.set(evidence, byGraph);
  }
  let values = byGraph.get(graph);
  if (!values) {
    values = new Map();
    byGraph.set(graph, values);
  }
  if (!values.has(key)) values.set(key, compute());
  return values.get(key) as T;
}
