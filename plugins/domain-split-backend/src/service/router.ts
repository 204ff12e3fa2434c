import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { domainSplitCiEventCreatePermission } from '@internal/plugin-domain-split-common';
import express from 'express';
import Router from 'express-promise-router';
import type { CatalogGraphSource } from '../catalog/CatalogGraphSource';
import type { CiStore } from '../database/CiStore';
import type { SnapshotStore } from '../database/SnapshotStore';
import {
  GithubSignatureVerifier,
  StandardWebhooksVerifier,
} from '../ingest/signatures';
import type { AnalysisAccess } from '../permissions/AnalysisAccess';
import { createAnalysisRouter } from './analysisRoutes';
import { createReadRouter } from './readRoutes';
import { createWebhookRouter } from './webhooks';

/**
 * What the router needs.
 * @internal
 */
export interface RouterOptions {
  store: CiStore;
  snapshots: SnapshotStore;
  graphs: CatalogGraphSource;
  httpAuth: HttpAuthService;
  /** Permission checks and per-reader redaction. */
  access: AnalysisAccess;
  logger: LoggerService;
  monorepoUrl?: string;
  maxBodyBytes: number;
  standardWebhookSecrets: string[];
  githubSecrets: string[];
}

/**
 * The plugin's HTTP API under `/api/domain-split` (see src/schema/openapi.yaml).
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(
    createWebhookRouter({
      store: options.store,
      httpAuth: options.httpAuth,
      logger: options.logger,
      maxBodyBytes: options.maxBodyBytes,
      standardWebhooks: new StandardWebhooksVerifier(
        options.standardWebhookSecrets,
      ),
      github: new GithubSignatureVerifier(options.githubSecrets),
      authorizeServicePost: credentials =>
        options.access.authorize(
          credentials,
          domainSplitCiEventCreatePermission,
          'post CI events to Domain Split',
        ),
    }),
  );
  router.use(
    createReadRouter({ store: options.store, access: options.access }),
  );
  router.use(
    createAnalysisRouter({
      store: options.store,
      snapshots: options.snapshots,
      access: options.access,
      monorepoUrl: options.monorepoUrl,
    }),
  );
  return router;
}
