/*
 * The Domain Split portal backend: the catalog with the example platform, sign-in (guest for
 * local development, GitHub in production), permissions with the example policy,
 * notifications and signals, the MCP server for agents, and the Domain Split backend plugin.
 * Only the plugins the product uses are added.
 */
import { createBackend } from '@backstage/backend-defaults';
import { examplePermissionPolicyModule } from './permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: the guest provider for local development (app-config.yaml); GitHub, resolved to
// catalog Users, in production (app-config.production.yaml). A provider without config stays
// off, so both modules can be installed.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

// Catalog: loads catalog-info/ (app-config.yaml) and reports processing errors in the log.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// Permissions: the example policy driven by `permission.examplePolicy` (src/permissionPolicy.ts).
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(examplePermissionPolicyModule);

// Notifications (with the bell and page in the app) and signals (live updates of open pages).
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Agents: the actions registered with the actions registry (Domain Split's read-only actions)
// served as an MCP server at /api/mcp-actions/v1 (see README).
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Domain Split: CI webhooks, releases, failure isolation, migration status and rules.
backend.add(import('@internal/plugin-domain-split-backend'));

backend.start();
