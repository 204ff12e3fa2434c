/*
 * The analysis read API: GET /ownership, /failure-matrix, /impact/:kind/:namespace/:name,
 * /impact-path, /migration, /migration/history, /rules/violations. User or service credentials
 * required. Everything is computed by the common package from the catalog graph and the CI
 * evidence.
 */
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  computeBlastRadius,
  DEFAULT_EVIDENCE_POLICY,
  EvidencePolicy,
  filterViolations,
  computeFailureMatrix,
  computeImpactPath,
  computeOwnership,
  ImpactPathOptions,
  ImpactPathResponse,
  MigrationHistoryResponse,
  projectMigration,
  RuleViolationsResponse,
  titlesOfCell,
} from '@internal/plugin-domain-split-common';
import express from 'express';
import Router from 'express-promise-router';
import type { CatalogGraphSource } from '../catalog/CatalogGraphSource';
import type { CiStore } from '../database/CiStore';
import type { SnapshotStore } from '../database/SnapshotStore';
import { currentMigrationStatus, trackedRuleViolations } from './analysis';

function parseStatus(value: unknown): 'open' | 'resolved' | 'all' {
  if (value === undefined) return 'open';
  if (value === 'open' || value === 'resolved' || value === 'all') return value;
  throw new InputError('status must be "open", "resolved" or "all"');
}

/**
 * The failure matrix and the blast radius carry each cell's explaining path only up to this
 * many cells (users cells included); a larger result is served with `pathsOmitted` and the
 * client asks GET /impact-path for the one cell it shows. `?paths=true|false` overrides it.
 * Paths were most of the bytes: at 10,000 services a 177 MiB matrix and an 80 MiB blast
 * radius, at 1,000 services about 3 KiB a cell (a 6 MiB blast radius of ~2,000 cells); so up
 * to 1,000 cells a response stays around 3 MiB or less, and the example catalog (at most 126
 * cells) keeps every path inline. See benchmarks/README.md.
 * @internal
 */
export const MAX_PATH_CELLS = 1000;

function pathOptions(value: unknown): ImpactPathOptions {
  if (value === undefined) return { maxPathCells: MAX_PATH_CELLS };
  if (value === 'true') return { paths: true };
  if (value === 'false') return { paths: false };
  throw new InputError('paths must be "true" or "false"');
}

function parseRefParam(value: unknown, name = 'entityRef'): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      `${name} must be an entity reference, e.g. component:default/orders-service`,
    );
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), { defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch (error) {
    throw new InputError(
      `${name} "${value}" is not an entity reference (kind:namespace/name): ${
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
  /** Tracked environments, window, lockstep interval (default: every environment counts). */
  evidencePolicy?: EvidencePolicy;
  /** The clock (tests). */
  now?: () => Date;
}): express.Router {
  const { store, snapshots, graphs, httpAuth, monorepoUrl } = options;
  const evidencePolicy = options.evidencePolicy ?? DEFAULT_EVIDENCE_POLICY;
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
    const paths = pathOptions(req.query.paths);
    res.json(computeFailureMatrix(await graphs.getGraph(), level, paths));
  });

  router.get('/impact/:kind/:namespace/:name', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { kind, namespace, name } = req.params;
    const entityRef = stringifyEntityRef({
      kind,
      namespace,
      name,
    }).toLocaleLowerCase('en-US');
    const paths = pathOptions(req.query.paths);
    const radius = computeBlastRadius(
      await graphs.getGraph(),
      entityRef,
      paths,
    );
    if (!radius) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    res.json(radius);
  });

  router.get('/impact-path', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const failing = parseRefParam(req.query.failing, 'failing');
    const affected =
      req.query.affected === 'users'
        ? 'users'
        : parseRefParam(req.query.affected, 'affected');
    const direction = req.query.direction ?? 'downstream';
    if (direction !== 'downstream' && direction !== 'upstream') {
      throw new InputError('direction must be "downstream" or "upstream"');
    }
    const graph = await graphs.getGraph();
    for (const ref of [failing, affected]) {
      if (ref !== 'users' && !graph.entities.has(ref)) {
        throw new NotFoundError(`No entity ${ref} in the catalog`);
      }
    }
    const cell = computeImpactPath(graph, failing, affected, { direction });
    if (!cell) {
      throw new NotFoundError(
        `The failure of ${failing} does not reach ${affected}`,
      );
    }
    const body: ImpactPathResponse = {
      ...cell,
      titles: titlesOfCell(graph, cell),
    };
    res.json(body);
  });

  router.get('/migration', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(
      await currentMigrationStatus({
        store,
        graphs,
        monorepoUrl,
        evidencePolicy,
        now: now(),
      }),
    );
  });

  router.get('/migration/history', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const list = await snapshots.listSnapshots();
    const projection = projectMigration(list);
    const body: MigrationHistoryResponse = {
      snapshots: list,
      ...(projection ? { projection } : {}),
    };
    res.json(body);
  });

  router.get('/rules/violations', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const entityRef =
      req.query.entityRef === undefined
        ? undefined
        : parseRefParam(req.query.entityRef);
    const status = parseStatus(req.query.status);
    const at = now();
    const result = await trackedRuleViolations({
      store,
      graphs,
      evidencePolicy,
      now: at,
    });
    const body: RuleViolationsResponse = {
      rules: result.rules,
      violations: filterViolations(result.violations, {
        status,
        entityRef,
        // "Resolved" means resolved inside the evidence window.
        resolvedSince: new Date(
          at.getTime() - evidencePolicy.windowMs,
        ).toISOString(),
      }),
      annotationProblems: entityRef
        ? result.annotationProblems.filter(p => p.entityRef === entityRef)
        : result.annotationProblems,
    };
    res.json(body);
  });

  return router;
}
