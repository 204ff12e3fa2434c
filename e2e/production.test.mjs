// The production configuration, on the built backend: app-config.yaml + app-config.production.yaml
// with every secret from the environment, on PostgreSQL (127.0.0.1:5432). People sign in with
// GitHub (the guest provider refuses outside development), permissions use the example policy,
// and the CI token may post CI events but read nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { extractBundle, repoRoot, waitFor } from './lib/portal.mjs';

const port = Number(process.env.DOMAIN_SPLIT_E2E_PORT ?? 7017) + 1;
const baseUrl = `http://localhost:${port}`;
const ciToken = 'production-check-ci-token-0123456789abcdef';
const prefix = `ds_prodcheck_${process.pid}_`;
const pg =
  process.env.DOMAIN_SPLIT_E2E_POSTGRES ??
  'postgresql://postgres@127.0.0.1:5432';

let child;
let workDir;
let logFile;

function psql(sql) {
  return execFileSync('psql', [pg, '-Atc', sql], { encoding: 'utf8' });
}

before(async () => {
  workDir = extractBundle('domain-split-production-');
  const overrides = path.join(workDir, 'app-config.check.yaml');
  fs.writeFileSync(
    overrides,
    [
      'app:',
      `  baseUrl: ${baseUrl}`,
      'backend:',
      `  baseUrl: ${baseUrl}`,
      `  listen: ':${port}'`,
      '  database:',
      `    prefix: ${prefix}`,
      'catalog:',
      '  locations:',
      '    - type: file',
      `      target: ${path.join(repoRoot, 'catalog-info/all.yaml')}`,
      '',
    ].join('\n'),
  );
  const url = new URL(pg);
  logFile = path.join(workDir, 'backend.log');
  const log = fs.openSync(logFile, 'a');
  child = spawn(
    process.execPath,
    [
      'packages/backend',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      path.join(repoRoot, 'app-config.production.yaml'),
      '--config',
      overrides,
    ],
    {
      cwd: workDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        POSTGRES_HOST: url.hostname,
        POSTGRES_PORT: url.port || '5432',
        POSTGRES_USER: decodeURIComponent(url.username) || 'postgres',
        POSTGRES_PASSWORD: decodeURIComponent(url.password) || 'unused',
        DOMAIN_SPLIT_CI_TOKEN: ciToken,
        DOMAIN_SPLIT_WEBHOOK_SECRET: `whsec_${Buffer.from(
          'production-check-secret-0123456789',
        ).toString('base64')}`,
        DOMAIN_SPLIT_GITHUB_WEBHOOK_SECRET: 'production-check-github-secret',
        AUTH_GITHUB_CLIENT_ID: 'production-check-client-id',
        AUTH_GITHUB_CLIENT_SECRET: 'production-check-client-secret',
      },
      stdio: ['ignore', log, log],
    },
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  await waitFor(
    async () => {
      if (exited) {
        throw new Error(
          `backend exited; log:\n${fs
            .readFileSync(logFile, 'utf8')
            .slice(-4000)}`,
        );
      }
      return (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok;
    },
    { timeoutMs: 120_000, what: 'the production backend to be ready' },
  );
});

after(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise(resolve => child.once('exit', resolve));
  }
  for (const name of psql(
    `select datname from pg_database where datname like '${prefix}%'`,
  )
    .split('\n')
    .filter(Boolean)) {
    psql(`drop database "${name}"`);
  }
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('production configuration', () => {
  test('signs people in with GitHub, not as guest', async () => {
    const guest = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
      method: 'POST',
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    assert.notEqual(guest.status, 200);
    const github = await fetch(
      `${baseUrl}/api/auth/github/start?env=production`,
      { redirect: 'manual' },
    );
    assert.equal(github.status, 302);
    const location = new URL(github.headers.get('location'));
    assert.equal(location.host, 'github.com');
    assert.equal(
      location.searchParams.get('client_id'),
      'production-check-client-id',
    );
  });

  test('the CI token posts CI events and reads nothing', async () => {
    const post = await fetch(`${baseUrl}/api/domain-split/webhooks/ci`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ciToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        id: 'production-check-1',
        type: 'deployment',
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        service: 'orders-service',
        version: '1.0.0',
        environment: 'staging',
        status: 'success',
      }),
    });
    assert.equal(post.status, 202, await post.text());
    for (const route of [
      '/api/domain-split/releases',
      '/api/domain-split/ownership',
    ]) {
      const read = await fetch(`${baseUrl}${route}`, {
        headers: { authorization: `Bearer ${ciToken}` },
      });
      assert.equal(read.status, 403, route);
      assert.match(
        (await read.json()).error.message,
        /permission domain-split\.analysis\.read/,
      );
    }
    const catalog = await fetch(`${baseUrl}/api/catalog/entities`, {
      headers: { authorization: `Bearer ${ciToken}` },
    });
    assert.equal(catalog.status, 403);
  });
});
