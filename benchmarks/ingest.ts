/*
 * Ingest benchmark: signed CI webhook events per second and p50/p99 latency with 32
 * concurrent senders, on SQLite and on PostgreSQL, against a no-op route on the same backend
 * (same HTTP work and signature check, no database write). Afterwards the stored rows are
 * counted: every event answered 2xx must be there exactly once.
 *
 *   yarn bench:ingest [--events 4000] [--senders 32] [--engines sqlite,postgres]
 *
 * Prints figures; asserts nothing about time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateEventStream } from './lib/syntheticCatalog';
import {
  baseConfig,
  databaseConfig,
  repoRoot,
  startBackend,
} from './lib/backend';
import {
  dropDatabases,
  postgresReachable,
  uniquePrefix,
  PG_CONNECTION,
} from './lib/postgres';
import { fmt, percentile, printTable } from './lib/timing';
import { machine, parseArgs } from './lib/args';
import { DEV_WEBHOOK_SECRET, signDelivery } from './lib/webhook';

const SECRET = DEV_WEBHOOK_SECRET;

interface Request {
  body: string;
  headers: Record<string, string>;
}

function signedRequests(events: Record<string, unknown>[]): Request[] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return events.map(event => {
    const body = JSON.stringify(event);
    const id = `msg_${event.id}`;
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': timestamp,
        'webhook-signature': signDelivery(id, timestamp, body),
      },
    };
  });
}

interface RunResult {
  perSecond: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  statuses: Record<number, number>;
}

/** Sends every request once with `senders` concurrent loops; a bounded loop, loopback only. */
async function send(
  url: string,
  requests: Request[],
  senders: number,
): Promise<RunResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (next < requests.length) {
        const request = requests[next++];
        const t0 = performance.now();
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: request.headers,
            body: request.body,
          });
          await res.arrayBuffer();
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.ok) ok++;
          else failed++;
        } catch {
          failed++;
          statuses[0] = (statuses[0] ?? 0) + 1;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    perSecond: requests.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok,
    failed,
    statuses,
  };
}

async function countRows(
  engine: 'sqlite' | 'postgres',
  where: { prefix?: string; dir?: string },
) {
  const tables = ['ci_events', 'deployments', 'test_runs', 'releases'];
  const counts: Record<string, number> = {};
  if (engine === 'postgres') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Client } = require('pg');
    const client = new Client({
      ...PG_CONNECTION,
      database: `${where.prefix}domain-split`,
    });
    await client.connect();
    try {
      for (const table of tables) {
        counts[table] = Number(
          (await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n,
        );
      }
    } finally {
      await client.end();
    }
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('better-sqlite3');
    const file = fs
      .readdirSync(where.dir!)
      .find(f => f.startsWith('domain-split'));
    const db = new Database(path.join(where.dir!, file!), { readonly: true });
    try {
      for (const table of tables) {
        counts[table] = Number(
          db.prepare(`SELECT count(*) AS n FROM ${table}`).get().n,
        );
      }
    } finally {
      db.close();
    }
  }
  return counts;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const total = Number(args.events ?? 4000);
  const senders = Number(args.senders ?? 32);
  const warmup = 200;
  let engines = String(args.engines ?? 'sqlite,postgres').split(',') as (
    | 'sqlite'
    | 'postgres'
  )[];
  if (engines.includes('postgres') && !(await postgresReachable())) {
    console.log(
      'PostgreSQL is not reachable on 127.0.0.1:5432: measuring SQLite only',
    );
    engines = engines.filter(e => e !== 'postgres');
  }
  const port = Number(args.port ?? 7130);
  console.log(`# Ingest benchmark (${machine()})`);
  console.log(
    `${total} signed events per run (+${warmup} warm-up), ${senders} concurrent senders, loopback\n`,
  );

  const services = Array.from({ length: 200 }, (_, i) => `service-${i}`);
  const rows: (string | number)[][] = [];
  for (const engine of engines) {
    const prefix = engine === 'postgres' ? uniquePrefix('ingest') : undefined;
    const dir =
      engine === 'sqlite'
        ? fs.mkdtempSync(path.join(os.tmpdir(), 'ds-bench-sqlite-'))
        : undefined;
    const database =
      engine === 'sqlite'
        ? { client: 'better-sqlite3', connection: { directory: dir } }
        : databaseConfig('postgres', prefix);
    const backend = await startBackend({
      entry: path.join(repoRoot, 'benchmarks/backend/ingest.ts'),
      args: ['-r', require.resolve('sucrase/register')],
      port,
      config: {
        ...baseConfig(port, database),
        catalog: { locations: [] },
        domainSplit: {
          monorepo: { url: 'https://github.com/synthetic/monorepo' },
          webhooks: { standardWebhooks: { secrets: [SECRET] } },
        },
      },
    });
    try {
      const start = new Date(
        Date.now() - 2 * 24 * 60 * 60 * 1000 - (total + warmup) * 1000,
      );
      const stream = generateEventStream({
        serviceNames: services,
        count: total + warmup,
        seed: 11,
        start,
      }).map((e, i) => ({
        ...e,
        occurredAt: new Date(start.getTime() + i * 1000).toISOString(),
      }));
      const noopUrl = `${backend.baseUrl}/api/bench-noop/webhooks/ci`;
      const realUrl = `${backend.baseUrl}/api/domain-split/webhooks/ci`;
      await send(noopUrl, signedRequests(stream.slice(0, warmup)), senders);
      await send(realUrl, signedRequests(stream.slice(0, warmup)), senders);
      const noop = await send(
        noopUrl,
        signedRequests(stream.slice(warmup)),
        senders,
      );
      const real = await send(
        realUrl,
        signedRequests(stream.slice(warmup)),
        senders,
      );
      await backend.stop();
      const counts = await countRows(engine, { prefix, dir });
      const stored = counts.ci_events;
      const accepted = warmup + real.ok;
      console.log(`## ${engine}`);
      console.log(
        `  no-op route: ${JSON.stringify(
          noop.statuses,
        )}; webhook: ${JSON.stringify(real.statuses)}`,
      );
      console.log(
        `  rows: ${JSON.stringify(
          counts,
        )}; accepted with 2xx (incl. warm-up): ${accepted}; lost: ${
          accepted - stored
        }`,
      );
      rows.push(
        [
          engine,
          'FLOOR: no-op route',
          fmt(noop.perSecond),
          fmt(noop.p50),
          fmt(noop.p99),
          noop.failed,
          '-',
        ],
        [
          engine,
          'POST /webhooks/ci',
          fmt(real.perSecond),
          fmt(real.p50),
          fmt(real.p99),
          real.failed,
          `${accepted - stored} (${stored} rows)`,
        ],
        [
          engine,
          'webhook / no-op rate',
          (real.perSecond / noop.perSecond).toFixed(2),
          '',
          '',
          '',
          '',
        ],
      );
    } finally {
      await backend.stop();
      if (prefix) await dropDatabases(prefix);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(
    '\n## Summary (target: webhook rate >= 0.5 x no-op rate, zero events lost)',
  );
  printTable(
    ['database', 'route', 'events/s', 'p50 ms', 'p99 ms', 'non-2xx', 'lost'],
    rows,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
