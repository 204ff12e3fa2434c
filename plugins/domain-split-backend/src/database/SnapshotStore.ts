import type { MigrationSnapshot } from '@internal/plugin-domain-split-common';

/**
 * Storage of the daily migration-status snapshots.
 * @internal
 */
export interface SnapshotStore {
  /** Stores the snapshot as the one of its UTC day, replacing an earlier one of that day. */
  saveSnapshot(snapshot: MigrationSnapshot): Promise<void>;
  /** True when a snapshot exists for the UTC day (YYYY-MM-DD). */
  hasSnapshotFor(day: string): Promise<boolean>;
  /** All snapshots, oldest first. */
  listSnapshots(): Promise<MigrationSnapshot[]>;
}

/**
 * The UTC day (YYYY-MM-DD) of an ISO 8601 time.
 * @internal
 */
export function utcDayOf(time: Date): string {
  return time.toISOString().slice(0, 10);
}
