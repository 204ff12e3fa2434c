import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import type { CatalogGraphSource } from '../catalog/CatalogGraphSource';
import type { CiStore } from '../database/CiStore';
import type { SnapshotStore } from '../database/SnapshotStore';
import {
  GithubSignatureVerifier,
  StandardWebhooksVerifier,
} from '../ingest/signatures';
import { createAnalysisRouter } from './analysisRoutes';
import { createContextMapRouter } from './contextMapRoutes';
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
    }),
  );
  router.use(
    createReadRouter({
      store: options.store,
      graphs: options.graphs,
      httpAuth: options.httpAuth,
    }),
  );
  router.use(
    createAnalysisRouter({
      store: options.store,
      snapshots: options.snapshots,
      graphs: options.graphs,
      httpAuth: options.httpAuth,
      monorepoUrl: options.monorepoUrl,
    }),
  );
  router.use(
    createContextMapRouter({
      store: options.store,
      graphs: options.graphs,
      httpAuth: options.httpAuth,
      monorepoUrl: options.monorepoUrl,
    }),
  );
  return router;
}
