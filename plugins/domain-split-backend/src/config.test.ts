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
      evidencePolicy: {
        windowMs: 30 * 86_400_000,
        lockstepIntervalMs: 30 * 60_000,
      },
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

  it('reads tracked environments as names or { name, production } objects, in order', () => {
    const config = readDomainSplitConfig(
      new ConfigReader({
        domainSplit: {
          environments: [
            'staging',
            { name: 'production', production: true },
            { name: 'eu-prod' },
          ],
          evidence: { window: '14d', lockstepInterval: { minutes: 5 } },
        },
      }),
    );
    expect(config.evidencePolicy).toEqual({
      environments: [
        { name: 'staging' },
        { name: 'production', production: true },
        { name: 'eu-prod' },
      ],
      windowMs: 14 * 86_400_000,
      lockstepIntervalMs: 5 * 60_000,
    });
    expect(
      readDomainSplitConfig(
        new ConfigReader({
          domainSplit: { evidence: { lockstepInterval: { minutes: 0 } } },
        }),
      ).evidencePolicy.lockstepIntervalMs,
    ).toBe(0);
  });

  it.each([
    [{ environments: 'production' }, /domainSplit\.environments must be/],
    [{ environments: [] }, /domainSplit\.environments must be/],
    [{ environments: [42] }, /domainSplit\.environments\[0\] must be/],
    [
      { environments: [{ name: 'prod', prod: true }] },
      /domainSplit\.environments\[0\] has unknown field\(s\) prod/,
    ],
    [
      { environments: [{ name: 'prod', production: 'yes' }] },
      /domainSplit\.environments\[0\]\.production must be true or false/,
    ],
    [
      { environments: ['staging', 'Staging'] },
      /domainSplit\.environments\[1\] "Staging" is listed twice/,
    ],
    [{ environments: ['a b'] }, /domainSplit\.environments\[0\] "a b"/],
    [{ evidence: { window: { hours: 12 } } }, /domainSplit\.evidence\.window/],
    [
      { evidence: { lockstepInterval: { minutes: -1 } } },
      /domainSplit\.evidence\.lockstepInterval/,
    ],
  ])('refuses %j at start-up, naming the key', (domainSplit, message) => {
    expect(() =>
      readDomainSplitConfig(new ConfigReader({ domainSplit })),
    ).toThrow(message);
  });
});
