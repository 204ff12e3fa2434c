import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  decideNotifications,
  DOMAIN_SPLIT_SIGNAL_CHANNEL,
  domainOf,
  DomainSplitNotificationKind,
  jsonSteps,
  toNotificationSnapshot,
} from '@internal/plugin-domain-split-common';
import type { HumanDuration } from '@backstage/types';
import type { AnalysisReader } from '../reader/AnalysisReader';
import type { NotificationStore } from './NotificationStore';
import { runInSlices } from '../service/runInSlices';

/** The scheduler task id of the notification run. */
export const NOTIFICATION_TASK_ID = 'domain-split-notifications';

/**
 * What one notification run needs.
 * @internal
 */
export interface NotificationRunOptions {
  reader: AnalysisReader;
  store: NotificationStore;
  notifications: NotificationService;
  signals?: SignalsService;
  logger: LoggerService;
  kinds: ReadonlySet<DomainSplitNotificationKind>;
}

/**
 * One run: compare the analysis with the last run's snapshot, claim each decided notification
 * (so no other run or replica sends it), send it, and store this run's snapshot. A failed send
 * gives its claim back and keeps the old snapshot, so the next run decides and sends it again
 * (the ones that went out stay claimed). A catalog without Domains (still loading) is skipped.
 * @returns what was sent and skipped
 * @internal
 */
export async function runNotifications(
  options: NotificationRunOptions & { now: Date },
): Promise<{ sent: string[]; failed: string[]; withoutOwner: number }> {
  const { reader, store, notifications, logger, kinds, now } = options;
  const view = await reader.read();
  const { graph } = view;
  if (![...graph.entities.values()].some(e => e.kind === 'domain')) {
    logger.info('Notifications: the catalog has no Domain entities (yet)');
    return { sent: [], failed: [], withoutOwner: 0 };
  }
  const [migration, rules, releases, domainMatrix, deploysAfterRefusal] =
    await Promise.all([
      view.migration(),
      view.ruleViolations(),
      view.releases(),
      view.domainFailureMatrix(),
      view.deploysAfterRefusal(),
    ]);
  const after = toNotificationSnapshot({
    takenAt: now.toISOString(),
    migration,
    rules,
    releases,
    domainMatrix,
    deploysAfterRefusal,
  });
  // The snapshot without its time, as JSON: what the next run compares its own with. In
  // slices: tens of thousands of violations at 10,000 services.
  const { takenAt, ...content } = after;
  const contentJson = await runInSlices(jsonSteps(content));
  const last = await store.getLastSnapshot();
  const before = last?.snapshot;

  const ownerOf = (ref: string): string | undefined => {
    const own = graph.entities.get(ref)?.ownerRef;
    if (own) return own;
    const domain = domainOf(graph, ref);
    return domain ? graph.entities.get(domain)?.ownerRef : undefined;
  };
  const decisions = decideNotifications(before, after, {
    ownerOf,
    titleOf: ref => graph.entities.get(ref)?.title ?? ref,
    enabled: kinds,
  });
  for (const skipped of decisions.withoutOwner) {
    logger.warn(
      `Notifications: no ${skipped.kind} notification about ${
        skipped.entityRef || 'an entity'
      }: it has no owning group`,
    );
  }
  await store.forget(decisions.retiredKeyPrefixes);

  const claimed = await store.claim(decisions.notifications, now);
  const sent: string[] = [];
  const failed: string[] = [];
  for (const notification of decisions.notifications) {
    if (!claimed.has(notification.key)) continue; // sent before, or by another replica
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: notification.recipient },
        payload: {
          title: notification.title,
          description: notification.description,
          link: notification.link,
          severity: notification.severity,
          topic: `domain-split:${notification.kind}`,
          scope: notification.key,
        },
      });
      sent.push(notification.key);
    } catch (error) {
      failed.push(notification.key);
      await store.unclaim(notification.key);
      logger.warn(
        `Notifications: could not send "${notification.title}" to ${notification.recipient} (is the notifications plugin installed?); retried next run: ${error}`,
      );
    }
  }
  if (failed.length === 0) {
    await store.saveLastSnapshot(takenAt, contentJson);
  }
  if (sent.length > 0) {
    logger.info(`Notifications: sent ${sent.length}`);
  }
  if (options.signals && last && last.contentJson !== contentJson) {
    await options.signals
      .publish({
        recipients: { type: 'broadcast' },
        channel: DOMAIN_SPLIT_SIGNAL_CHANNEL,
        message: { reason: 'analysis-changed', at: now.toISOString() },
      })
      .catch(error =>
        logger.warn(`Signals: could not publish the analysis change: ${error}`),
      );
  }
  return { sent, failed, withoutOwner: decisions.withoutOwner.length };
}

/**
 * Schedules the notification run (scope global: one replica at a time).
 * @internal
 */
export async function scheduleNotifications(
  options: NotificationRunOptions & {
    scheduler: SchedulerService;
    frequency: HumanDuration;
  },
): Promise<void> {
  const { scheduler, frequency, ...runOptions } = options;
  await scheduler.scheduleTask({
    id: NOTIFICATION_TASK_ID,
    scope: 'global',
    frequency,
    initialDelay: { seconds: 20 },
    timeout: { minutes: 15 },
    fn: async () => {
      await runNotifications({ ...runOptions, now: new Date() });
    },
  });
}
