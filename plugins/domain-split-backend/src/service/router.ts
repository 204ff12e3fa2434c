import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { domainSplitCiEventCreatePermission } from '@internal/plugin-domain-split-common';
import express from 'express';
import Router from 'express-promise-router';
import type { CiStore } from '../database/CiStore';
import type { GateStore } from '../database/GateStore';
import {
  GithubSignatureVerifier,
  StandardWebhooksVerifier,
} from '../ingest/signatures';
import type { AnalysisAccess } from '../permissions/AnalysisAccess';
import type { AnalysisService } from './AnalysisService';
import { createAnalysisRouter } from './analysisRoutes';
import { createGateRouter } from './gateRoutes';
import type { MigrationHistory } from './migrationHistory';
import { createContextMapRouter } from './contextMapRoutes';
import { createReadRouter } from './readRoutes';
import { createWebhookRouter } from './webhooks';
import { spec } from '../schema/openapi.generated';

/**
 * What the router needs.
 * @internal
 */
export interface RouterOptions {
  store: CiStore;
  /** The stored snapshots and GET /migration/history's answer (also the snapshot task's store). */
  snapshots: MigrationHistory;
  /** The deploy gate's evidence and recorded verdicts. */
  gate: GateStore;
  analysis: AnalysisService;
  httpAuth: HttpAuthService;
  /** Permission checks and per-reader redaction. */
  access: AnalysisAccess;
  /** Called after a CI event was stored (signals to open pages). */
  onStored?: () => void;
  logger: LoggerService;
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
      onStored: () => {
        options.analysis.evidenceChanged();
        options.onStored?.();
      },
      authorizeServicePost: credentials =>
        options.access.authorize(
          credentials,
          domainSplitCiEventCreatePermission,
          'post CI events to Domain Split',
        ),
    }),
  );
  // The read routes are built from the contract: every request is validated against
  // src/schema/openapi.yaml (unknown or malformed query parameters get 400) before a handler
  // runs. The webhooks are documented there too but verify signatures over the raw body, so
  // they are mounted above, before any body parsing.
  // The deploy gate parses its own query, so that one 400 names every missing or unknown
  // parameter at once (the validator stops at the first); its answers are checked against the
  // contract in openapi.test.ts like every read route's.
  router.use(
    createGateRouter({
      gate: options.gate,
      analysis: options.analysis,
      access: options.access,
    }),
  );
  const api = createValidatedOpenApiRouter(spec as any, {
    // No JSON body parser (the default): read routes take no body. (An empty list is refused.)
    middleware: [(_req, _res, next) => next()],
    validatorOptions: { ignorePaths: /^\/webhooks\// },
  });
  router.use(api);
  api.use(
    createReadRouter({
      analysis: options.analysis,
      access: options.access,
    }),
  );
  api.use(
    createAnalysisRouter({
      analysis: options.analysis,
      snapshots: options.snapshots,
      access: options.access,
    }),
  );
  api.use(
    createContextMapRouter({
      analysis: options.analysis,
      access: options.access,
    }),
  );
  return router;
}
