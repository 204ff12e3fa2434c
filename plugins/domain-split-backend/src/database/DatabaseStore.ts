import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  ContractVerification,
  LIVE_DEPLOYMENT_STATUSES,
  mapSteps,
  MigrationSnapshot,
  RecordedVerdict,
  ReleaseRecord,
  RuleViolation,
  StoredCurrentVersion,
  StoredDeployment,
  TestRunRecord,
  UnmatchedEvent,
  reconcileViolationsSteps,
  versionKey,
  foldCase,
} from '@internal/plugin-domain-split-common';
import { createHash, randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import type { AcceptedDelivery, CiEvent } from '../ingest/types';
import type { CiStore, IngestResult, StoredEvidence } from './CiStore';
import { runInSlices } from '../service/runInSlices';
import { BatchingWriter } from './BatchingWriter';
import type { GateEvidence, GateStore, NewVerdict } from './GateStore';
import { serviceKeyOf } from './serviceKey';
import type { SettledCatalogStore } from './SettledCatalogStore';
import { SnapshotStore, utcDayOf } from './SnapshotStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-domain-split-backend',
  'migrations',
);

/** Keeps `whereIn` lists well below every engine's bound-parameter limit. */
const CHUNK_SIZE = 500;

/** Rows per multi-row insert (at most 14 columns each: well below every parameter limit). */
const ROWS_PER_INSERT = 100;

/** Service × environment pairs per current-version read (a UNION ALL of `LIMIT 2` reads). */
const PAIRS_PER_QUERY = 50;

/** The most deliveries one transaction writes. */
const DEFAULT_MAX_BATCH_SIZE = 100;

function chunks<T>(items: T[], size = CHUNK_SIZE): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

type Row = Record<string, any>;

/**
 * Multi-row `INSERT … ON CONFLICT (key) DO NOTHING`.
 * @returns the keys of the rows actually inserted
 */
async function insertIgnoringConflicts(
  tx: Knex.Transaction,
  table: string,
  key: string,
  rows: Row[],
): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const chunk of chunks(rows, ROWS_PER_INSERT)) {
    const returned: Row[] = await tx(table)
      .insert(chunk)
      .onConflict(key)
      .ignore()
      .returning(key);
    for (const row of returned) {
      inserted.add(row[key]);
    }
  }
  return inserted;
}

function optional<K extends string>(
  key: K,
  value: unknown,
): { [P in K]?: string } {
  return value === null || value === undefined || value === ''
    ? {}
    : ({ [key]: String(value) } as { [P in K]?: string });
}

/** A `deployments` row as a stored deployment. @internal */
export function toStoredDeployment(row: Row): StoredDeployment {
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

/** A `test_runs` row as a test run. @internal */
export function toTestRun(row: Row): TestRunRecord {
  return {
    eventId: row.event_id,
    service: row.service,
    version: row.version,
    suite: row.suite,
    result: row.result,
    occurredAt: row.occurred_at,
    ...optional('pipelineUrl', row.pipeline_url),
    ...optional('commit', row.commit_sha),
    ...optional('pipelineId', row.pipeline_id),
    ...optional('repository', row.repository),
    ...optional('workflow', row.workflow),
  };
}

/** The longest violation key stored as it is; longer ones are stored as their SHA-256. */
const MAX_STORED_VIOLATION_KEY = 255;

/**
 * The primary key of a violation's row: its key when short, else `sha256:<hex>` of it (keys are
 * made of entity refs and grow with the catalog; the full key is kept in `full_key`).
 * @internal
 */
export function storedViolationKey(key: string): string {
  return key.length <= MAX_STORED_VIOLATION_KEY
    ? key
    : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/**
 * A `rule_violations` row as a violation. An open one was found by the latest check, so it was
 * last seen then (`checkedAt`, see migration 20261128150000); rows from before that table keep
 * their own time.
 */
function toViolation(row: Row, checkedAt: string | undefined): RuleViolation {
  return {
    rule: row.rule,
    key: row.full_key ?? row.violation_key,
    entityRefs: JSON.parse(row.entity_refs),
    domainRefs: JSON.parse(row.domain_refs),
    message: row.message,
    status: row.status,
    firstSeenAt: row.first_seen_at,
    lastSeenAt:
      row.status === 'open' && checkedAt ? checkedAt : row.last_seen_at,
    ...optional('resolvedAt', row.resolved_at),
  };
}

/**
 * Every stored violation with the time of the latest rule check (see {@link toViolation}), read
 * in one transaction and turned into records in slices (tens of thousands at 10,000 services).
 */
async function storedViolations(
  tx: Knex.Transaction,
  slicing: { background?: boolean } = {},
): Promise<RuleViolation[]> {
  const check = await tx('rule_checks').where({ id: 1 }).first('checked_at');
  return await runInSlices(
    mapSteps(await tx('rule_violations'), row =>
      toViolation(row, check?.checked_at),
    ),
    slicing,
  );
}

function toCurrentVersion(row: Row): StoredCurrentVersion {
  return {
    ...toStoredDeployment(row),
    ...optional('previousVersion', row.previous_version),
  };
}

function toVerification(row: Row): ContractVerification {
  return {
    eventId: row.event_id,
    service: row.service,
    version: row.version,
    counterpartService: row.counterpart_service,
    counterpartVersion: row.counterpart_version,
    result: row.result,
    occurredAt: row.occurred_at,
    ...optional('pipelineUrl', row.pipeline_url),
  };
}

function toVerdict(row: Row): RecordedVerdict {
  return {
    id: row.id,
    service: row.service,
    ...optional('entityRef', row.entity_ref),
    version: row.version,
    environment: row.environment,
    deployable: Boolean(row.deployable),
    rollback: Boolean(row.rollback),
    ...optional('liveVersion', row.live_version),
    reasons: JSON.parse(row.reasons),
    askedBy: row.asked_by,
    askedAt: row.asked_at,
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

/** {@link NEWEST_FIRST} for rows already read. */
function newestFirstRow(a: Row, b: Row): number {
  if (a.occurred_at !== b.occurred_at) {
    return a.occurred_at < b.occurred_at ? 1 : -1;
  }
  if (a.event_id === b.event_id) return 0;
  return a.event_id < b.event_id ? 1 : -1;
}

/**
 * The knex-backed store of the Domain Split backend (SQLite and PostgreSQL).
 * @internal
 */
export class DatabaseStore
  implements CiStore, SnapshotStore, GateStore, SettledCatalogStore
{
  /**
   * Connects to the plugin's database and runs its migrations, unless the database service
   * says to skip them.
   */
  static async create(options: {
    database: DatabaseService;
    /** The most deliveries written in one transaction (default 100). */
    maxBatchSize?: number;
  }): Promise<DatabaseStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseStore(
      client,
      options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE,
    );
  }

  private readonly writer: BatchingWriter<AcceptedDelivery, IngestResult>;

  private constructor(private readonly db: Knex, maxBatchSize: number) {
    this.writer = new BatchingWriter({
      writeBatch: deliveries => this.ingestBatch(deliveries),
      maxBatchSize,
    });
  }

  /**
   * Queues the delivery for the store's single writer, which writes whatever is queued (up to
   * `maxBatchSize`) in one transaction; resolves once that transaction committed, rejects when
   * it failed (and then nothing of the batch was stored).
   */
  async ingest(delivery: AcceptedDelivery): Promise<IngestResult> {
    return await this.writer.submit(delivery);
  }

  /**
   * Stores the deliveries (raw events and derived state) in one transaction, and returns one
   * result per delivery in the same order. A delivery id seen before (in the database, or
   * earlier in the same batch) is a duplicate and changes nothing.
   */
  async ingestBatch(deliveries: AcceptedDelivery[]): Promise<IngestResult[]> {
    if (deliveries.length === 0) {
      return [];
    }
    // The first copy of each delivery id in the batch is written; later copies are duplicates.
    const firstCopies = new Map<string, AcceptedDelivery>();
    for (const delivery of deliveries) {
      if (!firstCopies.has(delivery.deliveryId)) {
        firstCopies.set(delivery.deliveryId, delivery);
      }
    }
    const stored = await this.db.transaction(async tx => {
      const candidates = [...firstCopies.values()];
      const insertedRaw = await insertIgnoringConflicts(
        tx,
        'ci_events',
        'delivery_id',
        candidates.map(delivery => ({
          delivery_id: delivery.deliveryId,
          source: delivery.source,
          type: delivery.event.type,
          service: delivery.event.service,
          occurred_at: delivery.event.occurredAt,
          received_at: delivery.receivedAt,
          authenticated_by: delivery.authenticatedBy,
          headers: JSON.stringify(delivery.headers),
          payload: delivery.payload,
          payload_sha256: createHash('sha256')
            .update(delivery.payload)
            .digest('hex'),
        })),
      );
      const fresh = candidates.filter(d => insertedRaw.has(d.deliveryId));
      return await this.insertDerived(tx, fresh);
    });
    // Each delivery id is answered once as stored; every other copy is a duplicate. A raw event
    // pruned long ago whose derived state is still there (a very late redelivery) is kept again
    // as raw, and is a duplicate: the history is not duplicated.
    const answered = new Set<string>();
    return deliveries.map(delivery => {
      const first = !answered.has(delivery.deliveryId);
      answered.add(delivery.deliveryId);
      return {
        deliveryId: delivery.deliveryId,
        duplicate: !(first && stored.has(delivery.deliveryId)),
      };
    });
  }

  /**
   * Writes the typed rows of freshly stored raw events, then refreshes the current version of
   * every service × environment a live deployment touched (once per pair, however many events
   * of the batch touched it).
   * @returns the delivery ids whose derived row was written (not there before)
   */
  private async insertDerived(
    tx: Knex.Transaction,
    deliveries: AcceptedDelivery[],
  ): Promise<Set<string>> {
    const written = new Set<string>();
    const common = (event: CiEvent, receivedAt: string) => ({
      event_id: event.eventId,
      service: event.service,
      service_key: serviceKeyOf(event.service),
      version: event.version,
      // One version identity: the analysis' own key, so the store matches what it matches.
      version_key: versionKey(event.version),
      occurred_at: event.occurredAt,
      received_at: receivedAt,
      commit_sha: event.commit ?? null,
      pipeline_id: event.pipelineId ?? null,
      pipeline_url: event.pipelineUrl ?? null,
    });
    const testRuns: Row[] = [];
    const releases: Row[] = [];
    const deployments: Row[] = [];
    const verifications: Row[] = [];
    for (const { event, receivedAt } of deliveries) {
      if (event.type === 'test_run') {
        testRuns.push({
          ...common(event, receivedAt),
          suite: event.suite,
          result: event.result,
          repository: event.repository ?? null,
          workflow: event.workflow ?? null,
        });
        for (const counterpart of event.verifiedAgainst ?? []) {
          // Symmetric: each verified pair is stored both ways round.
          const self = { service: event.service, version: event.version };
          for (const [a, b] of [
            [self, counterpart],
            [counterpart, self],
          ]) {
            verifications.push({
              event_id: event.eventId,
              service: a.service,
              service_key: serviceKeyOf(a.service),
              version: a.version,
              version_key: versionKey(a.version),
              counterpart_service: b.service,
              counterpart_key: serviceKeyOf(b.service),
              counterpart_version: b.version,
              counterpart_version_key: versionKey(b.version),
              result: event.result,
              occurred_at: event.occurredAt,
              pipeline_url: event.pipelineUrl ?? null,
            });
          }
        }
      } else if (event.type === 'release') {
        releases.push({
          ...common(event, receivedAt),
          repository: event.repository ?? null,
        });
      } else {
        deployments.push({
          ...common(event, receivedAt),
          repository: event.repository ?? null,
          environment: event.environment,
          status: event.status,
          explicit_rollback: event.explicitRollback,
        });
      }
    }
    for (const [table, rows] of [
      ['test_runs', testRuns],
      ['releases', releases],
      ['deployments', deployments],
    ] as const) {
      for (const id of await insertIgnoringConflicts(
        tx,
        table,
        'event_id',
        rows,
      )) {
        written.add(id);
      }
    }
    // Only the pairs of test runs written now (a run stored before keeps its pairs).
    for (const chunk of chunks(
      verifications.filter(row => written.has(row.event_id)),
      ROWS_PER_INSERT,
    )) {
      await tx('contract_verifications')
        .insert(chunk)
        .onConflict([
          'event_id',
          'service_key',
          'version_key',
          'counterpart_key',
          'counterpart_version_key',
        ])
        .ignore();
    }

    const pairs = new Map<
      string,
      { serviceKey: string; environment: string }
    >();
    for (const row of deployments) {
      if (
        written.has(row.event_id) &&
        LIVE_DEPLOYMENT_STATUSES.includes(row.status)
      ) {
        pairs.set(JSON.stringify([row.service_key, row.environment]), {
          serviceKey: row.service_key,
          environment: row.environment,
        });
      }
    }
    for (const chunk of chunks([...pairs.values()], PAIRS_PER_QUERY)) {
      await this.refreshCurrentVersions(tx, chunk);
    }
    if (written.size > 0) {
      await tx('evidence_generation')
        .where({ id: 1 })
        .increment('generation', 1);
    }
    return written;
  }

  /**
   * Sets the current version of each service × environment from its history: the latest live
   * deployment by occurred_at (ties by event id), with the one before it as the previous
   * version. The upsert only overwrites an older current row, so that a concurrent transaction
   * (another replica) holding an older event can never replace a newer current version.
   */
  private async refreshCurrentVersions(
    tx: Knex.Transaction,
    pairs: { serviceKey: string; environment: string }[],
  ): Promise<void> {
    // The two newest live deployments of each pair, in one statement: a UNION ALL of one
    // index-ordered `LIMIT 2` read per pair (works on SQLite and PostgreSQL alike).
    const perPair = pairs.map(({ serviceKey, environment }, i) =>
      tx.select('*').from(
        tx('deployments')
          .where({ service_key: serviceKey, environment })
          .whereIn('status', [...LIVE_DEPLOYMENT_STATUSES])
          .orderBy([...NEWEST_FIRST])
          .limit(2)
          .as(`p${i}`),
      ),
    );
    // A UNION promises no order: the outer ORDER BY puts each pair's newest row first, in the
    // database's own order (the one the upsert below compares with).
    const rows: Row[] = await (perPair.length === 1
      ? perPair[0]
      : perPair[0].unionAll(perPair.slice(1))
    ).orderBy(['service_key', 'environment', ...NEWEST_FIRST]);
    const newest = new Map<string, Row[]>();
    for (const row of rows) {
      const key = JSON.stringify([row.service_key, row.environment]);
      newest.set(key, [...(newest.get(key) ?? []), row]);
    }
    const upserts: Row[] = [];
    for (const [a, b] of newest.values()) {
      upserts.push({
        service_key: a.service_key,
        environment: a.environment,
        service: a.service,
        version: a.version,
        version_key: a.version_key,
        status: a.status,
        explicit_rollback: Boolean(a.explicit_rollback),
        previous_version: b?.version ?? null,
        event_id: a.event_id,
        occurred_at: a.occurred_at,
        commit_sha: a.commit_sha,
        pipeline_id: a.pipeline_id,
        pipeline_url: a.pipeline_url,
        repository: a.repository,
      });
    }
    if (upserts.length === 0) {
      return;
    }
    await tx('current_versions')
      .insert(upserts)
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
    return rows.map(toCurrentVersion);
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
    // Test runs are matched by the normalised version key (`v2.1` = `2.1.0`) or by commit.
    const versionKeys = [...new Set(current.map(c => versionKey(c.version)))];

    const deployments = new Map<string, Row>();
    for (const [column, values] of [
      ['pipeline_id', pipelineIds],
      ['commit_sha', commits],
    ] as const) {
      for (const chunk of chunks(values)) {
        const rows = await this.db('deployments')
          .whereIn(column, chunk)
          .whereIn('status', [...LIVE_DEPLOYMENT_STATUSES]);
        for (const row of rows) deployments.set(row.event_id, row);
      }
    }
    const testRuns = new Map<string, Row>();
    for (const [column, values] of [
      ['version_key', versionKeys],
      ['commit_sha', commits],
    ] as const) {
      for (const chunk of chunks(values)) {
        const rows = await this.db('test_runs')
          .where({ suite: 'contract', result: 'passed' })
          .whereIn(column, chunk);
        for (const row of rows) testRuns.set(row.event_id, row);
      }
    }
    // Tens of thousands of rows at 10,000 services: turned into records in slices.
    return {
      deployments: await runInSlices(
        mapSteps([...deployments.values()], toStoredDeployment),
      ),
      testRuns: await runInSlices(mapSteps([...testRuns.values()], toTestRun)),
    };
  }

  async listLiveHeads(
    options: { serviceKeys?: string[] } = {},
  ): Promise<StoredDeployment[]> {
    const { serviceKeys } = options;
    if (serviceKeys) {
      // One entity's CI names: its rows only, by the (service_key, environment, occurred_at)
      // index.
      const rows: Row[] = [];
      for (const chunk of chunks(serviceKeys)) {
        rows.push(
          ...(await this.#liveHeadRows(query =>
            query.whereIn('service_key', chunk),
          )),
        );
      }
      return rows.map(toStoredDeployment);
    }
    const rows = await this.#liveHeadRows(query => query);
    return await runInSlices(mapSteps(rows, toStoredDeployment));
  }

  /**
   * The two newest live deployments of every CI service name × environment `where` selects:
   * enough for the current version and the one before it, also after aliases are merged
   * (common currentVersionsOf). Window functions: SQLite >= 3.25 and PostgreSQL.
   */
  async #liveHeadRows(
    where: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
  ): Promise<Row[]> {
    const ranked = where(
      this.db('deployments')
        .select(
          '*',
          this.db.raw(
            'row_number() over (partition by service_key, environment order by occurred_at desc, event_id desc) as head_rank',
          ),
        )
        .whereIn('status', [...LIVE_DEPLOYMENT_STATUSES]),
    ).as('ranked');
    return await this.db
      .select('*')
      .from(ranked)
      .where('head_rank', '<=', 2)
      .orderBy(['service_key', 'environment', ...NEWEST_FIRST]);
  }

  async listLiveEnvironments(): Promise<string[]> {
    const rows: Row[] = await this.db('deployments')
      .distinct('environment')
      .whereIn('status', [...LIVE_DEPLOYMENT_STATUSES])
      .orderBy('environment');
    return rows.map(row => row.environment);
  }

  async updateViolations(
    found: RuleViolation[],
    now: Date,
    options: { background?: boolean } = {},
  ): Promise<RuleViolation[]> {
    const slicing = { background: options.background ?? false };
    return await this.db.transaction(async tx => {
      const previous = await storedViolations(tx, slicing);
      // Open violations found again are not rewritten: their lastSeenAt is this check's time.
      // In slices: tens of thousands of violations at 10,000 services, on every rule check.
      const { all, changed } = await runInSlices(
        reconcileViolationsSteps(previous, found, now),
        slicing,
      );
      for (const chunk of chunks(changed, ROWS_PER_INSERT)) {
        await tx('rule_violations')
          .insert(
            chunk.map(v => ({
              violation_key: storedViolationKey(v.key),
              full_key: v.key,
              rule: v.rule,
              status: v.status,
              entity_refs: JSON.stringify(v.entityRefs),
              domain_refs: JSON.stringify(v.domainRefs),
              message: v.message,
              first_seen_at: v.firstSeenAt,
              last_seen_at: v.lastSeenAt,
              resolved_at: v.resolvedAt ?? null,
            })),
          )
          .onConflict('violation_key')
          .merge();
      }
      await tx('rule_checks')
        .insert({ id: 1, checked_at: now.toISOString() })
        .onConflict('id')
        .merge();
      return all;
    });
  }

  async listViolations(): Promise<RuleViolation[]> {
    return await this.db.transaction(storedViolations);
  }

  async getSettledCatalogFingerprint(): Promise<string | undefined> {
    const row = await this.db('settled_catalog')
      .where({ id: 1 })
      .first('fingerprint');
    return row?.fingerprint;
  }

  async saveSettledCatalogFingerprint(fingerprint: string): Promise<void> {
    await this.db('settled_catalog')
      .insert({ id: 1, fingerprint, settled_at: new Date().toISOString() })
      .onConflict('id')
      .merge();
  }

  async getEvidenceGeneration(): Promise<number> {
    const row = await this.db('evidence_generation')
      .where({ id: 1 })
      .first('generation');
    return Number(row?.generation ?? 0);
  }

  async getEvidence(options: { since: string }): Promise<StoredEvidence> {
    const { since } = options;
    // Independent reads, run side by side (one round trip each on PostgreSQL).
    const [inWindow, liveBefore, latestDomainRuns] = await Promise.all([
      this.db('deployments').where('occurred_at', '>=', since),
      this.#firstPerKey('deployments', {
        partitionBy: ['service_key', 'environment'],
        newestFirst: true,
        keep: 2,
        where: query =>
          query
            .whereIn('status', [...LIVE_DEPLOYMENT_STATUSES])
            .where('occurred_at', '<', since),
      }),
      // Phase 2 of a Component with nothing live reads its latest domain-suite run.
      this.#firstPerKey('test_runs', {
        partitionBy: ['service_key', 'workflow'],
        newestFirst: true,
        keep: 1,
        where: query => query.where({ suite: 'domain' }),
      }),
    ]);
    // A test run is evidence for a deployment that put its version (or commit) live: only
    // the versions and commits of the live deployments read above matter.
    const live = [...inWindow, ...liveBefore].filter(row =>
      LIVE_DEPLOYMENT_STATUSES.includes(row.status),
    );
    const versionKeys = [...new Set(live.map(row => row.version_key))];
    const commits = [
      ...new Set(
        live.flatMap(row => (row.commit_sha ? [foldCase(row.commit_sha)] : [])),
      ),
    ];
    const runs: Row[][] = [latestDomainRuns];
    for (const [column, values] of [
      ['version', versionKeys],
      ['commit_sha', commits],
    ] as const) {
      for (const chunk of chunks(values)) {
        const matching = (query: Knex.QueryBuilder) =>
          column === 'version'
            ? query.whereIn('version_key', chunk)
            : // Commits match case-insensitively (common's contract-run finder).
              query.whereRaw(
                `lower(commit_sha) in (${chunk.map(() => '?').join(', ')})`,
                chunk,
              );
        runs.push(
          ...(await Promise.all([
            // Whether a passing contract run covers a deploy: one at or before it exists,
            // so the earliest of each service × workflow × version (or commit) is all
            // that counts.
            this.#firstPerKey('test_runs', {
              partitionBy: ['service_key', 'workflow', column],
              newestFirst: false,
              keep: 1,
              where: query =>
                matching(query.where({ suite: 'contract', result: 'passed' })),
            }),
            // Phase 2 reads the latest domain-suite run of the live version (or commit).
            this.#firstPerKey('test_runs', {
              partitionBy: ['service_key', 'workflow', column],
              newestFirst: true,
              keep: 1,
              where: query => matching(query.where({ suite: 'domain' })),
            }),
          ])),
        );
      }
    }
    const testRuns = new Map<string, Row>();
    for (const row of runs.flat()) testRuns.set(row.event_id, row);
    // Tens of thousands of rows at 10,000 services: turned into records in slices.
    return {
      deployments: await runInSlices(
        mapSteps(
          [...inWindow, ...liveBefore].sort(newestFirstRow),
          toStoredDeployment,
        ),
      ),
      testRuns: await runInSlices(
        mapSteps([...testRuns.values()].sort(newestFirstRow), toTestRun),
      ),
    };
  }

  /**
   * The first `keep` rows of each group of `partitionBy` (newest or oldest first by
   * occurred_at, ties by event id) among the rows `where` selects. Window functions: SQLite
   * >= 3.25 and PostgreSQL.
   */
  async #firstPerKey(
    table: 'deployments' | 'test_runs',
    options: {
      partitionBy: string[];
      newestFirst: boolean;
      keep: number;
      where: (query: Knex.QueryBuilder) => Knex.QueryBuilder;
    },
  ): Promise<Row[]> {
    const order = options.newestFirst ? 'desc' : 'asc';
    const ranked = options
      .where(
        this.db(table).select(
          '*',
          this.db.raw(
            `row_number() over (partition by ${options.partitionBy
              .map(() => '??')
              .join(
                ', ',
              )} order by occurred_at ${order}, event_id ${order}) as key_rank`,
            options.partitionBy,
          ),
        ),
      )
      .as('ranked');
    return await this.db
      .select('*')
      .from(ranked)
      .where('key_rank', '<=', options.keep);
  }

  async getHistory(
    serviceKeys: string[],
    workflowKeys: string[] = [],
  ): Promise<StoredEvidence & { releases: ReleaseRecord[] }> {
    const deployments: StoredDeployment[] = [];
    const testRuns: TestRunRecord[] = [];
    const releases: ReleaseRecord[] = [];
    if (workflowKeys.length > 0) {
      const rows: Row[] = await this.db('test_runs')
        .whereNotIn('service_key', serviceKeys)
        .where(query => {
          for (const key of workflowKeys) {
            if (key.startsWith(':')) {
              query.orWhereRaw('lower(workflow) like ?', [`%${key}`]);
            } else {
              query.orWhereRaw('lower(workflow) = ?', [key]);
            }
          }
        });
      testRuns.push(...rows.map(toTestRun));
    }
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

  async getGateEvidence(query: {
    serviceKeys: string[];
    counterpartKeys: string[];
    version: string;
    environment: string;
    pipelineId?: string;
    commit?: string;
  }): Promise<GateEvidence> {
    // Independent reads, run side by side (one round trip each on PostgreSQL).
    const [domainRuns, ownVerifications, tiedDeployments, live] =
      await Promise.all([
        this.readDomainRuns(query.serviceKeys),
        this.readVerifications(query.serviceKeys, query.version),
        this.readTiedDeployments(query),
        this.readLive(
          [...new Set([...query.serviceKeys, ...query.counterpartKeys])],
          query.environment,
        ),
      ]);
    // What the live counterparts were verified against on the service's side (any version):
    // it explains an unknown pair ("orders-service 3.2.1 was verified against 1.9.4 only").
    const ownKeys = new Set(query.serviceKeys);
    const counterpartVerifications = await this.readVerificationsOfLive(
      live.filter(row => !ownKeys.has(serviceKeyOf(row.service))),
      query.serviceKeys,
    );
    const verifications = [...ownVerifications];
    const seen = new Set(verifications.map(v => JSON.stringify(v)));
    for (const verification of counterpartVerifications) {
      const key = JSON.stringify(verification);
      if (!seen.has(key)) verifications.push(verification);
      seen.add(key);
    }
    return { domainRuns, tiedDeployments, verifications, live };
  }

  private async readDomainRuns(
    serviceKeys: string[],
  ): Promise<TestRunRecord[]> {
    const runs: TestRunRecord[] = [];
    for (const chunk of chunks(serviceKeys)) {
      const rows = await this.db('test_runs')
        .whereIn('service_key', chunk)
        .where({ suite: 'domain' })
        .orderBy([...NEWEST_FIRST]);
      runs.push(...rows.map(toTestRun));
    }
    return runs;
  }

  private async readVerifications(
    serviceKeys: string[],
    version: string,
  ): Promise<ContractVerification[]> {
    const verifications: ContractVerification[] = [];
    for (const chunk of chunks(serviceKeys)) {
      const rows = await this.db('contract_verifications')
        .whereIn('service_key', chunk)
        .where({ version_key: versionKey(version) });
      verifications.push(...rows.map(toVerification));
    }
    return verifications;
  }

  /** Successful deployments to the environment sharing the pipeline id or the commit. */
  private async readTiedDeployments(query: {
    environment: string;
    pipelineId?: string;
    commit?: string;
  }): Promise<StoredDeployment[]> {
    const tied = new Map<string, StoredDeployment>();
    for (const [column, value] of [
      ['pipeline_id', query.pipelineId],
      ['commit_sha', query.commit],
    ] as const) {
      if (!value) continue;
      const rows = await this.db('deployments')
        .where({ environment: query.environment, [column]: value })
        .whereIn('status', [...LIVE_DEPLOYMENT_STATUSES]);
      for (const row of rows) {
        tied.set(row.event_id, toStoredDeployment(row));
      }
    }
    return [...tied.values()];
  }

  private async readLive(
    serviceKeys: string[],
    environment: string,
  ): Promise<StoredCurrentVersion[]> {
    const live: StoredCurrentVersion[] = [];
    for (const chunk of chunks(serviceKeys)) {
      const rows = await this.db('current_versions')
        .where({ environment })
        .whereIn('service_key', chunk);
      live.push(...rows.map(toCurrentVersion));
    }
    return live;
  }

  /** The verifications of each live row's service at its live version, with `serviceKeys`. */
  private async readVerificationsOfLive(
    live: StoredCurrentVersion[],
    serviceKeys: string[],
  ): Promise<ContractVerification[]> {
    const verifications: ContractVerification[] = [];
    for (const chunk of chunks(live, PAIRS_PER_QUERY)) {
      const rows = await this.db('contract_verifications')
        .whereIn('counterpart_key', serviceKeys)
        .where(builder => {
          for (const row of chunk) {
            builder.orWhere({
              service_key: serviceKeyOf(row.service),
              version_key: versionKey(row.version),
            });
          }
        });
      verifications.push(...rows.map(toVerification));
    }
    return verifications;
  }

  async recordVerdict(verdict: NewVerdict): Promise<RecordedVerdict> {
    const recorded: RecordedVerdict = {
      ...verdict,
      id: randomUUID(),
      askedAt: new Date(verdict.askedAt).toISOString(),
    };
    await this.db('deploy_verdicts').insert({
      id: recorded.id,
      service: recorded.service,
      service_key: serviceKeyOf(recorded.service),
      entity_ref: recorded.entityRef ?? null,
      version: recorded.version,
      version_key: versionKey(recorded.version),
      environment: recorded.environment,
      deployable: recorded.deployable,
      rollback: recorded.rollback,
      live_version: recorded.liveVersion ?? null,
      reasons: JSON.stringify(recorded.reasons),
      asked_by: recorded.askedBy,
      asked_at: recorded.askedAt,
    });
    return recorded;
  }

  async listVerdicts(serviceKeys: string[]): Promise<RecordedVerdict[]> {
    const verdicts: RecordedVerdict[] = [];
    for (const chunk of chunks(serviceKeys)) {
      const rows = await this.db('deploy_verdicts')
        .whereIn('service_key', chunk)
        .orderBy([
          { column: 'asked_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ]);
      verdicts.push(...rows.map(toVerdict));
    }
    return verdicts.sort(
      (a, b) => b.askedAt.localeCompare(a.askedAt) || b.id.localeCompare(a.id),
    );
  }

  async listVerdictsSince(askedSince: string): Promise<RecordedVerdict[]> {
    const rows = await this.db('deploy_verdicts')
      .where('asked_at', '>=', askedSince)
      .orderBy([
        { column: 'asked_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(toVerdict);
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
