/*
 * Catalog read (`yarn bench:catalog-read [--size 10000]`): how long one complete read of the
 * catalog takes, the way Domain Split's CatalogReader reads it, for a few read strategies, on an
 * idle backend and with 8 readers over Domain Split's routes (the serving benchmark's load).
 * The real built portal on PostgreSQL with the synthetic catalog; the reads are made from this
 * process with the catalog client, so the backend does the same catalog work as for its own
 * reads. Strategies: pages of 500 and 5,000 entities; with `CATALOG_FIELDS` or without `fields`
 * (the catalog then skips its projection); only `metadata.etag` (a cheap change check?); and
 * `getEntitiesByRefs` of 20 and 500 entities (fetching only changed entities).
 *
 * --by-kind: instead, twice, one read of every kind in pages of 5,000 against a read per kind,
 * all kinds at once, in pages of 5,000 and 2,500 (how CatalogReader reads since the
 * fourteenth session).
 */
import { CATALOG_FIELDS } from '@internal/plugin-domain-split-common';
import { performance } from 'node:perf_hooks';
import { machine, parseArgs } from './lib/args';
import { readAllEntities } from './lib/catalogFloor';
import { devServiceToken } from './lib/backend';
import { CATALOG_KINDS } from '@internal/plugin-domain-split-backend/src/catalog/CatalogReader';
import { readConcurrently } from './lib/readers';
import { generateCatalog } from './lib/syntheticCatalog';
import {
  startSyntheticPortal,
  waitForCatalog,
  waitForDomainSplit,
} from './lib/syntheticPortal';

const API = '/api/domain-split';
const READER_ROUTES = [
  '/ownership',
  '/releases',
  '/failure-matrix?level=domain',
  '/migration',
  '/rules/violations?limit=0',
  '/releases?entityRef=component:default/service-0',
  '/context-map?domain=domain:default/domain-0&neighbours=12&details=false',
  '/impact/component/default/service-0/summary',
].map(route => `${API}${route}`);

const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const size = Number(args.size ?? 10000);
  const port = Number(args.port ?? 7602);
  console.log(`# Catalog read strategies (${machine()}), ${size} services`);
  const catalog = generateCatalog({ services: size });
  const portal = await startSyntheticPortal({
    port,
    entities: catalog.entities,
    cacheTtlSeconds: 30,
  });
  try {
    const started = performance.now();
    await waitForCatalog(portal, catalog.entities.length, 1_800_000, () => {});
    console.log(`catalog loaded ${seconds(performance.now() - started)} s`);
    await waitForDomainSplit(
      portal.current.baseUrl,
      catalog.entities,
      1_800_000,
    );
    console.log(`DS ready ${seconds(performance.now() - started)} s`);
    const options = { token: devServiceToken };

    const read = async (label: string, limit: number, fields?: string[]) => {
      const start = performance.now();
      let cursor: string | undefined;
      let entities = 0;
      let pages = 0;
      let bytes = 0;
      do {
        const page = await portal.catalog.queryEntities(
          cursor
            ? { cursor, limit, ...(fields ? { fields } : {}) }
            : {
                filter: { kind: CATALOG_KINDS },
                limit,
                ...(fields ? { fields } : {}),
              },
          options,
        );
        entities += page.items.length;
        pages++;
        bytes += JSON.stringify(page.items).length;
        cursor = page.pageInfo.nextCursor;
      } while (cursor);
      console.log(
        `${label}: ${entities} entities, ${pages} pages, ${(
          bytes /
          2 ** 20
        ).toFixed(1)} MiB, ${seconds(performance.now() - start)} s`,
      );
    };
    // One cursor read per kind, all kinds at once (as CatalogReader reads): under load each
    // read's pages wait behind the readers' requests, so reads in parallel each get a turn.
    const readByKind = async (label: string, limit: number) => {
      const start = performance.now();
      const entities = await readAllEntities(portal.catalog, limit);
      const counts = CATALOG_KINDS.map(
        kind => `${kind} ${entities.filter(e => e.kind === kind).length}`,
      );
      console.log(
        `${label}: ${counts.join(', ')}, ${seconds(
          performance.now() - start,
        )} s`,
      );
    };
    const byRefs = async (label: string, count: number) => {
      const entityRefs = catalog.entities
        .slice(0, count)
        .map(e =>
          `${e.kind}:${e.metadata.namespace ?? 'default'}/${
            e.metadata.name
          }`.toLowerCase(),
        );
      const start = performance.now();
      await portal.catalog.getEntitiesByRefs(
        { entityRefs, fields: CATALOG_FIELDS },
        options,
      );
      console.log(`${label}: ${seconds(performance.now() - start)} s`);
    };
    const strategies = async (when: string) => {
      if (args['by-kind'] !== undefined) {
        for (let run = 0; run < 2; run++) {
          await read(`${when} full CATALOG_FIELDS p5000`, 5000, CATALOG_FIELDS);
          await readByKind(`${when} by kind in parallel p5000`, 5000);
          await readByKind(`${when} by kind in parallel p2500`, 2500);
        }
        return;
      }
      await read(`${when} full CATALOG_FIELDS p500`, 500, CATALOG_FIELDS);
      await read(`${when} full CATALOG_FIELDS p5000`, 5000, CATALOG_FIELDS);
      await read(`${when} full no-fields p500`, 500);
      await read(`${when} full no-fields p5000`, 5000);
      await read(`${when} etag-only p5000`, 5000, [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.etag',
      ]);
      await byRefs(`${when} by-refs 20`, 20);
      await byRefs(`${when} by-refs 500`, 500);
    };

    await strategies('idle');
    let stop = false;
    const load = readConcurrently({
      baseUrl: portal.current.baseUrl,
      routes: READER_ROUTES,
      readers: 8,
      maxSeconds: 3600,
      until: () => stop,
    });
    await new Promise(resolve => setTimeout(resolve, 5000));
    await strategies('8 readers');
    stop = true;
    console.log(`readers: ${(await load).length} requests`);
  } finally {
    await portal.dispose();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
