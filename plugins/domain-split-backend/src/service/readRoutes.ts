/*
 * The release read API: GET /releases, GET /releases/:service/history, GET /events/unmatched.
 * User or service credentials required. CI records are matched with the catalog at read time
 * (in the analysis service), so a Component added to the catalog later picks up its history.
 */
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import type { AnalysisAccess } from '../permissions/AnalysisAccess';
import {
  UNMATCHED_EVENTS_DEFAULT_LIMIT,
  type AnalysisService,
} from './AnalysisService';
import { sendJson } from './sendJson';
import {
  pageReleases,
  RELEASES_PAGE_LIMIT,
} from '@internal/plugin-domain-split-common';
import { InputError } from '@backstage/errors';
import { parsePageQuery, parseText, parseWholeNumber } from './analysisRoutes';
import { parseRefParam } from './refParam';

const MAX_UNMATCHED_LIMIT = 1000;

function parseLimit(value: unknown): number {
  return parseWholeNumber(value, 'limit', {
    min: 1,
    max: MAX_UNMATCHED_LIMIT,
    fallback: UNMATCHED_EVENTS_DEFAULT_LIMIT,
  });
}

/** A `true`/`false` query parameter; false when absent. */
function parseFlag(value: unknown, name: string): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new InputError(`${name} must be "true" or "false"`);
}

/**
 * The release read routes.
 * @internal
 */
export function createReadRouter(options: {
  analysis: AnalysisService;
  /** Authenticates, checks the read permission and redacts for the reader. */
  access: AnalysisAccess;
}): express.Router {
  const { analysis, access } = options;
  const router = Router();

  router.get('/releases', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const entityRef =
      req.query.entityRef === undefined
        ? undefined
        : parseRefParam(req.query.entityRef);
    const page = {
      ...parsePageQuery(req.query, RELEASES_PAGE_LIMIT),
      query: parseText(req.query.q, 'q') || undefined,
      marked: parseFlag(req.query.marked, 'marked'),
      untracked: parseFlag(req.query.untracked, 'untracked'),
    };
    // About an entity the reader may not see: answered like an entity nobody knows.
    if (entityRef && viewer.redactor.isHidden(entityRef)) {
      const releases = await analysis.getReleases({ entityRef });
      res.json(pageReleases({ ...releases, current: [] }, [], page));
      return;
    }
    await sendJson(
      req,
      res,
      analysis,
      await analysis.getReleasesPage({
        ...page,
        entityRef,
        redactor: viewer.redactor,
      }),
    );
  });

  router.get('/releases/:service/history', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const history = await analysis.getReleaseHistory(req.params.service);
    if (history.entityRef && viewer.redactor.isHidden(history.entityRef)) {
      // Answered like a service nobody knows: the reader may not see this one.
      throw new NotFoundError(
        `No CI events for service "${req.params.service}", and no such component in the catalog`,
      );
    }
    await sendJson(
      req,
      res,
      analysis,
      history.verdicts && !viewer.redactor.seesEverything
        ? {
            ...history,
            verdicts: history.verdicts.map(verdict => ({
              ...verdict,
              reasons: viewer.redactor.gateReasons(verdict.reasons),
            })),
          }
        : history,
    );
  });

  router.get('/events/unmatched', async (req, res) => {
    await access.viewerOfRequest(req);
    await sendJson(
      req,
      res,
      analysis,
      await analysis.getUnmatchedEvents(parseLimit(req.query.limit)),
    );
  });

  return router;
}
