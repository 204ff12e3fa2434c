/*
 * GET /context-map[?domain=&team=&neighbours=&details=]: the split drawn as a context map (common's
 * computeContextMap through the analysis service, with the phases of the migration status and
 * the violations of the rule check of the same catalog and evidence). User or service
 * credentials required.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import type { AnalysisAccess } from '../permissions/AnalysisAccess';
import type { AnalysisService } from './AnalysisService';
import { parseWholeNumber } from './analysisRoutes';
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
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      `${name} must be a ${kind} reference, e.g. ${kind}:default/${
        kind === 'domain' ? 'payments' : 'payments-team'
      }`,
    );
  }
  let ref: string;
  try {
    ref = stringifyEntityRef(
      parseEntityRef(value.trim(), {
        defaultKind: kind,
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch (error) {
    throw new InputError(
      `${name} "${value}" is not an entity reference: ${
        (error as Error).message
      }`,
    );
  }
  if (!ref.startsWith(`${kind}:`)) {
    throw new InputError(`${name} must name a ${kind}, not ${ref}`);
  }
  return ref;
}

/**
 * The context-map route: authenticate, parse, ask the analysis service.
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
    // What the reader may not see does not exist for them.
    if (domain && redactor.isHidden(domain)) {
      throw new NotFoundError(`No domain ${domain} in the catalog`);
    }
    if (team && redactor.isHidden(team)) {
      throw new NotFoundError(`No group ${team} in the catalog`);
    }
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

  return router;
}
