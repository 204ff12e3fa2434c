import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { toMigrationSnapshot } from '@internal/plugin-domain-split-common';
import { SnapshotStore, utcDayOf } from '../database/SnapshotStore';
import type { AnalysisService } from './AnalysisService';

/** The scheduler task id of the migration snapshot. */
export const SNAPSHOT_TASK_ID = 'domain-split-migration-snapshot';
/** The scheduler task id of the catch-up: a snapshot for today when there is none yet. */
export const SNAPSHOT_CATCH_UP_TASK_ID =
  'domain-split-migration-snapshot-catch-up';

/**
 * What taking a snapshot needs.
 * @internal
 */
export interface SnapshotOptions {
  analysis: Pick<
    AnalysisService,
    'getMigration' | 'checkRulesNow' | 'isCatalogSettled'
  >;
  snapshots: SnapshotStore;
  logger: LoggerService;
}

/**
 * Computes the migration status and the open rule violations (advancing their lifecycle) and
 * stores them as today's snapshot. A catalog without any Domain, or one still loading or not
 * settled at start-up (it may be partial), gives no snapshot: the catch-up run takes it later.
 * @returns whether a snapshot was stored
 * @internal
 */
export async function takeMigrationSnapshot(
  options: SnapshotOptions & { now: Date },
): Promise<boolean> {
  let status;
  try {
    if (!(await options.analysis.isCatalogSettled())) {
      options.logger.info(
        'No migration snapshot taken: the catalog read at start-up has not settled yet (two reads in a row have not agreed), so it may be partial',
      );
      return false;
    }
    status = await options.analysis.getMigration();
  } catch (error) {
    if (isError(error) && error.name === 'ServiceUnavailableError') {
      options.logger.info(`No migration snapshot taken: ${error.message}`);
      return false;
    }
    throw error;
  }
  if (status.domains.length === 0) {
    options.logger.info(
      'No migration snapshot taken: the catalog has no Domain entities (yet)',
    );
    return false;
  }
  // The snapshot is also a step of the violation lifecycle, so it advances (the window moves
  // on) and the split debt is kept even on days nobody opens the Rules tab.
  const rules = await options.analysis.checkRulesNow();
  await options.snapshots.saveSnapshot(
    toMigrationSnapshot(
      status,
      rules.violations.filter(v => v.status === 'open'),
    ),
  );
  options.logger.info(
    `Stored the migration snapshot of ${utcDayOf(options.now)} (${
      status.domains.length
    } domains)`,
  );
  return true;
}

/**
 * Takes today's snapshot unless one exists already.
 * @returns whether a snapshot was stored
 * @internal
 */
export async function takeMigrationSnapshotIfMissing(
  options: SnapshotOptions & { now: Date },
): Promise<boolean> {
  if (await options.snapshots.hasSnapshotFor(utcDayOf(options.now))) {
    return false;
  }
  return await takeMigrationSnapshot(options);
}

/**
 * Schedules the snapshots (scope global: one replica runs each at a time):
 * - every `frequency` (default daily), today's snapshot is taken (replacing an earlier one of
 *   the same day);
 * - shortly after start-up, and every 5 minutes after, today's snapshot is taken if there is
 *   none yet. This is the start-up run; repeating it covers a catalog that was still loading at
 *   start-up (no Domains yet, so no snapshot) and a backend that was down when the daily run was
 *   due. When today's snapshot exists it costs one indexed query.
 * @internal
 */
export async function scheduleMigrationSnapshots(
  options: SnapshotOptions & {
    scheduler: SchedulerService;
    frequency: SchedulerServiceTaskScheduleDefinition['frequency'];
  },
): Promise<void> {
  const { scheduler, frequency, ...snapshotOptions } = options;
  await scheduler.scheduleTask({
    id: SNAPSHOT_TASK_ID,
    scope: 'global',
    frequency,
    timeout: { minutes: 15 },
    fn: async () => {
      await takeMigrationSnapshot({ ...snapshotOptions, now: new Date() });
    },
  });
  await scheduler.scheduleTask({
    id: SNAPSHOT_CATCH_UP_TASK_ID,
    scope: 'global',
    frequency: { minutes: 5 },
    initialDelay: { seconds: 30 },
    timeout: { minutes: 15 },
    fn: async () => {
      await takeMigrationSnapshotIfMissing({
        ...snapshotOptions,
        now: new Date(),
      });
    },
  });
}
