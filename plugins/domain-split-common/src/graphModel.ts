/*
 * The catalog graph as the analysis sees it: its types and the fields it reads. Built by
 * buildCatalogGraph.ts; queried through graphQueries.ts.
 */
import type {
  AnnotationProblem,
  ImpactEdge,
  ImpactLevel,
  MigrationPhase,
} from './types';

/**
 * The entity fields {@link buildCatalogGraph} reads; pass them as `fields` to the catalog's
 * `queryEntities` so large catalogs page cheaply. Only spec fields are read (not `relations`),
 * so raw catalog-info YAML and catalog entities give the same graph.
 * @public
 */
export const CATALOG_FIELDS: string[] = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
  'spec.owner',
  'spec.system',
  'spec.domain',
  'spec.dependsOn',
  'spec.providesApis',
  'spec.consumesApis',
  'spec.memberOf',
  'spec.parent',
  'spec.children',
  'spec.members',
  'spec.profile.displayName',
];

/**
 * One catalog entity as the analysis sees it: references normalised to full lower-case refs,
 * our annotations already parsed (bad values are in {@link CatalogGraph.annotationProblems}).
 * @public
 */
export interface GraphEntity {
  ref: string;
  /** Lower-case kind: `component`, `api`, `resource`, `system`, `domain`, `group`, `user`, … */
  kind: string;
  namespace: string;
  name: string;
  /** `metadata.title`, else the user's display name, else `metadata.name`. */
  title: string;
  /** `spec.type`, lower-case. */
  type?: string;
  ownerRef?: string;
  systemRef?: string;
  /** `spec.domain` as written on the entity (see {@link domainOf} for the effective domain). */
  domainRef?: string;
  parentRef?: string;
  /** Group `spec.children`. */
  childRefs: string[];
  memberOfRefs: string[];
  /** Group `spec.members`. */
  memberRefs: string[];
  /** Components and Resources this entity depends on. */
  dependsOn: string[];
  providesApis: string[];
  consumesApis: string[];
  annotations: Record<string, string>;
  /** Component annotated `domain-split/user-facing: "true"`. */
  userFacing: boolean;
  /** Domain `domain-split/declared-impact`. */
  declaredImpact?: ImpactLevel;
  /** Domain `domain-split/target-phase`. */
  targetPhase?: MigrationPhase;
  /** Domain `domain-split/target-date` (YYYY-MM-DD). */
  targetDate?: string;
  /** User/Group `domain-split/org-role`. */
  orgRole?: string;
  /** Component `domain-split/shared-library`. */
  sharedLibrary?: 'contract' | 'platform';
}

/**
 * The catalog as a dependency graph. Edges run consumer → provider between Components and
 * Resources; each carries the impact a failing provider has on its consumer.
 * @public
 */
export interface CatalogGraph {
  /** Every entity by ref, in ref order. */
  entities: Map<string, GraphEntity>;
  /** All dependency edges, consumer → provider, sorted. */
  edges: ImpactEdge[];
  /** provider ref → the edges of its consumers. */
  edgesByProvider: Map<string, ImpactEdge[]>;
  /** consumer ref → the edges to its providers. */
  edgesByConsumer: Map<string, ImpactEdge[]>;
  /** API ref → the Components that provide it. */
  apiProviders: Map<string, string[]>;
  /** Lower-case CI service name from `domain-split/ci-service-name` → Component ref. */
  ciServiceNames: Map<string, string>;
  /**
   * GitHub workflows claimed with `domain-split/github-workflow` → Component ref. Keys are
   * lower-case `<owner>/<repo>:<path>`, or `:<path>` for a claim that names no repository.
   */
  githubWorkflows: Map<string, string>;
  annotationProblems: AnnotationProblem[];
  /** Lookups derived once from the graph when it is built (see {@link GraphIndex}). */
  index: GraphIndex;
}

/**
 * Lookups derived from a catalog graph once, when it is built. The analysis asks "which entities
 * of this kind / of this domain / depend on this" once per Domain or Resource; answering each by
 * scanning every entity made the analysis quadratic in catalog size (see benchmarks/README.md).
 * @public
 */
export interface GraphIndex {
  byKind: Map<string, GraphEntity[]>;
  /** Effective domain of every Component, API, Resource and System that has one. */
  domainByRef: Map<string, string>;
  /** Domain ref → its Components and Resources, in ref order. */
  membersByDomain: Map<string, GraphEntity[]>;
  /** Domain ref → the refs of its Components, in ref order (a domain cell is their worst). */
  componentRefsByDomain: Map<string, string[]>;
  /** Component or Resource ref → the Components whose `spec.dependsOn` names it, in ref order. */
  componentDependents: Map<string, GraphEntity[]>;
  /** The graph on integer ids, for propagation (see propagation.ts). */
  numeric: NumericGraph;
}

/**
 * One direction of the dependency edges in compressed sparse rows over entity ids: the edges of
 * entity `i` are `offsets[i] .. offsets[i + 1]`; `next[e]` is the entity at the far end of edge
 * `e`, `rank[e]` its impact rank.
 * @internal
 */
export interface Adjacency {
  offsets: Int32Array;
  next: Int32Array;
  rank: Int8Array;
  edges: ImpactEdge[];
}

/**
 * The dependency graph on integer ids (the entity's position in ref order).
 * @internal
 */
export interface NumericGraph {
  refs: string[];
  ids: Map<string, number>;
  consumers: Adjacency;
  providers: Adjacency;
}
