import {
  MigrationHistoryResponse,
  MigrationSnapshot,
  projectMigration,
} from '@internal/plugin-domain-split-common';
import type { SnapshotStore } from '../database/SnapshotStore';

interface KeptHistory {
  at: number;
  answer: Promise<MigrationHistoryResponse>;
}

/**
 * The snapshot store with GET /migration/history's answer (every snapshot and the projection)
 * kept between reads: snapshots change a few times a day at most, so the answer is read and
 * projected again when it is older than `relistMs` (in the background; the kept answer is
 * served meanwhile) or at once after a snapshot was saved through this object. Another
 * replica's snapshot shows within `relistMs`. One object per backend, passed as the snapshot
 * store to the snapshot task and the routes.
 * @internal
 */
export class MigrationHistory implements SnapshotStore {
  readonly #store: SnapshotStore;
  readonly #relistMs: number;
  readonly #now: () => number;
  #kept?: KeptHistory;
  #rereading?: Promise<unknown>;

  constructor(
    store: SnapshotStore,
    options: { relistMs?: number; now?: () => number } = {},
  ) {
    this.#store = store;
    this.#relistMs = options.relistMs ?? 5000;
    this.#now = options.now ?? Date.now;
  }

  async saveSnapshot(snapshot: MigrationSnapshot): Promise<void> {
    await this.#store.saveSnapshot(snapshot);
    this.#kept = undefined;
  }

  hasSnapshotFor(day: string): Promise<boolean> {
    return this.#store.hasSnapshotFor(day);
  }

  listSnapshots(): Promise<MigrationSnapshot[]> {
    return this.#store.listSnapshots();
  }

  /** The answer of GET /migration/history: the same object until it is read again. */
  history(): Promise<MigrationHistoryResponse> {
    const kept = this.#kept;
    if (!kept) {
      const read = this.#read();
      this.#kept = read;
      return read.answer;
    }
    if (this.#now() - kept.at >= this.#relistMs && !this.#rereading) {
      const next = this.#read();
      this.#rereading = next.answer
        .then(
          () => {
            // Unless a snapshot was saved meanwhile (the next request reads after it).
            if (this.#kept === kept) this.#kept = next;
          },
          // A failed read: the kept answer goes on; a request after the interval retries.
          () => {},
        )
        .finally(() => {
          this.#rereading = undefined;
        });
    }
    return kept.answer;
  }

  #read(): KeptHistory {
    const read: KeptHistory = {
      at: this.#now(),
      answer: this.#store.listSnapshots().then(snapshots => {
        const projection = projectMigration(snapshots);
        return { snapshots, ...(projection ? { projection } : {}) };
      }),
    };
    // A failed first read is not kept: the next request reads again.
    read.answer.catch(() => {
      if (this.#kept === read) this.#kept = undefined;
    });
    return read;
  }
}
