// Nothing is lost on restart: the built backend on the embedded SQLite database with its data
// in a directory (as ./scripts/start.sh runs it, app-config.yaml `connection.directory`)
// accepts CI events and takes its migration snapshot, is stopped, is started again on the same
// directory, and still serves the releases, the history and the snapshot.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  devServiceToken,
  getJson,
  startBuiltPortal,
  waitFor,
} from './lib/portal.mjs';

const port = Number(process.env.DOMAIN_SPLIT_E2E_RESTART_PORT ?? 7019);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domain-split-data-'));
const configFile = path.join(dataDir, 'app-config.restart.yaml');
fs.writeFileSync(
  configFile,
  [
    'backend:',
    '  database:',
    '    client: better-sqlite3',
    '    connection:',
    `      directory: ${JSON.stringify(path.join(dataDir, 'sqlite'))}`,
    '',
  ].join('\n'),
);

let portal;
after(async () => {
  await portal?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function post(baseUrl, event, expectedStatus = 202) {
  const res = await fetch(`${baseUrl}/api/domain-split/webhooks/ci`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${devServiceToken}`,
    },
    body: JSON.stringify(event),
  });
  const body = await res.json();
  assert.equal(res.status, expectedStatus, JSON.stringify(body));
  return body;
}

const deployment = occurredAt => ({
  id: 'restart-orders-9.9.1',
  type: 'deployment',
  occurredAt,
  service: 'orders-service',
  version: '9.9.1',
  environment: 'production',
  status: 'success',
});

test('a restart on the same data directory keeps releases, history and snapshots', async () => {
  portal = await startBuiltPortal({ port, extraConfigFiles: [configFile] });
  const occurredAt = new Date(Date.now() - 60_000).toISOString();
  await post(portal.baseUrl, deployment(occurredAt));
  await post(portal.baseUrl, {
    id: 'restart-orders-9.9.1-contract',
    type: 'test_run',
    occurredAt,
    service: 'orders-service',
    version: '9.9.1',
    suite: 'contract',
    result: 'passed',
  });
  // The start-up catch-up task stores today's snapshot once the catalog has its Domains.
  await waitFor(
    async () =>
      (
        await getJson(portal.baseUrl, '/api/domain-split/migration/history')
      ).snapshots.length === 1,
    { timeoutMs: 120_000, what: "today's migration snapshot" },
  );
  const before = await getJson(portal.baseUrl, '/api/domain-split/releases');
  await portal.stop();
  assert.ok(
    fs
      .readdirSync(path.join(dataDir, 'sqlite'))
      .some(f => f.includes('domain-split')),
    'the plugin keeps its database in the data directory',
  );

  portal = await startBuiltPortal({ port, extraConfigFiles: [configFile] });
  await waitFor(
    async () => {
      const res = await fetch(`${portal.baseUrl}/api/domain-split/releases`, {
        headers: { authorization: `Bearer ${devServiceToken}` },
      });
      return res.ok;
    },
    { timeoutMs: 60_000, what: 'the releases after the restart' },
  );
  const afterRestart = await getJson(
    portal.baseUrl,
    '/api/domain-split/releases',
  );
  const live = r =>
    r.current.find(
      c => c.service === 'orders-service' && c.environment === 'production',
    );
  assert.equal(live(afterRestart)?.version, '9.9.1');
  // The catalog is the one settled before the restart (its fingerprint is kept in the data
  // directory): settled by the first read that finds it, not by two reads in a row.
  assert.match(
    fs.readFileSync(portal.logFile, 'utf8'),
    /Catalog read for Domain Split: \d+ entities in \d+ ms \(the catalog of the last settled read\)/,
  );
  assert.deepEqual(live(afterRestart), live(before));

  const history = await getJson(
    portal.baseUrl,
    '/api/domain-split/releases/orders-service/history',
  );
  assert.deepEqual(
    history.deployments.map(d => d.eventId),
    ['restart-orders-9.9.1'],
  );
  assert.deepEqual(
    history.testRuns.map(t => t.eventId),
    ['restart-orders-9.9.1-contract'],
  );
  const snapshots = await getJson(
    portal.baseUrl,
    '/api/domain-split/migration/history',
  );
  assert.equal(snapshots.snapshots.length, 1);

  // A redelivery after the restart is still recognised by its id.
  const again = await post(portal.baseUrl, deployment(occurredAt), 200);
  assert.equal(again.status, 'duplicate');
});
