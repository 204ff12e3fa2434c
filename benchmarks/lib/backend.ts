/*
 * Starts a Backstage backend in a child process on its own loopback port with a generated
 * config, waits for readiness, and stops it again. Used for the catalog-read floor.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

export const repoRoot = path.resolve(__dirname, '../..');
/** The development-only service token from app-config.yaml (backend.auth.externalAccess). */
export const devServiceToken = 'dev-only-ci-token-0123456789abcdef';

export interface StartedBackend {
  baseUrl: string;
  workDir: string;
  logFile: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function waitFor(
  check: () => Promise<boolean>,
  {
    timeoutMs,
    what,
    intervalMs = 500,
  }: {
    timeoutMs: number;
    /** What is waited for (a function: evaluated when the wait times out). */
    what: string | (() => string);
    intervalMs?: number;
  },
) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
  throw new Error(
    `timed out waiting for ${typeof what === 'function' ? what() : what}${
      lastError ? `: ${lastError}` : ''
    }`,
  );
}

export function databaseConfig(engine: 'sqlite' | 'postgres', prefix?: string) {
  return engine === 'sqlite'
    ? { client: 'better-sqlite3', connection: ':memory:' }
    : {
        client: 'pg',
        connection: { host: '127.0.0.1', port: 5432, user: 'postgres' },
        prefix,
      };
}

/** Config shared by every benchmark backend: loopback port, service token, no app. */
export function baseConfig(port: number, database: object) {
  return {
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { port, host: '127.0.0.1' },
      database,
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: devServiceToken, subject: 'benchmarks' },
          },
        ],
      },
    },
  };
}

export async function startBackend(options: {
  /** Script to run with node (a backend entry point). */
  entry: string;
  args?: string[];
  config: object;
  port: number;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /** Working directory (default: a fresh temporary one, outside the monorepo). */
  cwd?: string;
}): Promise<StartedBackend> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domain-split-bench-'));
  // The backend looks for the package.json above its working directory to collect config
  // schemas; a private one here keeps it from reading the (changing) monorepo packages.
  fs.writeFileSync(
    path.join(workDir, 'package.json'),
    JSON.stringify({ name: 'domain-split-bench-backend', private: true }),
  );
  const configFile = path.join(workDir, 'app-config.bench.yaml');
  fs.writeFileSync(configFile, YAML.stringify(options.config));
  const logFile = path.join(workDir, 'backend.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [...(options.args ?? []), options.entry, '--config', configFile],
    {
      cwd: options.cwd ?? workDir,
      env: { ...process.env, LOG_LEVEL: 'warn', ...options.env },
      stdio: ['ignore', log, log],
    },
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await new Promise(resolve => child.once('exit', resolve));
      clearTimeout(killer);
    }
    fs.closeSync(log);
    if (!process.env.DS_BENCH_KEEP)
      fs.rmSync(workDir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      async () => {
        if (exited) {
          throw new Error(
            `backend exited; log:\n${fs
              .readFileSync(logFile, 'utf8')
              .slice(-4000)}`,
          );
        }
        const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
        return res.ok;
      },
      {
        timeoutMs: options.readyTimeoutMs ?? 120_000,
        what: 'backend readiness',
      },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, workDir, logFile, child, stop };
}
