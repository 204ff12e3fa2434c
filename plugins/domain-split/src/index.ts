/**
 * Domain Split frontend plugin: ownership map, releases, failure isolation, migration status
 * and architecture rules of a monorepo being split into domain-owned services.
 *
 * @packageDocumentation
 */
export {
  domainSplitPlugin,
  DomainSplitPage,
  EntityReleasesCard,
  EntityFailureImpactCard,
  EntityDomainMigrationCard,
  EntityRuleViolationsCard,
  EntityTeamDomainsCard,
  EntityDomainContextMapCard,
  EntityReleasesContent,
  EntityFailureImpactContent,
} from './plugin';
export { rootRouteRef } from './routes';
export { domainSplitApiRef } from './api/DomainSplitApi';
export type {
  DomainSplitApi,
  FailureMatrixLevel,
  FailureMatrixPageQuery,
  OwnershipQuery,
  ReleasesQuery,
  ViolationQuery,
  ViolationStatusFilter,
} from './api/DomainSplitApi';
export { DomainSplitClient } from './api/DomainSplitClient';
