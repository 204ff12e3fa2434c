import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

/** The default cap on a webhook body: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Raw events are kept at least this long, so that delivery ids deduplicate retries. */
export const MIN_RAW_EVENT_RETENTION: HumanDuration = { days: 3 };

/**
 * The `domainSplit` configuration, read once at start-up (see config.d.ts).
 * @internal
 */
export interface DomainSplitConfig {
  monorepoUrl?: string;
  maxBodyBytes: number;
  standardWebhookSecrets: string[];
  githubSecrets: string[];
  retention: {
    /** Raw events received longer ago are pruned; never below {@link MIN_RAW_EVENT_RETENTION}. */
    maxAge: HumanDuration;
    /** The configured age was below the floor and was raised to it. */
    raisedToFloor: boolean;
    frequency: HumanDuration;
  };
  catalogCacheTtl: HumanDuration;
  catalogSettleInterval: HumanDuration;
  snapshotFrequency: SchedulerServiceTaskScheduleDefinition['frequency'];
}

function duration(
  config: Config,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  return config.has(key) ? readDurationFromConfig(config, { key }) : fallback;
}

function secrets(config: Config, key: string): string[] {
  return (config.getOptionalStringArray(key) ?? [])
    .map(secret => secret.trim())
    .filter(secret => secret.length > 0);
}

/**
 * Reads the `domainSplit` config with its defaults. Throws on values of the wrong shape.
 * @internal
 */
export function readDomainSplitConfig(rootConfig: Config): DomainSplitConfig {
  const config = rootConfig.getOptionalConfig('domainSplit');
  const get = <T>(read: (c: Config) => T, fallback: T): T =>
    config ? read(config) : fallback;

  const maxBodyBytes = get(
    c => c.getOptionalNumber('webhooks.maxBodyBytes'),
    undefined,
  );
  if (
    maxBodyBytes !== undefined &&
    (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0)
  ) {
    throw new Error(
      `domainSplit.webhooks.maxBodyBytes must be a positive whole number of bytes, got ${maxBodyBytes}`,
    );
  }

  const configuredMaxAge = get(
    c => duration(c, 'retention.maxAge', { days: 90 }),
    { days: 90 },
  );
  const raisedToFloor =
    durationToMilliseconds(configuredMaxAge) <
    durationToMilliseconds(MIN_RAW_EVENT_RETENTION);

  let snapshotFrequency: SchedulerServiceTaskScheduleDefinition['frequency'] = {
    hours: 24,
  };
  if (config?.has('snapshot.frequency')) {
    const value = config.get('snapshot.frequency');
    snapshotFrequency =
      typeof value === 'object' && value !== null && 'cron' in value
        ? { cron: config.getString('snapshot.frequency.cron') }
        : readDurationFromConfig(config, { key: 'snapshot.frequency' });
  }

  return {
    monorepoUrl: get(c => c.getOptionalString('monorepo.url'), undefined),
    maxBodyBytes: maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    standardWebhookSecrets: get(
      c => secrets(c, 'webhooks.standardWebhooks.secrets'),
      [],
    ),
    githubSecrets: get(c => secrets(c, 'webhooks.github.secrets'), []),
    retention: {
      maxAge: raisedToFloor ? MIN_RAW_EVENT_RETENTION : configuredMaxAge,
      raisedToFloor,
      frequency: get(c => duration(c, 'retention.frequency', { hours: 24 }), {
        hours: 24,
      }),
    },
    catalogCacheTtl: get(
      c => duration(c, 'catalog.cacheTtl', { seconds: 30 }),
      {
        seconds: 30,
      },
    ),
    catalogSettleInterval: get(
      c => duration(c, 'catalog.settleInterval', { seconds: 2 }),
      { seconds: 2 },
    ),
    snapshotFrequency,
  };
}
