/*
 * Frontend benchmark: how long until the Failure isolation tab (domain matrix visible and
 * answering a click with the cell's path — fetched from GET /impact-path when the matrix is
 * served with `pathsOmitted`, as the backend does above 1,000 cells) and the Migration tab (domain list visible, a domain expands) are usable
 * in headless Chromium, at 1,000 and 10,000 services, with the long tasks the page ran.
 *
 *   yarn tsc && yarn build:backend      # the built portal, as the e2e tests use it
 *   yarn bench:frontend [--sizes 1000,10000] [--runs 3] [--port 7150]
 *
 * The real built app is served by the built backend (e2e/lib/portal.mjs). The Domain Split API
 * (`/api/domain-split/**`) is answered by this process with the JSON that the common package's
 * functions compute on the synthetic catalog (the same calls the backend routes make), so the
 * figures are the frontend's alone: loading 31,000 entities into the real catalog first takes
 * about 5 minutes and is measured by the analysis benchmark. The responses are served by a
 * loopback HTTP server the browser is routed to, so large bodies do not cross the DevTools
 * protocol.
 *
 * Floor, measured in the same run and browser: the same tab of the same app with an empty
 * matrix / no domains (app start, sign-in, tab, one API round trip, one click).
 *
 * Prints figures; asserts nothing about time.
 */
import path from 'node:path';
import {
  buildCatalogGraph,
  CatalogGraph,
  computeFailureMatrix,
  computeImpactPath,
  computeMigrationStatus,
  FailureMatrixResponse,
  ImpactPathResponse,
  titlesOfCell,
  MigrationHistoryResponse,
  MigrationStatusResponse,
} from '@internal/plugin-domain-split-common';
import { generateCatalog, generateEventStream } from './lib/syntheticCatalog';
import { toEvidence, toStored } from './lib/evidence';
import { printTable } from './lib/timing';
import { machine, parseArgs } from './lib/args';
import {
  LONG_TASK_TARGET_MS,
  TARGET_MS,
  benchScenario,
  openBenchPage,
  Responses,
  Scenario,
  startApiServer,
} from './lib/browserBench';

const MONOREPO = 'https://github.com/synthetic/monorepo';
const NOW = new Date('2027-01-01T00:00:00Z');
/** The backend's MAX_PATH_CELLS (plugins/domain-split-backend/src/service/analysisRoutes.ts). */
const MAX_PATH_CELLS = 1000;

// e2e/lib/portal.mjs is an ES module without top-level await: Node 22 can require it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const portalLib = require(path.join(__dirname, '../e2e/lib/portal.mjs'));

/** A burn-up history: 26 weekly snapshots converging on today's phases. */
function history(status: MigrationStatusResponse): MigrationHistoryResponse {
  const weeks = 26;
  return {
    snapshots: Array.from({ length: weeks }, (_, w) => ({
      takenAt: new Date(
        NOW.getTime() - (weeks - 1 - w) * 7 * 86_400_000,
      ).toISOString(),
      domains: status.domains.map(d => ({
        domainRef: d.domainRef,
        phase: Math.floor((d.phase * (w + 1)) / weeks) as 0 | 1 | 2 | 3,
        stepsMet: Math.floor(
          (d.steps.filter(s => s.met).length * (w + 1)) / weeks,
        ),
        progress: (d.progress * (w + 1)) / weeks,
      })),
    })),
  };
}

function emptyResponses(): Responses {
  const matrix = (level: string): FailureMatrixResponse => ({
    level: level as FailureMatrixResponse['level'],
    columns: [],
    rows: [],
    titles: {},
    annotationProblems: [],
  });
  return {
    '/failure-matrix?level=domain': JSON.stringify(matrix('domain')),
    '/failure-matrix?level=service': JSON.stringify(matrix('service')),
    '/migration': JSON.stringify({
      generatedAt: NOW.toISOString(),
      domains: [],
      annotationProblems: [],
    }),
    '/migration/history': JSON.stringify({ snapshots: [] }),
  };
}

/** GET /impact-path as the backend answers it (computeImpactPath + titlesOfCell). */
function impactPath(
  graph: CatalogGraph | undefined,
  route: string,
): string | undefined {
  if (!graph || !route.startsWith('/impact-path?')) return undefined;
  const query = new URLSearchParams(route.slice('/impact-path?'.length));
  const cell = computeImpactPath(
    graph,
    query.get('failing') ?? '',
    query.get('affected') ?? '',
    {
      direction:
        query.get('direction') === 'upstream' ? 'upstream' : 'downstream',
    },
  );
  if (!cell) return undefined;
  const body: ImpactPathResponse = {
    ...cell,
    titles: titlesOfCell(graph, cell),
  };
  return JSON.stringify(body);
}

const MATRIX_VISIBLE = `document.querySelector('[role="gridcell"][aria-label*=" → "]')`;
/** A click on a cell shows the Selected impact panel with the cell's path (inline or fetched). */
const MATRIX_CLICK = {
  selector: '[role="gridcell"][aria-label*=" → "]',
  effect: `(() => {
    const panel = document.querySelector('[aria-label="Selected impact"]');
    return panel && (panel.querySelector('[aria-label="Impact path"]') ||
      /No dependency path reaches it|The failing entity itself/.test(panel.textContent));
  })()`,
};
const MIGRATION_VISIBLE = `document.querySelector('section[aria-label^="Migration of"]')`;
const MIGRATION_CLICK = {
  selector:
    'section[aria-label^="Migration of"] [class*="MuiAccordionSummary-root"]',
  effect: `document.querySelector('section[aria-label^="Migration of"] [class*="MuiAccordionSummary-root"][aria-expanded="true"]') && document.querySelector('section[aria-label^="Migration of"] [class*="MuiAccordionDetails-root"]')`,
};
const EMPTY_MATRIX: Scenario = {
  name: 'FLOOR: Failure isolation, empty matrix',
  path: '/domain-split/failure-isolation',
  visible: `document.body.innerText.includes('No domains to analyse')`,
  click: {
    selector: 'button[value="service"]',
    effect: `document.querySelector('button[value="service"][aria-pressed="true"]') && document.body.innerText.includes('No services to analyse')`,
  },
};
const EMPTY_MIGRATION: Scenario = {
  name: 'FLOOR: Migration, no domains',
  path: '/domain-split/migration',
  visible: `document.body.innerText.includes('No domains yet')`,
};

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sizes = String(args.sizes ?? '1000,10000')
    .split(',')
    .map(Number);
  const runs = Number(args.runs ?? 3);
  const port = Number(args.port ?? 7150);
  const timeoutMs = Number(args['timeout-s'] ?? 90) * 1000;
  console.log(`# Frontend benchmark (${machine()})`);
  console.log(
    `built portal on port ${port}, Domain Split API answered with common's output on the synthetic catalog; ` +
      `median of ${runs} loads after a warm-up; times from navigation start`,
  );

  const api = await startApiServer<CatalogGraph>(impactPath);
  const portal = await portalLib.startBuiltPortal({ port });
  const { browser, page } = await openBenchPage(portal.baseUrl, api.url);
  const summary: (string | number)[][] = [];
  try {
    const run = async (
      label: string,
      scenario: Scenario,
      responses: Responses,
      graph?: CatalogGraph,
    ) => {
      api.use(responses, graph);
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

    for (const size of sizes) {
      const catalog = generateCatalog({ services: size });
      const events = generateEventStream({
        serviceNames: catalog.serviceNames,
        count: size * 5,
      });
      const graph = buildCatalogGraph(catalog.entities);
      const evidence = toEvidence(graph, toStored(events));
      // As GET /failure-matrix serves it: paths only up to MAX_PATH_CELLS cells.
      const matrix = computeFailureMatrix(graph, 'domain', {
        maxPathCells: MAX_PATH_CELLS,
      });
      const migration = computeMigrationStatus(graph, evidence, {
        monorepoUrl: MONOREPO,
        now: NOW,
      });
      const responses: Responses = {
        '/failure-matrix?level=domain': JSON.stringify(matrix),
        '/migration': JSON.stringify(migration),
        '/migration/history': JSON.stringify(history(migration)),
      };
      const cells = matrix.rows.reduce((n, r) => n + r.cells.length + 1, 0);
      console.log(
        `\n## ${size} services: ${catalog.entities.length} entities, ${matrix.rows.length} failing domains × ` +
          `${
            matrix.columns.length + 1
          } columns (${cells} cells), matrix JSON ` +
          `${(
            responses['/failure-matrix?level=domain'].length /
            2 ** 20
          ).toFixed(1)} MiB, migration JSON ` +
          `${(responses['/migration'].length / 2 ** 20).toFixed(1)} MiB` +
          (matrix.pathsOmitted
            ? ' (paths omitted: fetched per clicked cell)'
            : ' (paths inline)'),
      );
      // Before: every path inline (?paths=true), for comparison in the same run.
      const inline: Responses = matrix.pathsOmitted
        ? {
            ...responses,
            '/failure-matrix?level=domain': JSON.stringify(
              computeFailureMatrix(graph, 'domain'),
            ),
          }
        : responses;
      if (matrix.pathsOmitted) {
        console.log(
          `   with every path inline: ${(
            inline['/failure-matrix?level=domain'].length /
            2 ** 20
          ).toFixed(1)} MiB`,
        );
      }
      const label = `${size.toLocaleString('en-US')}`;
      await run(label, EMPTY_MATRIX, emptyResponses());
      await run(label, EMPTY_MIGRATION, emptyResponses());
      await run(
        label,
        {
          name: `Failure isolation (domain matrix${
            matrix.pathsOmitted ? ', paths on demand' : ''
          })`,
          path: '/domain-split/failure-isolation',
          visible: MATRIX_VISIBLE,
          click: MATRIX_CLICK,
        },
        responses,
        graph,
      );
      if (matrix.pathsOmitted) {
        await run(
          label,
          {
            name: 'Failure isolation (domain matrix, every path inline: before)',
            path: '/domain-split/failure-isolation',
            visible: MATRIX_VISIBLE,
            click: MATRIX_CLICK,
          },
          inline,
          graph,
        );
      }
      await run(
        label,
        {
          name: 'Migration',
          path: '/domain-split/migration',
          visible: MIGRATION_VISIBLE,
          click: MIGRATION_CLICK,
        },
        responses,
      );
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
      'usable ms (after a click: path shown)',
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
