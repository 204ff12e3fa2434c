// Several backend replicas on one PostgreSQL: two built backends share one database prefix,
// each receives half of a CI event stream (with duplicates sent to both, some at the same
// moment), and the result must be what one backend makes of the whole stream on its own
// prefix. The scheduled migration snapshot (scope global) must run once for both. The second
// replica is set up as in a split deployment: no catalog processing, the first one's catalog.
//
// Needs `yarn build:backend` and PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres).
// Without PostgreSQL it is skipped, except in CI (CI=true), where it fails.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  devServiceToken,
  dropDatabases,
  extractBundle,
  freePort,
  getJson,
  postEvent,
  postgresReachable,
  startReplica,
  waitFor,
  waitForExampleCatalog,
  withDatabase,
} from './lib/replicas.mjs';

const SERVICES = [
  'orders-service',
  'payments-service',
  'products-service',
  'inventory-service',
  'checkout-orchestrator',
  'shipping-service',
  'search-readmodels',
  'api-gateway',
];
const UNKNOWN = ['legacy-billing', 'fraud-scorer'];
const HOUR = 60 * 60 * 1000;
const CATCH_UP_TASK = 'domain-split-migration-snapshot-catch-up';

/**
 * A deterministic CI history over the last days: deployments (with a rollback and failures),
 * contract and domain test runs, releases; two services the catalog does not know. Several
 * events share one occurredAt, so ordering ties are exercised too.
 */
function eventStream(now) {
  const events = [];
  const start = now - 10 * 24 * HOUR;
  let n = 0;
  const at = hours => new Date(start + hours * HOUR).toISOString();
  for (const [s, service] of [...SERVICES, ...UNKNOWN].entries()) {
    for (let v = 1; v <= 4; v++) {
      const version = `2.${s}.${v}`;
      const t = s * 3 + v * 20;
      events.push({
        id: `rep-${n++}`,
        type: 'release',
        occurredAt: at(t),
        service,
        version,
      });
      events.push({
        id: `rep-${n++}`,
        type: 'test_run',
        occurredAt: at(t + 1),
        service,
        version,
        suite: 'contract',
        result: v === 3 && s % 2 ? 'failed' : 'passed',
      });
      events.push({
        id: `rep-${n++}`,
        type: 'test_run',
        occurredAt: at(t + 1),
        service,
        version,
        suite: 'domain',
        result: 'passed',
      });
      for (const environment of ['staging', 'production']) {
        events.push({
          id: `rep-${n++}`,
          type: 'deployment',
          occurredAt: at(t + (environment === 'staging' ? 2 : 5)),
          service,
          version,
          environment,
          status:
            v === 2 && environment === 'production' ? 'failure' : 'success',
          pipeline: {
            id: `run-${t}`,
            repository: 'aliexpress-platform/aliexpress-platform',
          },
          commit: `abc${t.toString(16)}`,
        });
      }
    }
    // A rollback to the first version in production, at the very end.
    events.push({
      id: `rep-${n++}`,
      type: 'deployment',
      occurredAt: at(100 + s),
      service,
      version: `2.${s}.1`,
      environment: 'production',
      status: 'success',
    });
  }
  return events;
}

/** A fixed pseudo-random permutation (so a run repeats). */
function shuffle(items, seed) {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Arrival times differ between runs; everything else must be identical. */
const OBSERVATION_TIMES = new Set([
  'receivedAt',
  'firstSeenAt',
  'lastSeenAt',
  'resolvedAt',
]);

function withoutArrival(value) {
  if (Array.isArray(value)) return value.map(withoutArrival);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        // When an event arrived, and when a violation was first / last seen or resolved, are
        // times of observation: they differ between deployments, the answers must not.
        .filter(([key]) => !OBSERVATION_TIMES.has(key))
        .map(([key, v]) => [key, withoutArrival(v)]),
    );
  }
  return value;
}

/**
 * Answers computed from the CI evidence: each replica caches them per evidence generation, so
 * they agree only when every replica notices the other's writes.
 */
async function computedOf(baseUrl) {
  const releases = await getJson(baseUrl, '/api/domain-split/releases');
  const unmatched = await getJson(
    baseUrl,
    '/api/domain-split/events/unmatched',
  );
  const violations = await getJson(
    baseUrl,
    '/api/domain-split/rules/violations',
  );
  const { generatedAt: _generatedAt, ...migration } = await getJson(
    baseUrl,
    '/api/domain-split/migration',
  );
  return { releases, unmatched, violations, migration };
}

async function snapshotOf(baseUrl) {
  const history = {};
  for (const service of [...SERVICES, ...UNKNOWN]) {
    history[service] = await getJson(
      baseUrl,
      `/api/domain-split/releases/${encodeURIComponent(service)}/history`,
    );
  }
  return withoutArrival({ ...(await computedOf(baseUrl)), history });
}

const reachable = await postgresReachable();
const skip =
  !reachable && process.env.CI !== 'true'
    ? 'PostgreSQL is not reachable on 127.0.0.1:5432 (the replica test needs it; CI=true makes this a failure)'
    : false;

const run = `${process.pid}_${Date.now().toString(36)}`;
const singlePrefix = `dsrep_single_${run}_`;
const sharedPrefix = `dsrep_shared_${run}_`;
const started = [];
let workDir;
let passed = false;

before(async () => {
  if (skip) return;
  assert.ok(reachable, 'PostgreSQL must be reachable on 127.0.0.1:5432 in CI');
  workDir = extractBundle();
});

after(async () => {
  for (const backend of started) await backend.stop();
  if (reachable) {
    await dropDatabases(singlePrefix);
    await dropDatabases(sharedPrefix);
  }
  // The backends' logs stay for a failed run.
  if (workDir && passed) fs.rmSync(workDir, { recursive: true, force: true });
  else if (workDir) console.log(`replica test logs: ${workDir}/*.log`);
});

test(
  'two replicas on one PostgreSQL give the same result as one backend, and snapshot once',
  { skip, timeout: 600_000 },
  async () => {
    const events = eventStream(Date.now());
    const duplicated = events.filter((_, i) => i % 3 === 0);

    // One backend, the whole stream in order, each duplicate sent twice.
    const single = await startReplica({
      workDir,
      port: await freePort(),
      prefix: singlePrefix,
      name: 'single',
    });
    started.push(single);
    await waitForExampleCatalog(single.baseUrl);
    for (const event of events) await postEvent(single.baseUrl, event);
    for (const event of duplicated) {
      assert.equal(
        await postEvent(single.baseUrl, event),
        200,
        `${event.id} is a duplicate`,
      );
    }
    const expected = await snapshotOf(single.baseUrl);
    await single.stop();
    started.pop();

    // Two replicas on one prefix, started one after the other as in a rolling deployment (two
    // fresh backends started at the same instant race for knex's migration lock, and the loser
    // exits with MigrationLocked; an orchestrator would restart it). Half of a shuffled stream
    // each, duplicates to both at the same moment, eight senders at a time.
    const a = await startReplica({
      workDir,
      port: await freePort(),
      prefix: sharedPrefix,
      name: 'replica-a',
    });
    started.push(a);
    // B as a backend of a split deployment: it processes no catalog and its Domain Split reads
    // A's catalog over HTTP (benchmarks/README.md, bench:serving --split).
    const b = await startReplica({
      workDir,
      port: await freePort(),
      prefix: sharedPrefix,
      name: 'replica-b',
      catalogFrom: a.baseUrl,
    });
    started.push(b);
    await Promise.all([
      waitForExampleCatalog(a.baseUrl),
      waitForExampleCatalog(b.baseUrl),
    ]);
    // Warm both replicas' caches of computed answers before any event arrives: the answers
    // compared below must come from recomputation, not from a cold start.
    await computedOf(a.baseUrl);
    await computedOf(b.baseUrl);
    const dup = new Set(duplicated.map(e => e.id));
    const sends = shuffle(events, 42).flatMap((event, i) => {
      const mine = i % 2 ? b : a;
      const other = mine === a ? b : a;
      return dup.has(event.id) ? [[event, [mine, other]]] : [[event, [mine]]];
    });
    const statuses = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < sends.length) {
          const [event, targets] = sends[next++];
          statuses.push(
            ...(await Promise.all(
              targets.map(t => postEvent(t.baseUrl, event)),
            )),
          );
        }
      }),
    );
    assert.equal(
      statuses.filter(s => s === 202).length,
      events.length,
      'each event accepted exactly once',
    );
    assert.equal(
      statuses.filter(s => s === 200).length,
      duplicated.length,
      'each duplicate recognised',
    );

    // Both replicas answer what the single backend answered, once each has probed the evidence
    // generation again (at most 250 ms after another replica's write).
    await new Promise(resolve => setTimeout(resolve, 500));
    const fromA = await snapshotOf(a.baseUrl);
    const fromB = await snapshotOf(b.baseUrl);
    assert.deepEqual(
      fromA,
      expected,
      'replica A differs from the single backend',
    );
    assert.deepEqual(
      fromB,
      expected,
      'replica B differs from the single backend',
    );
    // B's Domain Split read A's catalog: B's own catalog answered none of the catalog client's
    // page reads (user agent node-fetch), A's answered them.
    const catalogPageReads = log =>
      log
        .split('\n')
        .filter(
          line =>
            line.includes('"url":"/api/catalog/entities/by-query') &&
            line.includes('"userAgent":"node-fetch'),
        ).length;
    assert.ok(catalogPageReads(a.readLog()) > 0, "A's catalog was read");
    assert.equal(
      catalogPageReads(b.readLog()),
      0,
      "B's Domain Split read B's own catalog, not A's",
    );

    const database = `${sharedPrefix}domain-split`;
    const stored = await withDatabase(database, c =>
      c.query('SELECT count(*)::int AS n FROM ci_events'),
    );
    assert.equal(
      stored.rows[0].n,
      events.length,
      'one stored event per delivery id',
    );

    // The scheduled snapshot (scope global): today's snapshot appears, taken by one replica only.
    // The catch-up task runs 30 s after start-up and then every 5 minutes; when the catalog was
    // still loading at its first run, the test asks both replicas' schedulers to run it now, at
    // the same moment (the same task, the same cross-replica lock; a 409 means already running).
    const today = new Date().toISOString().slice(0, 10);
    const hasToday = async replica => {
      const history = await getJson(
        replica.baseUrl,
        '/api/domain-split/migration/history',
      );
      return history.snapshots.some(s => s.takenAt.startsWith(today));
    };
    try {
      await waitFor(() => hasToday(a), {
        timeoutMs: 45_000,
        what: 'the start-up snapshot',
        intervalMs: 2000,
      });
    } catch {
      const triggers = await Promise.all(
        [a, b].map(r =>
          fetch(
            `${r.baseUrl}/api/domain-split/.backstage/scheduler/v1/tasks/${CATCH_UP_TASK}/trigger`,
            {
              method: 'POST',
              headers: { authorization: `Bearer ${devServiceToken}` },
            },
          ).then(res => res.status),
        ),
      );
      assert.ok(
        triggers.every(s => s === 200 || s === 409),
        `trigger answers ${triggers}`,
      );
      await waitFor(() => hasToday(a), {
        timeoutMs: 120_000,
        what: "today's migration snapshot",
        intervalMs: 2000,
      });
    }
    await new Promise(resolve => setTimeout(resolve, 5000)); // room for a second, wrong run
    const rows = await withDatabase(database, c =>
      c.query('SELECT day FROM migration_snapshots WHERE day = $1', [today]),
    );
    assert.equal(rows.rowCount, 1, 'one snapshot row for today');
    const runs = [a, b].map(
      r => r.readLog().split('Stored the migration snapshot').length - 1,
    );
    assert.equal(
      runs[0] + runs[1],
      1,
      `the snapshot was stored once (replica A ${runs[0]}, B ${runs[1]})`,
    );
    for (const replica of [a, b]) {
      const history = await getJson(
        replica.baseUrl,
        '/api/domain-split/migration/history',
      );
      assert.equal(
        history.snapshots.filter(s => s.takenAt.startsWith(today)).length,
        1,
      );
    }
    passed = true;
  },
);
