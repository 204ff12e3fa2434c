import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { Knex } from 'knex';
import { versionKey } from '@internal/plugin-domain-split-common';

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

/** The names of a table's indexes (SQLite or PostgreSQL). */
async function indexNames(knex: Knex, table: string): Promise<string[]> {
  const rows: { name: string }[] =
    knex.client.config.client === 'pg'
      ? await knex('pg_indexes')
          .select({ name: 'indexname' })
          .where({ tablename: table })
      : await knex('sqlite_master')
          .select('name')
          .where({ type: 'index', tbl_name: table });
  return rows.map(row => row.name).sort();
}

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it('are plain .js files with a timestamp prefix', () => {
    expect(migrationFiles.length).toBeGreaterThan(0);
    for (const name of migrationFiles) {
      expect(name).toMatch(/^\d{14}_[a-z0-9_]+\.js$/);
    }
  });

  it('20261128100000_evidence_over_time backfills with the version key common computes', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { versionKeyAtMigration } = require(path.join(
      migrationsDir,
      '20261128100000_evidence_over_time.js',
    ));
    for (const version of [
      '3.2.1',
      'v3.2.1',
      'V3.2.1',
      '2.1',
      '2.1.0',
      '2.1.0.0',
      '1.0.0-rc.01',
      '1.0.0-RC.1+build.7',
      '2024.05.1',
      '0',
      '0.0.0',
      'latest',
      'abc123f',
      ' 1.2.3 ',
      '',
    ]) {
      expect([version, versionKeyAtMigration(version)]).toEqual([
        version,
        versionKey(version),
      ]);
    }
  });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('20261128100000_evidence_over_time backfills version keys of stored rows and goes down keeping them', async () => {
      const knex = await databases.init(databaseId);
      // Every migration before this one, then rows as they were stored before it.
      const self = migrationFiles.indexOf(
        '20261128100000_evidence_over_time.js',
      );
      await migrateUntil(knex, migrationFiles[self - 1]);
      const base = {
        service: 'rides-service',
        service_key: 'rides-service',
        occurred_at: '2026-11-01T10:00:00.000Z',
        received_at: '2026-11-01T10:00:01.000Z',
      };
      await knex('deployments').insert([
        {
          ...base,
          event_id: 'd-1',
          environment: 'production',
          version: '2.1.0',
          status: 'success',
        },
        {
          ...base,
          event_id: 'd-2',
          environment: 'production',
          version: 'v3.0',
          status: 'success',
        },
      ]);
      await knex('current_versions').insert({
        service: base.service,
        service_key: base.service_key,
        occurred_at: base.occurred_at,
        event_id: 'd-2',
        environment: 'production',
        version: 'v3.0',
        status: 'success',
      });
      await knex('test_runs').insert({
        ...base,
        event_id: 't-1',
        version: '2.1',
        suite: 'contract',
        result: 'passed',
        commit_sha: 'abc',
      });
      await knex('releases').insert({
        ...base,
        event_id: 'r-1',
        version: 'latest',
      });

      await migrateUpOnce(knex);
      expect(
        await knex('deployments')
          .select('event_id', 'version_key')
          .orderBy('event_id'),
      ).toEqual([
        { event_id: 'd-1', version_key: 'v2.1' },
        { event_id: 'd-2', version_key: 'v3' },
      ]);
      expect(
        await knex('test_runs').select(
          'event_id',
          'version_key',
          'repository',
          'workflow',
        ),
      ).toEqual([
        {
          event_id: 't-1',
          version_key: 'v2.1',
          repository: null,
          workflow: null,
        },
      ]);
      expect(await knex('releases').select('version_key')).toEqual([
        { version_key: '=latest' },
      ]);
      expect(await knex('current_versions').select('version_key')).toEqual([
        { version_key: 'v3' },
      ]);

      await knex('rule_violations').insert({
        violation_key: 'contract-tests-before-deploy:x@v1',
        rule: 'contract-tests-before-deploy',
        status: 'open',
        entity_refs: '[]',
        domain_refs: '[]',
        message: 'm',
        first_seen_at: '2026-11-01T10:00:00.000Z',
        last_seen_at: '2026-11-01T10:00:00.000Z',
      });
      expect(
        await failureOf(
          knex('rule_violations').insert({
            violation_key: 'contract-tests-before-deploy:x@v1',
            rule: 'contract-tests-before-deploy',
            status: 'open',
            entity_refs: '[]',
            domain_refs: '[]',
            message: 'm',
            first_seen_at: '2026-11-01T10:00:00.000Z',
            last_seen_at: '2026-11-01T10:00:00.000Z',
          }),
        ),
      ).toMatch(/unique|duplicate/i);

      await migrateDownOnce(knex);
      expect(await knex.schema.hasTable('rule_violations')).toBe(false);
      expect(await knex.schema.hasColumn('deployments', 'version_key')).toBe(
        false,
      );
      expect(
        await knex('deployments')
          .select('event_id', 'version')
          .orderBy('event_id'),
      ).toEqual([
        { event_id: 'd-1', version: '2.1.0' },
        { event_id: 'd-2', version: 'v3.0' },
      ]);
      expect(await knex('test_runs').select('event_id', 'commit_sha')).toEqual([
        { event_id: 't-1', commit_sha: 'abc' },
      ]);
    });

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

    it('20261128110000_contract_verifications and 20261128110100_deploy_verdicts go up and down, keeping the CI tables', async () => {
      const knex = await databases.init(databaseId);
      await migrateUntil(knex, '20261128090000_evidence_generation.js');
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
      const next = migrationFiles.indexOf(
        '20261128090000_evidence_generation.js',
      );
      expect(migrationFiles.slice(next + 1, next + 4)).toEqual([
        '20261128100000_evidence_over_time.js',
        '20261128110000_contract_verifications.js',
        '20261128110100_deploy_verdicts.js',
      ]);
      await migrateUpOnce(knex); // evidence_over_time (backfills the version keys)
      await migrateUpOnce(knex);
      await migrateUpOnce(knex);
      const pair = {
        event_id: 't-1',
        service: 'orders-service',
        service_key: 'orders-service',
        version: '3.2.1',
        version_key: 'v3.2.1',
        counterpart_service: 'payments-service',
        counterpart_key: 'payments-service',
        counterpart_version: '1.9.4',
        counterpart_version_key: 'v1.9.4',
        result: 'passed',
        occurred_at: '2026-11-01T10:00:00.000Z',
      };
      await knex('contract_verifications').insert(pair);
      expect(
        await failureOf(knex('contract_verifications').insert(pair)),
      ).toMatch(/unique|duplicate/i); // one row per event and ordered pair
      await knex('deploy_verdicts').insert({
        id: 'v-1',
        service: 'orders-service',
        service_key: 'orders-service',
        version: '3.2.1',
        version_key: 'v3.2.1',
        environment: 'production',
        deployable: false,
        rollback: false,
        reasons: '[]',
        asked_by: 'user:default/mock',
        asked_at: '2026-11-01T10:00:00.000Z',
      });
      expect(
        (await knex('deploy_verdicts').select('deployable')).map(r =>
          Boolean(r.deployable),
        ),
      ).toEqual([false]);

      await migrateDownOnce(knex);
      expect(await knex.schema.hasTable('deploy_verdicts')).toBe(false);
      expect(await knex('contract_verifications').select('event_id')).toEqual([
        { event_id: 't-1' },
      ]);
      await migrateDownOnce(knex);
      expect(await knex.schema.hasTable('contract_verifications')).toBe(false);
      expect(await knex('test_runs').select('event_id')).toEqual([
        { event_id: 't-1' },
      ]);
    });

    it('20261128130000_violation_full_key adds the full key and goes down keeping the violations', async () => {
      const knex = await databases.init(databaseId);
      await migrateUntil(knex, '20261128120000_notifications.js');
      const row = {
        violation_key: 'no-shared-cache:resource:default/shared-redis',
        rule: 'no-shared-cache',
        status: 'open',
        entity_refs: '[]',
        domain_refs: '[]',
        message: 'shared',
        first_seen_at: '2026-11-01T00:00:00.000Z',
        last_seen_at: '2026-11-01T00:00:00.000Z',
      };
      await knex('rule_violations').insert(row);
      await migrateUpOnce(knex);
      expect(
        await knex('rule_violations').select('violation_key', 'full_key'),
      ).toEqual([{ violation_key: row.violation_key, full_key: null }]);
      await migrateDownOnce(knex);
      expect(await knex.schema.hasColumn('rule_violations', 'full_key')).toBe(
        false,
      );
      expect(await knex('rule_violations').select('violation_key')).toEqual([
        { violation_key: row.violation_key },
      ]);
    });
    it('20261128140000_evidence_window_indexes adds the window and per-key indexes and goes down keeping the rows', async () => {
      const knex = await databases.init(databaseId);
      await migrateUntil(knex, '20261128130000_violation_full_key.js');
      const at = '2026-11-01T00:00:00.000Z';
      await knex('deployments').insert({
        event_id: 'd-1',
        service: 'orders-service',
        service_key: 'orders-service',
        environment: 'production',
        version: '1.0.0',
        version_key: 'v1',
        status: 'success',
        occurred_at: at,
        received_at: at,
      });
      await knex('test_runs').insert({
        event_id: 't-1',
        service: 'orders-service',
        service_key: 'orders-service',
        version: '1.0.0',
        version_key: 'v1',
        suite: 'contract',
        result: 'passed',
        occurred_at: at,
        received_at: at,
      });
      const added = {
        deployments: ['deployments_occurred_at_idx'],
        test_runs: [
          'test_runs_suite_commit_idx',
          'test_runs_suite_service_idx',
          'test_runs_suite_version_key_idx',
        ],
        deploy_verdicts: ['deploy_verdicts_asked_at_idx'],
      };
      const before = Object.fromEntries(
        await Promise.all(
          Object.keys(added).map(async t => [t, await indexNames(knex, t)]),
        ),
      );
      await migrateUpOnce(knex);
      for (const [table, names] of Object.entries(added)) {
        expect(await indexNames(knex, table)).toEqual(
          [...before[table], ...names].sort(),
        );
      }
      await migrateDownOnce(knex);
      for (const table of Object.keys(added)) {
        expect(await indexNames(knex, table)).toEqual(before[table]);
      }
      expect(await knex('deployments').select('event_id')).toEqual([
        { event_id: 'd-1' },
      ]);
      expect(await knex('test_runs').select('event_id')).toEqual([
        { event_id: 't-1' },
      ]);
    });
  });
});
