/*
 * Serving benchmark, end to end: the real built portal (backend bundle + built frontend, as
 * e2e/lib/portal.mjs starts it) on PostgreSQL, the synthetic catalog loaded into the REAL
 * catalog from a YAML file location, the synthetic CI history posted through the signed
 * webhook, and:
 *
 * - routes: p50/p95 of every read route with 8 concurrent readers, warm, beside the floor =
 *   the catalog's own `GET /api/catalog/entities/by-query?limit=500` measured the same way;
 * - views: every Domain Split tab and entity card in headless Chromium, usable time (warm,
 *   median of --runs loads) and the longest task, beside a floor in the same load (the page
 *   header and tabs; the catalog's own About card on entity pages);
 * - during a catalog refresh: every route while Domain Split re-reads the catalog in the
 *   background (found in the backend's request log), against 2 × the warm p95;
 * - after a CI event: each evidence route's first answer (a new evidence generation);
 * - freshness: a CI event in GET /releases after its 2xx; a catalog edit in the failure
 *   matrix after the catalog processed it, first with no other reader, then with 8 readers
 *   over every route meanwhile (during a catalog change: Domain Split's re-read and the
 *   preparation of the new generation);
 * - large answers (at least --static-floor-mib, default 1): the same bytes from a static server
 *   in a process of its own, read by the same readers (what moving and decoding them costs);
 * - memory: the backend's RSS with the caches warm;
 * - cold start: the backend restarted on the same database, until each route first answers.
 *
 *   yarn tsc && yarn build:backend     # the bundle
 *   yarn bench:serving [--sizes 1000,10000] [--readers 8] [--requests 160] [--runs 3]
 *                      [--port 7601] [--cache-ttl-s 30] [--processing-interval-s N] [--split]
 *                      [--changes N] [--edit title|structure] [--static-floor-mib 1]
 *
 * --split: Domain Split is asked on a second backend from the same bundle and databases (port
 * + 1) that does not process the catalog and reads the first one's catalog (a split
 * deployment); no views, no cold start.
 *
 * --changes N: N catalog edits under the readers, one after the other (default 1); each after
 * the first prints where in the change its requests were slow.
 *
 * --edit: what each catalog edit changes on Domain domain-0. `title` (default): its title, which
 * no failure-matrix row reads, so the served matrix's rows are kept. `structure`: its title and
 * its declared impact (another level each edit), which the rows read, so the whole matrix is
 * computed again (as after any dependency edit).
 *
 * Prints figures; asserts nothing about time.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Entity } from '@backstage/catalog-model';
import {
  IMPACT_LEVELS,
  ImpactLevel,
} from '@internal/plugin-domain-split-common';
import { machine, parseArgs } from './lib/args';
import { devServiceToken } from './lib/backend';
import { launchChromium, signedInPage } from './lib/browser';
import { readAllEntities } from './lib/catalogFloor';
import { cpuPercents, describeCpuShare, watchCpuShares } from './lib/cpuShares';
import { processMemory } from './lib/memory';
import { postgresReachable } from './lib/postgres';
import {
  readConcurrently,
  RequestSample,
  summarise,
  watchClientLoop,
  takeNoStatusRequests,
  timedGet,
  withFetchRetries,
} from './lib/readers';
import {
  LOOP_STALL_MS,
  type GcTotals,
  gcTotalsNow,
  takeLoopProbe,
} from './lib/loopStalls';
import {
  CATALOG_KINDS,
  CATALOG_PAGE_SIZE,
} from '@internal/plugin-domain-split-backend/src/catalog/CatalogReader';
import {
  CatalogReadWindow,
  catalogReadWindows,
  generationSwitches,
  overlapsRead,
} from './lib/requestLog';
import { serveWireBody, wireBodyOf } from './lib/staticBody';
import { generateCatalog, generateEventStream } from './lib/syntheticCatalog';
import {
  requestCatalogRefresh,
  startSyntheticPortal,
  SyntheticPortal,
  waitForCatalog,
  waitForDomainSplit,
} from './lib/syntheticPortal';
import { fmt, median, printTable } from './lib/timing';
import {
  entityViews,
  measureView,
  tabViews,
  ViewMeasurement,
} from './lib/views';
import { postEvent, postEvents } from './lib/webhook';

const API = '/api/domain-split';
const FLOOR_ROUTE = '/api/catalog/entities/by-query?limit=500';
/** Fewer requests outside catalog reads than this: the warm p95 is taken over all of them. */
const MIN_WARM_SAMPLES = 20;
/**
 * Who used the machine's cores (backend, this benchmark, PostgreSQL, the rest), read from /proc
 * while a size is measured; the tables below give it per route, per phase and per part of a
 * catalog change.
 */
let cpu: ReturnType<typeof watchCpuShares> | undefined;

/** How long the readers of the refresh phase go on after the read: their control samples. */
const CONTROL_AFTER_READ_MS = 15_000;

interface Options {
  port: number;
  readers: number;
  requests: number;
  routeSeconds: number;
  runs: number;
  cacheTtlSeconds: number;
  processingIntervalSeconds?: number;
  catalogTimeoutMs: number;
  viewTimeoutMs: number;
  /** How many catalog changes are measured under readers (the first with every route's row). */
  changes: number;
  /** What each catalog edit changes (see --edit). */
  edit: 'title' | 'structure';
  /** Routes whose first answer is larger get no concurrent readers. */
  maxConcurrentBytes: number;
  /** Routes whose first answer is at least this large are also read from a static server. */
  staticFloorBytes: number;
  browser: boolean;
  /** Domain Split served by a second backend that does not process the catalog (see README). */
  split: boolean;
}

/** Key figures of one size, for the growth table. */
type Figures = Map<string, number>;

const kib = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 2 ** 20).toFixed(1)} MiB`
    : `${(bytes / 1024).toFixed(1)} KiB`;
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const loadAverage = () =>
  os
    .loadavg()
    .map(l => l.toFixed(1))
    .join(' ');

/** A blast radius `limit` larger than any radius: the whole radius. */
const WHOLE = 1_000_000;

/** Every read route of the Domain Split API, on entities the synthetic catalog has. */
async function readRoutes(baseUrl: string): Promise<string[]> {
  const service = 'component:default/service-0';
  // /impact-path: the farthest entry of service-0's blast radius (as the analysis bench does).
  const radius = await (
    await fetch(
      `${baseUrl}${API}/impact/component/default/service-0?limit=${WHOLE}`,
      {
        headers: { authorization: `Bearer ${devServiceToken}` },
      },
    )
  ).json();
  const farthest: string =
    radius.takesDown?.[radius.takesDown.length - 1]?.affected ?? 'users';
  // Each route as a tab or card asks it (the tabs' first pages; what opening a row fetches).
  const routes = [
    '/ownership',
    '/ownership?team=group:default/team-0',
    '/releases',
    `/releases?entityRef=${service}`,
    '/releases/service-0/history',
    '/events/unmatched',
    '/failure-matrix?level=domain',
    '/failure-matrix?level=domain&failing=domain:default/domain-0',
    // The Services toggle: its first page, rows computed for the page.
    '/failure-matrix?level=service&limit=25&cells=12',
    // A Services page of services that each reach most of the catalog (filtered: service-1…).
    '/failure-matrix?level=service&limit=25&cells=12&q=service-1',
    '/impact/component/default/service-0',
    // The whole radius, as an API caller may still ask it (what the route answered until the
    // eighteenth session).
    `/impact/component/default/service-0?limit=${WHOLE}`,
    '/impact/component/default/service-0/summary',
    '/impact/component/default/service-0/entries',
    '/impact/domain/default/domain-0',
    `/impact-path?failing=${service}&affected=${encodeURIComponent(farthest)}`,
    '/migration',
    '/migration/history',
    '/migration/domain/default/domain-0',
    '/rules/violations?limit=0',
    // The rule whose page is largest (its violations each name ~40 services).
    '/rules/violations?rule=no-shared-cache&limit=20',
    `/rules/violations?entityRef=${service}`,
    // The Map tab: what it draws (nothing chosen: the hub's neighbourhood; a domain selected),
    // and a picker's first page when opened.
    '/context-map/view',
    '/context-map/view?domain=domain:default/domain-0',
    '/context-map/domains?limit=50',
    // The Domain and Group cards.
    '/context-map?domain=domain:default/domain-0&neighbours=12&details=false',
    '/context-map?team=group:default/engineering&neighbours=12&details=false',
  ].map(r => `${API}${r}`);
  return routes;
}

/**
 * A route as printed: without the /api/domain-split prefix, and the same at every size (the
 * /impact-path cell depends on the catalog, so its query is named, not shown).
 */
function pad(route: string) {
  const short = route.replace(API, '');
  return short.startsWith('/impact-path?')
    ? '/impact-path (service-0 → the farthest entry of its blast radius)'
    : short;
}

async function measureRoutes(
  portal: SyntheticPortal,
  baseUrl: string,
  routes: string[],
  options: Options,
  figures: Figures,
) {
  // First call on this catalog/evidence generation (computes), one route after the other.
  const first = new Map<string, RequestSample>();
  for (const route of routes) first.set(route, await timedGet(baseUrl, route));
  const floorFirst = await timedGet(baseUrl, FLOOR_ROUTE);

  const run = (route: string) =>
    readConcurrently({
      baseUrl,
      routes: [route],
      readers: options.readers,
      requests: options.requests,
      maxSeconds: options.routeSeconds,
    });
  // The benchmark's own event loop, watched per route: a reader's request is timed on it, so
  // its delays (decoding the previous route's bodies, its garbage) are in the figures too.
  const clientLoopMaxMs = new Map<string, number>();
  // And the backend's garbage collection while each route is read (the probe's totals before
  // and after): what answering the route leaves to collect.
  const collected = new Map<string, { before?: GcTotals; after?: GcTotals }>();
  // And when each route was read: who used the cores meanwhile.
  const readWindows = new Map<string, { from: number; to: number }>();
  const watched = async (route: string) => {
    const before = await gcTotalsNow(portal.current.pid);
    const clientLoop = watchClientLoop();
    const from = cpu?.mark() ?? Date.now();
    const read = await run(route);
    readWindows.set(route, { from, to: cpu?.mark() ?? Date.now() });
    clientLoopMaxMs.set(route, clientLoop.stop());
    collected.set(route, {
      before,
      after: await gcTotalsNow(portal.current.pid),
    });
    return read;
  };
  const samples = new Map<string, RequestSample[]>();
  for (const route of routes) {
    // A body this large, sent to 8 readers at once, measures the machine's memory, not the
    // service: its first call stands for it.
    const tooLarge = first.get(route)!.bytes > options.maxConcurrentBytes;
    samples.set(route, tooLarge ? [] : await watched(route));
    process.stdout.write(tooLarge ? 'x' : '.');
  }
  // The floor last: after its 8 readers of the catalog's pages the backend stays slow for a
  // while, and the route read next paid for it (benchmarks/README.md, seventeenth session).
  const floorSamples = await watched(FLOOR_ROUTE);
  process.stdout.write('\n');

  const windows = catalogReadWindows(portal.current.logFile);
  const split = (all: RequestSample[]) => ({
    warm: all.filter(s => !overlapsRead(windows, s)),
    duringRead: all.filter(s => overlapsRead(windows, s)),
  });
  const floor = summarise(floorSamples);
  const floorWarm = summarise(split(floorSamples).warm);
  console.log(
    `\n### Routes: ${options.readers} concurrent readers, up to ${options.requests} requests or ${options.routeSeconds} s per route, warm caches. ` +
      `p50/p95/max over every request, then over those outside Domain Split's own catalog reads (stale-while-revalidate refreshes, ` +
      `found in the request log) and the count of those during one; first call = the first request after the catalog settled (computes); the floor is read after the routes; ` +
      `the benchmark's own event loop: its longest delay while the route was read (the readers time their requests on it)\n`,
  );
  const rows: (string | number)[][] = [];
  const firstText = (firstCall: RequestSample) =>
    `${fmt(firstCall.ms)}${
      firstCall.status === 200 ? '' : ` (${firstCall.status})`
    }`;
  /** Returns the warm p95: outside catalog reads when there are enough such requests. */
  const row = (
    label: string,
    firstCall: RequestSample,
    all: RequestSample[],
    clientLoopMs: number | undefined,
  ): number => {
    if (all.length === 0) {
      rows.push([
        label,
        firstText(firstCall),
        `not read concurrently: first answer ${kib(
          firstCall.bytes,
        )} > --max-concurrent-mib`,
        '',
        '',
        0,
        '',
        '',
        '',
        kib(firstCall.bytes),
        '',
        '',
      ]);
      return NaN;
    }
    const { warm, duringRead } = split(all);
    const s = summarise(all);
    const outside = summarise(warm);
    rows.push([
      label,
      firstText(firstCall),
      fmt(s.p50),
      fmt(s.p95),
      fmt(s.max),
      s.count,
      (s.p95 / floor.p95).toFixed(2),
      outside.count
        ? `${fmt(outside.p50)} / ${fmt(outside.p95)} (${outside.count})`
        : '-',
      duringRead.length,
      kib(s.bytes),
      s.failed ? `${s.failed} (${s.statuses.join(',')})` : '0',
      clientLoopMs === undefined ? '' : fmt(clientLoopMs),
    ]);
    return outside.count >= MIN_WARM_SAMPLES ? outside.p95 : s.p95;
  };
  row(
    `FLOOR: ${FLOOR_ROUTE}`,
    floorFirst,
    floorSamples,
    clientLoopMaxMs.get(FLOOR_ROUTE),
  );
  figures.set('floor by-query p95 ms', floor.p95);
  figures.set('floor by-query p95 outside catalog reads ms', floorWarm.p95);
  const warmP95 = new Map<string, number>();
  for (const route of routes) {
    const all = samples.get(route)!;
    warmP95.set(
      route,
      row(pad(route), first.get(route)!, all, clientLoopMaxMs.get(route)),
    );
    figures.set(`${pad(route)} p95 ms`, summarise(all).p95);
    figures.set(`${pad(route)} first call ms`, first.get(route)!.ms);
  }
  printTable(
    [
      'route',
      'first call ms',
      'p50 ms',
      'p95 ms',
      'max ms',
      'n',
      'p95 / floor p95',
      'outside catalog reads: p50 / p95 (n)',
      'n during a catalog read',
      'body (decoded)',
      'non-2xx',
      "benchmark's loop: longest delay ms",
    ],
    rows,
  );
  printCpuPerRoute(
    [...routes.filter(route => samples.get(route)!.length > 0), FLOOR_ROUTE],
    route => (route === FLOOR_ROUTE ? floorSamples : samples.get(route)!),
    readWindows,
  );
  printCollectedPerRoute(
    // The routes read concurrently (not those too large), then the floor.
    [...routes.filter(route => samples.get(route)!.length > 0), FLOOR_ROUTE],
    route => (route === FLOOR_ROUTE ? floorSamples : samples.get(route)!),
    collected,
  );
  await measureStaticFloors(baseUrl, routes, first, samples, options, figures);
  return { warmP95, floorP95: floor.p95 };
}

/** CPU ms per request (backend, benchmark, PostgreSQL) and each part's share while a route was read. */
function printCpuPerRoute(
  routes: string[],
  samplesOf: (route: string) => RequestSample[],
  windows: Map<string, { from: number; to: number }>,
) {
  console.log(
    `\n### CPU while each route was read (/proc: the backend process, this benchmark process — its readers fetch and decompress every answer —, PostgreSQL's processes, the rest of the machine; ms per request, and % of the machine's cores over the route's read)\n`,
  );
  printTable(
    [
      'route',
      'requests',
      'backend ms / request',
      'benchmark ms / request',
      'PostgreSQL ms / request',
      'CPU %: backend · benchmark · PostgreSQL · other · idle',
    ],
    routes.map(route => {
      const window = windows.get(route);
      const share = window && cpu?.between(window.from, window.to);
      const count = samplesOf(route).length;
      const perRequest = (s: number) =>
        share && count ? fmt((1000 * s) / count) : '-';
      return [
        pad(route),
        count,
        perRequest(share?.backendS ?? NaN),
        perRequest(share?.benchmarkS ?? NaN),
        perRequest(share?.postgresS ?? NaN),
        cpuPercents(share),
      ];
    }),
  );
}

/** How long the backend is watched with no reader, for the garbage collection's floor. */
const IDLE_GC_WINDOW_MS = 30_000;

/** How many collections of a kind ran between two of the probe's totals, and their ms. */
function collectedDelta(
  before: GcTotals,
  after: GcTotals,
  kind: 'major' | 'minor' | 'incremental',
): { count: number; ms: number } {
  return {
    count: after[kind][0] - before[kind][0],
    ms: after[kind][1] - before[kind][1],
  };
}

/** The collections between two of the probe's totals, their pauses and their share of the time. */
function collectedBetween(before?: GcTotals, after?: GcTotals): string {
  if (!before || !after) return 'not known (the probe did not answer)';
  if (before.pid !== after.pid) {
    return `not comparable (the backend was restarted meanwhile: pid ${before.pid}, then ${after.pid})`;
  }
  const ms = Date.parse(after.at) - Date.parse(before.at);
  const of = (kind: 'minor' | 'major') => {
    const delta = collectedDelta(before, after, kind);
    return `${kind} ${delta.count} in ${fmt(delta.ms)} ms (${fmt(
      (100 * delta.ms) / ms,
    )} %)`;
  };
  return `${of('minor')}, ${of('major')} over ${seconds(ms)} s`;
}

/**
 * The backend's garbage collection while each route was read by the readers (the floor's too):
 * minor collections and their pauses per 100 requests, and the major ones. The catalog's own
 * processing runs meanwhile, so part of it is not the route's.
 */
function printCollectedPerRoute(
  routes: string[],
  samplesOf: (route: string) => RequestSample[],
  collected: Map<string, { before?: GcTotals; after?: GcTotals }>,
) {
  console.log(
    `\n### Garbage collection of the backend's serving thread while each route was read (loopStallProbe.cjs totals before and after; the catalog's own processing runs meanwhile)\n`,
  );
  const rows = routes.map(route => {
    const { before, after } = collected.get(route) ?? {};
    const requests = samplesOf(route).length;
    if (!before || !after || requests === 0) {
      return [pad(route), requests, '-', '-', '-'];
    }
    const minor = collectedDelta(before, after, 'minor');
    return [
      pad(route),
      requests,
      fmt((100 * minor.count) / requests),
      fmt((100 * minor.ms) / requests),
      collectedBetween(before, after),
    ];
  });
  printTable(
    [
      'route',
      'requests',
      'minor collections per 100 requests',
      'their ms per 100 requests',
      'while read (share of the time)',
    ],
    rows,
  );
}

/**
 * The large answers again, each as the same bytes from a static server (staticBody.ts) read by
 * the same readers: what moving and decoding such a body costs here, beside the route.
 */
async function measureStaticFloors(
  baseUrl: string,
  routes: string[],
  first: Map<string, RequestSample>,
  samples: Map<string, RequestSample[]>,
  options: Options,
  figures: Figures,
) {
  const large = routes.filter(
    route =>
      first.get(route)!.bytes >= options.staticFloorBytes &&
      samples.get(route)!.length > 0,
  );
  if (large.length === 0) return;
  const rows: (string | number)[][] = [];
  for (const route of large) {
    const wire = await wireBodyOf(baseUrl, route);
    const server = await serveWireBody(wire);
    let floorSamples: RequestSample[];
    try {
      floorSamples = await readConcurrently({
        baseUrl: server.baseUrl,
        routes: ['/'],
        readers: options.readers,
        requests: options.requests,
        maxSeconds: options.routeSeconds,
      });
    } finally {
      await server.close();
    }
    const staticFloor = summarise(floorSamples);
    const measured = summarise(samples.get(route)!);
    figures.set(`${pad(route)} static floor p95 ms`, staticFloor.p95);
    rows.push([
      pad(route),
      kib(measured.bytes),
      `${kib(wire.body.length)}${
        wire.contentEncoding ? ` (${wire.contentEncoding})` : ''
      }`,
      `${fmt(measured.p50)} / ${fmt(measured.p95)}`,
      `${fmt(staticFloor.p50)} / ${fmt(staticFloor.p95)} (${
        staticFloor.count
      })`,
      (measured.p95 / staticFloor.p95).toFixed(2),
      staticFloor.failed,
    ]);
  }
  console.log(
    `\n### Large answers beside a static server: each route's answer of at least ${kib(
      options.staticFloorBytes,
    )}, the same bytes as sent (compressed) served by a plain HTTP server in a process of its own, ` +
      `read by the same ${options.readers} readers right after the route: what moving and decoding the body costs on this machine\n`,
  );
  printTable(
    [
      'route',
      'body (decoded)',
      'on the wire',
      'route p50 / p95 ms',
      'static server p50 / p95 ms (n)',
      'route p95 / static p95',
      'static non-2xx',
    ],
    rows,
  );
}

async function measureViews(
  portal: SyntheticPortal,
  options: Options,
  figures: Figures,
) {
  const baseUrl = portal.current.baseUrl;
  const views = [
    ...tabViews(),
    ...entityViews({
      service: 'service-0',
      domain: 'domain-0',
      team: 'team-0',
    }),
  ];
  const browser = await launchChromium();
  const rows: (string | number)[][] = [];
  try {
    const { page } = await signedInPage(browser, baseUrl);
    for (const view of views) {
      const warmUp = await measureView(
        page,
        baseUrl,
        view,
        options.viewTimeoutMs,
      );
      // A view that never became usable is loaded once more, not --runs times.
      const runs = Object.values(warmUp.parts).some(t => t === undefined)
        ? 1
        : options.runs;
      const loads: ViewMeasurement[] = [];
      const overlapping: boolean[] = [];
      for (let i = 0; i < runs; i++) {
        const startedAt = Date.now();
        loads.push(
          await measureView(page, baseUrl, view, options.viewTimeoutMs),
        );
        overlapping.push(
          overlapsRead(catalogReadWindows(portal.current.logFile), {
            startedAt,
            endedAt: Date.now(),
          }),
        );
      }
      const med = (f: (m: ViewMeasurement) => number | undefined) => {
        const values = loads.map(f);
        return values.some(v => v === undefined)
          ? NaN
          : median(values as number[]);
      };
      const during = overlapping.filter(Boolean).length;
      for (const part of Object.keys(view.parts)) {
        const usable = med(m => m.parts[part]);
        rows.push([
          view.name,
          part,
          Number.isNaN(usable) ? 'NOT USABLE' : fmt(usable),
          `${fmt(med(m => m.floorMs))} (${view.floor.name})`,
          view.click ? `${fmt(med(m => m.clickMs))} (${view.click.name})` : '-',
          fmt(med(m => m.longestMs)),
          med(m => m.longTasks),
          `${med(m => m.apiCalls)} / ${kib(
            med(m => m.apiLargestBytes),
          )} / ${kib(med(m => m.apiTotalBytes))}${
            med(m => m.apiFailed) ? ` / ${med(m => m.apiFailed)} non-2xx` : ''
          }`,
          during ? `${during} of ${runs}` : '-',
        ]);
        figures.set(`${view.name}: ${part} usable ms`, usable);
      }
      figures.set(
        `${view.name}: longest task ms`,
        med(m => m.longestMs),
      );
      process.stdout.write('.');
    }
  } finally {
    await browser.close();
  }
  console.log(
    `\n\n### Views in headless Chromium: ms from navigation start, median of ${options.runs} loads after a warm-up load\n`,
  );
  printTable(
    [
      'page',
      'part',
      'usable ms',
      'floor ms (same load)',
      'click answered ms',
      'longest task ms',
      'long tasks',
      'Domain Split API: calls / largest / total',
      'loads during a catalog read',
    ],
    rows,
  );
}

/**
 * The pages of one CatalogReader read: each kind read page by page (a kind's first page is
 * asked even when it has none).
 */
function pagesPerRead(entities: Entity[]): number {
  return CATALOG_KINDS.reduce((pages, kind) => {
    const count = entities.filter(e => e.kind === kind).length;
    return pages + Math.max(1, Math.ceil(count / CATALOG_PAGE_SIZE));
  }, 0);
}

/** Readers over every route until Domain Split has re-read the catalog once, start to end. */
async function measureDuringRefresh(
  portal: SyntheticPortal,
  baseUrl: string,
  routes: string[],
  warmP95: Map<string, number>,
  options: Options,
  catalogReadMs: number,
  entities: Entity[],
) {
  const logFile = portal.current.logFile;
  const expectedPages = pagesPerRead(entities);
  const phaseStart = Date.now();
  let refreshedAt = NaN;
  const timer = setInterval(() => {
    // Complete: every page read (a slow page can come seconds after the previous one).
    const read = catalogReadWindows(logFile).find(
      w => w.start >= phaseStart && w.pages >= expectedPages,
    );
    if (read && Number.isNaN(refreshedAt)) refreshedAt = Date.now();
  }, 1000);
  const maxSeconds =
    options.cacheTtlSeconds +
    (3 * catalogReadMs) / 1000 +
    60 +
    CONTROL_AFTER_READ_MS / 1000;
  let samples: RequestSample[];
  const clientLoop = watchClientLoop();
  try {
    samples = await readConcurrently({
      baseUrl,
      routes,
      readers: options.readers,
      maxSeconds,
      until: () => Date.now() - refreshedAt >= CONTROL_AFTER_READ_MS,
    });
  } finally {
    clearInterval(timer);
  }
  const clientDelayMs = clientLoop.stop();
  const windows = catalogReadWindows(logFile).filter(
    w => w.start >= phaseStart,
  );
  // The same readers over the same routes while no read runs (before it starts and after it
  // ends): what the re-read itself adds is the difference.
  const sameReadersP95 = new Map(
    routes.map(route => {
      const outsideSamples = samples.filter(
        sample => sample.route === route && !overlapsRead(windows, sample),
      );
      const outside = summarise(outsideSamples);
      const slowerThanTwiceWarm = outsideSamples.filter(
        sample => sample.ms > 2 * (warmP95.get(route) ?? NaN),
      ).length;
      return [
        route,
        {
          p95: outside.count >= MIN_WARM_SAMPLES ? outside.p95 : NaN,
          count: outside.count,
          slowerThanTwiceWarm,
        },
      ];
    }),
  );
  console.log(
    `\n### During a catalog refresh: ${options.readers} readers over every route until Domain Split re-read the catalog ` +
      `(cache TTL ${options.cacheTtlSeconds} s; ${
        windows.length
      } read(s) in the phase: ${windows
        .map(w => `${seconds(w.end - w.start)} s, ${w.pages} pages`)
        .join('; ')}${
        Number.isNaN(refreshedAt) ? '; NO COMPLETE REFRESH SEEN' : ''
      }). The warm p95 is the routes phase's p95 outside catalog reads (8 readers on that one route), or over every request when fewer than ${MIN_WARM_SAMPLES} were outside one; ` +
      `"same readers, no read" is the p95 of these readers' requests in this phase outside any catalog read (before the read and ${seconds(
        CONTROL_AFTER_READ_MS,
      )} s after it): the same mix of routes, so the difference is the re-read. The benchmark's own event loop was delayed at most ${fmt(
        clientDelayMs,
      )} ms meanwhile\n`,
  );
  const result = printAgainstWarm(
    routes,
    samples.filter(sample => overlapsRead(windows, sample)),
    warmP95,
    'n during the read',
    sameReadersP95,
  );
  const firstRead = windows[0];
  if (firstRead && samples.length > 0) {
    const phaseEnd = Math.max(...samples.map(sample => sample.endedAt));
    console.log(
      `\nCPU of the machine's ${
        os.cpus().length
      } cores before the first read: ${describeCpuShare(
        cpu?.between(phaseStart, firstRead.start),
      )}; during it: ${describeCpuShare(
        cpu?.between(firstRead.start, firstRead.end),
      )}; after the last read: ${describeCpuShare(
        cpu?.between(windows[windows.length - 1].end, phaseEnd),
      )}`,
    );
  }
  return { ...result, sameReadersP95 };
}

/** The same readers over every route, outside any catalog read: p95 and count per route. */
type SameReadersP95 = Map<
  string,
  {
    p95: number;
    count: number;
    /** Of those requests (no read running), how many were slower than 2 × the warm p95. */
    slowerThanTwiceWarm: number;
  }
>;

/**
 * One row per route of the samples taken during something (a catalog read, a catalog change):
 * p50/p95/max and how many were slower than 2 × the route's warm p95. Returns the worst
 * max / warm p95.
 */
function printAgainstWarm(
  routes: string[],
  samples: RequestSample[],
  warmP95: Map<string, number>,
  countHeader: string,
  sameReadersP95: SameReadersP95,
): { worstRatio: number } {
  let worst = 0;
  let withinWarm = 0;
  let withinSameReaders = 0;
  const overWarm = { during: 0, of: 0, outside: 0, outsideOf: 0 };
  const rows = routes.map(route => {
    const during = samples.filter(sample => sample.route === route);
    const s = summarise(during);
    const limit = 2 * (warmP95.get(route) ?? NaN);
    const same = sameReadersP95.get(route) ?? {
      p95: NaN,
      count: 0,
      slowerThanTwiceWarm: 0,
    };
    const sameLimit = 2 * same.p95;
    worst = Math.max(worst, s.max / (warmP95.get(route) ?? NaN));
    if (s.p95 <= limit) withinWarm++;
    if (s.p95 <= sameLimit) withinSameReaders++;
    const slower = during.filter(x => x.ms > limit).length;
    overWarm.during += slower;
    overWarm.of += s.count;
    overWarm.outside += same.slowerThanTwiceWarm;
    overWarm.outsideOf += same.count;
    return [
      pad(route),
      s.count,
      fmt(s.p50),
      fmt(s.p95),
      fmt(s.max),
      fmt(limit),
      slower,
      `${same.slowerThanTwiceWarm} of ${same.count}`,
      `${fmt(same.p95)} (${same.count})`,
      Number.isNaN(sameLimit)
        ? '-'
        : during.filter(x => x.ms > sameLimit).length,
      s.failed,
    ];
  });
  printTable(
    [
      'route',
      countHeader,
      'p50 ms',
      'p95 ms',
      'max ms',
      '2 × warm p95 ms',
      'slower than that',
      'same readers, no read: slower than 2 × warm p95',
      'same readers, no read: p95 ms (n)',
      'slower than 2 × that',
      'non-2xx',
    ],
    rows,
  );
  console.log(
    `\nroutes whose p95 here is within 2 × their warm p95: ${withinWarm} of ${routes.length}; within 2 × the same readers' p95 outside a read: ${withinSameReaders} of ${routes.length}`,
  );
  // The floor of "no request slower than 2 × the warm p95": the same readers with no read.
  const share = (part: number, whole: number) =>
    whole > 0 ? `${fmt((100 * part) / whole)} %` : '-';
  console.log(
    `requests slower than 2 × their route's warm p95: ${overWarm.during} of ${
      overWarm.of
    } here (${share(
      overWarm.during,
      overWarm.of,
    )}); the same readers outside a read: ${overWarm.outside} of ${
      overWarm.outsideOf
    } (${share(overWarm.outside, overWarm.outsideOf)})`,
  );
  return { worstRatio: worst };
}

/**
 * Where in a catalog change the requests were slow: before Domain Split's re-read starts (the
 * catalog still busy with the edit), during the re-read, and after it until the matrix shows
 * the edit (the preparation of the new generation), each against the same readers' p95.
 */
function printChangeParts(
  routes: string[],
  change: {
    during: RequestSample[];
    changeStart: number;
    changeEnd: number;
    reads: CatalogReadWindow[];
    /** When the backend served the new generation (its log), if seen in the change. */
    switches: number[];
  },
  sameReadersP95: SameReadersP95,
) {
  const { during, changeStart, changeEnd, reads, switches } = change;
  if (reads.length === 0) {
    console.log('\nno catalog read by Domain Split seen during the change');
    return;
  }
  const readStart = Math.min(...reads.map(w => w.start));
  const readEnd = Math.max(...reads.map(w => w.end));
  const parts = [
    {
      name: 'before its re-read (the catalog busy with the edit, the cache not yet stale)',
      from: changeStart,
      to: readStart,
      samples: during.filter(sample => sample.endedAt < readStart),
    },
    {
      name: `its re-read (${reads.length} read(s))`,
      from: readStart,
      to: readEnd,
      samples: during.filter(sample => overlapsRead(reads, sample)),
    },
  ];
  // The backend logs when it served the new generation: the preparation ends there, and the
  // first requests on the new generation follow until the benchmark's poll sees the edit.
  const served = switches.find(at => at > readEnd && at <= changeEnd);
  if (served === undefined) {
    parts.push({
      name: 'after the re-read until the matrix showed the edit (preparing the new generation)',
      from: readEnd,
      to: changeEnd,
      samples: during.filter(sample => sample.startedAt > readEnd),
    });
  } else {
    parts.push(
      {
        name: 'after the re-read until the backend served the new generation (preparing it)',
        from: readEnd,
        to: served,
        samples: during.filter(
          sample => sample.startedAt > readEnd && sample.startedAt < served,
        ),
      },
      {
        name: 'served until the matrix showed the edit (the first requests on it; polled every second)',
        from: served,
        to: changeEnd,
        samples: during.filter(sample => sample.startedAt >= served),
      },
    );
  }
  const rows = parts.map(part => {
    const ratios: number[] = [];
    let within = 0;
    let measured = 0;
    let worst = { ratio: -Infinity, route: '', p95: NaN, count: 0 };
    for (const route of routes) {
      const s = summarise(part.samples.filter(x => x.route === route));
      const same = sameReadersP95.get(route)?.p95 ?? NaN;
      if (s.count === 0 || Number.isNaN(same)) continue;
      measured++;
      const ratio = s.p95 / same;
      ratios.push(ratio);
      if (s.p95 <= 2 * same) within++;
      if (ratio > worst.ratio)
        worst = { ratio, route, p95: s.p95, count: s.count };
    }
    return [
      part.name,
      clockTime(part.from),
      seconds(part.to - part.from),
      part.samples.length,
      `${within} of ${measured}`,
      fmt(median(ratios)),
      measured
        ? `${fmt(worst.ratio)}: ${pad(worst.route)} (p95 ${fmt(
            worst.p95,
          )} ms of ${worst.count})`
        : '-',
      cpuPercents(cpu?.between(part.from, part.to)),
    ];
  });
  console.log(
    `\nThe change in parts (each route's p95 in the part against the same readers' p95 outside a read, from the refresh phase):\n`,
  );
  printTable(
    [
      'part of the change',
      'from (UTC; a stall line below gives when its hold ended)',
      's',
      'requests',
      'routes within 2 ×',
      'p95 / same readers: median',
      'the worst route',
      'CPU %: backend · benchmark · PostgreSQL · other · idle',
    ],
    rows,
  );
}

/** A `Date.now()` time as the time of day the stall lines print (UTC). */
function clockTime(at: number): string {
  return new Date(at).toISOString().slice(11, 23);
}

async function measureEventFreshness(baseUrl: string, runs = 5) {
  const times: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < runs; i++) {
    const version = `9.${Date.now() % 100000}.${i}`;
    const event = {
      id: `freshness-${Date.now()}-${i}`,
      type: 'deployment',
      occurredAt: new Date().toISOString(),
      service: 'service-0',
      version,
      environment: 'production',
      status: 'success',
      commit: `f${i}`,
      pipeline: {
        id: `freshness-${i}`,
        url: `https://ci.example.com/freshness/${i}`,
        repository: 'service-0',
      },
    };
    const posted = await postEvent(baseUrl, event);
    if (posted.status < 200 || posted.status >= 300) {
      throw new Error(`freshness event refused: ${posted.status}`);
    }
    const after = performance.now();
    for (;;) {
      const t = performance.now();
      const res = await fetch(
        `${baseUrl}${API}/releases?entityRef=component:default/service-0`,
        { headers: { authorization: `Bearer ${devServiceToken}` } },
      );
      const body = res.ok ? await res.json() : undefined;
      floor.push(performance.now() - t);
      if (
        body?.current?.some(
          (r: { environment: string; version: string }) =>
            r.environment === 'production' && r.version === version,
        )
      ) {
        times.push(performance.now() - after);
        break;
      }
      if (performance.now() - after > 120_000) {
        times.push(NaN);
        break;
      }
    }
  }
  return { times, floorMs: median(floor) };
}

/** What the tabs and cards that read CI evidence ask first. */
const EVIDENCE_ROUTES = [
  '/migration',
  '/migration/domain/default/domain-0',
  '/rules/violations?limit=0',
  '/releases',
  '/context-map/view',
];

/**
 * After a deploy: for each route reading CI evidence, `runs` times, a new CI event (a
 * deployment of another service each time), then the route's first answer (a new evidence
 * generation: what a user opening that tab right after a deploy waits for) and the next one
 * (the same generation: the floor). Meanwhile one pinger asks a team's ownership (a Group
 * card; it reads no evidence, so it waits only for the event loop) without pause: how long
 * other requests wait while the generation is computed.
 */
async function measureAfterEvent(
  baseUrl: string,
  domainCount: number,
  serviceCount: number,
  runs = 3,
) {
  // Services i with i % domainCount = 0 are domain-0's; at 100 services there are only 12.
  const domainZeroServices = Math.floor(serviceCount / domainCount);
  const first = new Map<string, number[]>();
  const next = new Map<string, number[]>();
  const inMigration: number[] = [];
  // A failed fetch (a reset connection on a loaded machine) is counted and sent again, as the
  // freshness phases do; the event is idempotent (its id).
  let failedFetches = 0;
  const retried = <T>(request: () => Promise<T>) =>
    withFetchRetries(request, () => failedFetches++);
  let done = false;
  const pinger = (async () => {
    const samples: RequestSample[] = [];
    while (!done) {
      samples.push(
        await timedGet(baseUrl, `${API}/ownership?team=group:default/team-0`),
      );
    }
    return samples;
  })();
  let n = 0;
  try {
    for (const route of EVIDENCE_ROUTES) {
      for (let i = 0; i < runs; i++) {
        n += 1;
        const event = n;
        // Service i is in domain i % domainCount: these are all in domain-0.
        const service = `service-${domainCount * (event % domainZeroServices)}`;
        const version = `9.${event}.0`;
        const id = `after-event-${Date.now()}-${event}`;
        const posted = await retried(() =>
          postEvent(baseUrl, {
            id,
            type: 'deployment',
            occurredAt: new Date().toISOString(),
            service,
            version,
            environment: 'production',
            status: 'success',
            commit: `ae${event}`,
            pipeline: {
              id: `after-event-${event}`,
              url: `https://ci.example.com/after-event/${event}`,
              repository: service,
            },
          }),
        );
        if (posted.status < 200 || posted.status >= 300) {
          throw new Error(`event refused: ${posted.status}`);
        }
        const postedAt = performance.now();
        const a = await timedGet(baseUrl, `${API}${route}`);
        const b = await timedGet(baseUrl, `${API}${route}`);
        if (a.status !== 200 || b.status !== 200) {
          throw new Error(`${route}: HTTP ${a.status}, ${b.status}`);
        }
        first.set(route, [...(first.get(route) ?? []), a.ms]);
        next.set(route, [...(next.get(route) ?? []), b.ms]);
        // Until the domain's migration status names the new live version (phase 2's evidence).
        for (;;) {
          const { ok, body } = await retried(async () => {
            const res = await fetch(
              `${baseUrl}${API}/migration/domain/default/domain-0?limit=10000`,
              { headers: { authorization: `Bearer ${devServiceToken}` } },
            );
            return { ok: res.ok, body: await res.text() };
          });
          if (ok && body.includes(`for ${version}, live in`)) break;
          if (performance.now() - postedAt > 120_000) {
            throw new Error(
              `${version} of ${service} not in domain-0's status`,
            );
          }
          await new Promise(resolve => setTimeout(resolve, 100));
        }
        inMigration.push(performance.now() - postedAt);
      }
    }
  } finally {
    done = true;
  }
  return { first, next, inMigration, failedFetches, pinger: await pinger };
}

/** Catalog edits made so far (a structure edit declares another impact each time). */
let catalogEdits = 0;

/**
 * Domain domain-0 as an edit leaves it: a new title, and with `structure` another declared
 * impact than the previous edit's (the failure matrix's rows read it).
 */
function editedDomain(
  domain: Entity,
  title: string,
  edit: Options['edit'],
): Entity {
  catalogEdits += 1;
  const annotations = domain.metadata.annotations ?? {};
  if (edit === 'structure') {
    const declared = IMPACT_LEVELS.indexOf(
      annotations['domain-split/declared-impact'] as ImpactLevel,
    );
    return {
      ...domain,
      metadata: {
        ...domain.metadata,
        title,
        annotations: {
          ...annotations,
          'domain-split/declared-impact':
            IMPACT_LEVELS[(declared + catalogEdits) % IMPACT_LEVELS.length],
        },
      },
    };
  }
  return { ...domain, metadata: { ...domain.metadata, title } };
}

/**
 * A catalog edit, end to end: edit the YAML, ask the catalog to process it, wait until the
 * catalog serves it, then until Domain Split's matrix shows it. From the moment the catalog
 * has it, `readers` concurrent readers go over `routes`: their requests while Domain Split
 * re-reads the catalog and prepares the new generation are the "during a catalog change"
 * figures (against 2 × the warm p95).
 */
async function measureCatalogEditFreshness(
  portal: SyntheticPortal,
  dsUrl: string,
  entities: Entity[],
  options: Options,
  routes: string[],
  readers: number,
) {
  const baseUrl = portal.current.baseUrl;
  const title = `Domain 0 (edited ${new Date().toISOString()})`;
  const edited = entities.map(e =>
    e.kind === 'Domain' && e.metadata.name === 'domain-0'
      ? editedDomain(e, title, options.edit)
      : e,
  );
  const editedAt = performance.now();
  portal.writeCatalog(edited);
  const refresh = await requestCatalogRefresh(
    baseUrl,
    'domain:default/domain-0',
  );
  let processedAt = NaN;
  let visibleAt = NaN;
  const deadline = editedAt + options.catalogTimeoutMs;
  // A poll that fails (a reset connection on a loaded machine) is counted and repeated.
  let errors = 0;
  while (performance.now() < deadline && Number.isNaN(processedAt)) {
    try {
      const entity = await portal.catalog.getEntityByRef(
        'domain:default/domain-0',
        { token: devServiceToken },
      );
      if (entity?.metadata.title === title) processedAt = performance.now();
    } catch {
      errors++;
    }
    if (Number.isNaN(processedAt)) await new Promise(r => setTimeout(r, 500));
  }
  const changeStart = Date.now();
  const clientLoop = watchClientLoop();
  const reading =
    readers > 0
      ? readConcurrently({
          baseUrl: dsUrl,
          routes,
          readers,
          maxSeconds: options.catalogTimeoutMs / 1000,
          until: () =>
            !Number.isNaN(visibleAt) || performance.now() >= deadline,
        })
      : Promise.resolve([]);
  while (performance.now() < deadline && Number.isNaN(visibleAt)) {
    try {
      // The edited domain's own row names its title.
      const res = await fetch(
        `${dsUrl}${API}/failure-matrix?level=domain&failing=domain:default/domain-0`,
        { headers: { authorization: `Bearer ${devServiceToken}` } },
      );
      const body = res.ok ? await res.json() : undefined;
      if (body?.titles?.['domain:default/domain-0'] === title) {
        visibleAt = performance.now();
      }
    } catch {
      errors++;
    }
    if (Number.isNaN(visibleAt)) await new Promise(r => setTimeout(r, 1000));
  }
  const changeEnd = Date.now();
  const samples = await reading;
  const clientDelayMs = clientLoop.stop();
  const during = samples.filter(
    sample => sample.startedAt >= changeStart && sample.endedAt <= changeEnd,
  );
  return {
    during,
    changeStart,
    changeEnd,
    reads: catalogReadWindows(portal.current.logFile).filter(
      w => w.end >= changeStart && w.start <= changeEnd,
    ),
    switches: generationSwitches(portal.current.logFile),
    clientDelayMs,
    refreshStatus: refresh,
    errors,
    processedS: (processedAt - editedAt) / 1000,
    visibleAfterProcessedS: (visibleAt - processedAt) / 1000,
  };
}

async function measureColdStart(portal: SyntheticPortal, routes: string[]) {
  const spawnedAt = performance.now();
  const current = await portal.restart();
  const readyMs = performance.now() - spawnedAt;
  const firstAnswer = async (route: string) => {
    let refused = 0;
    for (;;) {
      const sample = await timedGet(current.baseUrl, route);
      if (sample.status >= 200 && sample.status < 300) {
        return {
          route,
          ms: performance.now() - spawnedAt,
          refused,
          last: sample.ms,
        };
      }
      refused++;
      if (performance.now() - spawnedAt > 900_000) {
        return { route, ms: NaN, refused, last: sample.ms };
      }
      await new Promise(r => setTimeout(r, 250));
    }
  };
  const answers = await Promise.all([FLOOR_ROUTE, ...routes].map(firstAnswer));
  console.log(
    `\n### Cold start: the backend restarted on the same database (catalog and CI history kept); readiness after ${fmt(
      readyMs,
    )} ms; each route polled every 250 ms from readiness\n`,
  );
  printTable(
    [
      'route',
      'first 2xx, ms after spawn',
      'refused before (503 "still loading")',
      'that request ms',
    ],
    answers.map(a => [
      a.route === FLOOR_ROUTE ? `FLOOR: ${FLOOR_ROUTE}` : pad(a.route),
      fmt(a.ms),
      a.refused,
      fmt(a.last),
    ]),
  );
  return { readyMs, answers };
}

/** When the size being measured had its catalog processed (ISO), for the probe's totals. */
let catalogProcessedAt: string | undefined;

async function runSize(size: number, options: Options): Promise<Figures> {
  const figures: Figures = new Map();
  const catalog = generateCatalog({ services: size });
  const entityCount = catalog.entities.length;
  const eventCount = size * 5;
  const events = generateEventStream({
    serviceNames: catalog.serviceNames,
    count: eventCount,
    start: new Date(Date.now() - (eventCount + 60) * 60_000),
  });
  console.log(
    `\n## ${size.toLocaleString('en-US')} services: ${entityCount} entities, ${
      catalog.domainNames.length
    } domains, ${eventCount} CI events (load average at start: ${loadAverage()})`,
  );
  const t0 = performance.now();
  const portal = await startSyntheticPortal({
    port: options.port,
    entities: catalog.entities,
    cacheTtlSeconds: options.cacheTtlSeconds,
    processingIntervalSeconds: options.processingIntervalSeconds,
  });
  // The second backend of --split, once started.
  let replicaPid: number | undefined;
  cpu = watchCpuShares(() =>
    replicaPid === undefined
      ? [portal.current.pid]
      : [portal.current.pid, replicaPid],
  );
  try {
    const baseUrl = portal.current.baseUrl;
    const memReady = processMemory(portal.current.pid);
    console.log(`backend ready after ${seconds(performance.now() - t0)} s`);
    // The CI history arrives while the catalog is processed, as it would in production.
    const posting = postEvents(baseUrl, events, 32);
    let lastLog = 0;
    await waitForCatalog(
      portal,
      entityCount,
      options.catalogTimeoutMs,
      done => {
        if (performance.now() - lastLog > 30_000) {
          lastLog = performance.now();
          console.log(`  catalog: ${done} of ${entityCount} entities`);
        }
      },
    );
    const catalogLoadedMs = performance.now() - t0;
    catalogProcessedAt = new Date().toISOString();
    const posted = await posting;
    const memCatalog = processMemory(portal.current.pid);
    console.log(
      `catalog processed ${entityCount} entities after ${seconds(
        catalogLoadedMs,
      )} s; CI events: ${posted.accepted} accepted (${fmt(
        posted.perSecond,
      )}/s while the catalog loaded)${
        Object.keys(posted.refused).length
          ? `, refused ${JSON.stringify(posted.refused)}`
          : ''
      }`,
    );
    figures.set('catalog load s', catalogLoadedMs / 1000);
    // Where Domain Split is asked: this backend, or with --split a second one beside it.
    const ds = options.split
      ? await portal.startDomainSplitReplica(options.port + 1)
      : portal.current;
    const dsUrl = ds.baseUrl;
    if (options.split) {
      replicaPid = ds.pid;
      console.log(
        `Domain Split served by a second backend (${dsUrl}, catalog processing off, reading ${baseUrl}'s catalog)`,
      );
    }
    await waitForDomainSplit(dsUrl, catalog.entities, options.catalogTimeoutMs);
    const dsMs = performance.now() - t0;
    console.log(
      `Domain Split answers on the whole catalog after ${seconds(
        dsMs,
      )} s (${seconds(dsMs - catalogLoadedMs)} s after the catalog)`,
    );
    // The floor of a catalog read: the same pages Domain Split reads, from outside.
    const readStart = performance.now();
    await readAllEntities(portal.catalog, CATALOG_PAGE_SIZE);
    const catalogReadMs = performance.now() - readStart;
    console.log(
      `one full catalog read (pages of ${CATALOG_PAGE_SIZE}, CATALOG_FIELDS, from outside): ${fmt(
        catalogReadMs,
      )} ms`,
    );
    figures.set('catalog read ms', catalogReadMs);

    const routes = await readRoutes(dsUrl);
    // The floor of the garbage collection figures: the same backend with nobody reading (the
    // catalog's own processing, Domain Split's re-reads every ttl).
    const idleBefore = await gcTotalsNow(portal.current.pid);
    await new Promise(resolve => setTimeout(resolve, IDLE_GC_WINDOW_MS));
    console.log(
      `\ngarbage collection of the backend's serving thread with no reader for ${seconds(
        IDLE_GC_WINDOW_MS,
      )} s (the floor of the figures below): ${collectedBetween(
        idleBefore,
        await gcTotalsNow(portal.current.pid),
      )}`,
    );
    const { warmP95 } = await measureRoutes(
      portal,
      dsUrl,
      routes,
      options,
      figures,
    );

    // The views need the frontend to find the second backend: not measured with --split.
    if (options.browser && !options.split) {
      await measureViews(portal, options, figures);
    }
    const memWarm = processMemory(ds.pid);

    console.log('\n### Memory (backend process, MiB)\n');
    printTable(
      ['when', 'RSS', 'peak RSS so far'],
      [
        [
          'FLOOR: ready, catalog empty',
          fmt(memReady.rssMiB),
          fmt(memReady.peakMiB),
        ],
        [
          'catalog processed, before any Domain Split route was called',
          fmt(memCatalog.rssMiB),
          fmt(memCatalog.peakMiB),
        ],
        [
          'caches warm (every route and view served)',
          fmt(memWarm.rssMiB),
          fmt(memWarm.peakMiB),
        ],
      ],
    );
    figures.set('RSS warm MiB', memWarm.rssMiB);
    figures.set('RSS catalog only MiB', memCatalog.rssMiB);

    // The later phases are independent: one that fails is reported, the others still run.
    // Each says what the backend's serving thread spent collecting garbage meanwhile.
    const phase = async (name: string, run: () => Promise<void>) => {
      const before = await gcTotalsNow(portal.current.pid);
      const from = Date.now();
      try {
        await run();
        const after = await gcTotalsNow(portal.current.pid);
        console.log(
          `\ngarbage collection of the backend's serving thread ${name}: ${collectedBetween(
            before,
            after,
          )}`,
        );
        console.log(
          `CPU ${name}: ${describeCpuShare(cpu?.between(from, Date.now()))}`,
        );
      } catch (error) {
        let alive = true;
        try {
          process.kill(portal.current.pid, 0);
        } catch {
          alive = false;
        }
        console.log(
          `\n${name} FAILED: ${error} (backend ${
            alive ? 'still running' : 'NOT RUNNING'
          }; log ${portal.current.logFile}, kept with DS_BENCH_KEEP=1)`,
        );
      }
    };

    // Filled by the refresh phase; the catalog change is compared with it too.
    let sameReadersP95: SameReadersP95 = new Map();
    await phase('during a catalog refresh', async () => {
      const refresh = await measureDuringRefresh(
        portal,
        dsUrl,
        routes.filter(r => !Number.isNaN(warmP95.get(r))),
        warmP95,
        options,
        catalogReadMs,
        catalog.entities,
      );
      figures.set('refresh: worst max / warm p95', refresh.worstRatio);
      sameReadersP95 = refresh.sameReadersP95;
    });

    await phase('freshness of a CI event', async () => {
      const event = await measureEventFreshness(dsUrl);
      console.log('\n### Freshness\n');
      printTable(
        ['what', 'figure', 'floor'],
        [
          [
            'CI event visible in /releases?entityRef= after its 2xx (5 events)',
            `median ${fmt(median(event.times))} ms, max ${fmt(
              Math.max(...event.times),
            )} ms`,
            `one GET /releases?entityRef= ${fmt(
              event.floorMs,
            )} ms (median while polling)`,
          ],
        ],
      );
      figures.set('event freshness median ms', median(event.times));
    });

    await phase('after a CI event', async () => {
      const after = await measureAfterEvent(
        dsUrl,
        catalog.domainNames.length,
        size,
      );
      console.log(
        `\n### After a CI event: each route's first answer after a new event (its evidence generation is computed), then the next answer (the same generation, the floor); 3 events per route\n`,
      );
      printTable(
        [
          'route',
          'first answer after the event: median / max ms',
          'floor: the next answer, median ms',
        ],
        EVIDENCE_ROUTES.map(route => [
          route,
          `${fmt(median(after.first.get(route)!))} / ${fmt(
            Math.max(...after.first.get(route)!),
          )}`,
          fmt(median(after.next.get(route)!)),
        ]),
      );
      const pings = summarise(after.pinger);
      console.log(
        `\nthe event in its domain's migration status (/migration/domain/…?limit=10000 names the new live version) after its 2xx: median ${fmt(
          median(after.inMigration),
        )} ms, max ${fmt(Math.max(...after.inMigration))} ms (${
          after.inMigration.length
        } events; ${after.failedFetches} failed fetches sent again)`,
      );
      figures.set(
        'after a CI event: in the migration status ms (median)',
        median(after.inMigration),
      );
      console.log(
        `\nmeanwhile, one reader of /ownership?team= (no evidence read: waits only for the event loop) without pause: n ${
          pings.count
        } (${pings.failed} non-2xx), p50 ${fmt(pings.p50)} ms, p95 ${fmt(
          pings.p95,
        )} ms, max ${fmt(pings.max)} ms`,
      );
      figures.set(
        'after a CI event: slowest first answer ms',
        Math.max(...[...after.first.values()].flat()),
      );
      figures.set('after a CI event: other reader max ms', pings.max);
    });

    await phase('freshness of a catalog edit', async () => {
      const concurrentRoutes = routes.filter(
        r => !Number.isNaN(warmP95.get(r)),
      );
      // First with nobody else reading (as the CI event above), then with the 8 readers.
      const atRest = await measureCatalogEditFreshness(
        portal,
        dsUrl,
        catalog.entities,
        options,
        concurrentRoutes,
        0,
      );
      const editUnderReaders = () =>
        measureCatalogEditFreshness(
          portal,
          dsUrl,
          catalog.entities,
          options,
          concurrentRoutes,
          options.readers,
        );
      const edit = await editUnderReaders();
      const editRow = (readers: string, measured: typeof edit): string[] => [
        `catalog edit (${
          options.edit === 'structure'
            ? "a Domain's title and declared impact in the YAML: the matrix computed again"
            : "a Domain's title in the YAML: the matrix's rows kept"
        }) visible in /failure-matrix after the catalog processed it, ${readers}`,
        `${seconds(measured.visibleAfterProcessedS * 1000)} s`,
        `cache TTL ${options.cacheTtlSeconds} s + one catalog read ${fmt(
          catalogReadMs,
        )} ms; the catalog itself took ${seconds(
          measured.processedS * 1000,
        )} s from the edit (refresh requested: HTTP ${
          measured.refreshStatus
        }; ${measured.errors} failed polls)`,
      ];
      printTable(
        ['what', 'figure', 'floor'],
        [
          editRow('no other reader', atRest),
          editRow(`${options.readers} readers over every route`, edit),
        ],
      );
      figures.set(
        'catalog edit visible after processed s',
        atRest.visibleAfterProcessedS,
      );
      figures.set(
        'catalog edit visible under readers s',
        edit.visibleAfterProcessedS,
      );
      console.log(
        `\n### During a catalog change: ${
          options.readers
        } readers over every route from the moment the catalog served the edit until Domain Split's matrix showed it (its re-read and the preparation of the new generation); "same readers, no read" as in the refresh phase. The benchmark's own event loop was delayed at most ${fmt(
          edit.clientDelayMs,
        )} ms meanwhile\n`,
      );
      const change = printAgainstWarm(
        routes.filter(r => !Number.isNaN(warmP95.get(r))),
        edit.during,
        warmP95,
        'n',
        sameReadersP95,
      );
      figures.set('catalog change: worst max / warm p95', change.worstRatio);
      printChangeParts(routes, edit, sameReadersP95);
      // More changes under the same readers (--changes): one run's change phase varies a lot.
      for (let i = 2; i <= options.changes; i++) {
        const again = await editUnderReaders();
        console.log(
          `\n#### Catalog change ${i} of ${
            options.changes
          }: visible in the matrix ${seconds(
            again.visibleAfterProcessedS * 1000,
          )} s after the catalog processed it (the catalog took ${seconds(
            again.processedS * 1000,
          )} s)`,
        );
        printChangeParts(routes, again, sameReadersP95);
      }
    });

    await phase('cold start', async () => {
      if (options.split) {
        console.log('\n### Cold start: not measured with --split');
        return;
      }
      const cold = await measureColdStart(portal, routes);
      const memCold = processMemory(portal.current.pid);
      figures.set('cold start: catalog first answer ms', cold.answers[0].ms);
      figures.set(
        'cold start: every route answered ms',
        Math.max(...cold.answers.slice(1).map(a => a.ms)),
      );
      console.log(
        `\nbackend RSS after a cold start, every route answered once: ${fmt(
          memCold.rssMiB,
        )} MiB (peak ${fmt(memCold.peakMiB)} MiB)`,
      );
    });
  } finally {
    cpu.stop();
    await portal.dispose();
  }
  return figures;
}

function printGrowth(sizes: number[], all: Figures[]) {
  if (sizes.length < 2) return;
  console.log(
    `\n## Growth (${sizes.join(' → ')} services; the catalog grows ×${(
      sizes[sizes.length - 1] / sizes[0]
    ).toFixed(
      0,
    )} overall). "per ×10" = the growth of the figure for ten times the catalog (1.0 = constant, 10 = linear)\n`,
  );
  const keys = [...new Set(all.flatMap(f => [...f.keys()]))];
  const rows = keys.map(key => {
    const values = all.map(f => f.get(key));
    const growth = values.slice(1).map((v, i) => {
      const prev = values[i];
      if (v === undefined || prev === undefined || !(prev > 0)) return '-';
      const perTen = Math.pow(
        v / prev,
        1 / Math.log10(sizes[i + 1] / sizes[i]),
      );
      return `×${perTen.toFixed(1)}${
        perTen > 12 ? ' (faster than the catalog)' : ''
      }`;
    });
    return [
      key,
      ...values.map(v => (v === undefined ? '-' : fmt(v))),
      ...growth,
    ];
  });
  printTable(
    [
      'figure',
      ...sizes.map(s => s.toLocaleString('en-US')),
      ...sizes.slice(1).map((s, i) => `per ×10, ${sizes[i]}→${s}`),
    ],
    rows,
  );
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sizes = String(args.sizes ?? '1000,10000')
    .split(',')
    .map(Number);
  const options: Options = {
    port: Number(args.port ?? 7601),
    readers: Number(args.readers ?? 8),
    requests: Number(args.requests ?? 160),
    routeSeconds: Number(args['route-seconds'] ?? 30),
    runs: Number(args.runs ?? 3),
    cacheTtlSeconds: Number(args['cache-ttl-s'] ?? 30),
    processingIntervalSeconds:
      args['processing-interval-s'] === undefined
        ? undefined
        : Number(args['processing-interval-s']),
    catalogTimeoutMs: Number(args['catalog-timeout-s'] ?? 1800) * 1000,
    viewTimeoutMs: Number(args['timeout-s'] ?? 60) * 1000,
    changes: Number(args.changes ?? 1),
    edit: args.edit === 'structure' ? 'structure' : 'title',
    maxConcurrentBytes: Number(args['max-concurrent-mib'] ?? 32) * 2 ** 20,
    staticFloorBytes: Number(args['static-floor-mib'] ?? 1) * 2 ** 20,
    browser: args['no-browser'] === undefined,
    split: args.split !== undefined,
  };
  if (
    args.edit !== undefined &&
    !['title', 'structure'].includes(String(args.edit))
  ) {
    console.log(`--edit is title or structure, not ${args.edit}`);
    process.exit(1);
  }
  if (!(await postgresReachable())) {
    console.log(
      'PostgreSQL is not reachable on 127.0.0.1:5432: the serving benchmark needs it',
    );
    process.exit(1);
  }
  console.log(`# Serving benchmark, end to end (${machine()})`);
  console.log(
    `built portal on PostgreSQL, port ${options.port}; Domain Split cache TTL ${options.cacheTtlSeconds} s; ` +
      `catalog processing interval ${
        options.processingIntervalSeconds === undefined
          ? "the catalog's default"
          : `${options.processingIntervalSeconds} s`
      }${
        options.split
          ? '; --split: Domain Split served by a second backend that does not process the catalog'
          : ''
      }; started ${new Date().toISOString()}, load average ${loadAverage()}`,
  );
  const all: Figures[] = [];
  for (const size of sizes) {
    const started = performance.now();
    all.push(await runSize(size, options));
    console.log(
      `\n${size} services measured in ${seconds(
        performance.now() - started,
      )} s (load average now ${loadAverage()})`,
    );
    printNoStatusRequests();
    printLoopStalls();
    // After every size, so that a long run stopped early still has its table.
    printGrowth(sizes.slice(0, all.length), all);
  }
}

/**
 * The stalls of the backend's event loop (LOOP_STALL_MS or more) while the size was measured,
 * and each backend process's garbage collection from the catalog processed to its last totals.
 */
function printLoopStalls() {
  const { stalls, gcTotals } = takeLoopProbe();
  console.log(
    `the backend's event loop held ${LOOP_STALL_MS} ms or more (loopStallProbe.cjs): ${
      stalls.length
    } time(s)${stalls.length ? ':' : ''}`,
  );
  for (const line of stalls) console.log(`  ${line}`);
  const since = catalogProcessedAt ?? '';
  printStallsByPid(stalls, since);
  const byPid = new Map<number, GcTotals[]>();
  for (const totals of gcTotals.filter(t => t.at >= since)) {
    const ofPid = byPid.get(totals.pid) ?? [];
    ofPid.push(totals);
    byPid.set(totals.pid, ofPid);
  }
  for (const [pid, list] of byPid) {
    const first = list[0];
    const last = list[list.length - 1];
    const minutes = (Date.parse(last.at) - Date.parse(first.at)) / 60_000;
    if (!(minutes > 0)) continue;
    const of = (kind: 'major' | 'minor' | 'incremental') => {
      const { count, ms } = collectedDelta(first, last, kind);
      return `${count} in ${fmt(ms)} ms (${fmt(ms / minutes)} ms/min)`;
    };
    console.log(
      `garbage collection of pid ${pid}'s serving thread over ${fmt(
        minutes,
      )} min from ${
        first.at
      } (the first totals after the catalog processed): minor ${of(
        'minor',
      )}, major ${of('major')}, incremental marking ${of(
        'incremental',
      )}; heap in use ${first.heapUsedMiB} MiB then, ${
        last.heapUsedMiB
      } MiB at the end`,
    );
  }
}

/**
 * Per backend process, the stalls from `since` (ISO; the catalog processed) on: how many, how
 * many twice the threshold or longer, the longest, and the collections inside them.
 */
function printStallsByPid(stalls: string[], since: string) {
  const byPid = new Map<
    string,
    { held: number[]; minorMs: number; majorMs: number }
  >();
  for (const line of stalls) {
    const match = line.match(
      /^(\S+) pid (\d+): the event loop was held (\d+) ms .*of which major (\d+) ms in \d+, minor (\d+) ms/,
    );
    if (!match || match[1] < since) continue;
    const [, , pid, held, major, minor] = match;
    const stallsOfPid = byPid.get(pid) ?? { held: [], minorMs: 0, majorMs: 0 };
    stallsOfPid.held.push(Number(held));
    stallsOfPid.minorMs += Number(minor);
    stallsOfPid.majorMs += Number(major);
    byPid.set(pid, stallsOfPid);
  }
  for (const [pid, { held, minorMs, majorMs }] of byPid) {
    console.log(
      `pid ${pid} from the catalog processed: ${
        held.length
      } hold(s) of ${LOOP_STALL_MS} ms or more, ${
        held.filter(ms => ms >= 2 * LOOP_STALL_MS).length
      } of ${2 * LOOP_STALL_MS} ms or more, the longest ${Math.max(
        ...held,
      )} ms; collections inside them: minor ${minorMs} ms, major ${majorMs} ms`,
    );
  }
}

/** The requests of the size just measured that got no HTTP status, with their causes. */
function printNoStatusRequests() {
  const failed = takeNoStatusRequests();
  console.log(
    `requests that got no HTTP status (the fetch threw): ${failed.length}${
      failed.length ? ':' : ''
    }`,
  );
  for (const f of failed) {
    console.log(
      `  ${new Date(f.endedAt).toISOString()} ${f.route} after ${fmt(
        f.ms,
      )} ms: ${f.cause}`,
    );
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
