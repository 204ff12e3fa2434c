import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseStore } from '../database/DatabaseStore';
import { delivery, deploymentDelivery } from '../__testUtils__/deliveries';
import { pruneRawEvents } from './retention';

describe('pruneRawEvents', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'deletes raw events received before now - maxAge, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseStore.create({
        database: mockServices.database({ knex }),
      });
      const ingest = (id: string, receivedAt: string) =>
        store.ingest(delivery(deploymentDelivery(id).event, receivedAt));
      await ingest('a', '2026-11-01T00:00:00.000Z');
      await ingest('b', '2026-11-06T23:59:59.999Z');
      await ingest('c', '2026-11-07T00:00:00.000Z');

      const deleted = await pruneRawEvents({
        store,
        maxAge: { days: 3 },
        now: new Date('2026-11-10T00:00:00.000Z'),
      });
      expect(deleted).toBe(2);
      expect((await knex('ci_events')).map(r => r.delivery_id)).toEqual(['c']);
      expect((await knex('deployments')).length).toBe(3);
    },
  );
});
