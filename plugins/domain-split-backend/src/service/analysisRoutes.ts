/*
 * The analysis read API: GET /ownership (a page of the team list, or one team), /failure-matrix, /impact/:kind/:namespace/:name
 * (and its /summary and /entries), /impact-path, /migration, /migration/history, /migration/:domain, /rules/violations. User or
 * service credentials required. The analysis service computes (once per catalog or evidence
 * change) with the common package; the routes only parse and answer.
 */
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  BLAST_RADIUS_LIMIT,
  BLAST_RADIUS_PAGE_LIMIT,
  BLAST_RADIUS_SUMMARY_LIMIT,
  FAILURE_MATRIX_PAGE_LIMIT,
  IMPACT_LEVELS,
  ImpactPathOptions,
  parseImpactLevel,
  DOMAIN_MIGRATION_ITEM_LIMIT,
  DomainMigrationStatus,
  MIGRATION_PAGE_LIMIT,
  MIGRATION_SCHEDULES,
  MigrationOverviewQuery,
  MigrationPhase,
  OWNERSHIP_PAGE_LIMIT,
  PageLimits,
  PageQuery,
  RULE_VIOLATIONS_PAGE_LIMIT,
  RULES,
  RuleId,
  pageRuleViolations,
  selectRuleViolations,
  foldCase,
} from '@internal/plugin-domain-split-common';
import express from 'express';
import Router from 'express-promise-router';
import type { AnalysisAccess } from '../permissions/AnalysisAccess';
import { DEFAULT_PATH_OPTIONS, type AnalysisService } from './AnalysisService';
import type { MigrationHistory } from './migrationHistory';
import { parseRefParam } from './refParam';
import { sendJson } from './sendJson';

function pathOptions(value: unknown): ImpactPathOptions {
  if (value === undefined) return DEFAULT_PATH_OPTIONS;
  if (value === 'true') return { paths: true };
  if (value === 'false') return { paths: false };
  throw new InputError('paths must be "true" or "false"');
}

/** The entity ref of an `/:kind/:namespace/:name` route, normalised. */
function refOfPath(params: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  const { kind, namespace, name } = params;
  return stringifyEntityRef({ kind, namespace, name });
}

/**
 * A whole-number query parameter from `min` to `max`; `fallback` when absent. (The contract's
 * validator may already have turned it into a number.)
 */
export function parseWholeNumber(
  value: unknown,
  name: string,
  range: { min: number; max: number; fallback: number },
): number {
  if (value === undefined) return range.fallback;
  const number =
    typeof value === 'string' || typeof value === 'number'
      ? Number(value)
      : NaN;
  if (
    (typeof value === 'string' && value.trim() === '') ||
    !Number.isInteger(number) ||
    number < range.min ||
    number > range.max
  ) {
    throw new InputError(
      range.max === Number.MAX_SAFE_INTEGER
        ? `${name} must be a whole number from ${range.min}`
        : `${name} must be a whole number from ${range.min} to ${range.max}`,
    );
  }
  return number;
}

/**
 * The `limit` (from `min`, default and largest from `limits`) and `offset` of a paged route.
 */
export function parsePageQuery(
  query: { limit?: unknown; offset?: unknown },
  limits: PageLimits,
  min = 1,
): PageQuery {
  return {
    limit: parseWholeNumber(query.limit, 'limit', {
      min,
      max: limits.max,
      fallback: limits.default,
    }),
    offset: parseWholeNumber(query.offset, 'offset', {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      fallback: 0,
    }),
  };
}

/** GET /migration's filters: `q` (part of a domain's title or ref), `phase`, `schedule`. */
function parseMigrationFilters(query: {
  q?: unknown;
  phase?: unknown;
  schedule?: unknown;
}): Omit<MigrationOverviewQuery, 'limit' | 'offset'> {
  const q = parseText(query.q, 'q');
  const phase =
    query.phase === undefined
      ? undefined
      : parseWholeNumber(query.phase, 'phase', {
          min: 0,
          max: 3,
          fallback: 0,
        });
  const schedule = query.schedule;
  if (
    schedule !== undefined &&
    !MIGRATION_SCHEDULES.includes(schedule as DomainMigrationStatus['schedule'])
  ) {
    throw new InputError(
      `schedule must be one of ${MIGRATION_SCHEDULES.map(s => `"${s}"`).join(
        ', ',
      )}`,
    );
  }
  return {
    ...(q ? { q } : {}),
    ...(phase !== undefined ? { phase: phase as MigrationPhase } : {}),
    ...(schedule !== undefined
      ? { schedule: schedule as DomainMigrationStatus['schedule'] }
      : {}),
  };
}

function parseStatus(value: unknown): 'open' | 'resolved' | 'all' {
  if (value === undefined) return 'open';
  if (value === 'open' || value === 'resolved' || value === 'all') return value;
  throw new InputError('status must be "open", "resolved" or "all"');
}

function parseRule(value: unknown): RuleId | undefined {
  if (value === undefined) return undefined;
  const rule = RULES.find(r => r.id === value);
  if (!rule) {
    throw new InputError(
      `rule must be one of ${RULES.map(r => `"${r.id}"`).join(', ')}`,
    );
  }
  return rule.id;
}

/** A text query parameter (a filter's `q`), trimmed; '' when absent. */
export function parseText(value: unknown, name: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') {
    throw new InputError(`${name} must be given once, as text`);
  }
  return value.trim();
}

/**
 * The analysis routes: each authenticates, parses its parameters and asks the analysis service.
 * @internal
 */
export function createAnalysisRouter(options: {
  analysis: AnalysisService;
  /** The stored snapshots and GET /migration/history's answer. */
  snapshots: MigrationHistory;
  /** Authenticates, checks the read permission and redacts for the reader. */
  access: AnalysisAccess;
}): express.Router {
  const { analysis, snapshots, access } = options;
  const router = Router();

  router.get('/ownership', async (req, res) => {
    const { redactor } = await access.viewerOfRequest(req);
    const team =
      req.query.team === undefined
        ? undefined
        : parseRefParam(req.query.team, 'team');
    if (team && redactor.isHidden(team)) {
      throw new NotFoundError(`No team ${team} in the catalog`);
    }
    if (team) {
      await sendJson(
        req,
        res,
        analysis,
        redactor.ownership(await analysis.getOwnership({ team })),
      );
      return;
    }
    const group =
      req.query.group === undefined
        ? undefined
        : parseRefParam(req.query.group, 'group');
    await sendJson(
      req,
      res,
      analysis,
      await analysis.getOwnershipPage({
        ...parsePageQuery(req.query, OWNERSHIP_PAGE_LIMIT),
        query: parseText(req.query.q, 'q') || undefined,
        // A group the reader may not see is not in the redacted ownership: no row.
        group,
        redactor,
      }),
    );
  });

  router.get('/failure-matrix', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const level = req.query.level ?? 'domain';
    if (level !== 'domain' && level !== 'service') {
      throw new InputError('level must be "domain" or "service"');
    }
    const paths = pathOptions(req.query.paths);
    const { limit, offset } = parsePageQuery(
      req.query,
      FAILURE_MATRIX_PAGE_LIMIT,
      0,
    );
    const failing =
      req.query.failing === undefined
        ? undefined
        : parseRefParam(req.query.failing, 'failing');
    const q = parseText(req.query.q, 'q');
    // 0 when not asked: every cell.
    const cells = parseWholeNumber(req.query.cells, 'cells', {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      fallback: 0,
    });
    const page = await analysis.getFailureMatrixPage(level, paths, {
      limit,
      offset,
      ...(failing ? { failing } : {}),
      ...(q ? { q } : {}),
      ...(cells ? { cells } : {}),
      redactor: viewer.redactor,
    });
    // A row the reader may not see is answered like a row that does not exist.
    if (failing && page.totalItems === 0) {
      throw new NotFoundError(`No ${level} ${failing} in the failure matrix`);
    }
    await sendJson(req, res, analysis, page);
  });

  router.get('/impact/:kind/:namespace/:name', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const entityRef = refOfPath(req.params);
    const paths = pathOptions(req.query.paths);
    const limit = parseWholeNumber(req.query.limit, 'limit', {
      min: 0,
      max: BLAST_RADIUS_LIMIT.max,
      fallback: BLAST_RADIUS_LIMIT.default,
    });
    // An entity the reader may not see is answered like one that does not exist.
    const radius = viewer.redactor.isHidden(entityRef)
      ? undefined
      : await analysis.getFirstEntriesOfBlastRadius(entityRef, {
          paths,
          limit,
          redactor: viewer.redactor,
        });
    if (!radius) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    await sendJson(req, res, analysis, radius);
  });

  router.get('/impact/:kind/:namespace/:name/summary', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const entityRef = refOfPath(req.params);
    const limit = parseWholeNumber(req.query.limit, 'limit', {
      min: 0,
      max: BLAST_RADIUS_SUMMARY_LIMIT.max,
      fallback: BLAST_RADIUS_SUMMARY_LIMIT.default,
    });
    const summary = viewer.redactor.isHidden(entityRef)
      ? undefined
      : await analysis.getBlastRadiusSummary(entityRef, {
          limit,
          redactor: viewer.redactor,
        });
    if (!summary) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    res.json(summary);
  });

  router.get('/impact/:kind/:namespace/:name/entries', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const entityRef = refOfPath(req.params);
    const direction = req.query.direction ?? 'downstream';
    if (direction !== 'downstream' && direction !== 'upstream') {
      throw new InputError('direction must be "downstream" or "upstream"');
    }
    const impact =
      req.query.impact === undefined
        ? undefined
        : parseImpactLevel(String(req.query.impact));
    if (req.query.impact !== undefined && !impact) {
      throw new InputError(
        `impact must be one of ${IMPACT_LEVELS.map(l => `"${l}"`).join(', ')}`,
      );
    }
    const { limit, offset } = parsePageQuery(
      req.query,
      BLAST_RADIUS_PAGE_LIMIT,
    );
    const page = viewer.redactor.isHidden(entityRef)
      ? undefined
      : await analysis.getBlastRadiusPage(entityRef, {
          direction,
          ...(impact ? { impact } : {}),
          limit,
          offset,
          redactor: viewer.redactor,
        });
    if (!page) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    res.json(page);
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
    for (const ref of [failing, affected]) {
      if (viewer.redactor.isHidden(ref)) {
        throw new NotFoundError(`No entity ${ref} in the catalog`);
      }
    }
    await sendJson(
      req,
      res,
      analysis,
      viewer.redactor.impactPath(
        await analysis.getImpactPath(failing, affected, direction),
      ),
    );
  });

  router.get('/migration', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const query: MigrationOverviewQuery = {
      ...parsePageQuery(req.query, MIGRATION_PAGE_LIMIT, 0),
      ...parseMigrationFilters(req.query),
    };
    await sendJson(
      req,
      res,
      analysis,
      await analysis.getMigrationOverview(query, viewer.redactor),
    );
  });

  router.get('/migration/history', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    await sendJson(
      req,
      res,
      analysis,
      viewer.redactor.migrationHistory(await snapshots.history()),
    );
  });

  router.get('/migration/:kind/:namespace/:name', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const { kind, namespace, name } = req.params;
    if (foldCase(kind) !== 'domain') {
      throw new InputError(
        `The migration status is kept per Domain, not per ${kind}`,
      );
    }
    const domainRef = stringifyEntityRef({ kind, namespace, name });
    if (viewer.redactor.isHidden(domainRef)) {
      throw new NotFoundError(`No domain ${domainRef} in the catalog`);
    }
    const limit = parseWholeNumber(req.query.limit, 'limit', {
      min: 0,
      max: DOMAIN_MIGRATION_ITEM_LIMIT.max,
      fallback: DOMAIN_MIGRATION_ITEM_LIMIT.default,
    });
    await sendJson(
      req,
      res,
      analysis,
      viewer.redactor.domainMigration(
        await analysis.getDomainMigration(domainRef, { limit }),
      ),
    );
  });

  router.get('/rules/violations', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const entityRef =
      req.query.entityRef === undefined
        ? undefined
        : parseRefParam(req.query.entityRef);
    const status = parseStatus(req.query.status);
    const rule = parseRule(req.query.rule);
    const q = parseText(req.query.q, 'q');
    const page = parsePageQuery(req.query, RULE_VIOLATIONS_PAGE_LIMIT, 0);
    // About an entity the reader may not see: answered like an entity nobody knows.
    if (entityRef && viewer.redactor.isHidden(entityRef)) {
      const { rules } = await analysis.getRuleViolations();
      const none = { rules, violations: [], annotationProblems: [] };
      res.json(
        pageRuleViolations(none, selectRuleViolations(none), {
          ...page,
          ...(rule ? { rule } : {}),
        }),
      );
      return;
    }
    // A page for readers who see everything is kept per listing: serialised once.
    await sendJson(
      req,
      res,
      analysis,
      await analysis.getRuleViolationsPage({
        entityRef,
        status,
        ...(rule ? { rule } : {}),
        q,
        ...page,
        redactor: viewer.redactor,
      }),
    );
  });

  return router;
}
