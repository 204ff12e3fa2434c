/*
 * The real built portal (backend bundle + built frontend, started as e2e/lib/portal.mjs does)
 * on PostgreSQL, with a synthetic catalog loaded into the REAL catalog: the generated entities
 * are written to YAML files of 100 entities, each its own `catalog.locations` entry, as an
 * organisation's repositories each register their own catalog file (the catalog refuses file
 * locations registered through its API; config locations work). Also: waiting until the
 * catalog has processed every entity and Domain Split answers on the whole catalog, and
 * editing the catalog file as a person would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { CatalogClient } from '@backstage/catalog-client';
import {
  buildCatalogGraph,
  computeOwnership,
  indexOwnership,
  OwnershipPageResponse,
  pageOwnership,
} from '@internal/plugin-domain-split-common';
import YAML from 'yaml';
import { devServiceToken, waitFor } from './backend';
import { BENCH_USER_AGENT, withFetchRetries } from './readers';
import { CATALOG_KINDS } from '@internal/plugin-domain-split-backend/src/catalog/CatalogReader';
import { dropDatabases, PG_CONNECTION, uniquePrefix } from './postgres';
import { LOOP_STALL_LOG, LOOP_STALL_PROBE } from './loopStalls';

// e2e/lib/portal.mjs is an ES module without top-level await: Node 22 can require it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const portalLib = require(path.join(__dirname, '../../e2e/lib/portal.mjs'));

export interface PortalProcess {
  baseUrl: string;
  logFile: string;
  workDir: string;
  pid: number;
  stop(): Promise<void>;
}

export interface SyntheticPortal {
  /** The running backend (replaced by restart()). */
  current: PortalProcess;
  /** The catalog's files, one location each. */
  catalogFiles: string[];
  catalog: CatalogClient;
  /** Stops the backend and starts it again on the same database and bundle. */
  restart(): Promise<PortalProcess>;
  /**
   * Starts a second backend from the same bundle on the same databases, on `port`, that does not
   * process the catalog (`catalog.processingInterval: false`) and whose Domain Split reads the
   * first backend's catalog: Domain Split served from its own process, beside the catalog's work
   * instead of on the same event loop (`--split`). Stopped by dispose().
   */
  startDomainSplitReplica(port: number): Promise<PortalProcess>;
  /** Writes the catalog's files with `entities` (an edit, as in a pull request). */
  writeCatalog(entities: Entity[]): void;
  /** Stops the backend, drops its databases, removes its files. */
  dispose(): Promise<void>;
}

export interface PortalOptions {
  port: number;
  entities: Entity[];
  /** `domainSplit.catalog.cacheTtl` in seconds (the product default is 30). */
  cacheTtlSeconds: number;
  /** `catalog.processingInterval` in seconds; undefined keeps the catalog's default. */
  processingIntervalSeconds?: number;
}

/** Entities per catalog file: about a team's repository's worth, not the whole catalog. */
const ENTITIES_PER_FILE = 100;

/**
 * Writes the catalog as files of ENTITIES_PER_FILE entities in `dir` (each a location of the
 * catalog's; an edit keeps the number of entities, so the files stay those locations), only
 * those whose text changed, each replaced whole (written beside it, then renamed)
 * so the catalog never reads half a file. One file of every entity made the catalog parse the
 * whole catalog in one piece of its event loop each time it read the location (seconds at
 * 10,000 services: benchmarks/README.md, thirteenth section).
 */
function writeCatalogFiles(
  dir: string,
  entities: Entity[],
  written: Map<string, string>,
) {
  const files = new Map<string, string>();
  for (let i = 0; i < entities.length; i += ENTITIES_PER_FILE) {
    const name = `catalog-${String(i / ENTITIES_PER_FILE).padStart(
      4,
      '0',
    )}.yaml`;
    files.set(
      name,
      entities
        .slice(i, i + ENTITIES_PER_FILE)
        .map(e => YAML.stringify(e))
        .join('---\n'),
    );
  }
  for (const [name, text] of files) {
    if (written.get(name) === text) continue;
    const file = path.join(dir, name);
    fs.writeFileSync(`${file}.tmp`, text);
    fs.renameSync(`${file}.tmp`, file);
    written.set(name, text);
  }
  for (const name of [...written.keys()]) {
    if (files.has(name)) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    written.delete(name);
  }
}

export async function startSyntheticPortal(
  options: PortalOptions,
): Promise<SyntheticPortal> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds_bench_serving_'));
  const catalogDir = path.join(dir, 'catalog');
  fs.mkdirSync(catalogDir);
  const catalogFiles = new Map<string, string>();
  writeCatalogFiles(catalogDir, options.entities, catalogFiles);
  // One location per file: an edit makes the catalog read its file again, not every file
  // (until the eighteenth session one glob location over all of them; benchmarks/README.md).
  const locationFiles = [...catalogFiles.keys()]
    .sort()
    .map(name => path.join(catalogDir, name));
  const prefix = uniquePrefix('serving');
  const configFile = path.join(dir, 'app-config.serving.yaml');
  fs.writeFileSync(
    configFile,
    YAML.stringify({
      backend: {
        database: { client: 'pg', connection: PG_CONNECTION, prefix },
      },
      catalog: {
        // Replaces the e2e configuration's one location (config arrays are not merged).
        locations: locationFiles.map(target => ({ type: 'file', target })),
        ...(options.processingIntervalSeconds === undefined
          ? {}
          : {
              processingInterval: {
                seconds: options.processingIntervalSeconds,
              },
            }),
      },
      domainSplit: {
        catalog: { cacheTtl: { seconds: options.cacheTtlSeconds } },
      },
    }),
  );
  const start = (
    workDir?: string,
    logName?: string,
    replica?: { port: number; configFile: string },
  ): Promise<PortalProcess> =>
    portalLib.startBuiltPortal({
      port: replica?.port ?? options.port,
      extraConfigFiles: replica
        ? [configFile, replica.configFile]
        : [configFile],
      // The e2e configuration's location; replaced by the files' locations above.
      catalogFile: locationFiles[0],
      // Info is the production default; it also logs the catalog reads (see requestLog.ts).
      env: {
        LOG_LEVEL: 'info',
        // Every stall of the backend's event loop (1 s or more unless DS_BENCH_STALL_MS; see loopStalls.ts); and
        // options for profiling or tuning it (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
        NODE_OPTIONS: [
          `--require ${JSON.stringify(LOOP_STALL_PROBE)}`,
          process.env.DS_BENCH_PORTAL_NODE_OPTIONS ?? '',
        ].join(' '),
        DS_BENCH_STALL_LOG: LOOP_STALL_LOG,
      },
      ...(workDir ? { workDir, logName } : {}),
      readyTimeoutMs: 300_000,
    });
  let current: PortalProcess;
  try {
    current = await start();
  } catch (error) {
    await dropDatabases(prefix).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const baseUrl = current.baseUrl;
  let restarts = 0;
  let replica: PortalProcess | undefined;
  const portal: SyntheticPortal = {
    current,
    catalogFiles: locationFiles,
    catalog: new CatalogClient({
      discoveryApi: { getBaseUrl: async () => `${baseUrl}/api/catalog` },
      // Not `node-fetch`: the request log tells the backend's own catalog reads by that.
      fetchApi: {
        fetch: (input, init) => {
          const headers = new Headers(init?.headers);
          headers.set('user-agent', BENCH_USER_AGENT);
          return fetch(input, { ...init, headers });
        },
      },
    }),
    async restart() {
      await portal.current.stop();
      portal.current = await start(
        portal.current.workDir,
        `backend-restart-${++restarts}.log`,
      );
      return portal.current;
    },
    async startDomainSplitReplica(port) {
      const replicaConfig = path.join(
        dir,
        'app-config.domain-split-replica.yaml',
      );
      fs.writeFileSync(
        replicaConfig,
        YAML.stringify({
          // Reads only: the first backend processes the catalog.
          catalog: { processingInterval: false },
          // Its Domain Split reads the first backend's catalog, as a split deployment would.
          discovery: {
            endpoints: [
              {
                target: `http://localhost:${options.port}/api/{{pluginId}}`,
                plugins: ['catalog'],
              },
            ],
          },
        }),
      );
      replica = await start(
        portal.current.workDir,
        'backend-domain-split.log',
        {
          port,
          configFile: replicaConfig,
        },
      );
      return replica;
    },
    writeCatalog(entities) {
      writeCatalogFiles(catalogDir, entities, catalogFiles);
    },
    async dispose() {
      await replica?.stop();
      await portal.current.stop();
      await dropDatabases(prefix);
      if (!process.env.DS_BENCH_KEEP) {
        fs.rmSync(portal.current.workDir, { recursive: true, force: true });
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return portal;
}

/** Waits until the catalog holds every analysed entity; resolves to the count. */
export async function waitForCatalog(
  portal: SyntheticPortal,
  total: number,
  timeoutMs: number,
  onProgress?: (done: number) => void,
): Promise<void> {
  await waitFor(
    async () => {
      const res = await portal.catalog.queryEntities(
        { filter: { kind: CATALOG_KINDS }, limit: 1 },
        { token: devServiceToken },
      );
      onProgress?.(res.totalItems);
      return res.totalItems >= total;
    },
    { timeoutMs, what: `${total} entities in the catalog`, intervalMs: 2000 },
  );
}

/** What must be in GET /ownership once Domain Split has read the whole catalog: its counts. */
function ownershipCounts(o: OwnershipPageResponse): string {
  return JSON.stringify({ ...o.summary, groupsListed: o.totalItems });
}

/**
 * Waits until Domain Split's answers are computed on the whole catalog: GET /ownership
 * counts the same teams, groups, domains, components and unassigned entities as the common
 * package computes on the generated entities. (At start-up Domain Split may have settled on a
 * catalog still being processed; a request after its cache TTL refreshes it.)
 */
export async function waitForDomainSplit(
  baseUrl: string,
  entities: Entity[],
  timeoutMs: number,
): Promise<void> {
  const ownership = computeOwnership(buildCatalogGraph(entities));
  const expected = ownershipCounts(
    pageOwnership(ownership, indexOwnership(ownership), {
      limit: 1,
      offset: 0,
    }),
  );
  let last = '';
  await waitFor(
    async () => {
      const res = await fetch(`${baseUrl}/api/domain-split/ownership?limit=1`, {
        headers: { authorization: `Bearer ${devServiceToken}` },
      });
      if (!res.ok) {
        last = `HTTP ${res.status}`;
        return false;
      }
      last = ownershipCounts(await res.json());
      return last === expected;
    },
    {
      timeoutMs,
      what: () =>
        `Domain Split on the whole catalog (want ${expected}, got ${last})`,
      intervalMs: 2000,
    },
  );
}

/**
 * Asks the catalog to process `entityRef` (and the location above it, which re-reads the
 * file) now instead of at its next processing interval, as the entity page's refresh button
 * does.
 */
export async function requestCatalogRefresh(
  baseUrl: string,
  entityRef: string,
): Promise<number> {
  return await withFetchRetries(async () => {
    const res = await fetch(`${baseUrl}/api/catalog/refresh`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${devServiceToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ entityRef }),
    });
    await res.arrayBuffer();
    return res.status;
  });
}
