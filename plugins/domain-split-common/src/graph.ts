/*
 * The catalog graph: one import for what the analysis modules and the package's users need.
 * The parts live in graphModel.ts (types), buildCatalogGraph.ts (building), graphAnnotations.ts
 * (our annotations), graphIndex.ts (lookups built with the graph), graphQueries.ts and refs.ts.
 */
export { CATALOG_FIELDS } from './graphModel';
export type {
  CatalogGraph,
  GraphEntity,
  GraphIndex,
  NumericGraph,
  Adjacency,
} from './graphModel';
export { buildCatalogGraph, catalogGraphSteps } from './buildCatalogGraph';
export { githubWorkflowKey } from './graphAnnotations';
export {
  componentsDependingOn,
  domainOf,
  entitiesOfKind,
  matchServiceToEntity,
  matchWorkflowToEntity,
  membersOfDomain,
  titleOf,
} from './graphQueries';
export {
  byString,
  compareEdges,
  kindOfRef,
  nameOfRef,
  normaliseRef,
} from './refs';
