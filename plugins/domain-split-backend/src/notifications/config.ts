import { Config, readDurationFromConfig } from '@backstage/config';
import {
  DomainSplitNotificationKind,
  NOTIFICATION_KINDS,
} from '@internal/plugin-domain-split-common';
import type { HumanDuration } from '@backstage/types';

/**
 * `domainSplit.notifications` (see config.d.ts).
 * @internal
 */
export interface NotificationsConfig {
  /** The task runs at all. */
  enabled: boolean;
  frequency: HumanDuration;
  /** The kinds switched on. */
  kinds: Set<DomainSplitNotificationKind>;
}

/**
 * Reads `domainSplit.notifications`: on by default, every kind on, every 15 minutes. Unknown
 * kinds are a start-up error naming the key.
 * @internal
 */
export function readNotificationsConfig(
  rootConfig: Config,
): NotificationsConfig {
  const config = rootConfig.getOptionalConfig('domainSplit.notifications');
  const kinds = new Set<DomainSplitNotificationKind>(NOTIFICATION_KINDS);
  const kindsConfig = config?.getOptionalConfig('kinds');
  for (const key of kindsConfig?.keys() ?? []) {
    if (!(NOTIFICATION_KINDS as readonly string[]).includes(key)) {
      throw new Error(
        `Unknown notification kind domainSplit.notifications.kinds.${key}; known kinds: ${NOTIFICATION_KINDS.join(
          ', ',
        )}`,
      );
    }
    if (!kindsConfig!.getBoolean(key)) {
      kinds.delete(key as DomainSplitNotificationKind);
    }
  }
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? true,
    frequency: config?.has('frequency')
      ? readDurationFromConfig(config, { key: 'frequency' })
      : { minutes: 15 },
    kinds,
  };
}
