import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  DEFAULT_EVIDENCE_POLICY,
  EnvironmentSetting,
  EvidencePolicy,
  foldCase,
} from '@internal/plugin-domain-split-common';

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
  /** `domainSplit.environments` and `domainSplit.evidence.*`. */
  evidencePolicy: EvidencePolicy;
}

const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,254}$/;

/**
 * `domainSplit.environments`: a list of names or `{ name, production? }` objects, each name
 * once. Anything else is a start-up error naming the key.
 */
function readEnvironments(
  config: Config | undefined,
): EnvironmentSetting[] | undefined {
  if (!config?.has('environments')) return undefined;
  const key = 'domainSplit.environments';
  const value = config.get('environments');
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error(
      `${key} must be a non-empty list of environment names or { name, production } objects`,
    );
  }
  const seen = new Set<string>();
  return value.map((entry, i) => {
    const at = `${key}[${i}]`;
    let setting: EnvironmentSetting;
    if (typeof entry === 'string') {
      setting = { name: entry.trim() };
    } else if (
      entry !== null &&
      typeof entry === 'object' &&
      !Array.isArray(entry)
    ) {
      const unknown = Object.keys(entry).filter(
        k => k !== 'name' && k !== 'production',
      );
      if (unknown.length > 0) {
        throw new Error(
          `${at} has unknown field(s) ${unknown.join(
            ', ',
          )}; an environment is a name or { name, production }`,
        );
      }
      const { name, production } = entry as Record<string, unknown>;
      if (typeof name !== 'string') {
        throw new Error(`${at}.name must be a string`);
      }
      if (production !== undefined && typeof production !== 'boolean') {
        throw new Error(`${at}.production must be true or false`);
      }
      setting = {
        name: name.trim(),
        ...(production ? { production: true } : {}),
      };
    } else {
      throw new Error(
        `${at} must be an environment name or a { name, production } object`,
      );
    }
    if (!ENVIRONMENT_NAME.test(setting.name)) {
      throw new Error(
        `${at} "${setting.name}" is not an environment name (letters, digits, . _ / -)`,
      );
    }
    const folded = foldCase(setting.name);
    if (seen.has(folded)) {
      throw new Error(`${at} "${setting.name}" is listed twice`);
    }
    seen.add(folded);
    return setting;
  });
}

function readEvidencePolicy(config: Config | undefined): EvidencePolicy {
  const windowMs = config?.has('evidence.window')
    ? durationToMilliseconds(
        readDurationFromConfig(config, { key: 'evidence.window' }),
      )
    : DEFAULT_EVIDENCE_POLICY.windowMs;
  if (!(windowMs >= 24 * 60 * 60 * 1000)) {
    throw new Error(
      `domainSplit.evidence.window must be at least 1 day, got ${windowMs} ms`,
    );
  }
  const lockstepIntervalMs = config?.has('evidence.lockstepInterval')
    ? durationToMilliseconds(
        readDurationFromConfig(config, { key: 'evidence.lockstepInterval' }),
      )
    : DEFAULT_EVIDENCE_POLICY.lockstepIntervalMs;
  if (!(lockstepIntervalMs >= 0)) {
    throw new Error(
      `domainSplit.evidence.lockstepInterval must not be negative, got ${lockstepIntervalMs} ms`,
    );
  }
  const environments = readEnvironments(config);
  return {
    windowMs,
    lockstepIntervalMs,
    ...(environments ? { environments } : {}),
  };
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
    evidencePolicy: readEvidencePolicy(config),
  };
}
