import {
  MigrationHistoryResponse,
  MigrationSnapshot,
  projectMigration,
} from '@internal/plugin-domain-split-common';
import type { SnapshotStore } from '../database/SnapshotStore';
import { KeptRead } from './keptRead';

/**
 * The snapshot store with GET /migration/history's answer (every snapshot and the projection)
 * kept between reads ({@link KeptRead}): snapshots change a few times a day at most, so the
 * answer is read and projected again when older than `relistMs` (default 5 s, in the
 * background) or at once after a snapshot was saved through this object. One object per
 * backend, passed as the snapshot store to the snapshot task and the routes.
 * @internal
 */
export class MigrationHistory implements SnapshotStore {
  readonly #store: SnapshotStore;
  readonly #history: KeptRead<MigrationHistoryResponse>;

  constructor(
    store: SnapshotStore,
    options: { relistMs?: number; now?: () => number } = {},
  ) {
    this.#store = store;
    this.#history = new KeptRead(
      async () => {
        const snapshots = await store.listSnapshots();
        const projection = projectMigration(snapshots);
        return { snapshots, ...(projection ? { projection } : {}) };
      },
      { relistMs: options.relistMs ?? 5000, now: options.now },
    );
  }

  async saveSnapshot(snapshot: MigrationSnapshot): Promise<void> {
    await this.#store.saveSnapshot(snapshot);
    this.#history.forget();
  }

  hasSnapshotFor(day: string): Promise<boolean> {
    return this.#store.hasSnapshotFor(day);
  }

  listSnapshots(): Promise<MigrationSnapshot[]> {
    return this.#store.listSnapshots();
  }

  /** The answer of GET /migration/history: the same object until it is read again. */
  history(): Promise<MigrationHistoryResponse> {
    return this.#history.get();
  }
}
