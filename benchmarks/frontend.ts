/*
 * Frontend benchmark: how long until the Failure isolation tab (domain matrix visible and
 * answering a click with the cell's path — fetched from GET /impact-path when the matrix is
 * served with `pathsOmitted`, as the backend does above 1,000 cells), the Migration tab (domain
 * list visible, a domain expands) and the Ownership tab (a team listed and showing its domains
 * with their services; opened with a search for one service, its owner shown) and the Releases
 * tab (the rows of the grid's first page, and the Unmatched CI events card answered) are usable in
 * headless Chromium, at 1,000 and 10,000 services, with the long tasks the page ran.
 *
 *   yarn tsc && yarn build:backend      # the built portal, as the e2e tests use it
 *   yarn bench:frontend [--sizes 1000,10000] [--runs 3] [--port 7150] [--views ownership,migration]
 *                       [--screenshots DIR]   # each view as its last load left it, DIR/<size>-<view>.png
 *                       [--profiles DIR]      # one more load per view under the CPU profiler, DIR/<size>-<view>.cpuprofile
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
 * matrix / no domains / an empty catalog (app start, sign-in, tab, one API round trip, one
 * click).
 *
 * This isolates the frontend; it is not the end-to-end figure (the API answers instantly from
 * memory here): serving.ts measures the same views against the real backend.
 *
 * Prints figures; asserts nothing about time.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  buildCatalogGraph,
  CatalogGraph,
  computeFailureMatrix,
  computeImpactPath,
  computeMigrationStatus,
  computeOwnership,
  computeCurrentReleases,
  currentVersionsOf,
  DEFAULT_EVIDENCE_POLICY,
  EvidenceContext,
  indexOwnership,
  OwnershipIndex,
  OwnershipResponse,
  ownershipOfTeam,
  OWNERSHIP_PAGE_LIMIT,
  pageOwnership,
  FAILURE_MATRIX_PAGE_LIMIT,
  FailureMatrixResponse,
  ImpactPathResponse,
  pageFailureMatrix,
  titlesOfCell,
  MigrationHistoryResponse,
  MigrationStatusResponse,
  DOMAIN_MIGRATION_ITEM_LIMIT,
  domainMigrationOf,
  MIGRATION_PAGE_LIMIT,
  migrationOverview,
  pageReleases,
  releaseRows,
  ReleaseServiceRow,
  ReleasesResponse,
  RELEASES_PAGE_LIMIT,
  serviceCatalogIndex,
  splitEnvironments,
  UnmatchedEvent,
} from '@internal/plugin-domain-split-common';
import {
  benchScenario,
  LONG_TASK_TARGET_MS,
  openBenchPage,
  Responses,
  Scenario,
  startApiServer,
  TARGET_MS,
} from './lib/browserBench';
import {
  MATRIX_CLICK,
  MATRIX_VISIBLE,
  MIGRATION_CLICK,
  MIGRATION_VISIBLE,
  OWNERSHIP_CLICK,
  OWNERSHIP_VISIBLE,
  ownershipFound,
  RELEASES_VISIBLE,
} from './lib/views';
import { generateCatalog, generateEventStream } from './lib/syntheticCatalog';
import { toEvidence, toStored } from './lib/evidence';
import { printTable } from './lib/timing';
import { machine, parseArgs } from './lib/args';

const MONOREPO = 'https://github.com/synthetic/monorepo';
const NOW = new Date('2027-01-01T00:00:00Z');
/** The backend's MAX_PATH_CELLS (plugins/domain-split-backend/src/service/AnalysisService.ts). */
const MAX_PATH_CELLS = 1000;
/** The backend's MAX_PAGE_PATH_CELLS (the same file): a page carries paths up to this many cells. */
const MAX_PAGE_PATH_CELLS = 150;

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

/** What the Migration tab asks first (GET /migration, its first page). */
const MIGRATION_FIRST_PAGE = `/migration?limit=${MIGRATION_PAGE_LIMIT.default}`;

/** GET /migration's first page and every domain's detail (a row opens one), as the backend cuts them. */
function migrationResponses(status: MigrationStatusResponse): Responses {
  const responses: Responses = {
    [MIGRATION_FIRST_PAGE]: JSON.stringify(
      migrationOverview(status, {
        limit: MIGRATION_PAGE_LIMIT.default,
        offset: 0,
      }),
    ),
  };
  for (const { domainRef } of status.domains) {
    // `domain:default/orders` → /migration/domain/default/orders
    responses[`/migration/${domainRef.replace(':', '/')}`] = JSON.stringify(
      domainMigrationOf(status, domainRef, DOMAIN_MIGRATION_ITEM_LIMIT.default),
    );
  }
  return responses;
}

/**
 * GET /failure-matrix as the Failure isolation tab reads it: pages of compact rows (the domain
 * grid asks the backend's default page size, the service list 25 rows a page), each under the
 * URL the client asks.
 */
function matrixPages(matrix: FailureMatrixResponse): Responses {
  const pageSize =
    matrix.level === 'domain' ? FAILURE_MATRIX_PAGE_LIMIT.default : 25;
  const pages: Responses = {};
  for (
    let offset = 0;
    offset === 0 || offset < matrix.rows.length;
    offset += pageSize
  ) {
    pages[
      `/failure-matrix?level=${matrix.level}&limit=${pageSize}&offset=${offset}`
    ] = JSON.stringify(
      pageFailureMatrix(
        matrix,
        { limit: pageSize, offset },
        { maxPathCells: MAX_PAGE_PATH_CELLS },
      ),
    );
  }
  return pages;
}

/** The first page of the domain matrix, as served. */
const FIRST_DOMAIN_PAGE = `/failure-matrix?level=domain&limit=${FAILURE_MATRIX_PAGE_LIMIT.default}&offset=0`;

function emptyResponses(): Responses {
  const matrix = (level: string): FailureMatrixResponse => ({
    level: level as FailureMatrixResponse['level'],
    columns: [],
    rows: [],
    titles: {},
    annotationProblems: [],
  });
  return {
    ...matrixPages(matrix('domain')),
    ...matrixPages(matrix('service')),
    ...migrationResponses({
      generatedAt: NOW.toISOString(),
      domains: [],
      annotationProblems: [],
    }),
    '/migration/history': JSON.stringify({ snapshots: [] }),
  };
}

const EMPTY_OWNERSHIP_RESPONSE: OwnershipResponse = {
  teams: [],
  domains: [],
  unassigned: [],
  problems: [],
  annotationProblems: [],
};

/** What the synthetic API computes per request (the routes with parameters), per run. */
interface ApiContext {
  graph?: CatalogGraph;
  ownership?: { all: OwnershipResponse; index: OwnershipIndex };
  releases?: { all: ReleasesResponse; rows: ReleaseServiceRow[] };
}

/**
 * Every service's current releases as the backend's AnalysisService computes them for GET
 * /releases (currentVersionsOf over the live deployments, computeCurrentReleases with the
 * default evidence policy), with the grid's rows.
 */
function releasesContext(
  graph: CatalogGraph,
  stored: ReturnType<typeof toStored>,
  evidence: ReturnType<typeof toEvidence>,
): ApiContext['releases'] {
  const services = serviceCatalogIndex(graph);
  const current = currentVersionsOf(stored.deployments, services);
  const all: ReleasesResponse = {
    ...splitEnvironments(
      DEFAULT_EVIDENCE_POLICY,
      current.map(c => c.environment),
    ),
    current: computeCurrentReleases(
      current,
      new EvidenceContext(services, evidence),
      { policy: DEFAULT_EVIDENCE_POLICY, now: NOW },
    ),
  };
  return { all, rows: releaseRows(all) };
}

/** GET /releases as the backend answers it without entityRef: a page of the grid (pageReleases). */
function releasesRoute(
  releases: ApiContext['releases'],
  route: string,
): string | undefined {
  const [routePath, search = ''] = route.split('?');
  if (!releases || routePath !== '/releases') return undefined;
  const query = new URLSearchParams(search);
  return JSON.stringify(
    pageReleases(releases.all, releases.rows, {
      query: query.get('q') ?? undefined,
      marked: query.get('marked') === 'true',
      untracked: query.get('untracked') === 'true',
      limit: Number(query.get('limit') ?? RELEASES_PAGE_LIMIT.default),
      offset: Number(query.get('offset') ?? 0),
    }),
  );
}

/**
 * GET /events/unmatched as the backend answers it: the newest events (its default limit) of the
 * CI service names no catalog entity claims.
 */
function unmatchedEvents(
  graph: CatalogGraph,
  stored: ReturnType<typeof toStored>,
): string {
  const services = serviceCatalogIndex(graph);
  const items: UnmatchedEvent[] = [
    ...stored.deployments.map(d => ({ ...d, type: 'deployment' })),
    ...stored.testRuns.map(t => ({ ...t, type: 'test_run' })),
  ]
    .filter(e => !services.match(e.service))
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
    .slice(0, 200)
    .map(e => ({
      eventId: e.eventId,
      type: e.type,
      service: e.service,
      version: e.version,
      ...('environment' in e ? { environment: e.environment } : {}),
      occurredAt: e.occurredAt,
      receivedAt: e.occurredAt,
    }));
  return JSON.stringify({ items });
}

function ownershipContext(all: OwnershipResponse): ApiContext['ownership'] {
  return { all, index: indexOwnership(all) };
}

/**
 * GET /ownership as the backend answers it: a page of the team list (common's pageOwnership),
 * or with `team` that group's part (ownershipOfTeam).
 */
function ownershipRoute(
  ownership: ApiContext['ownership'],
  route: string,
): string | undefined {
  const [routePath, search = ''] = route.split('?');
  if (!ownership || routePath !== '/ownership') return undefined;
  const query = new URLSearchParams(search);
  const team = query.get('team');
  if (team) {
    const answer = ownershipOfTeam(ownership.all, team);
    return answer && JSON.stringify(answer);
  }
  return JSON.stringify(
    pageOwnership(ownership.all, ownership.index, {
      query: query.get('q') ?? undefined,
      group: query.get('group') ?? undefined,
      limit: Number(query.get('limit') ?? OWNERSHIP_PAGE_LIMIT.default),
      offset: Number(query.get('offset') ?? 0),
    }),
  );
}

function answerRoute(context: ApiContext | undefined, route: string) {
  return (
    impactPath(context?.graph, route) ??
    ownershipRoute(context?.ownership, route) ??
    releasesRoute(context?.releases, route)
  );
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

const EMPTY_MATRIX: Scenario = {
  name: 'FLOOR: Failure isolation, empty matrix',
  path: '/domain-split/failure-isolation',
  visible: `document.body.innerText.includes('No domains to analyse')`,
  click: {
    selector: 'button[value="service"]',
    effect: `document.querySelector('button[value="service"][aria-pressed="true"]') && document.body.innerText.includes('No services to analyse')`,
  },
};
const EMPTY_OWNERSHIP: Scenario = {
  name: 'FLOOR: Ownership, empty catalog',
  path: '/domain-split/ownership',
  visible: `document.body.innerText.includes('No teams or domains in the catalog yet')`,
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
  // --views ownership,migration: only the views whose name contains one of these words.
  const views = args.views
    ? String(args.views).toLowerCase().split(',')
    : undefined;
  const screenshots = args.screenshots ? String(args.screenshots) : undefined;
  if (screenshots) fs.mkdirSync(screenshots, { recursive: true });
  const profiles = args.profiles ? String(args.profiles) : undefined;
  if (profiles) fs.mkdirSync(profiles, { recursive: true });
  const wanted = (name: string) =>
    !views || views.some(v => name.toLowerCase().includes(v));
  const timeoutMs = Number(args['timeout-s'] ?? 90) * 1000;
  console.log(`# Frontend benchmark (${machine()})`);
  console.log(
    `built portal on port ${port}, Domain Split API answered with common's output on the synthetic catalog; ` +
      `median of ${runs} loads after a warm-up; times from navigation start`,
  );

  const api = await startApiServer(answerRoute);
  const portal = await portalLib.startBuiltPortal({ port });
  const { browser, page } = await openBenchPage(portal.baseUrl, api.url);
  const summary: (string | number)[][] = [];
  try {
    const run = async (
      label: string,
      scenario: Scenario,
      responses: Responses,
      context: ApiContext = {},
    ) => {
      if (!wanted(scenario.name)) return;
      api.use(responses, context);
      const fileName = `${label.replace(/,/g, '')}-${scenario.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 60)}`;
      const row = await benchScenario({
        page,
        baseUrl: portal.baseUrl,
        scenario,
        runs,
        timeoutMs,
        label,
        screenshot: screenshots
          ? path.join(screenshots, `${fileName}.png`)
          : undefined,
        profile: profiles
          ? path.join(profiles, `${fileName}.cpuprofile`)
          : undefined,
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
      const stored = toStored(events);
      const evidence = toEvidence(graph, stored);
      // As GET /failure-matrix serves it: paths only up to MAX_PATH_CELLS cells.
      const matrix = computeFailureMatrix(graph, 'domain', {
        maxPathCells: MAX_PATH_CELLS,
      });
      const migration = computeMigrationStatus(
        EvidenceContext.of(graph, evidence),
        {
          monorepoUrl: MONOREPO,
          now: NOW,
        },
      );
      const responses: Responses = {
        ...matrixPages(matrix),
        ...migrationResponses(migration),
        '/migration/history': JSON.stringify(history(migration)),
        '/events/unmatched': unmatchedEvents(graph, stored),
      };
      const releases = releasesContext(graph, stored, evidence);
      const releasesPage =
        releasesRoute(
          releases,
          `/releases?limit=${RELEASES_PAGE_LIMIT.default}&offset=0`,
        ) ?? '';
      const ownership = ownershipContext(computeOwnership(graph));
      const ownershipPage = ownershipRoute(ownership, '/ownership') ?? '';
      const cells = matrix.rows.reduce((n, r) => n + r.cells.length + 1, 0);
      console.log(
        `\n## ${size} services: ${catalog.entities.length} entities, ${matrix.rows.length} failing domains × ` +
          `${
            matrix.columns.length + 1
          } columns (${cells} cells), matrix JSON ` +
          `${(JSON.stringify(matrix).length / 2 ** 20).toFixed(
            1,
          )} MiB (its first page as served ${(
            responses[FIRST_DOMAIN_PAGE].length /
            2 ** 10
          ).toFixed(1)} KiB), migration JSON ` +
          `${(responses[MIGRATION_FIRST_PAGE].length / 2 ** 10).toFixed(
            1,
          )} KiB (first page), ownership JSON (first page) ` +
          `${(ownershipPage.length / 2 ** 10).toFixed(
            1,
          )} KiB, releases JSON (first page) ` +
          `${(releasesPage.length / 2 ** 10).toFixed(1)} KiB${
            matrix.pathsOmitted
              ? ' (paths omitted: fetched per clicked cell)'
              : ' (paths inline)'
          }`,
      );
      // Before: every path inline (?paths=true), for comparison in the same run.
      const inline: Responses =
        matrix.pathsOmitted && wanted('failure isolation')
          ? {
              ...responses,
              ...matrixPages(computeFailureMatrix(graph, 'domain')),
            }
          : responses;
      if (inline !== responses) {
        console.log(
          `   with every path inline: first page ${(
            inline[FIRST_DOMAIN_PAGE].length /
            2 ** 10
          ).toFixed(1)} KiB`,
        );
      }
      const label = `${size.toLocaleString('en-US')}`;
      await run(label, EMPTY_MATRIX, emptyResponses());
      await run(label, EMPTY_MIGRATION, emptyResponses());
      await run(label, EMPTY_OWNERSHIP, emptyResponses(), {
        ownership: ownershipContext(EMPTY_OWNERSHIP_RESPONSE),
      });
      await run(
        label,
        {
          name: 'Ownership (a team shows its domains and services)',
          path: '/domain-split/ownership',
          visible: OWNERSHIP_VISIBLE,
          click: OWNERSHIP_CLICK,
        },
        responses,
        { ownership },
      );
      // The roll-up: the department above every team opens to its teams' domains (the first
      // DOMAIN_LIMIT boxes, each with its first services).
      await run(
        label,
        {
          name: 'Ownership, the department opens (roll-up)',
          path: '/domain-split/ownership',
          visible: `document.querySelector('section[aria-label^="Group "]')`,
          click: {
            selector:
              'section[aria-label^="Group "] button[aria-expanded="false"]',
            effect: `document.querySelector('section[aria-label^="Group "] section[aria-label^="Domain "]')`,
          },
        },
        responses,
        { ownership },
      );
      // "Who owns service X": the tab opened with its search (?q=) on one service.
      const sought = catalog.serviceNames[Math.floor(size * 0.777)];
      await run(
        label,
        {
          name: `Ownership, search ?q=${sought} (its team shown)`,
          path: `/domain-split/ownership?q=${sought}`,
          visible: ownershipFound(sought),
        },
        responses,
        { ownership },
      );
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
        { graph },
      );
      if (inline !== responses) {
        await run(
          label,
          {
            name: 'Failure isolation (domain matrix, every path inline: before)',
            path: '/domain-split/failure-isolation',
            visible: MATRIX_VISIBLE,
            click: MATRIX_CLICK,
          },
          inline,
          { graph },
        );
      }
      await run(
        label,
        {
          name: 'Releases (the first page of the grid)',
          path: '/domain-split/releases',
          visible: RELEASES_VISIBLE,
        },
        responses,
        { releases },
      );
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
