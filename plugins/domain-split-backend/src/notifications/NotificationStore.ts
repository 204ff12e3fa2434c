import type { NotificationSnapshot } from '@internal/plugin-domain-split-common';
import type { Knex } from 'knex';

const STATE_ID = 'last';

/**
 * What the notification task remembers (tables `notifications_sent`, `notification_state`).
 * @internal
 */
export interface NotificationStore {
  /** The snapshot of the last run, if any, with its content as stored. */
  getLastSnapshot(): Promise<StoredNotificationSnapshot | undefined>;
  /**
   * Keeps a run's snapshot: when it was taken and the rest of it as JSON (`contentJson`, what
   * the next run compares its own with).
   */
  saveLastSnapshot(takenAt: string, contentJson: string): Promise<void>;
  /**
   * Claims notification keys for sending. Returns the keys this caller claimed: a key claimed
   * before, by this or another replica, is not returned again.
   */
  claim(
    entries: { key: string; kind: string; recipient: string }[],
    at: Date,
  ): Promise<Set<string>>;
  /** Gives a claim back (its send failed), so that a later run sends it. */
  unclaim(key: string): Promise<void>;
  /** Forgets the keys that start with any of these prefixes. */
  forget(prefixes: string[]): Promise<void>;
}

/**
 * The last run's snapshot, and its content (the snapshot without `takenAt`) as the JSON text it
 * was stored as: a run whose content is the same text changed nothing.
 * @internal
 */
export interface StoredNotificationSnapshot {
  snapshot: NotificationSnapshot;
  contentJson: string;
}

/**
 * {@link NotificationStore} on the plugin's database (SQLite or PostgreSQL).
 * @internal
 */
export class DatabaseNotificationStore implements NotificationStore {
  readonly #db: Knex;

  /** `db` must be migrated (DatabaseStore.create runs the plugin's migrations). */
  constructor(db: Knex) {
    this.#db = db;
  }

  async getLastSnapshot(): Promise<StoredNotificationSnapshot | undefined> {
    const row = await this.#db('notification_state')
      .where({ id: STATE_ID })
      .first();
    if (!row) return undefined;
    // Stored before the twentieth session with its takenAt inside; since then without it.
    const content = JSON.parse(row.snapshot);
    return {
      snapshot: { ...content, takenAt: row.taken_at },
      contentJson: row.snapshot,
    };
  }

  async saveLastSnapshot(takenAt: string, contentJson: string): Promise<void> {
    await this.#db('notification_state')
      .insert({ id: STATE_ID, taken_at: takenAt, snapshot: contentJson })
      .onConflict('id')
      .merge(['taken_at', 'snapshot']);
  }

  async claim(
    entries: { key: string; kind: string; recipient: string }[],
    at: Date,
  ): Promise<Set<string>> {
    const claimed = new Set<string>();
    const unique = [...new Map(entries.map(e => [e.key, e])).values()];
    for (let i = 0; i < unique.length; i += 100) {
      const rows: { key: string }[] = await this.#db('notifications_sent')
        .insert(
          unique.slice(i, i + 100).map(e => ({
            key: e.key,
            kind: e.kind,
            recipient: e.recipient,
            sent_at: at.toISOString(),
          })),
        )
        .onConflict('key')
        .ignore()
        .returning('key');
      for (const row of rows) claimed.add(row.key);
    }
    return claimed;
  }

  async unclaim(key: string): Promise<void> {
    await this.#db('notifications_sent').where({ key }).delete();
  }

  async forget(prefixes: string[]): Promise<void> {
    for (const prefix of prefixes) {
      await this.#db('notifications_sent')
        .whereRaw('substr("key", 1, ?) = ?', [prefix.length, prefix])
        .delete();
    }
  }
}
