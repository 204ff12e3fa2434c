/*
 * Map benchmark: how long until the Map tab (context map drawn, and a click on a domain
 * showing its failure row) is usable in headless Chromium, at 1,000 services (30 domains)
 * and 10,000 services (300 domains), with the long tasks the page ran, beside an empty-map
 * floor from the same run and browser.
 *
 *   yarn tsc && yarn build:backend      # the built portal, as the e2e tests use it
 *   yarn bench:map [--sizes 1000,10000] [--runs 3] [--port 7160]
 *
 * As in benchmarks/frontend.ts, the real built app is served by the built backend and the
 * Domain Split API is answered by this process with what the backend routes compute (GET
 * /context-map/view: viewContextMap cut from checkRules + computeMigrationStatus +
 * computeContextMap; GET /context-map/domains|teams: the pickers' pages; GET /failure-matrix:
 * the selected domain's row (`failing=`) cut from computeFailureMatrix with paths only up to
 * the backend's MAX_PATH_CELLS) on the synthetic
 * catalog, so the figures are the frontend's alone. The backend side is timed here too: the
 * whole map (computed once per catalog and evidence) and the cut of each view from it.
 *
 * Prints figures; asserts nothing about time.
 */
import path from 'node:path';
import {
  buildCatalogGraph,
  checkRules,
  computeContextMap,
  contextMapChoices,
  ContextMapEdgeKind,
  pageContextMapChoices,
  viewContextMap,
  computeFailureMatrix,
  computeMigrationStatus,
  EvidenceContext,
  ContextMapInput,
  ContextMapResponse,
  pageFailureMatrix,
} from '@internal/plugin-domain-split-common';
import { generateCatalog, generateEventStream } from './lib/syntheticCatalog';
import { toEvidence, toStored } from './lib/evidence';
import { printTable } from './lib/timing';
import { MAP_CLICK, MAP_VISIBLE } from './lib/views';
import { machine, parseArgs } from './lib/args';
import {
  LONG_TASK_TARGET_MS,
  Responses,
  Scenario,
  TARGET_MS,
  benchScenario,
  openBenchPage,
  startApiServer,
} from './lib/browserBench';

const MONOREPO = 'https://github.com/synthetic/monorepo';
const NOW = new Date('2027-01-01T00:00:00Z');
/** The backend's MAX_PATH_CELLS (plugins/domain-split-backend/src/service/AnalysisService.ts). */
const MAX_PATH_CELLS = 1000;

// e2e/lib/portal.mjs is an ES module without top-level await: Node 22 can require it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const portalLib = require(path.join(__dirname, '../e2e/lib/portal.mjs'));

const EMPTY_MAP: ContextMapResponse = {
  nodes: [],
  edges: [],
  violations: [],
  teams: [],
  titles: {},
};

const FLOOR: Scenario = {
  name: 'FLOOR: Map, no domains',
  path: '/domain-split/map',
  visible: `document.body.innerText.includes('No domains in the catalog yet')`,
};

/**
 * The map drawn; a click on a drawn domain colours the domains its failure reaches and shows
 * its services in the side panel (the serving benchmark's Map tab view).
 */
const MAP: Scenario = {
  name: 'Map (drawn; click a domain: failure row overlaid, services listed)',
  path: '/domain-split/map',
  visible: MAP_VISIBLE,
  click: MAP_CLICK,
};

/** GET /context-map/view as the route parses its query. */
function viewContextMapOf(whole: ContextMapResponse, query: URLSearchParams) {
  const kinds = query.get('kinds');
  return viewContextMap(whole, {
    domain: query.get('domain') ?? undefined,
    team: query.get('team') ?? undefined,
    kinds: kinds ? (kinds.split(',') as ContextMapEdgeKind[]) : undefined,
    violationsOnly: query.get('violationsOnly') === 'true',
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sizes = String(args.sizes ?? '1000,10000')
    .split(',')
    .map(Number);
  const runs = Number(args.runs ?? 3);
  const port = Number(args.port ?? 7160);
  const timeoutMs = Number(args['timeout-s'] ?? 90) * 1000;
  console.log(`# Map benchmark (${machine()})`);
  console.log(
    `built portal on port ${port}, Domain Split API answered with common's output on the synthetic catalog; ` +
      `median of ${runs} loads after a warm-up; times from navigation start`,
  );

  // The tab asks what it draws (GET /context-map/view) and, when a picker opens, a page of
  // choices: cut from the whole map as the backend does.
  const api = await startApiServer<ContextMapResponse>((whole, route) => {
    if (!whole) return undefined;
    const [routePath, search = ''] = route.split('?');
    const query = new URLSearchParams(search);
    if (routePath === '/context-map/view') {
      return JSON.stringify(viewContextMapOf(whole, query));
    }
    if (
      routePath === '/context-map/domains' ||
      routePath === '/context-map/teams'
    ) {
      return JSON.stringify(
        pageContextMapChoices(
          contextMapChoices(
            whole,
            routePath === '/context-map/domains' ? 'domains' : 'teams',
          ),
          {
            q: query.get('q') ?? undefined,
            limit: Number(query.get('limit') ?? 50),
            offset: Number(query.get('offset') ?? 0),
          },
        ),
      );
    }
    return undefined;
  });
  const portal = await portalLib.startBuiltPortal({ port });
  const { browser, page } = await openBenchPage(portal.baseUrl, api.url);
  const summary: (string | number)[][] = [];
  const run = async (
    label: string,
    scenario: Scenario,
    r: Responses,
    source?: ContextMapResponse,
  ) => {
    api.use(r, source);
    const row = await benchScenario({
      page,
      baseUrl: portal.baseUrl,
      scenario,
      runs,
      timeoutMs,
      label,
    });
    console.log(`  ${row.join(' | ')}`);
    summary.push(row);
  };
  try {
    for (const size of sizes) {
      const catalog = generateCatalog({ services: size });
      const events = generateEventStream({
        serviceNames: catalog.serviceNames,
        count: size * 5,
      });
      const graph = buildCatalogGraph(catalog.entities);
      const evidence = toEvidence(graph, toStored(events));
      const started = performance.now();
      const input: ContextMapInput = {
        violations: checkRules(EvidenceContext.of(graph, evidence)).violations,
        migration: computeMigrationStatus(EvidenceContext.of(graph, evidence), {
          monorepoUrl: MONOREPO,
          now: NOW,
        }),
      };
      const map = computeContextMap(graph, input);
      const computeMs = performance.now() - started;
      const matrix = computeFailureMatrix(graph, 'domain', {
        maxPathCells: MAX_PATH_CELLS,
      });
      // The Map tab asks only the selected domain's row.
      const rows: Responses = Object.fromEntries(
        matrix.columns.map(failing => [
          `/failure-matrix?${new URLSearchParams({
            level: 'domain',
            failing,
          })}`,
          JSON.stringify(
            // The backend's MAX_PAGE_PATH_CELLS.
            pageFailureMatrix(
              matrix,
              { limit: 1, offset: 0, failing },
              { maxPathCells: 150 },
            ),
          ),
        ]),
      );
      // The route's own work per request: cutting a view from the cached whole map and
      // serialising it (p95 over the views the tab asks: nothing chosen, each domain).
      const cuts: number[] = [];
      const viewBytes: number[] = [];
      for (const node of [undefined, ...map.nodes]) {
        const query = new URLSearchParams(
          node ? { domain: node.domainRef } : {},
        );
        const cutStarted = performance.now();
        const body = JSON.stringify(viewContextMapOf(map, query));
        cuts.push(performance.now() - cutStarted);
        viewBytes.push(body.length);
      }
      const p95 = (values: number[]) =>
        [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)];
      const firstView = viewBytes[0] / 2 ** 10;
      const choices = JSON.stringify(
        pageContextMapChoices(contextMapChoices(map, 'domains'), {
          limit: 50,
          offset: 0,
        }),
      );
      const responses: Responses = { ...rows };
      const rowKiB = Math.max(
        ...Object.values(rows).map(body => body.length / 2 ** 10),
      ).toFixed(1);
      console.log(
        `\n## ${size} services: ${map.nodes.length} domains, ${map.teams.length} teams, ` +
          `${map.edges.length} ties (${
            map.edges.filter(e => e.rules.length > 0).length
          } breaking a rule); the whole map computed in ${computeMs.toFixed(
            0,
          )} ms ` +
          `(rule check + migration status + map; once per catalog and evidence), ${(
            JSON.stringify(map).length /
            2 ** 20
          ).toFixed(1)} MiB; ` +
          `GET /context-map/view: ${firstView.toFixed(
            1,
          )} KiB with nothing chosen, at most ${(
            Math.max(...viewBytes) /
            2 ** 10
          ).toFixed(
            1,
          )} KiB with a domain selected, cut and serialised in p95 ${p95(
            cuts,
          ).toFixed(1)} ms (max ${Math.max(...cuts).toFixed(1)} ms) over ${
            cuts.length
          } views; ` +
          `a picker's first page ${(choices.length / 2 ** 10).toFixed(
            1,
          )} KiB; a domain's failure row at most ${rowKiB} KiB`,
      );
      const label = size.toLocaleString('en-US');
      // No domain to select on an empty map: no failure row is asked.
      await run(label, FLOOR, {}, EMPTY_MAP);
      await run(label, MAP, responses, map);
    }
  } finally {
    await browser.close();
    await portal.stop();
    await api.close();
  }
  console.log(
    `\n## Summary (target: usable < ${TARGET_MS} ms, no long task over ${LONG_TASK_TARGET_MS} ms)`,
  );
  printTable(
    [
      'services',
      'view',
      'visible ms',
      'usable ms (after a click: failure row shown)',
      'long tasks',
      'longest ms',
      'long tasks total ms',
      'target met',
    ],
    summary,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
