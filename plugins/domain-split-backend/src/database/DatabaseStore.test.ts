import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { DatabaseStore } from './DatabaseStore';
import {
  delivery,
  deploymentDelivery,
  testRunDelivery,
} from '../__testUtils__/deliveries';

jest.setTimeout(60_000);

describe('DatabaseStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store };
  }

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('stores the raw event and the derived deployment and current version', async () => {
      const { knex, store } = await createStore(databaseId);
      const d = deploymentDelivery('evt-1', {
        commit: 'abc123',
        pipelineId: 'run-1',
        pipelineUrl: 'https://ci.example.com/run-1',
        repository: 'org/mono',
      });
      await expect(store.ingest(d)).resolves.toEqual({
        deliveryId: 'evt-1',
        duplicate: false,
      });

      const raw = await knex('ci_events')
        .where({ delivery_id: 'evt-1' })
        .first();
      expect(raw.payload).toBe(d.payload);
      expect(raw.source).toBe('ci');
      expect(raw.authenticated_by).toBe('standard-webhooks');
      expect(JSON.parse(raw.headers)).toEqual({ 'webhook-id': 'evt-1' });

      await expect(store.listCurrentVersions()).resolves.toEqual([
        {
          eventId: 'evt-1',
          service: 'orders-service',
          version: '3.2.1',
          environment: 'production',
          status: 'success',
          explicitRollback: false,
          occurredAt: '2026-11-01T10:00:00.000Z',
          commit: 'abc123',
          pipelineId: 'run-1',
          pipelineUrl: 'https://ci.example.com/run-1',
          repository: 'org/mono',
        },
      ]);
    });

    it('changes nothing on a repeated delivery id', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.ingest(deploymentDelivery('evt-1', { version: '1.0.0' }));
      const again = await store.ingest(
        deploymentDelivery('evt-1', {
          version: '9.9.9',
          occurredAt: '2026-11-02T10:00:00.000Z',
        }),
      );
      expect(again).toEqual({ deliveryId: 'evt-1', duplicate: true });
      expect((await knex('ci_events')).length).toBe(1);
      expect((await knex('deployments')).length).toBe(1);
      const [current] = await store.listCurrentVersions();
      expect(current.version).toBe('1.0.0');
    });

    it('stores one row when two copies arrive at once', async () => {
      const { knex, store } = await createStore(databaseId);
      const results = await Promise.all([
        store.ingest(deploymentDelivery('evt-1')),
        store.ingest(deploymentDelivery('evt-1')),
        store.ingest(testRunDelivery('run-1')),
        store.ingest(testRunDelivery('run-1')),
      ]);
      expect(results.map(r => r.duplicate).sort()).toEqual([
        false,
        false,
        true,
        true,
      ]);
      expect((await knex('ci_events')).length).toBe(2);
      expect((await knex('deployments')).length).toBe(1);
      expect((await knex('test_runs')).length).toBe(1);
    });

    it('keeps the newest event current when an older one arrives late', async () => {
      const { store } = await createStore(databaseId);
      await store.ingest(
        deploymentDelivery('v1', {
          version: '1.0.0',
          occurredAt: '2026-11-01T00:00:00.000Z',
        }),
      );
      await store.ingest(
        deploymentDelivery('v3', {
          version: '3.0.0',
          occurredAt: '2026-11-03T00:00:00.000Z',
        }),
      );
      // Arrives last, happened in between: history only, and it is the previous version now.
      await store.ingest(
        deploymentDelivery('v2', {
          version: '2.0.0',
          occurredAt: '2026-11-02T00:00:00.000Z',
        }),
      );
      const [current] = await store.listCurrentVersions();
      expect(current).toMatchObject({
        eventId: 'v3',
        version: '3.0.0',
        previousVersion: '2.0.0',
      });
      const history = await store.getHistory(['orders-service']);
      expect(history.deployments.map(d => d.eventId)).toEqual([
        'v3',
        'v2',
        'v1',
      ]);
    });

    it('ends with the newest version current when many deployments arrive at once', async () => {
      const { store } = await createStore(databaseId);
      const days = [5, 2, 9, 1, 7, 3, 8, 4, 6];
      await Promise.all(
        days.map(day =>
          store.ingest(
            deploymentDelivery(`d${day}`, {
              version: `1.${day}.0`,
              occurredAt: `2026-11-0${day}T00:00:00.000Z`,
            }),
          ),
        ),
      );
      const [current] = await store.listCurrentVersions();
      expect(current).toMatchObject({ eventId: 'd9', version: '1.9.0' });
    });

    it('does not let failed or in-progress deployments change the current version', async () => {
      const { store } = await createStore(databaseId);
      await store.ingest(deploymentDelivery('ok', { version: '1.0.0' }));
      await store.ingest(
        deploymentDelivery('bad', {
          version: '1.1.0',
          status: 'failure',
          occurredAt: '2026-11-02T00:00:00.000Z',
        }),
      );
      await store.ingest(
        deploymentDelivery('wip', {
          version: '1.2.0',
          status: 'in_progress',
          occurredAt: '2026-11-03T00:00:00.000Z',
        }),
      );
      const current = await store.listCurrentVersions();
      expect(current.map(c => [c.eventId, c.version])).toEqual([
        ['ok', '1.0.0'],
      ]);
    });

    it('records a rollback and the version it replaced', async () => {
      const { store } = await createStore(databaseId);
      await store.ingest(
        deploymentDelivery('a', {
          service: 'payments-service',
          version: '1.9.5',
          occurredAt: '2026-11-01T00:00:00.000Z',
        }),
      );
      await store.ingest(
        deploymentDelivery('b', {
          service: 'payments-service',
          version: '1.9.4',
          status: 'rolled_back',
          explicitRollback: true,
          occurredAt: '2026-11-02T00:00:00.000Z',
        }),
      );
      const [current] = await store.listCurrentVersions();
      expect(current).toMatchObject({
        version: '1.9.4',
        status: 'rolled_back',
        explicitRollback: true,
        previousVersion: '1.9.5',
      });
    });

    it('keeps one current row per service (case-insensitive) and environment', async () => {
      const { store } = await createStore(databaseId);
      await store.ingest(
        deploymentDelivery('a', { service: 'Orders-Service' }),
      );
      await store.ingest(
        deploymentDelivery('b', {
          version: '3.2.2',
          occurredAt: '2026-11-02T00:00:00.000Z',
        }),
      );
      await store.ingest(deploymentDelivery('c', { environment: 'staging' }));
      const current = await store.listCurrentVersions();
      expect(current.map(c => [c.environment, c.version])).toEqual([
        ['production', '3.2.2'],
        ['staging', '3.2.1'],
      ]);
    });

    it('breaks a tie on occurredAt by event id, whatever the arrival order', async () => {
      const { store } = await createStore(databaseId);
      await store.ingest(deploymentDelivery('evt-b', { version: '2.0.0' }));
      await store.ingest(deploymentDelivery('evt-a', { version: '1.0.0' }));
      const [current] = await store.listCurrentVersions();
      expect(current.eventId).toBe('evt-b');
    });

    it('returns the evidence the release flags need', async () => {
      const { store } = await createStore(databaseId);
      await store.ingest(
        deploymentDelivery('o', { pipelineId: 'run-7', commit: 'c1' }),
      );
      await store.ingest(
        deploymentDelivery('p', {
          service: 'payments-service',
          version: '1.9.4',
          pipelineId: 'run-7',
          environment: 'staging',
        }),
      );
      await store.ingest(
        deploymentDelivery('s', {
          service: 'search',
          version: '0.1.0',
          commit: 'c1',
        }),
      );
      await store.ingest(
        deploymentDelivery('x', {
          service: 'shipping',
          version: '0.2.0',
          pipelineId: 'run-8',
        }),
      );
      await store.ingest(testRunDelivery('t-ok', { version: 'v3.2.1' }));
      await store.ingest(testRunDelivery('t-failed', { result: 'failed' }));
      await store.ingest(testRunDelivery('t-domain', { suite: 'domain' }));
      await store.ingest(testRunDelivery('t-other', { version: '0.0.1' }));

      const current = await store.listCurrentVersions();
      const orders = current.filter(c => c.service === 'orders-service');
      const evidence = await store.getReleaseEvidence(orders);
      expect(evidence.deployments.map(d => d.eventId).sort()).toEqual([
        'o',
        'p',
        's',
      ]);
      expect(evidence.testRuns.map(t => t.eventId)).toEqual(['t-ok']);
    });

    it('stores test runs and releases and lists them in the history', async () => {
      const { store } = await createStore(databaseId);
      await store.ingest(
        testRunDelivery('t1', {
          suite: 'domain',
          pipelineUrl: 'https://ci/t1',
        }),
      );
      await store.ingest(
        delivery({
          type: 'release',
          eventId: 'r1',
          service: 'orders-service',
          version: '3.2.1',
          occurredAt: '2026-11-01T08:00:00.000Z',
          commit: 'abc',
        }),
      );
      const history = await store.getHistory(['orders-service']);
      expect(history.testRuns).toEqual([
        {
          eventId: 't1',
          service: 'orders-service',
          version: '3.2.1',
          suite: 'domain',
          result: 'passed',
          occurredAt: '2026-11-01T09:00:00.000Z',
          pipelineUrl: 'https://ci/t1',
        },
      ]);
      expect(history.releases).toEqual([
        {
          eventId: 'r1',
          service: 'orders-service',
          version: '3.2.1',
          occurredAt: '2026-11-01T08:00:00.000Z',
          commit: 'abc',
        },
      ]);
      expect(history.deployments).toEqual([]);
    });

    it('lists service names and the events of given services', async () => {
      const { store } = await createStore(databaseId);
      await store.ingest(
        deploymentDelivery('d1', { service: 'Legacy-Billing' }),
      );
      await store.ingest(testRunDelivery('t1', { service: 'legacy-billing' }));
      await store.ingest(deploymentDelivery('d2'));
      expect(await store.listServiceNames()).toEqual([
        'Legacy-Billing',
        'orders-service',
      ]);
      const events = await store.listEventsOfServices(['legacy-billing'], {
        limit: 10,
      });
      expect(events).toEqual([
        {
          eventId: 'd1',
          type: 'deployment',
          service: 'Legacy-Billing',
          version: '3.2.1',
          environment: 'production',
          occurredAt: '2026-11-01T10:00:00.000Z',
          receivedAt: '2026-11-01T12:00:00.000Z',
        },
        {
          eventId: 't1',
          type: 'test_run',
          service: 'legacy-billing',
          version: '3.2.1',
          occurredAt: '2026-11-01T09:00:00.000Z',
          receivedAt: '2026-11-01T12:00:00.000Z',
        },
      ]);
      expect(
        await store.listEventsOfServices(['legacy-billing'], { limit: 1 }),
      ).toHaveLength(1);
    });

    it('prunes raw events but keeps derived state, and a late redelivery does not duplicate it', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.ingest(
        delivery(deploymentDelivery('old').event, '2026-10-01T00:00:00.000Z'),
      );
      await store.ingest(
        delivery(
          deploymentDelivery('new', { occurredAt: '2026-11-05T00:00:00.000Z' })
            .event,
          '2026-11-05T00:00:00.000Z',
        ),
      );
      await expect(
        store.pruneRawEvents('2026-11-01T00:00:00.000Z'),
      ).resolves.toBe(1);
      expect((await knex('ci_events')).map(r => r.delivery_id)).toEqual([
        'new',
      ]);
      expect((await knex('deployments')).length).toBe(2);

      const again = await store.ingest(deploymentDelivery('old'));
      expect(again.duplicate).toBe(true);
      expect((await knex('deployments')).length).toBe(2);
    });

    describe('batches (group commit)', () => {
      async function counts(
        knex: Awaited<ReturnType<typeof createStore>>['knex'],
      ) {
        const result: Record<string, number> = {};
        for (const table of [
          'ci_events',
          'deployments',
          'current_versions',
          'test_runs',
          'releases',
        ]) {
          result[table] = (await knex(table)).length;
        }
        return result;
      }

      it('writes deliveries submitted together in one batch', async () => {
        const { knex, store } = await createStore(databaseId);
        const batches = jest.spyOn(store, 'ingestBatch');
        const results = await Promise.all([
          store.ingest(deploymentDelivery('d1')),
          store.ingest(testRunDelivery('t1')),
          store.ingest(
            delivery({
              type: 'release',
              eventId: 'r1',
              service: 'orders-service',
              version: '3.2.1',
              occurredAt: '2026-11-01T08:00:00.000Z',
            }),
          ),
        ]);
        expect(batches).toHaveBeenCalledTimes(1);
        expect(batches.mock.calls[0][0].map(d => d.deliveryId)).toEqual([
          'd1',
          't1',
          'r1',
        ]);
        expect(results).toEqual([
          { deliveryId: 'd1', duplicate: false },
          { deliveryId: 't1', duplicate: false },
          { deliveryId: 'r1', duplicate: false },
        ]);
        expect(await counts(knex)).toEqual({
          ci_events: 3,
          deployments: 1,
          current_versions: 1,
          test_runs: 1,
          releases: 1,
        });
      });

      it('stores the first copy of a delivery id repeated inside a batch and answers the others duplicate', async () => {
        const { knex, store } = await createStore(databaseId);
        await store.ingest(testRunDelivery('stored-before'));
        const results = await store.ingestBatch([
          deploymentDelivery('evt-1', { version: '1.0.0' }),
          deploymentDelivery('evt-1', {
            version: '9.9.9',
            occurredAt: '2026-11-09T00:00:00.000Z',
          }),
          testRunDelivery('stored-before', { result: 'failed' }),
          testRunDelivery('t2'),
          deploymentDelivery('evt-1', { version: '8.8.8' }),
        ]);
        expect(results).toEqual([
          { deliveryId: 'evt-1', duplicate: false },
          { deliveryId: 'evt-1', duplicate: true },
          { deliveryId: 'stored-before', duplicate: true },
          { deliveryId: 't2', duplicate: false },
          { deliveryId: 'evt-1', duplicate: true },
        ]);
        expect(await counts(knex)).toEqual({
          ci_events: 3,
          deployments: 1,
          current_versions: 1,
          test_runs: 2,
          releases: 0,
        });
        const [current] = await store.listCurrentVersions();
        expect(current).toMatchObject({ eventId: 'evt-1', version: '1.0.0' });
        const raw = await knex('ci_events')
          .where({ delivery_id: 'evt-1' })
          .first();
        expect(JSON.parse(raw.payload).version).toBe('1.0.0');
        const runs = await knex('test_runs').orderBy('event_id');
        expect(runs.map(r => [r.event_id, r.result])).toEqual([
          ['stored-before', 'passed'],
          ['t2', 'passed'],
        ]);
      });

      it('derives current and previous versions from the whole batch, whatever its order', async () => {
        const { store } = await createStore(databaseId);
        await store.ingest(
          deploymentDelivery('v1', {
            version: '1.0.0',
            occurredAt: '2026-11-01T00:00:00.000Z',
          }),
        );
        await store.ingestBatch([
          deploymentDelivery('v4', {
            version: '4.0.0',
            occurredAt: '2026-11-04T00:00:00.000Z',
          }),
          deploymentDelivery('v2', {
            version: '2.0.0',
            occurredAt: '2026-11-02T00:00:00.000Z',
          }),
          deploymentDelivery('v5-failed', {
            version: '5.0.0',
            status: 'failure',
            occurredAt: '2026-11-05T00:00:00.000Z',
          }),
          deploymentDelivery('v3', {
            version: '3.0.0',
            occurredAt: '2026-11-03T00:00:00.000Z',
          }),
          // Same time as v4: the larger event id wins the tie.
          deploymentDelivery('v4-tie', {
            version: '4.0.1',
            occurredAt: '2026-11-04T00:00:00.000Z',
          }),
          deploymentDelivery('s1', {
            environment: 'staging',
            version: '7.0.0',
          }),
        ]);
        const current = await store.listCurrentVersions();
        expect(
          current.map(c => [
            c.environment,
            c.eventId,
            c.version,
            c.previousVersion,
          ]),
        ).toEqual([
          ['production', 'v4-tie', '4.0.1', '4.0.0'],
          ['staging', 's1', '7.0.0', undefined],
        ]);

        // An older event in a later batch changes only the history and the previous version.
        await store.ingestBatch([
          deploymentDelivery('v0', {
            version: '0.9.0',
            occurredAt: '2026-10-01T00:00:00.000Z',
          }),
        ]);
        expect((await store.listCurrentVersions())[0]).toMatchObject({
          eventId: 'v4-tie',
          previousVersion: '4.0.0',
        });
      });

      it('records a rollback inside a batch and the version it replaced', async () => {
        const { store } = await createStore(databaseId);
        await store.ingestBatch([
          deploymentDelivery('b', {
            service: 'payments-service',
            version: '1.9.4',
            status: 'rolled_back',
            explicitRollback: true,
            occurredAt: '2026-11-02T00:00:00.000Z',
          }),
          deploymentDelivery('a', {
            service: 'payments-service',
            version: '1.9.5',
            occurredAt: '2026-11-01T00:00:00.000Z',
          }),
        ]);
        const [current] = await store.listCurrentVersions();
        expect(current).toMatchObject({
          version: '1.9.4',
          status: 'rolled_back',
          explicitRollback: true,
          previousVersion: '1.9.5',
        });
      });

      it('writes batches larger than one multi-row insert and many services at once', async () => {
        const { knex, store } = await createStore(databaseId);
        const deliveries = Array.from({ length: 260 }, (_, i) =>
          i % 2
            ? testRunDelivery(`t${i}`, { service: `svc-${i % 120}` })
            : deploymentDelivery(`d${i}`, {
                service: `svc-${i % 120}`,
                version: `1.${i}.0`,
                occurredAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
              }),
        );
        const results = await store.ingestBatch(deliveries);
        expect(results.every(r => !r.duplicate)).toBe(true);
        expect(await counts(knex)).toEqual({
          ci_events: 260,
          deployments: 130,
          current_versions: 60,
          test_runs: 130,
          releases: 0,
        });
        // svc-0 got d0, d120 and d240: the newest is current, the one before it previous.
        const current = await store.listCurrentVersions();
        expect(current.find(c => c.service === 'svc-0')).toMatchObject({
          eventId: 'd240',
          version: '1.240.0',
          previousVersion: '1.120.0',
        });
      });

      it('rejects every delivery of a batch that fails midway and stores nothing of it', async () => {
        const { knex, store } = await createStore(databaseId);
        await store.ingest(testRunDelivery('before'));
        // Fails after the raw events, test runs and deployments of the batch were inserted.
        await knex.schema.dropTable('current_versions');
        const batches = jest.spyOn(store, 'ingestBatch');
        const results = await Promise.allSettled([
          store.ingest(testRunDelivery('t1')),
          store.ingest(deploymentDelivery('d1')),
          store.ingest(testRunDelivery('t2')),
          store.ingest(testRunDelivery('t1')),
        ]);
        expect(batches).toHaveBeenCalledTimes(1);
        expect(results.map(r => r.status)).toEqual([
          'rejected',
          'rejected',
          'rejected',
          'rejected',
        ]);
        expect((await knex('ci_events')).map(r => r.delivery_id)).toEqual([
          'before',
        ]);
        expect((await knex('test_runs')).map(r => r.event_id)).toEqual([
          'before',
        ]);
        expect(await knex('deployments')).toEqual([]);

        // The writer goes on with the next batch.
        await expect(store.ingest(testRunDelivery('t3'))).resolves.toEqual({
          deliveryId: 't3',
          duplicate: false,
        });
      });

      it('stores each event once when two stores (replicas) write overlapping batches at once', async () => {
        const { knex, store } = await createStore(databaseId);
        const replica = await DatabaseStore.create({
          database: mockServices.database({ knex }),
        });
        const ids = Array.from({ length: 30 }, (_, i) => `e${i}`);
        const send = (s: DatabaseStore, part: string[]) =>
          Promise.all(
            part.map(id =>
              s.ingest(
                deploymentDelivery(id, {
                  version: `1.${id.slice(1)}.0`,
                  occurredAt: new Date(
                    Date.UTC(2026, 10, 1, 0, Number(id.slice(1))),
                  ).toISOString(),
                  environment:
                    Number(id.slice(1)) % 2 ? 'production' : 'staging',
                }),
              ),
            ),
          );
        // Every third event goes to both replicas.
        const [a, b] = await Promise.all([
          send(
            store,
            ids.filter((_, i) => i % 2 === 0 || i % 3 === 0),
          ),
          send(
            replica,
            ids.filter((_, i) => i % 2 === 1 || i % 3 === 0),
          ),
        ]);
        const accepted = [...a, ...b].filter(r => !r.duplicate);
        expect(accepted.map(r => r.deliveryId).sort()).toEqual([...ids].sort());
        expect((await knex('ci_events')).length).toBe(30);
        expect((await knex('deployments')).length).toBe(30);
        const current = await store.listCurrentVersions();
        expect(current.map(c => c.version).sort()).toEqual(
          ['1.28.0', '1.29.0'].sort(),
        );
      });
    });

    it('keeps one migration snapshot per UTC day, the latest of the day winning', async () => {
      const { store } = await createStore(databaseId);
      const snapshot = (takenAt: string, phase: 0 | 1 | 2 | 3) => ({
        takenAt,
        domains: [
          {
            domainRef: 'domain:default/orders',
            phase,
            stepsMet: 0,
            progress: 0.25,
          },
        ],
      });
      expect(await store.hasSnapshotFor('2026-11-02')).toBe(false);
      await store.saveSnapshot(snapshot('2026-11-02T23:00:00.000Z', 1));
      await store.saveSnapshot(snapshot('2026-11-01T06:00:00.000Z', 0));
      await store.saveSnapshot(snapshot('2026-11-02T23:30:00.000Z', 2));
      expect(await store.hasSnapshotFor('2026-11-02')).toBe(true);
      expect(await store.listSnapshots()).toEqual([
        snapshot('2026-11-01T06:00:00.000Z', 0),
        snapshot('2026-11-02T23:30:00.000Z', 2),
      ]);
    });

    it('stores the version key at ingest and matches contract runs by it or by commit', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.ingest(testRunDelivery('t-2.1', { version: '2.1' }));
      await store.ingest(
        testRunDelivery('t-sha', {
          version: 'f00dbeef',
          commit: 'f00dbeef',
          workflow: 'acme/platform:.github/workflows/orders-contract.yml',
          repository: 'acme/platform',
        }),
      );
      await store.ingest(testRunDelivery('t-other', { version: '2.2' }));
      await store.ingest(
        deploymentDelivery('d-2.1.0', {
          version: '2.1.0',
          commit: 'f00dbeef',
        }),
      );
      expect(
        await knex('deployments').select('event_id', 'version_key'),
      ).toEqual([{ event_id: 'd-2.1.0', version_key: 'v2.1' }]);
      expect(
        (await knex('test_runs').select('event_id', 'version_key'))
          .map(r => `${r.event_id}=${r.version_key}`)
          .sort(),
      ).toEqual(['t-2.1=v2.1', 't-other=v2.2', 't-sha==f00dbeef']);

      const current = await store.listCurrentVersions();
      const evidence = await store.getReleaseEvidence(current);
      expect(evidence.testRuns.map(r => r.eventId).sort()).toEqual([
        't-2.1',
        't-sha',
      ]);
      expect(evidence.testRuns.find(r => r.eventId === 't-sha')).toMatchObject({
        commit: 'f00dbeef',
        workflow: 'acme/platform:.github/workflows/orders-contract.yml',
        repository: 'acme/platform',
      });

      // History of a Component claiming the workflow: its runs under another service name.
      const history = await store.getHistory(
        ['orders-service'],
        [':.github/workflows/orders-contract.yml'],
      );
      expect(history.testRuns.map(r => r.eventId).sort()).toEqual([
        't-2.1',
        't-other',
        't-sha',
      ]);
    });

    it('lists the two newest live deployments per CI name and environment', async () => {
      const { store } = await createStore(databaseId);
      const at = (day: number) =>
        `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`;
      for (const [id, service, version, day, status] of [
        ['a1', 'orders-service', '1.0.0', 1, 'success'],
        ['a2', 'orders-service', '1.1.0', 2, 'success'],
        ['a3', 'orders-service', '1.2.0', 3, 'failure'],
        ['a4', 'orders-service', '1.0.0', 4, 'rolled_back'],
        ['b1', 'orders-svc', '0.9.0', 5, 'success'],
      ] as const) {
        await store.ingest(
          deploymentDelivery(id, {
            service,
            version,
            occurredAt: at(day),
            status,
          }),
        );
      }
      const heads = await store.listLiveHeads();
      expect(heads.map(h => `${h.service}@${h.version}/${h.status}`)).toEqual([
        'orders-service@1.0.0/rolled_back',
        'orders-service@1.1.0/success',
        'orders-svc@0.9.0/success',
      ]);
      // One entity's CI names (lower-case keys): their heads only.
      const ofOne = await store.listLiveHeads({ serviceKeys: ['orders-svc'] });
      expect(ofOne.map(h => h.eventId)).toEqual(['b1']);
      expect(
        (
          await store.listLiveHeads({
            serviceKeys: ['orders-service', 'orders-svc'],
          })
        ).map(h => h.eventId),
      ).toEqual(heads.map(h => h.eventId));
      expect(await store.listLiveHeads({ serviceKeys: [] })).toEqual([]);
    });

    it('lists the environments any service has a live deployment in', async () => {
      const { store } = await createStore(databaseId);
      expect(await store.listLiveEnvironments()).toEqual([]);
      for (const [id, environment, status] of [
        ['e1', 'production', 'success'],
        ['e2', 'staging', 'success'],
        ['e3', 'production', 'rolled_back'],
        ['e4', 'qa', 'failure'],
      ] as const) {
        await store.ingest(
          deploymentDelivery(id, {
            service: `svc-${id}`,
            version: '1.0.0',
            environment,
            occurredAt: '2026-11-20T10:00:00.000Z',
            status,
          }),
        );
      }
      // A failed deployment put nothing live: qa is no column.
      expect(await store.listLiveEnvironments()).toEqual([
        'production',
        'staging',
      ]);
    });

    it('keeps the violation lifecycle: open, seen again, resolved, reopened', async () => {
      const { store } = await createStore(databaseId);
      const violation = (key: string) => ({
        rule: 'contract-tests-before-deploy' as const,
        key,
        entityRefs: ['component:default/orders-service'],
        domainRefs: ['domain:default/orders'],
        message: `why ${key}`,
      });
      const t = (day: number) => new Date(Date.UTC(2026, 10, day));
      await store.updateViolations([violation('a'), violation('b')], t(1));
      await store.updateViolations([violation('a')], t(2));
      const byKey = new Map(
        (await store.listViolations()).map(v => [v.key, v]),
      );
      expect(byKey.get('a')).toEqual({
        ...violation('a'),
        status: 'open',
        firstSeenAt: t(1).toISOString(),
        lastSeenAt: t(2).toISOString(),
      });
      expect(byKey.get('b')).toEqual({
        ...violation('b'),
        status: 'resolved',
        firstSeenAt: t(1).toISOString(),
        lastSeenAt: t(1).toISOString(),
        resolvedAt: t(2).toISOString(),
      });
      const again = await store.updateViolations([violation('b')], t(3));
      expect(again.find(v => v.key === 'b')).toEqual({
        ...violation('b'),
        status: 'open',
        firstSeenAt: t(1).toISOString(),
        lastSeenAt: t(3).toISOString(),
      });
      expect(again.find(v => v.key === 'a')?.status).toBe('resolved');
    });

    it('writes only what a check changed: an open violation found again is last seen at the time of the latest check', async () => {
      const { knex, store } = await createStore(databaseId);
      const violation = (key: string, message = `why ${key}`) => ({
        rule: 'no-shared-cache' as const,
        key,
        entityRefs: ['resource:default/cache'],
        domainRefs: ['domain:default/orders'],
        message,
      });
      const t = (day: number) => new Date(Date.UTC(2026, 10, day));
      const rows = async () =>
        Object.fromEntries(
          (
            await knex('rule_violations').select(
              'violation_key',
              'last_seen_at',
              'message',
            )
          ).map(r => [r.violation_key, [r.last_seen_at, r.message]]),
        );
      await store.updateViolations([violation('a'), violation('b')], t(1));
      await store.updateViolations([violation('a'), violation('b')], t(2));
      // Nothing changed: no violation row written again.
      expect(await rows()).toEqual({
        a: [t(1).toISOString(), 'why a'],
        b: [t(1).toISOString(), 'why b'],
      });
      expect(
        (await store.listViolations()).map(v => [v.key, v.lastSeenAt]).sort(),
      ).toEqual([
        ['a', t(2).toISOString()],
        ['b', t(2).toISOString()],
      ]);

      // b resolved: it keeps the last check that found it; a's new message is written.
      const after = await store.updateViolations(
        [violation('a', 'another reason')],
        t(3),
      );
      expect(await rows()).toEqual({
        a: [t(3).toISOString(), 'another reason'],
        b: [t(2).toISOString(), 'why b'],
      });
      const listed = await store.listViolations();
      expect(listed).toEqual(expect.arrayContaining(after));
      expect(listed.find(v => v.key === 'b')).toMatchObject({
        status: 'resolved',
        lastSeenAt: t(2).toISOString(),
        resolvedAt: t(3).toISOString(),
      });
      expect(listed.find(v => v.key === 'a')?.lastSeenAt).toBe(
        t(3).toISOString(),
      );
    });

    it('keeps the fingerprint of the last settled catalog read', async () => {
      const { store } = await createStore(databaseId);
      expect(await store.getSettledCatalogFingerprint()).toBeUndefined();
      await store.saveSettledCatalogFingerprint('3:abc');
      await store.saveSettledCatalogFingerprint('4:def');
      expect(await store.getSettledCatalogFingerprint()).toBe('4:def');
    });

    it('keeps violations whose key is longer than any key column (a resource shared by hundreds of services)', async () => {
      const { store } = await createStore(databaseId);
      const users = Array.from(
        { length: 400 },
        (_, i) => `component:default/service-${i}`,
      );
      const long = {
        rule: 'no-cross-domain-db' as const,
        key: `no-cross-domain-db:resource:default/shared-db,${users.join(',')}`,
        entityRefs: ['resource:default/shared-db', ...users],
        domainRefs: ['domain:default/a', 'domain:default/b'],
        message: 'shared',
      };
      expect(long.key.length).toBeGreaterThan(10_000);
      const t = (day: number) => new Date(Date.UTC(2026, 10, day));
      await store.updateViolations([long], t(1));
      await store.updateViolations([long], t(2));
      const [stored, ...others] = await store.listViolations();
      expect(others).toEqual([]);
      expect(stored).toEqual({
        ...long,
        status: 'open',
        firstSeenAt: t(1).toISOString(),
        lastSeenAt: t(2).toISOString(),
      });
      await store.updateViolations([], t(3));
      expect((await store.listViolations())[0]).toMatchObject({
        key: long.key,
        status: 'resolved',
        resolvedAt: t(3).toISOString(),
      });
    });
  });
});
