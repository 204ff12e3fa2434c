/*
 * The release read API: GET /releases, GET /releases/:service/history, GET /events/unmatched.
 * User or service credentials required. CI records are matched with the catalog here, at read
 * time, so a Component added to the catalog later picks up its history.
 */
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ReleaseHistoryResponse,
  ReleaseRecord,
  serviceCatalogIndex,
  toDeploymentRecords,
  toTestRunRecords,
  UnmatchedEventsResponse,
} from '@internal/plugin-domain-split-common';
import express from 'express';
import Router from 'express-promise-router';
import type { CiStore } from '../database/CiStore';
import { serviceKeyOf } from '../database/serviceKey';
import type { AnalysisAccess } from '../permissions/AnalysisAccess';
import { currentReleases } from '../reader/AnalysisReader';

/**
 * GET /releases/:service/history answers with the releases (published versions) too.
 * @internal
 */
export type ReleaseHistoryWithReleases = ReleaseHistoryResponse & {
  releases: ReleaseRecord[];
};

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
  /** Authenticates, checks the read permission and redacts for the reader. */
  access: AnalysisAccess;
}): express.Router {
  const { store, access } = options;
  const router = Router();

  router.get('/releases', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    res.json(
      viewer.redactor.releases(
        await currentReleases({ store, graph: viewer.graph }),
      ),
    );
  });

  router.get('/releases/:service/history', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const service = req.params.service;
    const index = serviceCatalogIndex(viewer.graph);
    const match = index.match(service);
    if (match && viewer.redactor.isHidden(match.entityRef)) {
      // Answered like a service nobody knows: the reader may not see this one.
      throw new NotFoundError(
        `No CI events for service "${service}", and no such component in the catalog`,
      );
    }
    const keys = new Set([serviceKeyOf(service)]);
    if (match) {
      for (const name of index.ciNamesOf(match.entityRef)) {
        keys.add(name);
      }
    }
    const history = await store.getHistory([...keys]);
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
      deployments: toDeploymentRecords(history.deployments, index),
      testRuns: toTestRunRecords(history.testRuns, index),
      releases: history.releases.map(release =>
        match ? { ...release, entityRef: match.entityRef } : release,
      ),
    };
    res.json(body);
  });

  router.get('/events/unmatched', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const limit = parseLimit(req.query.limit);
    const index = serviceCatalogIndex(viewer.graph);
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
