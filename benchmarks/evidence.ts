/*
 * Evidence-read benchmark: the analysis' evidence read (DatabaseStore.getEvidence, windowed
 * and per key) against the whole-table read it replaced (every deployment and test run, newest
 * first: the read before migration 20261128140000), on SQLite and PostgreSQL, with N synthetic
 * CI events spread over D days. Then, for both reads, what AnalysisService does with them once
 * per evidence generation: records matched with the catalog, one EvidenceContext, the
 * migration status and the rule check (30-day window, judged now); the answers of both must
 * be equal, and the script says so.
 *
 *   yarn bench:evidence [--events 50000] [--services 1000] [--days 365] [--reads 5]
 *                       [--engines sqlite,postgres]
 *
 * Prints figures; asserts nothing about time.
 */
import {
  buildCatalogGraph,
  checkRules,
  computeMigrationStatus,
  DEFAULT_EVIDENCE_POLICY,
  EvidenceContext,
  serviceCatalogIndex,
  ServiceCatalogIndex,
  toDeploymentRecords,
  toTestRunRecords,
} from '@internal/plugin-domain-split-common';
import {
  toStoredDeployment,
  toTestRun,
} from '@internal/plugin-domain-split-backend/src/database/DatabaseStore';
import type { StoredEvidence } from '@internal/plugin-domain-split-backend/src/database/CiStore';
import type { Knex } from 'knex';
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';
import { generateCatalog, generateEventStream } from './lib/syntheticCatalog';
import { dropDatabases, postgresReachable, uniquePrefix } from './lib/postgres';
import { fmt, median, printTable } from './lib/timing';
import { machine, parseArgs } from './lib/args';
import { createKnex, createStore, ingestEvents } from './lib/store';

const DAY = 86_400_000;

/** The read before the windowed one: both tables whole, newest first. */
async function wholeTables(knex: Knex): Promise<StoredEvidence> {
  const newestFirst = [
    { column: 'occurred_at', order: 'desc' },
    { column: 'event_id', order: 'desc' },
  ];
  const deployments = await knex('deployments').orderBy(newestFirst);
  const testRuns = await knex('test_runs').orderBy(newestFirst);
  return {
    deployments: deployments.map(toStoredDeployment),
    testRuns: testRuns.map(toTestRun),
  };
}

/** What AnalysisService computes from one evidence read, as it does once per generation. */
function analyse(
  services: ServiceCatalogIndex,
  stored: StoredEvidence,
  now: Date,
) {
  const context = new EvidenceContext(services, {
    deployments: toDeploymentRecords(stored.deployments, services),
    testRuns: toTestRunRecords(stored.testRuns, services),
  });
  const scope = { policy: DEFAULT_EVIDENCE_POLICY, now };
  return {
    migration: computeMigrationStatus(context, scope),
    rules: checkRules(context, scope),
  };
}

async function timed<T>(run: () => Promise<T> | T) {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

async function runOne(
  engine: 'sqlite' | 'postgres',
  options: { events: number; services: number; days: number; reads: number },
) {
  const catalog = generateCatalog({ services: options.services });
  const services = serviceCatalogIndex(buildCatalogGraph(catalog.entities));
  // The stream's events, spread evenly over `days` up to an hour ago.
  const end = Date.now() - 3_600_000;
  const spacing = (options.days * DAY) / options.events;
  const events = generateEventStream({
    serviceNames: catalog.serviceNames,
    count: options.events,
  }).map((event, i) => ({
    ...event,
    occurredAt: new Date(
      end - options.days * DAY + Math.round(i * spacing),
    ).toISOString(),
  }));
  const prefix = uniquePrefix('evidence');
  const knex = await createKnex(engine, prefix, 'evidence');
  try {
    const store = await createStore(knex);
    const ingestStarted = performance.now();
    await ingestEvents(store, events);
    const ingestMs = performance.now() - ingestStarted;
    const now = new Date();
    const since = new Date(
      now.getTime() - DEFAULT_EVIDENCE_POLICY.windowMs,
    ).toISOString();

    // Alternating, so that both reads see the same machine load.
    const whole: number[] = [];
    const windowed: number[] = [];
    let wholeRead: StoredEvidence | undefined;
    let windowedRead: StoredEvidence | undefined;
    for (let i = 0; i < options.reads + 1; i++) {
      const a = await timed(() => wholeTables(knex));
      const b = await timed(() => store.getEvidence({ since }));
      if (i > 0) {
        whole.push(a.ms);
        windowed.push(b.ms);
      }
      wholeRead = a.value;
      windowedRead = b.value;
    }
    const wholeAnalysis = await timed(() => analyse(services, wholeRead!, now));
    const windowedAnalysis = await timed(() =>
      analyse(services, windowedRead!, now),
    );
    return {
      engine,
      ingestMs,
      stored: {
        deployments: wholeRead!.deployments.length,
        testRuns: wholeRead!.testRuns.length,
      },
      read: {
        deployments: windowedRead!.deployments.length,
        testRuns: windowedRead!.testRuns.length,
      },
      whole,
      windowed,
      wholeAnalysisMs: wholeAnalysis.ms,
      windowedAnalysisMs: windowedAnalysis.ms,
      equal: isDeepStrictEqual(wholeAnalysis.value, windowedAnalysis.value),
      violations: windowedAnalysis.value.rules.violations.length,
    };
  } finally {
    await knex.destroy();
    if (engine === 'postgres') await dropDatabases(prefix);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const options = {
    events: Number(args.events ?? 50_000),
    services: Number(args.services ?? 1000),
    days: Number(args.days ?? 365),
    reads: Number(args.reads ?? 5),
  };
  let engines = String(args.engines ?? 'sqlite,postgres').split(',') as (
    | 'sqlite'
    | 'postgres'
  )[];
  if (engines.includes('postgres') && !(await postgresReachable())) {
    console.log('PostgreSQL is not reachable on 127.0.0.1:5432: SQLite only');
    engines = engines.filter(e => e !== 'postgres');
  }
  console.log(`# Evidence-read benchmark (${machine()})`);
  console.log(
    `${options.events} events over ${options.days} days, ${options.services} services; 30-day window; ${options.reads} reads each, alternating, after one warm-up`,
  );
  const rows: (string | number)[][] = [];
  for (const engine of engines) {
    const r = await runOne(engine, options);
    console.log(
      `load average ${os
        .loadavg()
        .map(l => l.toFixed(1))
        .join(' ')}; ${engine}: stored ${r.stored.deployments} deployments + ${
        r.stored.testRuns
      } test runs in ${fmt(r.ingestMs)} ms; whole reads ${r.whole
        .map(fmt)
        .join(', ')} ms; windowed reads ${r.windowed.map(fmt).join(', ')} ms; ${
        r.violations
      } violations; answers equal: ${r.equal ? 'yes' : 'NO'}`,
    );
    rows.push([
      engine,
      `${r.stored.deployments} + ${r.stored.testRuns}`,
      fmt(median(r.whole)),
      `${r.read.deployments} + ${r.read.testRuns}`,
      fmt(median(r.windowed)),
      fmt(r.wholeAnalysisMs),
      fmt(r.windowedAnalysisMs),
      r.equal ? 'yes' : 'NO',
    ]);
  }
  printTable(
    [
      'engine',
      'rows stored (dep + runs)',
      'whole read ms (median)',
      'rows read windowed',
      'windowed read ms (median)',
      'analysis on whole ms',
      'analysis on windowed ms',
      'same answers',
    ],
    rows,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
