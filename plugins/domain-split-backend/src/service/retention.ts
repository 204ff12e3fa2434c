import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import type { CiStore } from '../database/CiStore';

/** The scheduler task id of the raw-event pruning. */
export const PRUNE_TASK_ID = 'domain-split-prune-raw-events';

/**
 * Deletes raw events received more than `maxAge` before `now`. Derived state (deployments, test
 * runs, releases, current versions) is kept; so are the idempotency keys of younger events.
 * @returns the number of raw events deleted
 * @internal
 */
export async function pruneRawEvents(options: {
  store: CiStore;
  maxAge: HumanDuration;
  now: Date;
}): Promise<number> {
  const cutoff = new Date(
    options.now.getTime() - durationToMilliseconds(options.maxAge),
  ).toISOString();
  return await options.store.pruneRawEvents(cutoff);
}

/**
 * Schedules the pruning (scope global: one replica runs it at a time).
 * @internal
 */
export async function scheduleRawEventPruning(options: {
  scheduler: SchedulerService;
  store: CiStore;
  logger: LoggerService;
  maxAge: HumanDuration;
  frequency: HumanDuration;
}): Promise<void> {
  const { scheduler, store, logger, maxAge, frequency } = options;
  await scheduler.scheduleTask({
    id: PRUNE_TASK_ID,
    scope: 'global',
    frequency,
    timeout: { minutes: 15 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const deleted = await pruneRawEvents({ store, maxAge, now: new Date() });
      logger.info(
        `Pruned ${deleted} raw CI event(s) older than ${JSON.stringify(
          maxAge,
        )}`,
      );
    },
  });
}
