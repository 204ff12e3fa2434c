/*
 * The portal's example permission policy, driven by config (`permission.examplePolicy`):
 *
 *   permission:
 *     enabled: true
 *     examplePolicy:
 *       restrictedTag: restricted                     # Components tagged so ...
 *       hiddenFromGroups: [group:default/contractors] # ... are hidden from members of these groups
 *
 * Everything else is allowed, except that users may not post CI events (only service tokens
 * do; they are decided by their externalAccess accessRestrictions, not by the policy). Hiding a
 * Component through the catalog also hides it in Domain Split: the plugin names only what the
 * catalog shows the reader. A real organisation replaces this file with its own rules.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { domainSplitCiEventCreatePermission } from '@internal/plugin-domain-split-common';

const CONFIG_KEY = 'permission.examplePolicy';
const KNOWN_KEYS = ['restrictedTag', 'hiddenFromGroups'];

/** The example policy's settings. */
export interface ExamplePolicyOptions {
  /** Components carrying this tag are hidden from {@link ExamplePolicyOptions.hiddenFromGroups}. */
  restrictedTag?: string;
  /** Full group refs, e.g. `group:default/contractors`. */
  hiddenFromGroups: string[];
}

/**
 * Reads `permission.examplePolicy`; any unknown key or bad value is a start-up error naming it.
 */
export function readExamplePolicyOptions(config: Config): ExamplePolicyOptions {
  const policy = config.getOptionalConfig(CONFIG_KEY);
  if (!policy) return { hiddenFromGroups: [] };
  for (const key of policy.keys()) {
    if (!KNOWN_KEYS.includes(key)) {
      throw new Error(
        `Unknown config key ${CONFIG_KEY}.${key}; known keys: ${KNOWN_KEYS.join(
          ', ',
        )}`,
      );
    }
  }
  const restrictedTag = policy.getOptionalString('restrictedTag');
  if (restrictedTag !== undefined && !/^[a-z0-9:+#-]+$/.test(restrictedTag)) {
    throw new Error(
      `${CONFIG_KEY}.restrictedTag "${restrictedTag}" is not a catalog tag (lower-case letters, digits, -, :, +, #)`,
    );
  }
  const hiddenFromGroups = (
    policy.getOptionalStringArray('hiddenFromGroups') ?? []
  ).map(value => {
    let ref;
    try {
      ref = parseEntityRef(value, { defaultKind: 'group' });
    } catch (error) {
      throw new Error(
        `${CONFIG_KEY}.hiddenFromGroups: "${value}" is not an entity reference: ${
          (error as Error).message
        }`,
      );
    }
    if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new Error(
        `${CONFIG_KEY}.hiddenFromGroups: "${value}" is not a group reference (group:namespace/name)`,
      );
    }
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  });
  if (hiddenFromGroups.length > 0 && restrictedTag === undefined) {
    throw new Error(
      `${CONFIG_KEY}.hiddenFromGroups is set but ${CONFIG_KEY}.restrictedTag is not: say which Components to hide`,
    );
  }
  return { restrictedTag, hiddenFromGroups };
}

/** The example policy (see the top of this file). */
export class ExamplePermissionPolicy implements PermissionPolicy {
  readonly #options: ExamplePolicyOptions;

  constructor(options: ExamplePolicyOptions) {
    this.#options = options;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, domainSplitCiEventCreatePermission)) {
      // CI posts come from pipelines with service tokens; a person's token never posts them.
      return { result: user ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
    }
    const { restrictedTag, hiddenFromGroups } = this.#options;
    if (
      restrictedTag &&
      user &&
      isPermission(request.permission, catalogEntityReadPermission) &&
      user.info.ownershipEntityRefs.some(ref =>
        hiddenFromGroups.includes(ref.toLocaleLowerCase('en-US')),
      )
    ) {
      return createCatalogConditionalDecision(catalogEntityReadPermission, {
        not: {
          allOf: [
            catalogConditions.isEntityKind({ kinds: ['Component'] }),
            catalogConditions.hasMetadata({
              key: 'tags',
              value: restrictedTag,
            }),
          ],
        },
      });
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs {@link ExamplePermissionPolicy} as the permission backend's policy. */
export const examplePermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'domain-split-example-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new ExamplePermissionPolicy(readExamplePolicyOptions(config)),
        );
      },
    });
  },
});
