import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type { JsonObject } from '@backstage/types';
import { DatabaseStore } from '../database/DatabaseStore';
import { StaticCatalogSource } from '../catalog/CatalogReader';
import { ServiceAnalysisReader } from '../reader/AnalysisReader';
import { AnalysisService } from '../service/AnalysisService';
import { DatabaseNotificationStore } from './NotificationStore';
import { runNotifications } from './notificationTask';
import { DOMAIN_SPLIT_SIGNAL_CHANNEL } from '@internal/plugin-domain-split-common';
import { deploymentDelivery } from '../__testUtils__/deliveries';

jest.setTimeout(60_000);

const MONOREPO = 'https://github.com/acme/monorepo';

/** Orders and payments; `extracted` puts payments-service in its own repository. */
function catalog(options: { extracted: boolean; sharedDb: boolean }): Entity[] {
  const entity = (
    kind: string,
    name: string,
    spec: JsonObject,
    annotations: Record<string, string> = {},
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, annotations },
    spec,
  });
  return [
    entity('Group', 'orders-team', { type: 'team', children: [] }),
    entity('Group', 'payments-team', { type: 'team', children: [] }),
    entity('Domain', 'orders', { owner: 'orders-team' }),
    entity('Domain', 'payments', { owner: 'payments-team' }),
    entity('Domain', 'unowned', {}),
    entity(
      'Component',
      'orders-service',
      {
        type: 'service',
        lifecycle: 'production',
        owner: 'orders-team',
        domain: 'orders',
        dependsOn: ['resource:orders-db'],
      },
      { 'backstage.io/source-location': `url:${MONOREPO}/tree/main/orders/` },
    ),
    entity(
      'Component',
      'payments-service',
      {
        type: 'service',
        lifecycle: 'production',
        owner: 'payments-team',
        domain: 'payments',
        dependsOn: options.sharedDb ? ['resource:orders-db'] : [],
      },
      {
        'backstage.io/source-location': options.extracted
          ? 'url:https://github.com/acme/payments/tree/main/'
          : `url:${MONOREPO}/tree/main/payments/`,
      },
    ),
    entity('Resource', 'orders-db', { type: 'database', domain: 'orders' }),
  ];
}

function recordingNotifications(fail = false) {
  const sent: NotificationSendOptions[] = [];
  const service: NotificationService = {
    send: async options => {
      if (fail)
        throw new Error('connect ECONNREFUSED (no notifications plugin)');
      sent.push(options);
    },
  };
  return { sent, service };
}

describe('runNotifications', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      const ciStore = await DatabaseStore.create({
        database: mockServices.database({ knex }),
      });
      const source = new StaticCatalogSource(
        catalog({ extracted: true, sharedDb: false }),
      );
      const reader = new ServiceAnalysisReader(
        new AnalysisService({
          catalog: source,
          store: ciStore,
          verdicts: ciStore,
          monorepoUrl: MONOREPO,
          // The runs follow each other at once: every run sees the events before it.
          evidenceProbeMs: 0,
        }),
      );
      const replica = (notifications: NotificationService) => ({
        reader,
        store: new DatabaseNotificationStore(knex),
        notifications,
        logger: mockServices.logger.mock(),
        kinds: new Set([
          'phaseRegression',
          'newViolation',
          'targetDateNear',
          'untestedDeploy',
          'deployAfterRefusal',
          'impactDrift',
        ] as const),
      });
      return {
        knex,
        ciStore,
        replica,
        regress: () => {
          // payments-service moves back into the monorepo and starts using orders-db.
          source.setEntities(catalog({ extracted: false, sharedDb: true }));
        },
      };
    }

    it('sends a regression and a new violation once, to the owning groups, never twice', async () => {
      const { replica, regress } = await setUp();
      const out = recordingNotifications();
      const first = await runNotifications({
        ...replica(out.service),
        now: new Date('2026-11-28T06:00:00Z'),
      });
      expect(first.sent).toEqual([]); // the baseline

      regress();
      const second = await runNotifications({
        ...replica(out.service),
        now: new Date('2026-11-28T06:15:00Z'),
      });
      const summary = out.sent.map(n => [
        (n.recipients as { entityRef: string }).entityRef,
        n.payload.topic,
        n.payload.title,
      ]);
      expect(summary).toEqual(
        expect.arrayContaining([
          [
            'group:default/payments-team',
            'domain-split:phaseRegression',
            'payments: 2 criteria it had met are unmet again',
          ],
          [
            'group:default/orders-team',
            'domain-split:phaseRegression',
            'orders: a step it had met is unmet again',
          ],
          [
            'group:default/payments-team',
            'domain-split:newViolation',
            'New rule violation: No cross-domain database access',
          ],
          [
            'group:default/orders-team',
            'domain-split:newViolation',
            'New rule violation: No cross-domain database access',
          ],
        ]),
      );
      expect(summary).toHaveLength(4);
      const regression = out.sent.find(
        n =>
          n.payload.topic === 'domain-split:phaseRegression' &&
          n.payload.title.startsWith('payments'),
      )!;
      // Names the evidence that changed: the repository it had been extracted to.
      expect(regression.payload.description).toMatch(
        /^Unmet again: .*was met by: .*github\.com\/acme\/payments/,
      );
      expect(regression.payload.link).toBe(
        '/domain-split/migration?entity=domain%3Adefault%2Fpayments',
      );
      expect(second.sent).toContain(regression.payload.scope);
      expect(new Set(second.sent).size).toBe(second.sent.length);

      const third = await runNotifications({
        ...replica(out.service),
        now: new Date('2026-11-28T06:30:00Z'),
      });
      expect(third.sent).toEqual([]);
      expect(out.sent).toHaveLength(second.sent.length);
    });

    it('signals that the analysis changed only when it did since the last run, and keeps the snapshot without its time', async () => {
      const { replica, regress, knex } = await setUp();
      const publish = jest.fn(async () => {});
      const run = (at: string) =>
        runNotifications({
          ...replica(recordingNotifications().service),
          signals: { publish },
          now: new Date(at),
        });
      await run('2026-11-28T06:00:00Z'); // the baseline: nothing to compare with
      await run('2026-11-28T06:15:00Z'); // the same analysis
      expect(publish).not.toHaveBeenCalled();
      const [row] = await knex('notification_state');
      expect(row.taken_at).toBe('2026-11-28T06:15:00.000Z');
      expect(JSON.parse(row.snapshot)).not.toHaveProperty('takenAt');
      const stored = await new DatabaseNotificationStore(
        knex,
      ).getLastSnapshot();
      expect(stored!.snapshot.takenAt).toBe('2026-11-28T06:15:00.000Z');
      expect(stored!.contentJson).toBe(row.snapshot);

      regress();
      await run('2026-11-28T06:30:00Z');
      expect(publish).toHaveBeenCalledTimes(1);
      expect(publish).toHaveBeenCalledWith({
        recipients: { type: 'broadcast' },
        channel: DOMAIN_SPLIT_SIGNAL_CHANNEL,
        message: { reason: 'analysis-changed', at: '2026-11-28T06:30:00.000Z' },
      });
      await run('2026-11-28T06:45:00Z');
      expect(publish).toHaveBeenCalledTimes(1);
    });

    it('reads a snapshot stored with its time inside (before the twentieth session)', async () => {
      const { replica, knex } = await setUp();
      await runNotifications({
        ...replica(recordingNotifications().service),
        now: new Date('2026-11-28T06:00:00Z'),
      });
      const [row] = await knex('notification_state');
      const old = JSON.stringify({
        takenAt: row.taken_at,
        ...JSON.parse(row.snapshot),
      });
      await knex('notification_state').update({ snapshot: old });
      const stored = await new DatabaseNotificationStore(
        knex,
      ).getLastSnapshot();
      expect(stored!.snapshot.takenAt).toBe('2026-11-28T06:00:00.000Z');
      expect(stored!.snapshot.domains.length).toBeGreaterThan(0);
      expect(stored!.contentJson).toBe(old);
    });

    it('sends each notification once when two replicas run at the same time', async () => {
      const { replica, regress } = await setUp();
      const baseline = recordingNotifications();
      await runNotifications({
        ...replica(baseline.service),
        now: new Date('2026-11-28T06:00:00Z'),
      });
      regress();
      const a = recordingNotifications();
      const b = recordingNotifications();
      const now = new Date('2026-11-28T06:15:00Z');
      const [ra, rb] = await Promise.all([
        runNotifications({ ...replica(a.service), now }),
        runNotifications({ ...replica(b.service), now }),
      ]);
      const keys = [...ra.sent, ...rb.sent];
      expect(keys.length).toBeGreaterThanOrEqual(3);
      expect(new Set(keys).size).toBe(keys.length);
      expect(a.sent.length + b.sent.length).toBe(keys.length);
    });

    it('logs and retries when the notifications plugin is absent', async () => {
      const { replica, regress, knex } = await setUp();
      const ok = recordingNotifications();
      await runNotifications({
        ...replica(ok.service),
        now: new Date('2026-11-28T06:00:00Z'),
      });
      regress();
      const absent = recordingNotifications(true);
      const broken = replica(absent.service);
      const failed = await runNotifications({
        ...broken,
        now: new Date('2026-11-28T06:15:00Z'),
      });
      expect(failed.sent).toEqual([]);
      expect(failed.failed.length).toBeGreaterThanOrEqual(3);
      expect(broken.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('is the notifications plugin installed?'),
      );
      expect(await knex('notifications_sent')).toEqual([]);

      // Back again: the next run sends what failed.
      const retried = await runNotifications({
        ...replica(ok.service),
        now: new Date('2026-11-28T06:30:00Z'),
      });
      expect(retried.sent.sort()).toEqual(failed.failed.sort());
    });

    it('tells the owners when a version went out although the deploy gate said no', async () => {
      const { replica, ciStore } = await setUp();
      const out = recordingNotifications();
      const at = (minutesAgo: number) =>
        new Date(Date.now() - minutesAgo * 60_000).toISOString();
      await runNotifications({ ...replica(out.service), now: new Date() });
      await ciStore.recordVerdict({
        service: 'payments-service',
        entityRef: 'component:default/payments-service',
        version: '2.0.0',
        environment: 'production',
        deployable: false,
        rollback: false,
        reasons: [
          {
            check: 'domain-tests',
            ok: false,
            status: 'unknown',
            detail:
              'No domain-suite run of payments-service 2.0.0 was reported.',
            entityRefs: ['component:default/payments-service'],
          },
        ],
        askedBy: 'ci-pipelines',
        askedAt: at(20),
      });
      // Asked and refused; nothing deployed yet: nothing to tell.
      const asked = await runNotifications({
        ...replica(out.service),
        now: new Date(),
      });
      expect(
        out.sent.filter(
          n => n.payload.topic === 'domain-split:deployAfterRefusal',
        ),
      ).toEqual([]);
      expect(asked.sent).toEqual([]);

      await ciStore.ingest(
        deploymentDelivery('dep-after-no', {
          service: 'payments-service',
          version: '2.0.0',
          occurredAt: at(10),
        }),
      );
      await runNotifications({ ...replica(out.service), now: new Date() });
      await runNotifications({ ...replica(out.service), now: new Date() });
      const told = out.sent.filter(
        n => n.payload.topic === 'domain-split:deployAfterRefusal',
      );
      expect(told).toHaveLength(1);
      expect(told[0].recipients).toEqual({
        type: 'entity',
        entityRef: 'group:default/payments-team',
      });
      expect(told[0].payload).toMatchObject({
        title:
          'payments-service 2.0.0 went to production after the deploy gate said no',
        severity: 'critical',
        link: '/domain-split/releases?service=payments-service',
      });
      expect(told[0].payload.description).toContain(
        'No domain-suite run of payments-service 2.0.0',
      );
    });
  });
});
