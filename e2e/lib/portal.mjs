// Starts the *built* portal: the backend bundle from `yarn build:backend` (which also holds
// the built frontend that app-backend serves), with the example catalog, on its own port.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
/** The development-only service token from app-config.yaml (backend.auth.externalAccess). */
export const devServiceToken = 'dev-only-ci-token-0123456789abcdef';

/**
 * The bundle holds our workspace packages as they would be published (dist/ + rewritten
 * package.json) but no third-party node_modules. Give it a node_modules of links into the
 * repository's installed dependencies, with our own packages pointing at the bundle's copies.
 */
function linkDependencies(bundleDir) {
  const rootModules = path.join(repoRoot, 'node_modules');
  const target = path.join(bundleDir, 'node_modules');
  fs.mkdirSync(target);
  const bundled = new Map(); // package name -> dir inside the bundle
  for (const group of ['packages', 'plugins']) {
    const dir = path.join(bundleDir, group);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      const pkg = JSON.parse(
        fs.readFileSync(path.join(dir, name, 'package.json'), 'utf8'),
      );
      bundled.set(pkg.name, path.join(dir, name));
    }
  }
  const link = (name, from) => {
    const to = path.join(target, name);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.symlinkSync(from, to);
  };
  for (const entry of fs.readdirSync(rootModules)) {
    if (entry === '.bin') continue;
    if (entry.startsWith('@')) {
      for (const scoped of fs.readdirSync(path.join(rootModules, entry))) {
        const name = `${entry}/${scoped}`;
        if (!bundled.has(name))
          link(name, path.join(rootModules, entry, scoped));
      }
    } else if (!bundled.has(entry)) {
      link(entry, path.join(rootModules, entry));
    }
  }
  for (const [name, dir] of bundled) link(name, dir);
}

/**
 * Polls `check` until it returns true; throws after `timeoutMs` with `what` (a text, or a
 * function giving it) and the last error `check` threw.
 */
export async function waitFor(check, { timeoutMs, what, intervalMs = 500 }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
  const description = typeof what === 'function' ? what() : what;
  throw new Error(
    `timed out waiting for ${description}${lastError ? `: ${lastError}` : ''}`,
  );
}

/**
 * Extracts the backend bundle into a new temporary folder (named after `prefix`) and links its
 * dependencies (see linkDependencies). Returns the folder.
 */
export function extractBundle(prefix) {
  const bundle = path.join(repoRoot, 'packages/backend/dist/bundle.tar.gz');
  if (!fs.existsSync(bundle)) {
    throw new Error(
      `${bundle} is missing: run 'yarn tsc && yarn build:backend' first`,
    );
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  execFileSync('tar', ['-xzf', bundle, '-C', workDir]);
  linkDependencies(workDir);
  return workDir;
}

/**
 * Starts the built backend (which serves the built frontend) with app-config.yaml and
 * e2e/app-config.e2e.yaml, then `extraConfigFiles` on top (later files win), on `port`.
 * `workDir` reuses an extracted bundle (a restart); `catalogFile` is the file location the
 * catalog loads (default: the example catalog); `env` is added to the backend's environment.
 *
 * @returns {Promise<{ baseUrl: string, logFile: string, workDir: string, pid: number, stop: () => Promise<void> }>}
 */
export async function startBuiltPortal({
  port = 7017,
  extraConfigFiles = [],
  catalogFile = path.join(repoRoot, 'catalog-info/all.yaml'),
  env = {},
  workDir = extractBundle('domain-split-portal-'),
  logName = 'backend.log',
  readyTimeoutMs = 120_000,
} = {}) {
  const logFile = path.join(workDir, logName);
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      'packages/backend',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      path.join(repoRoot, 'e2e/app-config.e2e.yaml'),
      ...extraConfigFiles.flatMap(file => ['--config', file]),
    ],
    {
      cwd: workDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DOMAIN_SPLIT_E2E_PORT: String(port),
        DOMAIN_SPLIT_CATALOG_FILE: catalogFile,
        ...env,
      },
      stdio: ['ignore', log, log],
    },
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });

  const baseUrl = `http://localhost:${port}`;
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      await new Promise(resolve => child.once('exit', resolve));
    }
    fs.closeSync(log);
  };
  try {
    await waitFor(
      async () => {
        if (exited)
          throw new Error(
            `backend exited; log:\n${fs
              .readFileSync(logFile, 'utf8')
              .slice(-4000)}`,
          );
        const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
        return res.ok;
      },
      { timeoutMs: readyTimeoutMs, what: 'backend readiness' },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, logFile, workDir, pid: child.pid, stop };
}

/** GET with the development service token; returns parsed JSON or throws with the body. */
export async function getJson(baseUrl, route, token = devServiceToken) {
  const res = await fetch(`${baseUrl}${route}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await res.text();
  if (!res.ok)
    throw new Error(`GET ${route} -> ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

/** Posts the demo CI history (the same command the README's start command uses). */
export function postDemoEvents(baseUrl) {
  execFileSync(
    process.execPath,
    [
      path.join(
        repoRoot,
        'plugins/domain-split-backend/scripts/demo-events.js',
      ),
      '--url',
      baseUrl,
    ],
    { stdio: 'inherit' },
  );
}

/** Every entity the example catalog declares (all.yaml's Location targets), by ref. */
export function exampleCatalogRefs() {
  const dir = path.join(repoRoot, 'catalog-info');
  const read = file =>
    parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')).map(d =>
      d.toJS(),
    );
  const [location] = read('all.yaml');
  return location.spec.targets
    .flatMap(target => read(target))
    .filter(Boolean)
    .map(e =>
      `${e.kind}:${e.metadata.namespace ?? 'default'}/${
        e.metadata.name
      }`.toLowerCase(),
    );
}

/**
 * Waits until the catalog behind `baseUrl` holds every entity of the example catalog (it
 * processes the files in the background after start-up), then until Domain Split's analysis
 * has read it (its catalog read is refreshed in the background, stale-while-revalidate), so
 * that every view computes on the whole example platform.
 */
export async function waitForExampleCatalog(baseUrl) {
  const expected = exampleCatalogRefs();
  let missing = expected;
  await waitFor(
    async () => {
      const entities = await getJson(
        baseUrl,
        '/api/catalog/entities?fields=kind,metadata.name,metadata.namespace',
      );
      const present = new Set(
        entities.map(e =>
          `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`.toLowerCase(),
        ),
      );
      missing = expected.filter(ref => !present.has(ref));
      return missing.length === 0;
    },
    {
      timeoutMs: 120_000,
      what: () =>
        `the example catalog in ${baseUrl} (missing ${missing.join(', ')})`,
    },
  );
  const components = expected.filter(ref => ref.startsWith('component:'));
  let unseen = components;
  await waitFor(
    async () => {
      // The Ownership page's lists (the example catalog fits one page) and each group's part.
      const page = await getJson(
        baseUrl,
        '/api/domain-split/ownership?limit=100',
      );
      const parts = await Promise.all(
        page.groups.map(g =>
          getJson(
            baseUrl,
            `/api/domain-split/ownership?team=${encodeURIComponent(
              g.entityRef,
            )}`,
          ),
        ),
      );
      const seen = new Set([
        ...[...parts, { domains: page.unownedDomains.items, unassigned: [] }]
          .flatMap(o => [...o.domains, { components: o.unassigned }])
          .flatMap(d => d.components.map(c => c.entityRef)),
        ...page.unassigned.items.map(c => c.entityRef),
      ]);
      unseen = components.filter(ref => !seen.has(ref));
      return unseen.length === 0;
    },
    {
      timeoutMs: 60_000,
      what: () =>
        `Domain Split's analysis to read the whole example catalog (missing ${unseen.join(
          ', ',
        )})`,
    },
  );
}
