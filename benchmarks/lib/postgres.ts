/* PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres) for the benchmarks. */
import net from 'node:net';

export const PG_CONNECTION = {
  host: '127.0.0.1',
  port: 5432,
  user: 'postgres',
};

export function postgresReachable(): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect(PG_CONNECTION.port, PG_CONNECTION.host);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    setTimeout(() => done(false), 2000);
  });
}

/** A unique `backend.database.prefix` for one run. */
export function uniquePrefix(what: string): string {
  return `ds_bench_${what}_${process.pid}_${Date.now().toString(36)}_`;
}

/** Drops every database whose name starts with `prefix` (the ones a backend created). */
export async function dropDatabases(prefix: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require('pg');
  const client = new Client({ ...PG_CONNECTION, database: 'postgres' });
  await client.connect();
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
