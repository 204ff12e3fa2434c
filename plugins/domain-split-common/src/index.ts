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
export * from './permissions';
export {
  AnalysisRedactor,
  HIDDEN_REF_PREFIX,
  describeHiddenEntities,
} from './redaction';
export type { EntityVisibility } from './redaction';
export {
  DOMAIN_SPLIT_SIGNAL_CHANNEL,
  NOTIFICATION_KINDS,
  decideNotifications,
  isoWeek,
  toNotificationSnapshot,
  violationKey,
} from './notifications';
export type {
  DomainSplitNotification,
  DomainSplitNotificationKind,
  NotificationContext,
  NotificationDecisions,
  NotificationSnapshot,
} from './notifications';
