/*
 * The analysis read API: GET /ownership, /failure-matrix, /impact/:kind/:namespace/:name,
 * /impact-path, /migration, /migration/history, /rules/violations. User or service credentials
 * required. Everything is computed by the common package from the catalog graph and the CI
 * evidence.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  checkRules,
  computeBlastRadius,
  computeFailureMatrix,
  computeImpactPath,
  computeOwnership,
  ImpactPathOptions,
  ImpactPathResponse,
  MigrationHistoryResponse,
  RuleViolationsResponse,
  titlesOfCell,
} from '@internal/plugin-domain-split-common';
import express from 'express';
import Router from 'express-promise-router';
import type { CiStore } from '../database/CiStore';
import type { SnapshotStore } from '../database/SnapshotStore';
import type { AnalysisAccess } from '../permissions/AnalysisAccess';
import { currentMigrationStatus, loadAnalysisInput } from './analysis';

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
  /** Authenticates, checks the read permission and redacts for the reader. */
  access: AnalysisAccess;
  monorepoUrl?: string;
  /** The clock (tests). */
  now?: () => Date;
}): express.Router {
  const { store, snapshots, access, monorepoUrl } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();

  router.get('/ownership', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    res.json(viewer.redactor.ownership(computeOwnership(viewer.graph)));
  });

  router.get('/failure-matrix', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const level = req.query.level ?? 'domain';
    if (level !== 'domain' && level !== 'service') {
      throw new InputError('level must be "domain" or "service"');
    }
    const paths = pathOptions(req.query.paths);
    res.json(
      viewer.redactor.failureMatrix(
        computeFailureMatrix(viewer.graph, level, paths),
      ),
    );
  });

  router.get('/impact/:kind/:namespace/:name', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const { kind, namespace, name } = req.params;
    const entityRef = stringifyEntityRef({
      kind,
      namespace,
      name,
    }).toLocaleLowerCase('en-US');
    const paths = pathOptions(req.query.paths);
    const radius = viewer.redactor.isHidden(entityRef)
      ? undefined
      : computeBlastRadius(viewer.graph, entityRef, paths);
    if (!radius) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    res.json(viewer.redactor.blastRadius(radius));
  });

  router.get('/impact-path', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const failing = parseRefParam(req.query.failing, 'failing');
    const affected =
      req.query.affected === 'users'
        ? 'users'
        : parseRefParam(req.query.affected, 'affected');
    const direction = req.query.direction ?? 'downstream';
    if (direction !== 'downstream' && direction !== 'upstream') {
      throw new InputError('direction must be "downstream" or "upstream"');
    }
    const graph = viewer.graph;
    for (const ref of [failing, affected]) {
      if (
        ref !== 'users' &&
        (!graph.entities.has(ref) || viewer.redactor.isHidden(ref))
      ) {
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
    res.json(viewer.redactor.impactPath(body));
  });

  router.get('/migration', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    res.json(
      viewer.redactor.migration(
        await currentMigrationStatus({
          store,
          graphs: viewer.graphs,
          monorepoUrl,
          now: now(),
        }),
      ),
    );
  });

  router.get('/migration/history', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const body: MigrationHistoryResponse = {
      snapshots: await snapshots.listSnapshots(),
    };
    res.json(viewer.redactor.migrationHistory(body));
  });

  router.get('/rules/violations', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const entityRef =
      req.query.entityRef === undefined
        ? undefined
        : parseRefParam(req.query.entityRef);
    const { graph, evidence } = await loadAnalysisInput({
      store,
      graphs: viewer.graphs,
    });
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
    res.json(viewer.redactor.ruleViolations(body));
  });

  return router;
}
