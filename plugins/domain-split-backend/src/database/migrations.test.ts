import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { Knex } from 'knex';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@internal/plugin-domain-split-backend',
  'migrations',
);
const migrationFiles = fs
  .readdirSync(migrationsDir)
  .filter(name => name.endsWith('.js'))
  .sort();

async function migrateUpOnce(knex: Knex): Promise<void> {
  await knex.migrate.up({ directory: migrationsDir });
}

async function migrateDownOnce(knex: Knex): Promise<void> {
  await knex.migrate.down({ directory: migrationsDir });
}

async function migrateUntil(knex: Knex, fileName: string): Promise<void> {
  const index = migrationFiles.indexOf(fileName);
  if (index === -1) {
    throw new Error(`No migration ${fileName}`);
  }
  for (let i = 0; i <= index; i++) {
    await migrateUpOnce(knex);
  }
}

/**
 * The message of a failed query, or undefined when it succeeds. (Not `rejects.toThrow()`: when
 * Jest runs several files in one process, better-sqlite3 raises errors of another realm, which
 * `toThrow` does not recognise as errors.)
 */
async function failureOf(
  query: PromiseLike<unknown>,
): Promise<string | undefined> {
  try {
    await query;
    return undefined;
  } catch (error) {
    return String(error);
  }
}

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it('are plain .js files with a timestamp prefix', () => {
    expect(migrationFiles.length).toBeGreaterThan(0);
    for (const name of migrationFiles) {
      expect(name).toMatch(/^\d{14}_[a-z0-9_]+\.js$/);
    }
  });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('20261125120000_ci_events goes up and down', async () => {
      const knex = await databases.init(databaseId);
      await migrateUntil(knex, '20261125120000_ci_events.js');

      await knex('ci_events').insert({
        delivery_id: 'evt-1',
        source: 'ci',
        type: 'deployment',
        service: 'orders-service',
        occurred_at: '2026-11-01T10:00:00.000Z',
        received_at: '2026-11-01T10:00:01.000Z',
        authenticated_by: 'standard-webhooks',
        headers: '{}',
        payload: '{"id":"evt-1"}',
        payload_sha256: '0'.repeat(64),
      });
      await knex('deployments').insert({
        event_id: 'evt-1',
        service: 'orders-service',
        service_key: 'orders-service',
        environment: 'production',
        version: '3.2.1',
        status: 'success',
        explicit_rollback: false,
        occurred_at: '2026-11-01T10:00:00.000Z',
        received_at: '2026-11-01T10:00:01.000Z',
      });
      expect(
        await failureOf(
          knex('deployments').insert({
            event_id: 'evt-1',
            service: 'orders-service',
            service_key: 'orders-service',
            environment: 'production',
            version: '3.2.1',
            status: 'success',
            occurred_at: '2026-11-01T10:00:00.000Z',
            received_at: '2026-11-01T10:00:01.000Z',
          }),
        ),
      ).toMatch(/unique|duplicate/i); // event_id is unique

      // Every later migration must keep these rows, going up and coming back down.
      const later =
        migrationFiles.length -
        1 -
        migrationFiles.indexOf('20261125120000_ci_events.js');
      for (let i = 0; i < later; i++) {
        await migrateUpOnce(knex);
      }
      for (let i = 0; i < later; i++) {
        await migrateDownOnce(knex);
      }
      expect(await knex('ci_events').select('delivery_id')).toEqual([
        { delivery_id: 'evt-1' },
      ]);
      expect(await knex('deployments').select('event_id', 'version')).toEqual([
        { event_id: 'evt-1', version: '3.2.1' },
      ]);

      await migrateDownOnce(knex);
      for (const table of [
        'ci_events',
        'deployments',
        'current_versions',
        'test_runs',
        'releases',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
    });

    it('20261125130000_migration_snapshots goes up and down, keeping the CI tables', async () => {
      const knex = await databases.init(databaseId);
      await migrateUntil(knex, '20261125120000_ci_events.js');
      await knex('test_runs').insert({
        event_id: 't-1',
        service: 'orders-service',
        service_key: 'orders-service',
        version: '3.2.1',
        suite: 'contract',
        result: 'passed',
        occurred_at: '2026-11-01T10:00:00.000Z',
        received_at: '2026-11-01T10:00:01.000Z',
      });
      await migrateUpOnce(knex);
      expect(
        migrationFiles[
          migrationFiles.indexOf('20261125120000_ci_events.js') + 1
        ],
      ).toBe('20261125130000_migration_snapshots.js');
      await knex('migration_snapshots').insert({
        day: '2026-11-01',
        taken_at: '2026-11-01T03:00:00.000Z',
        snapshot: '{"takenAt":"2026-11-01T03:00:00.000Z","domains":[]}',
      });
      expect(
        await failureOf(
          knex('migration_snapshots').insert({
            day: '2026-11-01',
            taken_at: '2026-11-01T04:00:00.000Z',
            snapshot: '{}',
          }),
        ),
      ).toMatch(/unique|duplicate/i); // one per day

      await migrateDownOnce(knex);
      expect(await knex.schema.hasTable('migration_snapshots')).toBe(false);
      expect(await knex('test_runs').select('event_id')).toEqual([
        { event_id: 't-1' },
      ]);
    });

    it('20261128090000_evidence_generation starts at 1, goes up and down, keeping the CI tables', async () => {
      const knex = await databases.init(databaseId);
      await migrateUntil(knex, '20261125130000_migration_snapshots.js');
      await knex('test_runs').insert({
        event_id: 't-1',
        service: 'orders-service',
        service_key: 'orders-service',
        version: '3.2.1',
        suite: 'contract',
        result: 'passed',
        occurred_at: '2026-11-01T10:00:00.000Z',
        received_at: '2026-11-01T10:00:01.000Z',
      });
      await migrateUpOnce(knex);
      expect(
        Number((await knex('evidence_generation').first()).generation),
      ).toBe(1);
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261128090000_evidence_generation.js',
      });
      expect(await knex.schema.hasTable('evidence_generation')).toBe(false);
      expect(await knex('test_runs').select('event_id')).toEqual([
        { event_id: 't-1' },
      ]);
    });
  });
});
