// Helpers for the replica test: several *built* backends (the bundle from `yarn build:backend`)
// on one PostgreSQL database prefix, each on its own loopback port, plus signed CI deliveries.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import {
  devServiceToken,
  extractBundle as extractPortalBundle,
  getJson,
  repoRoot,
  waitFor,
  waitForExampleCatalog,
} from './portal.mjs';

export { devServiceToken, getJson, repoRoot, waitFor, waitForExampleCatalog };
export const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };

/** The development Standard Webhooks secret of app-config.yaml. */
export function devWebhookSecret() {
  const text = fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8');
  const match =
    /standardWebhooks:\s*\n\s*secrets:\s*\n\s*-\s*['"]?(whsec_[A-Za-z0-9+/=]+)/.exec(
      text,
    );
  if (!match) throw new Error('no Standard Webhooks secret in app-config.yaml');
  return match[1];
}

/** Standard Webhooks: v1,base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)). */
export function signDelivery(secret, id, timestamp, body) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${crypto
    .createHmac('sha256', key)
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64')}`;
}

/** POSTs one CI event, signed; resolves to the response status (retries once on a 5xx). */
export async function postEvent(baseUrl, event, secret = devWebhookSecret()) {
  for (let attempt = 0; ; attempt++) {
    const body = JSON.stringify(event);
    const deliveryId = `msg_${crypto.randomUUID()}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`${baseUrl}/api/domain-split/webhooks/ci`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': deliveryId,
        'webhook-timestamp': timestamp,
        'webhook-signature': signDelivery(secret, deliveryId, timestamp, body),
      },
      body,
    });
    const text = await res.text();
    if (res.status >= 500 && attempt < 2) continue; // what a CI sender does: retry
    if (res.status >= 300)
      throw new Error(
        `POST ${event.id} -> ${res.status}: ${text.slice(0, 300)}`,
      );
    return res.status;
  }
}

/** A free loopback port (so concurrent runs of the test do not collide). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function postgresReachable() {
  return new Promise(resolve => {
    const socket = net.connect(PG.port, PG.host);
    const done = ok => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    setTimeout(() => done(false), 2000);
  });
}

async function pgClient() {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ ...PG, database: 'postgres' });
  await client.connect();
  return client;
}

/** Runs `fn(client)` against one database (closing the client afterwards). */
export async function withDatabase(database, fn) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ ...PG, database });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops the databases a backend created under `prefix`. */
export async function dropDatabases(prefix) {
  const client = await pgClient();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix.replace(/_/g, '\\_')}%`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

/** Extracts the backend bundle once, with its dependencies linked (portal.mjs). */
export function extractBundle() {
  return extractPortalBundle('domain-split-replicas-');
}

/**
 * Starts one built backend from `workDir` on `port`, on PostgreSQL with `prefix`, with the
 * example catalog. Resolves when it is ready. With `catalogFrom` (another backend's base URL)
 * it does not process the catalog and its plugins read that backend's catalog, as a backend
 * serving Domain Split beside the catalog's own would in a split deployment.
 */
export async function startReplica({
  workDir,
  port,
  prefix,
  name,
  catalogFrom,
}) {
  const configFile = path.join(workDir, `app-config.${name}.json`);
  const baseUrl = `http://127.0.0.1:${port}`;
  // JSON is YAML: the config loader reads it as a YAML file.
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      app: { baseUrl },
      backend: {
        baseUrl,
        listen: { port, host: '127.0.0.1' },
        cors: { origin: baseUrl },
        database: { client: 'pg', connection: PG, prefix },
      },
      auth: {
        providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
      },
      catalog: {
        ...(catalogFrom ? { processingInterval: false } : {}),
        locations: [
          {
            type: 'file',
            target: path.join(repoRoot, 'catalog-info/all.yaml'),
          },
        ],
      },
      ...(catalogFrom
        ? {
            discovery: {
              endpoints: [
                {
                  target: `${catalogFrom}/api/{{pluginId}}`,
                  plugins: ['catalog'],
                },
              ],
            },
          }
        : {}),
      // Short, so that once the whole catalog is in, every replica computes on all of it.
      domainSplit: { catalog: { cacheTtl: { seconds: 1 } } },
    }),
  );
  const logFile = path.join(workDir, `${name}.log`);
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      'packages/backend',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: workDir,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', log, log],
    },
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await new Promise(resolve => child.once('exit', resolve));
      clearTimeout(killer);
    }
    fs.closeSync(log);
  };
  const readLog = () => fs.readFileSync(logFile, 'utf8');
  try {
    await waitFor(
      async () => {
        if (exited)
          throw new Error(
            `backend ${name} exited; log:\n${readLog().slice(-4000)}`,
          );
        return (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok;
      },
      { timeoutMs: 180_000, what: `backend ${name} readiness` },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { name, baseUrl, logFile, readLog, stop };
}
