/*
 * Test helper: a catalog service that hides some entities from some users, as the catalog
 * does when the permission policy denies `catalog.entity.read`. Used by tests only.
 */
import {
  createServiceFactory,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  type ConditionalPolicyDecision,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';

/** The user the restricted catalog hides entities from. */
export const RESTRICTED_USER = 'user:default/restricted-reader';

/** A catalog service over `entities` that hides `hiddenRefs` from {@link RESTRICTED_USER}. */
export function restrictedCatalog(
  entities: Entity[],
  hiddenRefs: string[],
): CatalogService {
  const inner = catalogServiceMock({ entities });
  const restricted = (credentials: BackstageCredentials) =>
    (credentials.principal as { userEntityRef?: string }).userEntityRef ===
    RESTRICTED_USER;
  return {
    ...inner,
    queryEntities: async (query, options) => {
      const result = await inner.queryEntities(query, options);
      if (!restricted(options.credentials)) return result;
      return {
        ...result,
        items: result.items.filter(
          e => !hiddenRefs.includes(stringifyEntityRef(e)),
        ),
      };
    },
  } as CatalogService;
}

/** {@link restrictedCatalog} as a service factory for a test backend. */
export function restrictedCatalogFactory(
  entities: Entity[],
  hiddenRefs: string[],
) {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => restrictedCatalog(entities, hiddenRefs),
  });
}

/**
 * What the permission policy answers to a conditional `catalog.entity.read` (the only
 * conditional question Domain Split asks): CONDITIONAL for {@link RESTRICTED_USER}, whose
 * entities the catalog then filters, ALLOW for everyone else. For `authorizeConditional` of a
 * permissions mock next to {@link restrictedCatalog}.
 */
export async function restrictedCatalogReadDecisions(
  requests: unknown[],
  options?: { credentials: BackstageCredentials },
): Promise<PolicyDecision[]> {
  const restricted =
    (options?.credentials.principal as { userEntityRef?: string })
      ?.userEntityRef === RESTRICTED_USER;
  return requests.map(() =>
    restricted
      ? ({
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            resourceType: 'catalog-entity',
            rule: 'IS_ENTITY_KIND',
            params: { kinds: ['Domain'] },
          },
        } satisfies ConditionalPolicyDecision)
      : { result: AuthorizeResult.ALLOW },
  );
}
