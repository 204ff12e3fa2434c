/*
 * The analysis read API: GET /ownership, /failure-matrix, /impact/:kind/:namespace/:name,
 * /migration, /migration/history, /rules/violations. User or service credentials required.
 * Everything is computed by the common package from the catalog graph and the CI evidence.
 */
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  checkRules,
  computeBlastRadius,
  computeFailureMatrix,
  computeOwnership,
  MigrationHistoryResponse,
  RuleViolationsResponse,
} from '@internal/plugin-domain-split-common';
import express from 'express';
import Router from 'express-promise-router';
import type { CatalogGraphSource } from '../catalog/CatalogGraphSource';
import type { CiStore } from '../database/CiStore';
import type { SnapshotStore } from '../database/SnapshotStore';
import { currentMigrationStatus, loadAnalysisInput } from './analysis';

function parseRefParam(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      'entityRef must be an entity reference, e.g. component:default/orders-service',
    );
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), { defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch (error) {
    throw new InputError(
      `entityRef "${value}" is not an entity reference (kind:namespace/name): ${
        (error as Error).message
      }`,
    );
  }
}

/**
 * The analysis routes.
 * @internal
 */
export function createAnalysisRouter(options: {
  store: CiStore;
  snapshots: SnapshotStore;
  graphs: CatalogGraphSource;
  httpAuth: HttpAuthService;
  monorepoUrl?: string;
  /** The clock (tests). */
  now?: () => Date;
}): express.Router {
  const { store, snapshots, graphs, httpAuth, monorepoUrl } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();

  router.get('/ownership', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(computeOwnership(await graphs.getGraph()));
  });

  router.get('/failure-matrix', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const level = req.query.level ?? 'domain';
    if (level !== 'domain' && level !== 'service') {
      throw new InputError('level must be "domain" or "service"');
    }
    res.json(computeFailureMatrix(await graphs.getGraph(), level));
  });

  router.get('/impact/:kind/:namespace/:name', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { kind, namespace, name } = req.params;
    const entityRef = stringifyEntityRef({
      kind,
      namespace,
      name,
    }).toLocaleLowerCase('en-US');
    const radius = computeBlastRadius(await graphs.getGraph(), entityRef);
    if (!radius) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    res.json(radius);
  });

  router.get('/migration', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(
      await currentMigrationStatus({ store, graphs, monorepoUrl, now: now() }),
    );
  });

  router.get('/migration/history', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: MigrationHistoryResponse = {
      snapshots: await snapshots.listSnapshots(),
    };
    res.json(body);
  });

  router.get('/rules/violations', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const entityRef =
      req.query.entityRef === undefined
        ? undefined
        : parseRefParam(req.query.entityRef);
    const { graph, evidence } = await loadAnalysisInput({ store, graphs });
    const result = checkRules(graph, evidence);
    const body: RuleViolationsResponse = entityRef
      ? {
          rules: result.rules,
          violations: result.violations.filter(v =>
            v.entityRefs.includes(entityRef),
          ),
          annotationProblems: result.annotationProblems.filter(
            p => p.entityRef === entityRef,
          ),
        }
      : result;
    res.json(body);
  });

  return router;
}
