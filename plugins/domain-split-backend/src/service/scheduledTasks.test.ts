import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { MigrationSnapshot } from '@internal/plugin-domain-split-common';
import type { JsonObject } from '@backstage/types';
import { DatabaseStore } from '../database/DatabaseStore';
import { utcDayOf } from '../database/SnapshotStore';
import { loadExampleCatalog } from '../exampleCatalog/loadExampleCatalog';
import { startPlugin, testConfig } from '../__testUtils__/testBackend';
import { PRUNE_TASK_ID } from './retention';
import { SNAPSHOT_CATCH_UP_TASK_ID, SNAPSHOT_TASK_ID } from './snapshots';

jest.setTimeout(60_000);

type ScheduledTask = SchedulerServiceTaskScheduleDefinition & {
  id: string;
  fn: (signal: AbortSignal) => Promise<void>;
};

describe('scheduled tasks', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(
    options: { entities?: Entity[]; config?: JsonObject } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    const scheduler = mockServices.scheduler.mock();
    await startPlugin({
      knex,
      entities: options.entities ?? loadExampleCatalog(),
      config: testConfig(options.config),
      extraFeatures: [scheduler.factory],
    });
    const store = await DatabaseStore.create({
      database: mockServices.database({ knex }),
    });
    const task = (id: string) => {
      const found = scheduler.scheduleTask.mock.calls
        .map(([t]) => t as ScheduledTask)
        .find(t => t.id === id);
      if (!found) {
        throw new Error(`No task ${id}`);
      }
      return found;
    };
    const run = (id: string) => task(id).fn(new AbortController().signal);
    return { knex, store, task, run };
  }

  it('schedules pruning and snapshots globally, with the configured frequencies', async () => {
    const { task } = await setup({
      config: {
        retention: { maxAge: { days: 30 }, frequency: { hours: 6 } },
        snapshot: { frequency: { cron: '0 3 * * *' } },
      },
    });
    expect(task(PRUNE_TASK_ID)).toMatchObject({
      scope: 'global',
      frequency: { hours: 6 },
    });
    expect(task(SNAPSHOT_TASK_ID)).toMatchObject({
      scope: 'global',
      frequency: { cron: '0 3 * * *' },
    });
    expect(task(SNAPSHOT_CATCH_UP_TASK_ID)).toMatchObject({
      scope: 'global',
      initialDelay: expect.anything(),
    });
  });

  it('takes today’s snapshot after start-up when there is none, and only then', async () => {
    const { store, run } = await setup();
    await run(SNAPSHOT_CATCH_UP_TASK_ID);
    const [first] = await store.listSnapshots();
    expect(utcDayOf(new Date(first.takenAt))).toBe(utcDayOf(new Date()));
    expect(first.domains.map(d => d.domainRef)).toContain(
      'domain:default/orders',
    );

    await run(SNAPSHOT_CATCH_UP_TASK_ID);
    expect(await store.listSnapshots()).toEqual([first]);
  });

  it('does not replace an existing snapshot of today on catch-up, but the daily run does', async () => {
    const { store, run } = await setup();
    const existing: MigrationSnapshot = {
      takenAt: new Date().toISOString(),
      domains: [],
    };
    await store.saveSnapshot(existing);
    await run(SNAPSHOT_CATCH_UP_TASK_ID);
    expect(await store.listSnapshots()).toEqual([existing]);

    await run(SNAPSHOT_TASK_ID);
    const [replaced] = await store.listSnapshots();
    expect(replaced.domains.length).toBeGreaterThan(0);
  });

  it('takes no snapshot of a catalog without domains (still loading)', async () => {
    const { knex, run } = await setup({ entities: [] });
    await run(SNAPSHOT_CATCH_UP_TASK_ID);
    await run(SNAPSHOT_TASK_ID);
    expect(await knex('migration_snapshots')).toEqual([]);
  });

  it('prunes raw events older than the retention', async () => {
    const { knex, store, run } = await setup({
      config: { retention: { maxAge: { days: 3 } } },
    });
    const now = Date.now();
    for (const [id, ageDays] of [
      ['old', 4],
      ['young', 2],
    ] as const) {
      await store.ingest({
        deliveryId: id,
        source: 'ci',
        authenticatedBy: 'service-token',
        headers: {},
        payload: '{}',
        receivedAt: new Date(now - ageDays * 86_400_000).toISOString(),
        event: {
          type: 'release',
          eventId: id,
          service: 'orders-service',
          version: '1.0.0',
          occurredAt: new Date(now - ageDays * 86_400_000).toISOString(),
        },
      });
    }
    await run(PRUNE_TASK_ID);
    expect((await knex('ci_events')).map(r => r.delivery_id)).toEqual([
      'young',
    ]);
    expect((await knex('releases')).length).toBe(2);
  });
});
