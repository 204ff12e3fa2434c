/*
 * Domain Split's permissions. A permission policy decides them like any other Backstage
 * permission; the backend checks them on every read route, action and CI post.
 */
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading the analysis: ownership, releases, failure isolation, migration, rules (the read
 * routes and the actions for agents). What the answer names is further limited to the entities
 * the catalog shows the reader.
 * @public
 */
export const domainSplitAnalysisReadPermission = createPermission({
  name: 'domain-split.analysis.read',
  attributes: { action: 'read' },
});

/**
 * Posting CI events to `POST /webhooks/ci` with a Backstage token (signed deliveries carry
 * their own authority: the shared secret).
 * @public
 */
export const domainSplitCiEventCreatePermission = createPermission({
  name: 'domain-split.ci-event.create',
  attributes: { action: 'create' },
});

/**
 * Every permission of the plugin, for `permissionsRegistry.addPermissions`.
 * @public
 */
export const domainSplitPermissions = [
  domainSplitAnalysisReadPermission,
  domainSplitCiEventCreatePermission,
];
