/*
 * The plugin's own store on a fresh database, and the synthetic events stored through its
 * ingest path, for the benchmarks that read what the store holds (gate, evidence).
 */
import { DatabaseStore } from '@internal/plugin-domain-split-backend/src/database/DatabaseStore';
import { parseCiEvent } from '@internal/plugin-domain-split-backend/src/ingest/ciEvent';
import type { AcceptedDelivery } from '@internal/plugin-domain-split-backend/src/ingest/types';
import knexFactory, { Knex } from 'knex';
import { PG_CONNECTION } from './postgres';

/** An in-memory SQLite database, or a new PostgreSQL database `<prefix><name>`. */
export async function createKnex(
  engine: 'sqlite' | 'postgres',
  prefix: string,
  name: string,
): Promise<Knex> {
  if (engine === 'sqlite') {
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
  }
  const database = `${prefix}${name}`;
  const admin = knexFactory({
    client: 'pg',
    connection: { ...PG_CONNECTION, database: 'postgres' },
  });
  await admin.raw(`CREATE DATABASE "${database}"`);
  await admin.destroy();
  return knexFactory({
    client: 'pg',
    connection: { ...PG_CONNECTION, database },
  });
}

/** The plugin's store on `knex` (migrations run). */
export async function createStore(knex: Knex): Promise<DatabaseStore> {
  return await DatabaseStore.create({
    database: { getClient: async () => knex },
  });
}

/**
 * Stores generic CI events with the store's own ingest path: parsed as the webhook parses
 * them, one transaction per 100 events, as the group commit writes them.
 */
export async function ingestEvents(
  store: DatabaseStore,
  events: Record<string, unknown>[],
): Promise<void> {
  const receivedAt = new Date().toISOString();
  for (let i = 0; i < events.length; i += 100) {
    const batch: AcceptedDelivery[] = events.slice(i, i + 100).map(event => {
      const parsed = parseCiEvent(event);
      return {
        deliveryId: parsed.eventId,
        source: 'ci',
        authenticatedBy: 'service-token',
        headers: {},
        payload: JSON.stringify(event),
        receivedAt,
        event: parsed,
      };
    });
    await store.ingestBatch(batch);
  }
}
