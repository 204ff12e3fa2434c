import {
  DOMAIN_MIGRATION_ITEM_LIMIT,
  domainMigrationOf,
  MIGRATION_PAGE_LIMIT,
  migrationOverview,
  MigrationStatusResponse,
} from '@internal/plugin-domain-split-common';
import type { MockDomainSplitApi } from './render';

/**
 * Answers GET /migration and GET /migration/domain/… as the backend does, cut from a whole
 * migration status with common's functions (pages, filters, aggregates, bounded detail).
 */
export function serveMigration(
  api: MockDomainSplitApi,
  status: MigrationStatusResponse,
) {
  api.getMigrationOverview.mockImplementation(async (query = {}) =>
    migrationOverview(status, {
      limit: MIGRATION_PAGE_LIMIT.default,
      offset: 0,
      ...query,
    }),
  );
  api.getDomainMigration.mockImplementation(async (domainRef, options = {}) =>
    domainMigrationOf(
      status,
      domainRef,
      options.limit ?? DOMAIN_MIGRATION_ITEM_LIMIT.default,
    ),
  );
}
