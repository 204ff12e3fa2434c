import type { MigrationSnapshot } from '@internal/plugin-domain-split-common';
import type { SnapshotStore } from '../database/SnapshotStore';
import { MigrationHistory } from './migrationHistory';

function snapshot(day: string, phase: 0 | 1 | 2 | 3): MigrationSnapshot {
  return {
    takenAt: `${day}T00:00:00.000Z`,
    domains: [
      { domainRef: 'domain:default/orders', phase, stepsMet: 0, progress: 0 },
    ],
  };
}

/** A store another replica may write to behind this backend's back (`saved.push`). */
function memoryStore() {
  const saved: MigrationSnapshot[] = [];
  let failNext = false;
  const store = {
    saveSnapshot: jest.fn(async (s: MigrationSnapshot) => {
      saved.push(s);
    }),
    hasSnapshotFor: jest.fn(async (day: string) =>
      saved.some(s => s.takenAt.startsWith(day)),
    ),
    listSnapshots: jest.fn(async () => {
      if (failNext) {
        failNext = false;
        throw new Error('database gone');
      }
      return [...saved];
    }),
  };
  return {
    store: store as SnapshotStore & typeof store,
    saved,
    failNextList: () => {
      failNext = true;
    },
  };
}

/** A history read again after 5 s, on a clock the test moves. */
function historyOnClock(store: SnapshotStore) {
  const clock = { now: 0 };
  const history = new MigrationHistory(store, {
    relistMs: 5000,
    now: () => clock.now,
  });
  return { history, clock };
}

/** Lets the background read settle. */
const settle = () => new Promise(resolve => setImmediate(resolve));

describe('MigrationHistory', () => {
  it('answers with one object (snapshots and projection) until it is read again', async () => {
    const { store } = memoryStore();
    const { history, clock } = historyOnClock(store);
    await history.saveSnapshot(snapshot('2026-11-01', 1));
    await history.saveSnapshot(snapshot('2026-11-15', 2));
    const first = await history.history();
    expect(first.snapshots).toHaveLength(2);
    expect(first.projection).toBeDefined();
    clock.now = 4999;
    expect(await history.history()).toBe(first);
    expect(store.listSnapshots).toHaveBeenCalledTimes(1);
  });

  it("shows a snapshot saved through it at once, another replica's after relistMs", async () => {
    const { store, saved } = memoryStore();
    const { history, clock } = historyOnClock(store);
    expect((await history.history()).snapshots).toEqual([]);

    await history.saveSnapshot(snapshot('2026-11-01', 1));
    expect((await history.history()).snapshots).toHaveLength(1);

    // Another replica's: the kept answer until the interval is over, then read in the
    // background (this request still gets the kept answer), then the new one.
    saved.push(snapshot('2026-11-02', 1));
    clock.now = 4000;
    expect((await history.history()).snapshots).toHaveLength(1);
    clock.now = 9000;
    expect((await history.history()).snapshots).toHaveLength(1);
    await settle();
    expect((await history.history()).snapshots).toHaveLength(2);
    expect(store.listSnapshots).toHaveBeenCalledTimes(3);
  });

  it('keeps answering after a failed read, and does not keep a failed first read', async () => {
    const { store, failNextList } = memoryStore();
    const { history, clock } = historyOnClock(store);
    failNextList();
    await expect(history.history()).rejects.toThrow('database gone');
    const answer = await history.history();
    expect(answer.snapshots).toEqual([]);

    failNextList();
    clock.now = 6000;
    expect(await history.history()).toBe(answer);
    await settle();
    expect(await history.history()).toBe(answer);
    // The next request after a failure reads again.
    await history.history();
    await settle();
    expect(store.listSnapshots).toHaveBeenCalledTimes(4);
  });
});
