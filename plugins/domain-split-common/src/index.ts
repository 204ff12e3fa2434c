/**
 * Domain Split common: shared types and the pure analysis (no I/O, no React).
 *
 * @packageDocumentation
 */

export * from './types';
export { parseImpactLevel, maxImpact, minImpact } from './impact';
export {
  CATALOG_FIELDS,
  buildCatalogGraph,
  matchServiceToEntity,
  domainOf,
} from './graph';
export type { CatalogGraph, GraphEntity } from './graph';
export {
  computeFailureMatrix,
  computeBlastRadius,
  computeImpactPath,
  titlesOfCell,
} from './failure';
export type { ImpactPathOptions } from './failure';
export { computeOwnership } from './ownership';
export { computeContextMap } from './contextMap';
export type { ContextMapInput, ContextMapOptions } from './contextMap';
export { computeMigrationStatus, toMigrationSnapshot } from './migration';
export { RULES, checkRules } from './rules';
export * from './versions';
export * from './releases';
export {
  LIVE_DEPLOYMENT_STATUSES,
  ciServiceKey,
  serviceCatalogIndex,
} from './evidence';
export type { ServiceCatalogIndex, ServiceMatch } from './evidence';
