/**
 * Domain Split common: shared types and the pure analysis (no I/O, no React).
 *
 * @packageDocumentation
 */

export * from './types';
export * from './paging';
export { matchesFilter } from './textFilter';
export {
  RULE_VIOLATIONS_PAGE_LIMIT,
  pageRuleViolations,
  selectRuleViolations,
  violationMatches,
} from './ruleViolationsPage';
export type { RuleViolationSelection } from './ruleViolationsPage';
export * from './matrixPage';
export { parseImpactLevel, maxImpact, minImpact } from './impact';
export {
  CATALOG_FIELDS,
  buildCatalogGraph,
  catalogGraphSteps,
  matchServiceToEntity,
  matchWorkflowToEntity,
  githubWorkflowKey,
  domainOf,
  entitiesOfKind,
} from './graph';
export type { CatalogGraph, GraphEntity } from './graph';
export {
  computeFailureMatrix,
  failureMatrixSteps,
  keptMatrixSteps,
  retitledMatrixSteps,
  serviceMatrixRowRefs,
  serviceMatrixRowsSteps,
  computeBlastRadius,
  blastRadiusSteps,
  computeImpactPath,
  titlesOfCell,
} from './failure';
export type { BlastRadiusOptions, ImpactPathOptions } from './failure';
export {
  blastRadiusFollowsFailureStructure,
  sameFailureStructure,
} from './failureStructure';
export { sameServiceMatching } from './serviceMatching';
export { foldCase } from './refs';
export { jsonSteps, mapSteps, runToCompletion, sortSteps } from './steps';
export type { Steps } from './steps';
export {
  BLAST_RADIUS_LIMIT,
  BLAST_RADIUS_PAGE_LIMIT,
  BLAST_RADIUS_SUMMARY_LIMIT,
  firstEntriesOfBlastRadius,
  pageBlastRadius,
  summariseBlastRadius,
} from './impactSummary';
export type { BlastRadiusPageQuery } from './impactSummary';
export { computeOwnership, ownershipSteps } from './ownership';
export * from './ownershipPage';
export {
  computeMigrationStatus,
  migrationStatusSteps,
  toMigrationSnapshot,
  projectMigration,
} from './migration';
export {
  DOMAIN_MIGRATION_ITEM_LIMIT,
  MIGRATION_PAGE_LIMIT,
  MIGRATION_SCHEDULES,
  boundDomainMigration,
  domainMigrationOf,
  migrationAggregates,
  migrationOverview,
  summariseDomainMigration,
} from './migrationSummary';
export type { MigrationOverviewQuery } from './migrationSummary';
export {
  RULES,
  catalogRuleCheckSteps,
  checkRules,
  ruleCheckSteps,
  reconcileViolations,
  reconcileViolationsSteps,
  filterViolations,
  filterViolationsSteps,
} from './rules';
export type { CatalogRuleViolations, ViolationFilter } from './rules';
export {
  computeContextMap,
  contextMapSteps,
  focusContextMap,
  outlineContextMap,
} from './contextMap';
export type {
  ContextMapInput,
  ContextMapOptions,
  ContextMapQuery,
} from './contextMap';
export {
  contextMapChoices,
  pageContextMapChoices,
  viewContextMap,
} from './contextMapView';
export { layoutStar, starHub, tieLine } from './starLayout';
export type { StarBox, StarPoint, StarSize } from './starLayout';
export * from './versions';
export * from './releases';
export * from './releasesPage';
export {
  BUILT_IN_ENVIRONMENT_ORDER,
  DEFAULT_EVIDENCE_POLICY,
  DEFAULT_EVIDENCE_WINDOW_MS,
  DEFAULT_LOCKSTEP_INTERVAL_MS,
  LIVE_DEPLOYMENT_STATUSES,
  ciServiceKey,
  compareEnvironments,
  isTrackedEnvironment,
  productionFirst,
  scopeEvidence,
  scopeEvidenceSteps,
  serviceCatalogIndex,
  serviceIdentity,
  splitEnvironments,
} from './evidence';
export { EvidenceContext } from './evidenceContext';
export type { EvidenceIndex } from './evidenceContext';
export type {
  EnvironmentSetting,
  EvidencePolicy,
  EvidenceScope,
  ServiceCatalogIndex,
  ServiceMatch,
} from './evidence';
export {
  decideCanIDeploy,
  deployGateCounterparts,
  flagDeploysAfterRefusal,
} from './deployGate';
export type { LiveVersion } from './deployGate';
export * from './permissions';
export {
  AnalysisRedactor,
  EVERY_ENTITY_VISIBLE,
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
