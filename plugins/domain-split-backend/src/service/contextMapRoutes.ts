/*
 * GET /context-map[?domain=&team=]: the split drawn as a context map (common's
 * computeContextMap), with the phases of the migration status and the violations of the rule
 * check of the same catalog and evidence. User or service credentials required.
 */
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CatalogGraph,
  ContextMapResponse,
  checkRules,
  computeContextMap,
  computeMigrationStatus,
} from '@internal/plugin-domain-split-common';
import express from 'express';
import Router from 'express-promise-router';
import type { CatalogGraphSource } from '../catalog/CatalogGraphSource';
import type { CiStore } from '../database/CiStore';
import { loadAnalysisInput } from './analysis';

/**
 * Reads `?domain=` / `?team=`: a ref of that kind (`payments`, `domain:payments` and
 * `domain:default/payments` are the same) that the catalog holds.
 */
function parseFocus(
  graph: CatalogGraph,
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
  if (graph.entities.get(ref)?.kind !== kind) {
    throw new NotFoundError(`No ${kind} ${ref} in the catalog`);
  }
  return ref;
}

/**
 * The context-map route.
 * @internal
 */
export function createContextMapRouter(options: {
  store: CiStore;
  graphs: CatalogGraphSource;
  httpAuth: HttpAuthService;
  monorepoUrl?: string;
  /** The clock (tests). */
  now?: () => Date;
}): express.Router {
  const { store, graphs, httpAuth, monorepoUrl } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();

  router.get('/context-map', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { graph, evidence } = await loadAnalysisInput({ store, graphs });
    const domain = parseFocus(graph, req.query.domain, 'domain', 'domain');
    const team = parseFocus(graph, req.query.team, 'group', 'team');
    const body: ContextMapResponse = computeContextMap(
      graph,
      {
        violations: checkRules(graph, evidence).violations,
        migration: computeMigrationStatus(graph, evidence, {
          monorepoUrl,
          now: now(),
        }),
      },
      { domain, team },
    );
    res.json(body);
  });

  return router;
}
