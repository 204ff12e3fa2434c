/*
 * The Domain Split portal backend: the catalog with the example platform, guest sign-in,
 * and the Domain Split backend plugin. Only the plugins the product uses are added.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: the guest provider (see app-config.yaml); production adds a real provider.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Catalog: loads catalog-info/ (app-config.yaml) and reports processing errors in the log.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// Domain Split: CI webhooks, releases, failure isolation, migration status and rules.
backend.add(import('@internal/plugin-domain-split-backend'));

backend.start();
