import { ConfigReader } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { DEFAULT_MAX_BODY_BYTES, readDomainSplitConfig } from './config';

describe('readDomainSplitConfig', () => {
  it('has defaults for everything', () => {
    expect(readDomainSplitConfig(new ConfigReader({}))).toEqual({
      monorepoUrl: undefined,
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      standardWebhookSecrets: [],
      githubSecrets: [],
      retention: {
        maxAge: { days: 90 },
        raisedToFloor: false,
        frequency: { hours: 24 },
      },
      catalogCacheTtl: { seconds: 30 },
      catalogSettleInterval: { seconds: 2 },
      snapshotFrequency: { hours: 24 },
    });
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1048576);
  });

  it('reads every key, in every duration form', () => {
    const config = readDomainSplitConfig(
      new ConfigReader({
        domainSplit: {
          monorepo: { url: 'https://github.com/org/mono' },
          webhooks: {
            maxBodyBytes: 2048,
            standardWebhooks: { secrets: ['whsec_a', ' '] },
            github: { secrets: ['g1', 'g2'] },
          },
          retention: { maxAge: '30d', frequency: { hours: 6 } },
          catalog: { cacheTtl: 'PT1M' },
          snapshot: { frequency: { cron: '0 3 * * *' } },
        },
      }),
    );
    expect(config).toMatchObject({
      monorepoUrl: 'https://github.com/org/mono',
      maxBodyBytes: 2048,
      standardWebhookSecrets: ['whsec_a'],
      githubSecrets: ['g1', 'g2'],
      retention: { raisedToFloor: false, frequency: { hours: 6 } },
      snapshotFrequency: { cron: '0 3 * * *' },
    });
    expect(durationToMilliseconds(config.retention.maxAge)).toBe(
      30 * 86_400_000,
    );
    expect(durationToMilliseconds(config.catalogCacheTtl)).toBe(60_000);
  });

  it('raises a raw-event retention below 3 days to 3 days', () => {
    const config = readDomainSplitConfig(
      new ConfigReader({
        domainSplit: { retention: { maxAge: { hours: 12 } } },
      }),
    );
    expect(config.retention).toMatchObject({
      maxAge: { days: 3 },
      raisedToFloor: true,
    });
  });

  it('rejects a body cap that is not a positive whole number', () => {
    expect(() =>
      readDomainSplitConfig(
        new ConfigReader({ domainSplit: { webhooks: { maxBodyBytes: -1 } } }),
      ),
    ).toThrow(/maxBodyBytes/);
  });
});
