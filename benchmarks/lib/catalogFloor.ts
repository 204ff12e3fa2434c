/*
 * The floor of the analysis benchmark: the time to read the same entities from a real
 * Backstage catalog, the way the Domain Split backend plugin reads them (every kind at once,
 * queryEntities pages with a cursor, only CATALOG_FIELDS, a service token).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Entity } from '@backstage/catalog-model';
import { CatalogClient } from '@backstage/catalog-client';
import { CATALOG_FIELDS } from '@internal/plugin-domain-split-common';
import { CATALOG_KINDS } from '@internal/plugin-domain-split-backend/src/catalog/CatalogReader';
import YAML from 'yaml';
import {
  StartedBackend,
  baseConfig,
  databaseConfig,
  devServiceToken,
  repoRoot,
  startBackend,
  waitFor,
} from './backend';
import { dropDatabases, uniquePrefix } from './postgres';

/**
 * Reads every analysed entity as the Domain Split backend plugin does: every kind at once, each
 * with queryEntities cursor pages, only CATALOG_FIELDS, the dev service token.
 */
export async function readAllEntities(
  client: CatalogClient,
  pageSize = 500,
): Promise<Entity[]> {
  const kinds = await Promise.all(
    CATALOG_KINDS.map(async kind => {
      const all: Entity[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.queryEntities(
          cursor
            ? { cursor, limit: pageSize, fields: CATALOG_FIELDS }
            : { filter: { kind }, limit: pageSize, fields: CATALOG_FIELDS },
          { token: devServiceToken },
        );
        all.push(...page.items);
        cursor = page.pageInfo.nextCursor;
      } while (cursor);
      return all;
    }),
  );
  return kinds.flat();
}

export interface CatalogFloor {
  /** Wall time from start-up until every entity was processed and stitched. */
  ingestMs: number;
  client: CatalogClient;
  /** Reads every analysed entity, page by page; returns them. */
  readAll(pageSize?: number): Promise<Entity[]>;
  stop(): Promise<void>;
}

export async function startCatalogFloor(options: {
  entities: Entity[];
  port: number;
  engine: 'sqlite' | 'postgres';
  ingestTimeoutMs: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<CatalogFloor> {
  const dir = fs.mkdtempSync(path.join(repoRoot, 'benchmarks/.tmp-catalog-'));
  const file = path.join(dir, 'catalog.yaml');
  fs.writeFileSync(
    file,
    options.entities.map(e => YAML.stringify(e)).join('---\n'),
  );
  const prefix =
    options.engine === 'postgres' ? uniquePrefix('catalog') : undefined;
  const config = {
    ...baseConfig(options.port, databaseConfig(options.engine, prefix)),
    catalog: {
      rules: [{ allow: [...CATALOG_KINDS, 'Location'] }],
      locations: [{ type: 'file', target: file }],
    },
  };
  const started = Date.now();
  let backend: StartedBackend | undefined;
  const cleanup = async () => {
    await backend?.stop();
    if (prefix) await dropDatabases(prefix);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    backend = await startBackend({
      entry: path.join(repoRoot, 'benchmarks/backend/catalogOnly.cjs'),
      config,
      port: options.port,
    });
    const baseUrl = backend.baseUrl;
    const client = new CatalogClient({
      discoveryApi: { getBaseUrl: async () => `${baseUrl}/api/catalog` },
    });
    const total = options.entities.length;
    await waitFor(
      async () => {
        const res = await client.queryEntities(
          { filter: { kind: CATALOG_KINDS }, limit: 1 },
          { token: devServiceToken },
        );
        options.onProgress?.(res.totalItems, total);
        return res.totalItems >= total;
      },
      {
        timeoutMs: options.ingestTimeoutMs,
        what: `${total} entities in the catalog`,
        intervalMs: 2000,
      },
    );
    const ingestMs = Date.now() - started;
    const readAll = (pageSize = 500) => readAllEntities(client, pageSize);
    return { ingestMs, client, readAll, stop: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

export { performance };
