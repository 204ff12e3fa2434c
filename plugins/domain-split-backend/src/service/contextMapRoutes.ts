/*
 * GET /context-map[?domain=&team=&neighbours=&details=]: the split drawn as a context map (common's
 * computeContextMap through the analysis service, with the phases of the migration status and
 * the violations of the rule check of the same catalog and evidence).
 * GET /context-map/view[?domain=&team=&kinds=&violationsOnly=]: what the Map tab draws, cut from
 * that map on the server (common's viewContextMap).
 * GET /context-map/domains|teams[?q=&limit=&offset=]: a page of the Map tab's picker choices.
 * User or service credentials required.
 */
import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import type { AnalysisAccess } from '../permissions/AnalysisAccess';
import type { AnalysisService } from './AnalysisService';
import {
  AnalysisRedactor,
  CONTEXT_MAP_EDGE_KINDS,
  ContextMapEdgeKind,
  PageLimits,
  pageContextMapChoices,
} from '@internal/plugin-domain-split-common';
import { parsePageQuery, parseText, parseWholeNumber } from './analysisRoutes';
import { parseRefParam } from './refParam';
import { sendJson } from './sendJson';

/**
 * Reads `?domain=` / `?team=`: a ref of that kind (`payments`, `domain:payments` and
 * `domain:default/payments` are the same). Whether the catalog holds it is the service's call.
 */
function parseFocus(
  value: unknown,
  kind: 'domain' | 'group',
  name: string,
): string | undefined {
  if (value === undefined) return undefined;
  const ref = parseRefParam(value, name, kind);
  if (!ref.startsWith(`${kind}:`)) {
    throw new InputError(`${name} must name a ${kind}, not ${ref}`);
  }
  return ref;
}

/** What the reader may not see does not exist for them: a hidden focus is not found. */
function notFoundIfHidden(
  redactor: AnalysisRedactor,
  domain: string | undefined,
  team: string | undefined,
) {
  if (domain && redactor.isHidden(domain)) {
    throw new NotFoundError(`No domain ${domain} in the catalog`);
  }
  if (team && redactor.isHidden(team)) {
    throw new NotFoundError(`No group ${team} in the catalog`);
  }
}

/** Picker pages: a page of a type-ahead list by default, the whole list of a large map at most. */
const CHOICE_LIMITS: PageLimits = { default: 50, max: 500 };

/** Reads `?kinds=events,sync`: edge kinds, comma-separated (all when absent). */
function parseKinds(value: unknown): ContextMapEdgeKind[] | undefined {
  if (value === undefined) return undefined;
  const kinds = typeof value === 'string' ? value.split(',') : [];
  const unknown = kinds.filter(
    k => !(CONTEXT_MAP_EDGE_KINDS as readonly string[]).includes(k),
  );
  if (typeof value !== 'string' || value === '' || unknown.length > 0) {
    throw new InputError(
      `kinds must be edge kinds separated by commas, of ${CONTEXT_MAP_EDGE_KINDS.join(
        ', ',
      )}`,
    );
  }
  return kinds as ContextMapEdgeKind[];
}

function parseBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') {
    throw new InputError(`${name} must be "true" or "false"`);
  }
  return value === 'true';
}

/**
 * The context-map routes: authenticate, parse, ask the analysis service.
 * @internal
 */
export function createContextMapRouter(options: {
  analysis: AnalysisService;
  access: AnalysisAccess;
}): express.Router {
  const { analysis, access } = options;
  const router = Router();

  router.get('/context-map', async (req, res) => {
    const { redactor } = await access.viewerOfRequest(req);
    const domain = parseFocus(req.query.domain, 'domain', 'domain');
    const team = parseFocus(req.query.team, 'group', 'team');
    const neighbours =
      req.query.neighbours === undefined
        ? undefined
        : parseWholeNumber(req.query.neighbours, 'neighbours', {
            min: 1,
            max: 500,
            fallback: 1,
          });
    const details = req.query.details ?? 'true';
    if (details !== 'true' && details !== 'false') {
      throw new InputError('details must be "true" or "false"');
    }
    notFoundIfHidden(redactor, domain, team);
    await sendJson(
      req,
      res,
      analysis,
      redactor.contextMap(
        await analysis.getContextMap({
          domain,
          team,
          neighbours,
          details: details === 'true',
        }),
      ),
    );
  });

  router.get('/context-map/view', async (req, res) => {
    const { redactor } = await access.viewerOfRequest(req);
    const domain = parseFocus(req.query.domain, 'domain', 'domain');
    const team = parseFocus(req.query.team, 'group', 'team');
    const kinds = parseKinds(req.query.kinds);
    const violationsOnly = parseBoolean(
      req.query.violationsOnly,
      'violationsOnly',
    );
    notFoundIfHidden(redactor, domain, team);
    await sendJson(
      req,
      res,
      analysis,
      redactor.contextMapView(
        await analysis.getContextMapView({
          domain,
          team,
          kinds,
          violationsOnly,
        }),
      ),
    );
  });

  for (const kind of ['domains', 'teams'] as const) {
    router.get(`/context-map/${kind}`, async (req, res) => {
      const { redactor } = await access.viewerOfRequest(req);
      const page = parsePageQuery(req.query, CHOICE_LIMITS, 0);
      const q = parseText(req.query.q, 'q');
      await sendJson(
        req,
        res,
        analysis,
        pageContextMapChoices(
          await analysis.getContextMapChoices(kind),
          { ...page, q },
          ref => !redactor.isHidden(ref),
        ),
      );
    });
  }

  return router;
}
