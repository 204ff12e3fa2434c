import { ConfigReader } from '@backstage/config';
import { readNotificationsConfig } from './config';

describe('readNotificationsConfig', () => {
  it('is on, every 15 minutes, with every kind by default', () => {
    const config = readNotificationsConfig(new ConfigReader({}));
    expect(config).toEqual({
      enabled: true,
      frequency: { minutes: 15 },
      kinds: new Set([
        'phaseRegression',
        'newViolation',
        'targetDateNear',
        'untestedDeploy',
        'deployAfterRefusal',
        'impactDrift',
      ]),
    });
  });

  it('switches kinds off one by one, and the whole task off', () => {
    const config = readNotificationsConfig(
      new ConfigReader({
        domainSplit: {
          notifications: {
            enabled: false,
            frequency: '5m',
            kinds: { targetDateNear: false, impactDrift: true },
          },
        },
      }),
    );
    expect(config.enabled).toBe(false);
    expect(config.frequency).toEqual({ minutes: 5 });
    expect([...config.kinds]).toEqual([
      'phaseRegression',
      'newViolation',
      'untestedDeploy',
      'deployAfterRefusal',
      'impactDrift',
    ]);
  });

  it('refuses an unknown kind at start-up, naming the key', () => {
    expect(() =>
      readNotificationsConfig(
        new ConfigReader({
          domainSplit: { notifications: { kinds: { phaseRegresion: false } } },
        }),
      ),
    ).toThrow(
      'Unknown notification kind domainSplit.notifications.kinds.phaseRegresion; known kinds: phaseRegression, newViolation, targetDateNear, untestedDeploy, deployAfterRefusal, impactDrift',
    );
  });
});
