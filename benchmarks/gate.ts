/*
 * Deploy-gate benchmark: one `GET /api/domain-split/can-i-deploy` answer, served over HTTP by
 * the Domain Split backend plugin (from source) on a synthetic catalog with the benchmark's CI
 * event history (stored in the plugin's own tables), beside its floor in the same backend and
 * run: a benchmark-only route that authenticates the same way and answers a constant (the
 * gate's own answer, captured once).
 *
 *   yarn bench:gate [--sizes 1000,10000] [--engines sqlite,postgres] [--requests 30]
 *
 * The catalog comes from Backstage's catalog service mock with the synthetic entities (the real
 * catalog's read is the analysis benchmark's floor); the plugin reads it once through its
 * catalog reader (queryEntities pages) and reuses the graph, as it does within
 * domainSplit.catalog.cacheTtl. The event history is `generateEventStream` (5 events per
 * service, ending now) plus `verifiedAgainst` on every contract run: the service's providers
 * and consumers at their latest version so far, so the matrix the gate reads has the size a
 * platform that verifies every pair would have. Every gate answer also records a verdict (an
 * INSERT), as in production. Timings start once the plugin's start-up migration snapshot is
 * taken (30 s after start), so they show the steady state.
 *
 * Prints figures; asserts nothing about time.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  buildCatalogGraph,
  deployGateCounterparts,
  serviceCatalogIndex,
} from '@internal/plugin-domain-split-common';
import domainSplitPlugin from '@internal/plugin-domain-split-backend';
import express from 'express';
import type { Knex } from 'knex';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { generateCatalog, generateEventStream } from './lib/syntheticCatalog';
import { dropDatabases, postgresReachable, uniquePrefix } from './lib/postgres';
import { fmt, median, percentile, printTable } from './lib/timing';
import { machine, parseArgs } from './lib/args';
import { createKnex, createStore, ingestEvents } from './lib/store';

const EVENTS_PER_SERVICE = 5;

/** The benchmark's history with `verifiedAgainst` on contract runs (see the file comment). */
function eventHistory(
  services: string[],
  graph: ReturnType<typeof buildCatalogGraph>,
) {
  const count = services.length * EVENTS_PER_SERVICE;
  // Ends now: the webhook refuses events more than an hour in the future.
  const start = new Date(Date.now() - (count + 5) * 60_000);
  const events = generateEventStream({
    serviceNames: services,
    count,
    start,
  });
  const index = serviceCatalogIndex(graph);
  const latest = new Map<string, string>();
  let pairs = 0;
  for (const event of events as Record<string, any>[]) {
    if (event.type === 'deployment' && event.status === 'success') {
      latest.set(event.service, event.version);
    }
    if (event.type === 'test_run' && event.suite === 'contract') {
      const ref = index.match(event.service)?.entityRef;
      if (!ref) continue;
      const { providers, consumers } = deployGateCounterparts(graph, ref);
      const verifiedAgainst = [...new Set([...providers, ...consumers])]
        .map(r => r.split('/')[1])
        .filter(name => latest.has(name))
        .slice(0, 100)
        .map(name => ({ service: name, version: latest.get(name)! }));
      if (verifiedAgainst.length > 0) {
        event.verifiedAgainst = verifiedAgainst;
        pairs += verifiedAgainst.length;
      }
    }
  }
  return { events, pairs };
}

/** The floor: authenticates like the gate route, answers a constant. */
function floorPlugin(answer: { body: string }) {
  return createBackendPlugin({
    pluginId: 'gate-floor',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          const router = express.Router();
          router.get('/can-i-deploy', async (req, res) => {
            await httpAuth.credentials(req, { allow: ['user', 'service'] });
            res.type('application/json').send(answer.body);
          });
          httpRouter.use(router);
        },
      });
    },
  });
}

async function timeRequest(url: string) {
  const started = performance.now();
  const res = await fetch(url, {
    headers: { authorization: mockCredentials.user.header() },
  });
  const text = await res.text();
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`${url} -> ${res.status}: ${text}`);
  return { ms, bytes: text.length };
}

/**
 * Times `count` requests to each URL (after three warm-ups each), alternating between them so
 * that both see the same machine load (other processes share this machine).
 */
async function timeInterleaved(urls: string[], count: number) {
  const times = urls.map(() => [] as number[]);
  const bytes = urls.map(() => 0);
  for (let i = 0; i < count + 3; i++) {
    for (const [u, url] of urls.entries()) {
      const { ms, bytes: size } = await timeRequest(url);
      bytes[u] = size;
      if (i >= 3) times[u].push(ms);
    }
  }
  return { times, bytes };
}

async function runOne(
  size: number,
  engine: 'sqlite' | 'postgres',
  requests: number,
) {
  const catalog = generateCatalog({ services: size });
  const graph = buildCatalogGraph(catalog.entities);
  const { events, pairs } = eventHistory(catalog.serviceNames, graph);
  const prefix = uniquePrefix('gate');
  const knex: Knex = await createKnex(engine, prefix, 'gate');
  try {
    // Store the history with the plugin's own store and ingest path (one transaction per
    // 100 events, as the group commit writes them).
    const store = await createStore(knex);
    const ingestStarted = performance.now();
    await ingestEvents(store, events);
    const ingestMs = performance.now() - ingestStarted;

    const answer = { body: '{}' };
    const backend = await startTestBackend({
      features: [
        domainSplitPlugin,
        floorPlugin(answer),
        mockServices.rootConfig.factory({
          data: {
            domainSplit: { catalog: { cacheTtl: { hours: 1 } } },
          },
        }),
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: catalog.entities }),
      ],
    });
    try {
      const base = `http://127.0.0.1:${backend.server.port()}/api`;
      // The questions: sampled services at their latest contract-verified version, in
      // production; the first request also reads the catalog and builds the graph (printed).
      const verified = (events as Record<string, any>[]).filter(
        e => e.type === 'test_run' && e.verifiedAgainst,
      );
      const questions = Array.from({ length: 20 }, (_, i) => {
        const e = verified[Math.floor(((i + 0.5) * verified.length) / 20)];
        return `service=${e.service}&version=${e.version}&environment=production`;
      });
      const firstStarted = performance.now();
      const first = await fetch(
        `${base}/domain-split/can-i-deploy?${questions[0]}`,
        { headers: { authorization: mockCredentials.user.header() } },
      );
      answer.body = await first.text();
      const firstMs = performance.now() - firstStarted;
      if (!first.ok) throw new Error(`gate -> ${first.status}: ${answer.body}`);
      const parsed = JSON.parse(answer.body);

      // The plugin takes its start-up migration snapshot 30 s after start (a whole-catalog
      // analysis that would land in the middle of the timings): measure after it, steady state.
      const settleStarted = performance.now();
      while (
        Number((await knex('migration_snapshots').count('* as n'))[0].n) === 0
      ) {
        if (performance.now() - settleStarted > 300_000) {
          throw new Error('no start-up snapshot after 300 s');
        }
        await new Promise(resolve => setTimeout(resolve, 1000));
      }
      await new Promise(resolve => setTimeout(resolve, 2000));

      const {
        times: [floorTimes, gateTimes],
        bytes: [, gateBytes],
      } = await timeInterleaved(
        [
          `${base}/gate-floor/can-i-deploy?${questions[0]}`,
          `${base}/domain-split/can-i-deploy?${questions[0]}`,
        ],
        requests,
      );
      // CPU time per answer (this process serves and asks): wall times on a shared machine
      // include waiting for a core; CPU time does not.
      const cpuPerRequest = async (url: string) => {
        const before = process.cpuUsage();
        for (let i = 0; i < requests; i++) await timeRequest(url);
        const used = process.cpuUsage(before);
        return (used.user + used.system) / 1000 / requests;
      };
      const floorCpu = await cpuPerRequest(
        `${base}/gate-floor/can-i-deploy?${questions[0]}`,
      );
      const gateCpu = await cpuPerRequest(
        `${base}/domain-split/can-i-deploy?${questions[0]}`,
      );
      const sampled: number[] = [];
      for (const question of questions) {
        const { times } = await timeInterleaved(
          [`${base}/domain-split/can-i-deploy?${question}`],
          3,
        );
        sampled.push(median(times[0]));
      }
      const verdicts = (await knex('deploy_verdicts').count('* as n'))[0].n;
      return {
        size,
        engine,
        entities: catalog.entities.length,
        events: events.length,
        pairs,
        ingestMs,
        firstMs,
        reasons: parsed.reasons.length,
        bytes: gateBytes,
        floorCpu,
        gateCpu,
        floor: floorTimes,
        gate: gateTimes,
        sampled,
        verdicts: Number(verdicts),
      };
    } finally {
      await backend.stop();
    }
  } finally {
    await knex.destroy();
    if (engine === 'postgres') await dropDatabases(prefix);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sizes = String(args.sizes ?? '1000,10000')
    .split(',')
    .map(Number);
  let engines = String(args.engines ?? 'sqlite,postgres').split(',') as (
    | 'sqlite'
    | 'postgres'
  )[];
  if (engines.includes('postgres') && !(await postgresReachable())) {
    console.log('PostgreSQL is not reachable on 127.0.0.1:5432: SQLite only');
    engines = engines.filter(e => e !== 'postgres');
  }
  const requests = Number(args.requests ?? 30);
  console.log(`# Deploy-gate benchmark (${machine()})`);
  const rows: (string | number)[][] = [];
  for (const size of sizes) {
    for (const engine of engines) {
      const r = await runOne(size, engine, requests);
      console.log(
        `load average ${os
          .loadavg()
          .map(l => l.toFixed(1))
          .join(' ')}; ${size} services (${r.entities} entities), ${engine}: ${
          r.events
        } events with ${r.pairs} verified pairs stored in ${fmt(
          r.ingestMs,
        )} ms; first answer (catalog read + graph) ${fmt(r.firstMs)} ms; ${
          r.reasons
        } reasons, ${(r.bytes / 1024).toFixed(1)} KiB; ${
          r.verdicts
        } verdicts recorded`,
      );
      rows.push([
        size.toLocaleString('en-US'),
        engine,
        `${fmt(median(r.floor))} / ${fmt(percentile(r.floor, 95))}`,
        `**${fmt(median(r.gate))}** / ${fmt(percentile(r.gate, 95))}`,
        `${fmt(median(r.sampled))} (${fmt(Math.max(...r.sampled))})`,
        `${fmt(r.floorCpu)} / **${fmt(r.gateCpu)}**`,
        `${(r.bytes / 1024).toFixed(1)} KiB`,
      ]);
    }
  }
  console.log();
  printTable(
    [
      'services',
      'database',
      'FLOOR: constant route, median / p95 ms',
      'can-i-deploy, one question: median / p95 ms',
      '20 questions: median (max) ms',
      'CPU ms per request: floor / gate',
      'answer',
    ],
    rows,
  );
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
