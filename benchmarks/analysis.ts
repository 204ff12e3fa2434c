/*
 * Analysis benchmark: ownership + domain failure matrix + migration + rules on synthetic
 * catalogs of 100 / 1,000 / 10,000 services, side by side with its floor measured in the same
 * run: reading the same entities from a real Backstage catalog (queryEntities pages, only
 * CATALOG_FIELDS, service token), plus the blast radius of one entity.
 *
 *   yarn bench:analysis [--sizes 100,1000,10000] [--catalog-db postgres|sqlite|none]
 *
 * Prints figures; asserts nothing about time.
 */
import {
  buildCatalogGraph,
  checkRules,
  computeBlastRadius,
  computeFailureMatrix,
  computeImpactPath,
  computeMigrationStatus,
  EvidenceContext,
  computeOwnership,
  pageBlastRadius,
  summariseBlastRadius,
  computeContextMap,
  AnalysisRedactor,
  indexOwnership,
  pageFailureMatrix,
  pageOwnership,
  pageRuleViolations,
  selectRuleViolations,
  outlineContextMap,
  entitiesOfKind,
  matrixPageOfRows,
  serviceMatrixRowsSteps,
  runToCompletion,
} from '@internal/plugin-domain-split-common';
import type { CatalogGraph } from '@internal/plugin-domain-split-common';
import v8 from 'node:v8';
import { generateCatalog, generateEventStream } from './lib/syntheticCatalog';
import { toEvidence, toStored } from './lib/evidence';
import {
  fmt,
  longestStepMs,
  median,
  printTable,
  timeAsync,
  timeSync,
} from './lib/timing';
import { startCatalogFloor } from './lib/catalogFloor';
import { postgresReachable } from './lib/postgres';
import { parseArgs, machine } from './lib/args';

/**
 * The backend's threshold (plugins/domain-split-backend/src/service/AnalysisService.ts
 * MAX_PATH_CELLS): the matrix and the blast radius carry paths up to this many cells.
 */
const MAX_PATH_CELLS = 1000;
const served = { maxPathCells: MAX_PATH_CELLS };
const mib = (json: string) =>
  json.length >= 2 ** 20
    ? `${(json.length / 2 ** 20).toFixed(1)} MiB`
    : `${(json.length / 2 ** 10).toFixed(0)} KiB`;
/** A body size in bytes (UTF-8), as KiB with one decimal or MiB. */
const bodySize = (json: string) => {
  const bytes = Buffer.byteLength(json);
  return bytes >= 2 ** 20
    ? `${(bytes / 2 ** 20).toFixed(1)} MiB`
    : `${(bytes / 2 ** 10).toFixed(1)} KiB`;
};
/**
 * What the Failure impact card and tab fetch for `ref`, against the whole blast radius as
 * served: GET /impact/…/summary (10 worst) and GET /impact/…/entries (a first page of 50, the
 * largest page of 200), each cut from the radius the backend keeps per catalog generation
 * (computed without paths), and the time to cut and serialise the summary from it.
 */
function cardAnswers(g: CatalogGraph, ref: string) {
  const whole = JSON.stringify(computeBlastRadius(g, ref, served));
  const kept = computeBlastRadius(g, ref, { paths: false })!;
  const summary = timeSync(
    () => JSON.stringify(summariseBlastRadius(g, kept, { limit: 10 })),
    5,
  );
  const page = (limit: number) =>
    JSON.stringify(
      pageBlastRadius(g, kept, { direction: 'downstream', limit, offset: 0 }),
    );
  return {
    ref,
    entries: kept.takesDown.length + kept.takenDownBy.length,
    whole,
    summary: summary.result,
    summaryMs: summary.ms,
    page50: page(50),
    page200: page(200),
  };
}

/** Small times with two decimals. */
const fmtSmall = (ms: number) => (ms < 1 ? ms.toFixed(2) : fmt(ms));

const MONOREPO = 'https://github.com/synthetic/monorepo';
const NOW = new Date('2027-01-01T00:00:00Z');

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sizes = String(args.sizes ?? '100,1000,10000')
    .split(',')
    .map(Number);
  let engine = String(args['catalog-db'] ?? 'postgres') as
    | 'postgres'
    | 'sqlite'
    | 'none';
  if (engine === 'postgres' && !(await postgresReachable())) {
    console.log(
      'PostgreSQL is not reachable on 127.0.0.1:5432: the catalog floor runs on SQLite',
    );
    engine = 'sqlite';
  }
  const ingestTimeoutMs = Number(args['ingest-timeout-s'] ?? 1800) * 1000;
  const port = Number(args.port ?? 7110);
  console.log(`# Analysis benchmark (${machine()})`);
  console.log(
    `catalog floor: real catalog backend on ${engine}, queryEntities pages of 500\n`,
  );

  const summary: (string | number)[][] = [];
  for (const size of sizes) {
    const catalog = generateCatalog({ services: size });
    const events = generateEventStream({
      serviceNames: catalog.serviceNames,
      count: size * 5,
    });
    const stored = toStored(events);
    console.log(
      `## ${size} services: ${catalog.entities.length} entities, ${catalog.domainNames.length} domains, ` +
        `${(catalog.relationCount / size).toFixed(2)} relations/service, ${
          events.length
        } CI events`,
    );

    // Floor first, so a slow analysis cannot hide a missing floor.
    let readMs = NaN;
    let ingestMs = NaN;
    let readEntities = catalog.entities;
    if (engine !== 'none') {
      let lastShown = 0;
      try {
        const floor = await startCatalogFloor({
          entities: catalog.entities,
          port,
          engine,
          ingestTimeoutMs,
          onProgress: (done, total) => {
            if (Date.now() - lastShown > 30_000) {
              lastShown = Date.now();
              console.log(`  catalog processing: ${done}/${total} entities`);
            }
          },
        });
        try {
          ingestMs = floor.ingestMs;
          await floor.readAll(); // warm-up
          const read = await timeAsync(() => floor.readAll(), 3);
          readMs = read.ms;
          readEntities = read.result;
          console.log(
            `  floor: ingest ${fmt(ingestMs)} ms, read ${fmt(readMs)} ms (${
              readEntities.length
            } entities)`,
          );
        } finally {
          await floor.stop();
        }
      } catch (error) {
        console.log(`  catalog floor not measured: ${error}`);
      }
    }
    if (readEntities.length !== catalog.entities.length) {
      console.log(
        `  WARNING: read ${readEntities.length} of ${catalog.entities.length} entities`,
      );
    }

    // The analysis runs on what the catalog returned (the same objects the backend would see).
    const graph = timeSync(() => buildCatalogGraph(readEntities));
    const evidence = timeSync(() => toEvidence(graph.result, stored));
    const g = graph.result;
    const ev = evidence.result;
    const ownership = timeSync(() => computeOwnership(g));
    const matrix = timeSync(() => computeFailureMatrix(g, 'domain'));
    const migration = timeSync(() =>
      computeMigrationStatus(EvidenceContext.of(g, ev), {
        monorepoUrl: MONOREPO,
        now: NOW,
      }),
    );
    const rules = timeSync(() => checkRules(EvidenceContext.of(g, ev)));
    const service = `component:default/${
      catalog.serviceNames[Math.floor(size / 2)]
    }`;
    const domain = `domain:default/${catalog.domainNames[1]}`;
    const blastService = timeSync(() => computeBlastRadius(g, service)!, 5);
    const blastDomain = timeSync(() => computeBlastRadius(g, domain)!, 3);
    // Blast radius over a sample of 20 services (one run each): median and worst.
    const sample = Array.from(
      { length: 20 },
      (_, i) => `component:default/${catalog.serviceNames[(i * 7919) % size]}`,
    );
    const sampleTimes = sample.map(
      ref => timeSync(() => computeBlastRadius(g, ref), 1, false).ms,
    );
    const sampleMedian = median(sampleTimes);
    const sampleMax = Math.max(...sampleTimes);
    // What the routes answer: compute with the threshold and serialise (JSON.stringify is what
    // res.json does), against computing and serialising every path.
    const respond =
      <T>(compute: () => T) =>
      () =>
        JSON.stringify(compute());
    const matrixAllJson = timeSync(
      respond(() => computeFailureMatrix(g, 'domain')),
      1,
    );
    const matrixServedJson = timeSync(
      respond(() => computeFailureMatrix(g, 'domain', served)),
      3,
    );
    const blastAllJson = timeSync(
      respond(() => computeBlastRadius(g, service)),
      3,
    );
    const blastServedJson = timeSync(
      respond(() => computeBlastRadius(g, service, served)),
      5,
    );
    const sampleServed = sample.map(
      ref =>
        timeSync(
          respond(() => computeBlastRadius(g, ref, served)),
          1,
          false,
        ).ms,
    );
    // The Failure isolation tab's service level: a page of 25 rows computed for the page, as
    // the backend serves it (the whole service matrix has a cell per pair of services reached),
    // with each row's 12 worst cells as the tab asks (`cells=12`), and the longest row (one
    // slice of the event loop). The first page in ref order, and the page from service-0 on,
    // whose services each reach most of the catalog: that one also with every cell.
    const componentRefs = entitiesOfKind(g, 'component').map(c => c.ref);
    const pageRows = { maxPathCells: 150 };
    const SERVICE_ROW_CELLS = 12;
    const servicePageJson = (from: number, cells?: number) =>
      timeSync(
        () =>
          JSON.stringify(
            matrixPageOfRows(
              runToCompletion(
                serviceMatrixRowsSteps(
                  g,
                  componentRefs.slice(from, from + 25),
                  pageRows,
                ),
              ),
              { offset: from, limit: 25, totalItems: componentRefs.length },
              { ...pageRows, cells },
            ),
          ),
        3,
      );
    const servicePage = servicePageJson(0, SERVICE_ROW_CELLS);
    const widest = componentRefs.indexOf(
      `component:default/${catalog.serviceNames[0]}`,
    );
    const wideServicePage = servicePageJson(widest, SERVICE_ROW_CELLS);
    const wideServicePageWhole = servicePageJson(widest);
    const serviceRowMs = longestStepMs(
      serviceMatrixRowsSteps(
        g,
        componentRefs.slice(widest, widest + 25),
        pageRows,
      ),
    );
    // One cell on demand (GET /impact-path): the farthest entry of the service's blast radius,
    // a domain cell and a users cell.
    const far = blastService.result.takesDown.reduce((a, b) =>
      b.path.length > a.path.length ? b : a,
    );
    const domainTarget = matrix.result.rows[0]?.cells.at(-1);
    const onePath = timeSync(
      () => computeImpactPath(g, service, far.affected)!,
      5,
    );
    const oneDomainPath = domainTarget
      ? timeSync(
          () =>
            computeImpactPath(g, domainTarget.failing, domainTarget.affected)!,
          5,
        )
      : undefined;
    const oneUsersPath = timeSync(
      () => computeImpactPath(g, service, 'users')!,
      5,
    );
    // What the entity card and tab fetch (bodies), for service-0 (the serving benchmark's
    // entity), the middle service, a domain and the 20 sampled services (the largest).
    const answers = [
      `component:default/${catalog.serviceNames[0]}`,
      service,
      domain,
    ].map(ref => cardAnswers(g, ref));
    const sampleAnswers = sample.map(ref => cardAnswers(g, ref));
    const largestSummary = sampleAnswers.reduce((a, b) =>
      Buffer.byteLength(b.summary) > Buffer.byteLength(a.summary) ? b : a,
    );
    const analysisMs =
      graph.ms +
      evidence.ms +
      ownership.ms +
      matrix.ms +
      migration.ms +
      rules.ms;

    printTable(
      ['step', 'ms (median)'],
      [
        [
          'catalog ingest (start-up until all processed, not a floor)',
          fmt(ingestMs),
        ],
        ['FLOOR: catalog read (queryEntities, all pages)', fmt(readMs)],
        ['buildCatalogGraph', fmt(graph.ms)],
        ['evidence (match CI events with the catalog)', fmt(evidence.ms)],
        ['computeOwnership', fmt(ownership.ms)],
        [
          `computeFailureMatrix(domain) ${matrix.result.rows.length} rows`,
          fmt(matrix.ms),
        ],
        ['computeMigrationStatus', fmt(migration.ms)],
        [
          `checkRules (${rules.result.violations.length} violations)`,
          fmt(rules.ms),
        ],
        ['analysis total', fmt(analysisMs)],
        [
          `computeBlastRadius(${service}) (${blastService.result.takesDown.length} down)`,
          fmt(blastService.ms),
        ],
        [
          `computeBlastRadius(${domain}) (${blastDomain.result.takesDown.length} down)`,
          fmt(blastDomain.ms),
        ],
        [
          'computeBlastRadius, 20 services: median / max',
          `${fmt(sampleMedian)} / ${fmt(sampleMax)}`,
        ],
        [
          `domain matrix + JSON, all paths (${mib(matrixAllJson.result)})`,
          fmt(matrixAllJson.ms),
        ],
        [
          `domain matrix + JSON, as served (${mib(
            matrixServedJson.result,
          )}, paths ${
            matrixServedJson.result.includes('"pathsOmitted":true')
              ? 'omitted'
              : 'inline'
          })`,
          fmt(matrixServedJson.ms),
        ],
        [
          `blast radius(service) + JSON, all paths (${mib(
            blastAllJson.result,
          )})`,
          fmt(blastAllJson.ms),
        ],
        [
          `blast radius(service) + JSON, as served (${mib(
            blastServedJson.result,
          )}, paths ${
            blastServedJson.result.includes('"pathsOmitted":true')
              ? 'omitted'
              : 'inline'
          })`,
          fmt(blastServedJson.ms),
        ],
        [
          'blast radius + JSON as served, 20 services: median / max',
          `${fmt(median(sampleServed))} / ${fmt(Math.max(...sampleServed))}`,
        ],
        [
          `service matrix, first page of 25 rows + JSON, 12 cells a row as the tab asks (${mib(
            servicePage.result,
          )})`,
          fmt(servicePage.ms),
        ],
        [
          `service matrix, page from ${
            catalog.serviceNames[0]
          } + JSON, 12 cells a row (${mib(
            wideServicePage.result,
          )}); longest row ${fmt(serviceRowMs)} ms`,
          fmt(wideServicePage.ms),
        ],
        [
          `service matrix, the same page with every cell (${mib(
            wideServicePageWhole.result,
          )})`,
          fmt(wideServicePageWhole.ms),
        ],
        [
          `computeImpactPath(service → farthest, ${far.path.length} steps)`,
          fmtSmall(onePath.ms),
        ],
        [
          `computeImpactPath(domain → domain, ${
            oneDomainPath?.result.path.length ?? '-'
          } steps)`,
          oneDomainPath ? fmtSmall(oneDomainPath.ms) : 'n/a',
        ],
        [
          `computeImpactPath(service → users, ${oneUsersPath.result.path.length} steps)`,
          fmtSmall(oneUsersPath.ms),
        ],
      ],
    );
    console.log(
      '\n  What the Failure impact card (summary) and tab (pages) fetch, against the whole blast radius',
    );
    printTable(
      [
        'entity',
        'entries (both sides)',
        'whole radius as served',
        'card: /summary (10 worst)',
        'tab: /entries page of 50',
        'page of 200 (max)',
        'summary cut + JSON ms',
      ],
      [
        ...answers,
        {
          ...largestSummary,
          ref: `largest of 20 sampled: ${largestSummary.ref}`,
        },
      ].map(a => [
        a.ref,
        a.entries,
        bodySize(a.whole),
        bodySize(a.summary),
        bodySize(a.page50),
        bodySize(a.page200),
        fmtSmall(a.summaryMs),
      ]),
    );
    // What the Context map card fetches on a Domain page: the neighbourhood of domain-0 (in
    // this catalog the gateways' domain, tied to nearly every domain), whole and as the card
    // asks for it (the outline of its 12 most tied neighbours), and on the page of the
    // department that owns every domain.
    const hub = `domain:default/${catalog.domainNames[0]}`;
    const mapInputs = {
      violations: rules.result.violations,
      migration: migration.result,
    };
    const department = 'group:default/engineering';
    const neighbourhoods = (
      [
        ['whole neighbourhood (Map tab ?domain=)', { domain: hub }, true],
        ['?neighbours=12', { domain: hub, neighbours: 12 }, true],
        [
          'card: ?neighbours=12&details=false',
          { domain: hub, neighbours: 12 },
          false,
        ],
        [
          `card of ${department}: ?team=&neighbours=12&details=false`,
          { team: department, neighbours: 12 },
          false,
        ],
      ] as const
    ).map(([label, focus, details]) => {
      const whole = computeContextMap(g, mapInputs, focus);
      const map = details ? whole : outlineContextMap(whole);
      return [
        label,
        map.nodes.length,
        map.edges.length,
        (map.focus?.moreNeighbours ?? 0) + (map.focus?.moreDomains ?? 0),
        bodySize(JSON.stringify(map)),
      ];
    });
    console.log(`\n  What the Context map card fetches on the page of ${hub}`);
    printTable(
      ['answer', 'domains', 'edges', 'more domains (counted)', 'body'],
      neighbourhoods,
    );
    // A reader the catalog hides a tenth of the entities from: the first page of a tab redacts
    // the whole result for them (and indexes or selects it); since the eleventh session their
    // next pages are cut from what their redactor kept, as the service does.
    const hiddenRefs = new Set(
      [...g.entities.keys()].filter((_, i) => i % 10 === 3),
    );
    const restricted = { has: (ref: string) => !hiddenRefs.has(ref) };
    const servedMatrix = computeFailureMatrix(g, 'domain', served);
    const firstPage = { limit: 25, offset: 0 };
    /** One tab's page for that reader: redacted for the request, and cut from what was kept. */
    const restrictedPage = <K>(
      label: string,
      redact: (redactor: AnalysisRedactor) => K,
      cut: (kept: K) => unknown,
    ) => {
      const first = timeSync(
        () => cut(redact(new AnalysisRedactor(g, restricted))),
        3,
      );
      const kept = redact(new AnalysisRedactor(g, restricted));
      return [label, fmt(first.ms), fmtSmall(timeSync(() => cut(kept), 5).ms)];
    };
    const restrictedPages = [
      restrictedPage(
        'Ownership tab: a page of teams',
        r => {
          const visible = r.ownership(ownership.result);
          return { visible, index: indexOwnership(visible) };
        },
        ({ visible, index }) => pageOwnership(visible, index, firstPage),
      ),
      restrictedPage(
        'Failure isolation tab: a page of rows',
        r => r.failureMatrix(servedMatrix),
        visible => pageFailureMatrix(visible, firstPage, { maxPathCells: 150 }),
      ),
      restrictedPage(
        'Rules tab: a page of violations',
        r => {
          const visible = r.ruleViolations(rules.result);
          return { visible, selection: selectRuleViolations(visible, '') };
        },
        ({ visible, selection }) =>
          pageRuleViolations(visible, selection, firstPage),
      ),
    ];
    console.log(
      `\n  A reader the catalog hides ${hiddenRefs.size} entities from (every tenth)`,
    );
    printTable(
      [
        'page',
        'redacted for the request ms (before; now the first page)',
        "cut from what the reader's redactor kept ms (the next pages)",
      ],
      restrictedPages,
    );
    // The service redacts the Rules tab's listing in steps (runInSlices) since the twelfth
    // session: its longest piece of the loop, then the reader's selection (one piece).
    const rulesRedacted = new AnalysisRedactor(g, restricted);
    const longestRulesStep = longestStepMs(
      rulesRedacted.ruleViolationsSteps(rules.result),
    );
    const rulesSelection = timeSync(
      () =>
        selectRuleViolations(rulesRedacted.ruleViolations(rules.result), ''),
      3,
    );
    console.log(
      `  Rules tab, first page as the service runs it: the redaction in steps, longest step ${fmt(
        longestRulesStep,
      )} ms; then the reader's selection (one piece) ${fmt(
        rulesSelection.ms,
      )} ms`,
    );
    // What a worker thread computing a generation would cost the serving loop to hand its
    // results back: postMessage copies with the v8 serializer, and the receiving thread
    // deserialises each message in one piece, whatever its size.
    console.log(
      '\n  Handing the results to another thread (v8 serialize / deserialize, as postMessage does)',
    );
    printTable(
      [
        'result',
        'compute ms (floor: the work moved)',
        'serialized',
        'serialize ms',
        'deserialize ms (one piece on the receiving loop)',
      ],
      (
        [
          ['catalog entities as read', readEntities, NaN],
          ['catalog entities as JSON text', JSON.stringify(readEntities), NaN],
          ['catalog graph', g, graph.ms],
          ['ownership', ownership.result, ownership.ms],
          ['domain failure matrix', matrix.result, matrix.ms],
          ['migration status', migration.result, migration.ms],
          ['rule violations', rules.result, rules.ms],
        ] as const
      ).map(([label, value, computeMs]) => {
        const serialized = timeSync(() => v8.serialize(value), 3);
        const deserialize = timeSync(
          () => v8.deserialize(serialized.result),
          3,
        );
        return [
          label,
          fmt(computeMs),
          `${(serialized.result.length / 2 ** 20).toFixed(1)} MiB`,
          fmt(serialized.ms),
          fmt(deserialize.ms),
        ];
      }),
    );
    console.log();
    summary.push([
      size,
      catalog.entities.length,
      fmt(readMs),
      fmt(analysisMs),
      Number.isNaN(readMs) ? 'n/a' : (analysisMs / readMs).toFixed(2),
      fmt(blastService.ms),
      fmt(blastDomain.ms),
      fmt(blastServedJson.ms),
      fmt(matrixServedJson.ms),
      fmtSmall(onePath.ms),
      `${bodySize(answers[0].summary)} / ${bodySize(answers[0].whole)}`,
    ]);
  }
  console.log(
    '## Summary (target at 10,000 services: analysis/read <= 1, blast radius < 50 ms)',
  );
  printTable(
    [
      'services',
      'entities',
      'catalog read ms (floor)',
      'analysis ms',
      'analysis/read',
      'blast radius (service) ms',
      'blast radius (domain) ms',
      'blast radius + JSON as served ms',
      'domain matrix + JSON as served ms',
      'one impact path ms',
      'service-0: card summary / whole radius',
    ],
    summary,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
