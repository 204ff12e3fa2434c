import { useState } from 'react';
import { DOMAIN_MIGRATION_ITEM_LIMIT } from '@internal/plugin-domain-split-common';
import { useDomainSplitData } from './useDomainSplitData';

/**
 * One domain's migration status (GET /migration/domain/…), fetched when a view of it mounts:
 * the first entries of each criterion, and every entry after `showAll()`. The value is null
 * when the backend does not know the domain (yet).
 * @internal
 */
export function useDomainMigration(domainRef: string) {
  const [all, setAll] = useState(false);
  const state = useDomainSplitData(
    async api =>
      (await api.getDomainMigration(
        domainRef,
        all ? { limit: DOMAIN_MIGRATION_ITEM_LIMIT.max } : {},
      )) ?? null,
    [domainRef, all],
  );
  return { ...state, showAll: all ? undefined : () => setAll(true) };
}
