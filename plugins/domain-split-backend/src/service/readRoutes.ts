/*
 * The release read API: GET /releases, GET /releases/:service/history, GET /events/unmatched.
 * User or service credentials required. CI records are matched with the catalog at read time
 * (in the analysis service), so a Component added to the catalog later picks up its history.
 */
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import type { AnalysisService } from './AnalysisService';
import { sendJson } from './sendJson';
import { parseRefParam } from './analysisRoutes';

const DEFAULT_UNMATCHED_LIMIT = 200;
const MAX_UNMATCHED_LIMIT = 1000;

function parseLimit(value: unknown): number {
  if (value === undefined) {
    return DEFAULT_UNMATCHED_LIMIT;
  }
  // The contract's validator may already have turned it into a number (or set the default).
  const limit =
    typeof value === 'string' || typeof value === 'number'
      ? Number(value)
      : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_UNMATCHED_LIMIT) {
    throw new InputError(
      `limit must be a whole number from 1 to ${MAX_UNMATCHED_LIMIT}`,
    );
  }
  return limit;
}

/**
 * The release read routes.
 * @internal
 */
export function createReadRouter(options: {
  analysis: AnalysisService;
  httpAuth: HttpAuthService;
}): express.Router {
  const { analysis, httpAuth } = options;
  const router = Router();

  router.get('/releases', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const entityRef =
      req.query.entityRef === undefined
        ? undefined
        : parseRefParam(req.query.entityRef);
    sendJson(res, analysis, await analysis.getReleases({ entityRef }));
  });

  router.get('/releases/:service/history', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    sendJson(
      res,
      analysis,
      await analysis.getReleaseHistory(req.params.service),
    );
  });

  router.get('/events/unmatched', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    sendJson(
      res,
      analysis,
      await analysis.getUnmatchedEvents(parseLimit(req.query.limit)),
    );
  });

  return router;
}
