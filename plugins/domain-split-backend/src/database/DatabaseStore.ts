import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  LIVE_DEPLOYMENT_STATUSES,
  MigrationSnapshot,
  ReleaseRecord,
  StoredCurrentVersion,
  StoredDeployment,
  TestRunRecord,
  UnmatchedEvent,
} from '@internal/plugin-domain-split-common';
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import type { AcceptedDelivery, CiEvent } from '../ingest/types';
import type { CiStore, IngestResult, StoredEvidence } from './CiStore';
import { serviceKeyOf } from './serviceKey';
import { SnapshotStore, utcDayOf } from './SnapshotStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-domain-split-backend',
  'migrations',
);

/** Keeps `whereIn` lists well below every engine's bound-parameter limit. */
const CHUNK_SIZE = 500;

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK_SIZE) {
    result.push(items.slice(i, i + CHUNK_SIZE));
  }
  return result;
}

type Row = Record<string, any>;

function optional<K extends string>(
  key: K,
  value: unknown,
): { [P in K]?: string } {
  return value === null || value === undefined || value === ''
    ? {}
    : ({ [key]: String(value) } as { [P in K]?: string });
}

function toStoredDeployment(row: Row): StoredDeployment {
  return {
    eventId: row.event_id,
    service: row.service,
    version: row.version,
    environment: row.environment,
    status: row.status,
    explicitRollback: Boolean(row.explicit_rollback),
    occurredAt: row.occurred_at,
    ...optional('commit', row.commit_sha),
    ...optional('pipelineId', row.pipeline_id),
    ...optional('pipelineUrl', row.pipeline_url),
    ...optional('repository', row.repository),
  };
}

function toTestRun(row: Row): TestRunRecord {
  return {
    eventId: row.event_id,
    service: row.service,
    version: row.version,
    suite: row.suite,
    result: row.result,
    occurredAt: row.occurred_at,
    ...optional('pipelineUrl', row.pipeline_url),
  };
}

function toRelease(row: Row): ReleaseRecord {
  return {
    eventId: row.event_id,
    service: row.service,
    version: row.version,
    occurredAt: row.occurred_at,
    ...optional('commit', row.commit_sha),
    ...optional('pipelineId', row.pipeline_id),
    ...optional('pipelineUrl', row.pipeline_url),
    ...optional('repository', row.repository),
  };
}

/** Newest first, ties broken by event id so that the order is stable. */
const NEWEST_FIRST = [
  { column: 'occurred_at', order: 'desc' },
  { column: 'event_id', order: 'desc' },
] as const;

/**
 * The knex-backed store of the Domain Split backend (SQLite and PostgreSQL).
 * @internal
 */
export class DatabaseStore implements CiStore, SnapshotStore {
  /**
   * Connects to the plugin's database and runs its migrations, unless the database service
   * says to skip them.
   */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async ingest(delivery: AcceptedDelivery): Promise<IngestResult> {
    const { event } = delivery;
    return await this.db.transaction(async tx => {
      const inserted = await tx('ci_events')
        .insert({
          delivery_id: delivery.deliveryId,
          source: delivery.source,
          type: event.type,
          service: event.service,
          occurred_at: event.occurredAt,
          received_at: delivery.receivedAt,
          authenticated_by: delivery.authenticatedBy,
          headers: JSON.stringify(delivery.headers),
          payload: delivery.payload,
          payload_sha256: createHash('sha256')
            .update(delivery.payload)
            .digest('hex'),
        })
        .onConflict('delivery_id')
        .ignore()
        .returning('delivery_id');
      if (inserted.length === 0) {
        return { deliveryId: delivery.deliveryId, duplicate: true };
      }
      const derived = await this.insertDerived(tx, event, delivery.receivedAt);
      // The raw event was pruned long ago but its derived state is still there: a very late
      // redelivery. The raw copy is kept again; the history is not duplicated.
      return { deliveryId: delivery.deliveryId, duplicate: !derived };
    });
  }

  /** @returns false when the derived row already existed */
  private async insertDerived(
    tx: Knex.Transaction,
    event: CiEvent,
    receivedAt: string,
  ): Promise<boolean> {
    const common = {
      event_id: event.eventId,
      service: event.service,
      service_key: serviceKeyOf(event.service),
      version: event.version,
      occurred_at: event.occurredAt,
      received_at: receivedAt,
      commit_sha: event.commit ?? null,
      pipeline_id: event.pipelineId ?? null,
      pipeline_url: event.pipelineUrl ?? null,
    };
    if (event.type === 'test_run') {
      const rows = await tx('test_runs')
        .insert({ ...common, suite: event.suite, result: event.result })
        .onConflict('event_id')
        .ignore()
        .returning('event_id');
      return rows.length > 0;
    }
    if (event.type === 'release') {
      const rows = await tx('releases')
        .insert({ ...common, repository: event.repository ?? null })
        .onConflict('event_id')
        .ignore()
        .returning('event_id');
      return rows.length > 0;
    }
    const rows = await tx('deployments')
      .insert({
        ...common,
        repository: event.repository ?? null,
        environment: event.environment,
        status: event.status,
        explicit_rollback: event.explicitRollback,
      })
      .onConflict('event_id')
      .ignore()
      .returning('event_id');
    if (rows.length === 0) {
      return false;
    }
    if (LIVE_DEPLOYMENT_STATUSES.includes(event.status)) {
      await this.refreshCurrentVersion(
        tx,
        common.service_key,
        event.environment,
      );
    }
    return true;
  }

  /**
   * Sets the current version of one service × environment from its history: the latest live
   * deployment by occurred_at, with the one before it as the previous version. The upsert only
   * overwrites an older current row, so that a concurrent transaction holding an older event
   * can never replace a newer current version.
   */
  private async refreshCurrentVersion(
    tx: Knex.Transaction,
    serviceKey: string,
    environment: string,
  ): Promise<void> {
    const [latest, previous] = await tx('deployments')
      .where({ service_key: serviceKey, environment })
      .whereIn('status', [...LIVE_DEPLOYMENT_STATUSES])
      .orderBy([...NEWEST_FIRST])
      .limit(2);
    await tx('current_versions')
      .insert({
        service_key: serviceKey,
        environment,
        service: latest.service,
        version: latest.version,
        status: latest.status,
        explicit_rollback: Boolean(latest.explicit_rollback),
        previous_version: previous?.version ?? null,
        event_id: latest.event_id,
        occurred_at: latest.occurred_at,
        commit_sha: latest.commit_sha,
        pipeline_id: latest.pipeline_id,
        pipeline_url: latest.pipeline_url,
        repository: latest.repository,
      })
      .onConflict(['service_key', 'environment'])
      .merge()
      .whereRaw(
        'current_versions.occurred_at < excluded.occurred_at or ' +
          '(current_versions.occurred_at = excluded.occurred_at and ' +
          'current_versions.event_id <= excluded.event_id)',
      );
  }

  async listCurrentVersions(): Promise<StoredCurrentVersion[]> {
    const rows = await this.db('current_versions').orderBy([
      'service_key',
      'environment',
    ]);
    return rows.map(row => ({
      ...toStoredDeployment(row),
      ...optional('previousVersion', row.previous_version),
    }));
  }

  async getReleaseEvidence(
    current: StoredCurrentVersion[],
  ): Promise<StoredEvidence> {
    const pipelineIds = [
      ...new Set(current.flatMap(c => (c.pipelineId ? [c.pipelineId] : []))),
    ];
    const commits = [
      ...new Set(current.flatMap(c => (c.commit ? [c.commit] : []))),
    ];
    // `v3.2.1` and `3.2.1` name the same version; test runs are matched on either spelling.
    const versions = [
      ...new Set(
        current.flatMap(c => {
          const bare = c.version.replace(/^[vV](?=\d)/, '');
          return [c.version, bare, `v${bare}`];
        }),
      ),
    ];

    const deployments = new Map<string, StoredDeployment>();
    for (const [column, values] of [
      ['pipeline_id', pipelineIds],
      ['commit_sha', commits],
    ] as const) {
      for (const chunk of chunks(values)) {
        const rows = await this.db('deployments')
          .whereIn(column, chunk)
          .whereIn('status', [...LIVE_DEPLOYMENT_STATUSES]);
        for (const row of rows) {
          deployments.set(row.event_id, toStoredDeployment(row));
        }
      }
    }
    const testRuns: TestRunRecord[] = [];
    for (const chunk of chunks(versions)) {
      const rows = await this.db('test_runs')
        .where({ suite: 'contract', result: 'passed' })
        .whereIn('version', chunk);
      testRuns.push(...rows.map(toTestRun));
    }
    return { deployments: [...deployments.values()], testRuns };
  }

  async getEvidence(): Promise<StoredEvidence> {
    const deployments = await this.db('deployments').orderBy([...NEWEST_FIRST]);
    const testRuns = await this.db('test_runs').orderBy([...NEWEST_FIRST]);
    return {
      deployments: deployments.map(toStoredDeployment),
      testRuns: testRuns.map(toTestRun),
    };
  }

  async getHistory(
    serviceKeys: string[],
  ): Promise<StoredEvidence & { releases: ReleaseRecord[] }> {
    const deployments: StoredDeployment[] = [];
    const testRuns: TestRunRecord[] = [];
    const releases: ReleaseRecord[] = [];
    for (const chunk of chunks(serviceKeys)) {
      deployments.push(
        ...(
          await this.db('deployments')
            .whereIn('service_key', chunk)
            .orderBy([...NEWEST_FIRST])
        ).map(toStoredDeployment),
      );
      testRuns.push(
        ...(
          await this.db('test_runs')
            .whereIn('service_key', chunk)
            .orderBy([...NEWEST_FIRST])
        ).map(toTestRun),
      );
      releases.push(
        ...(
          await this.db('releases')
            .whereIn('service_key', chunk)
            .orderBy([...NEWEST_FIRST])
        ).map(toRelease),
      );
    }
    const newestFirst = (
      a: { occurredAt: string; eventId: string },
      b: { occurredAt: string; eventId: string },
    ) =>
      b.occurredAt.localeCompare(a.occurredAt) ||
      b.eventId.localeCompare(a.eventId);
    return {
      deployments: deployments.sort(newestFirst),
      testRuns: testRuns.sort(newestFirst),
      releases: releases.sort(newestFirst),
    };
  }

  async listServiceNames(): Promise<string[]> {
    const names = new Map<string, string>();
    for (const table of ['deployments', 'test_runs', 'releases']) {
      const rows: Row[] = await this.db(table)
        .select('service_key')
        .min({ service: 'service' })
        .groupBy('service_key');
      for (const row of rows) {
        if (!names.has(row.service_key)) {
          names.set(row.service_key, row.service);
        }
      }
    }
    return [...names.values()].sort();
  }

  async listEventsOfServices(
    serviceKeys: string[],
    options: { limit: number },
  ): Promise<UnmatchedEvent[]> {
    const events: UnmatchedEvent[] = [];
    const tables = [
      { table: 'deployments', type: 'deployment' },
      { table: 'test_runs', type: 'test_run' },
      { table: 'releases', type: 'release' },
    ];
    for (const chunk of chunks(serviceKeys)) {
      for (const { table, type } of tables) {
        const rows = await this.db(table)
          .whereIn('service_key', chunk)
          .orderBy([...NEWEST_FIRST])
          .limit(options.limit);
        for (const row of rows) {
          events.push({
            eventId: row.event_id,
            type,
            service: row.service,
            version: row.version,
            ...optional('environment', row.environment),
            occurredAt: row.occurred_at,
            receivedAt: row.received_at,
          });
        }
      }
    }
    return events
      .sort(
        (a, b) =>
          b.occurredAt.localeCompare(a.occurredAt) ||
          b.eventId.localeCompare(a.eventId),
      )
      .slice(0, options.limit);
  }

  async pruneRawEvents(receivedBefore: string): Promise<number> {
    return await this.db('ci_events')
      .where('received_at', '<', receivedBefore)
      .delete();
  }

  async saveSnapshot(snapshot: MigrationSnapshot): Promise<void> {
    await this.db('migration_snapshots')
      .insert({
        day: utcDayOf(new Date(snapshot.takenAt)),
        taken_at: new Date(snapshot.takenAt).toISOString(),
        snapshot: JSON.stringify(snapshot),
      })
      .onConflict('day')
      .merge(['taken_at', 'snapshot']);
  }

  async hasSnapshotFor(day: string): Promise<boolean> {
    const row = await this.db('migration_snapshots')
      .where({ day })
      .first('day');
    return row !== undefined;
  }

  async listSnapshots(): Promise<MigrationSnapshot[]> {
    const rows = await this.db('migration_snapshots').orderBy('day', 'asc');
    return rows.map(row => JSON.parse(row.snapshot) as MigrationSnapshot);
  }
}
