/*
 * The release read API: GET /releases, GET /releases/:service/history, GET /events/unmatched.
 * User or service credentials required. CI records are matched with the catalog here, at read
 * time, so a Component added to the catalog later picks up its history.
 */
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  computeCurrentReleases,
  currentVersionsOf,
  DEFAULT_EVIDENCE_POLICY,
  EvidencePolicy,
  isTrackedEnvironment,
  ReleaseHistoryResponse,
  ReleasesResponse,
  serviceCatalogIndex,
  splitEnvironments,
  toDeploymentRecords,
  toTestRunRecords,
  UnmatchedEventsResponse,
} from '@internal/plugin-domain-split-common';
import express from 'express';
import Router from 'express-promise-router';
import type { CatalogGraphSource } from '../catalog/CatalogGraphSource';
import type { CiStore } from '../database/CiStore';
import { serviceKeyOf } from '../database/serviceKey';

/**
 * GET /releases/:service/history (releases are part of the common response type now).
 * @internal
 */
export type ReleaseHistoryWithReleases = ReleaseHistoryResponse;

const DEFAULT_UNMATCHED_LIMIT = 200;
const MAX_UNMATCHED_LIMIT = 1000;

function parseLimit(value: unknown): number {
  if (value === undefined) {
    return DEFAULT_UNMATCHED_LIMIT;
  }
  const limit = typeof value === 'string' ? Number(value) : NaN;
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
  store: CiStore;
  graphs: CatalogGraphSource;
  httpAuth: HttpAuthService;
  /** Tracked environments, window, lockstep interval (default: every environment counts). */
  evidencePolicy?: EvidencePolicy;
  /** The clock (tests). */
  now?: () => Date;
}): express.Router {
  const { store, graphs, httpAuth } = options;
  const policy = options.evidencePolicy ?? DEFAULT_EVIDENCE_POLICY;
  const now = options.now ?? (() => new Date());
  const router = Router();

  router.get('/releases', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const [heads, graph] = await Promise.all([
      store.listLiveHeads(),
      graphs.getGraph(),
    ]);
    const index = serviceCatalogIndex(graph);
    const current = currentVersionsOf(heads, index);
    const stored = await store.getReleaseEvidence(current);
    const evidence = {
      deployments: toDeploymentRecords(stored.deployments, index),
      testRuns: toTestRunRecords(stored.testRuns, index),
    };
    const body: ReleasesResponse = {
      ...splitEnvironments(
        policy,
        current.map(c => c.environment),
      ),
      current: computeCurrentReleases(current, evidence, index, {
        policy,
        now: now(),
      }),
    };
    res.json(body);
  });

  router.get('/releases/:service/history', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const service = req.params.service;
    const index = serviceCatalogIndex(await graphs.getGraph());
    const match = index.match(service);
    const keys = new Set([serviceKeyOf(service)]);
    if (match) {
      for (const name of index.ciNamesOf(match.entityRef)) {
        keys.add(name);
      }
    }
    const history = await store.getHistory(
      [...keys],
      match ? index.workflowsOf(match.entityRef) : [],
    );
    if (
      !match &&
      history.deployments.length === 0 &&
      history.testRuns.length === 0 &&
      history.releases.length === 0
    ) {
      throw new NotFoundError(
        `No CI events for service "${service}", and no such component in the catalog`,
      );
    }
    const body: ReleaseHistoryWithReleases = {
      service,
      ...(match ? { entityRef: match.entityRef } : {}),
      deployments: toDeploymentRecords(history.deployments, index).map(d =>
        isTrackedEnvironment(policy, d.environment)
          ? d
          : { ...d, untracked: true },
      ),
      // Runs of a claimed workflow count for the Component that claims it most precisely.
      testRuns: toTestRunRecords(history.testRuns, index).filter(
        run => !run.workflow || !match || run.entityRef === match.entityRef,
      ),
      releases: history.releases.map(release =>
        match ? { ...release, entityRef: match.entityRef } : release,
      ),
    };
    res.json(body);
  });

  router.get('/events/unmatched', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const limit = parseLimit(req.query.limit);
    const index = serviceCatalogIndex(await graphs.getGraph());
    const unmatched = (await store.listServiceNames())
      .filter(name => !index.match(name))
      .map(serviceKeyOf);
    const body: UnmatchedEventsResponse = {
      items:
        unmatched.length > 0
          ? await store.listEventsOfServices(unmatched, { limit })
          : [],
    };
    res.json(body);
  });

  return router;
}
