import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { CATALOG_FIELDS, mapSteps } from '@internal/plugin-domain-split-common';
import { createHash } from 'node:crypto';
import type { SettledCatalogStore } from '../database/SettledCatalogStore';
import { runInSlices } from '../service/runInSlices';

/** The kinds the analysis reads. */
export const CATALOG_KINDS = [
  'Group',
  'User',
  'Domain',
  'System',
  'Component',
  'API',
  'Resource',
];

/**
 * Entities per page of a read. Large pages: each page is one database query and one HTTP
 * answer, and while the event loop is busy serving other requests every round trip of a page
 * waits behind them, so fewer pages make a read much faster (benchmarks/README.md, "catalog
 * read"); a page of this size is a few megabytes.
 * @internal
 */
export const CATALOG_PAGE_SIZE = 5000;

/**
 * One complete read of the catalog.
 * @internal
 */
export interface CatalogSnapshot {
  entities: Entity[];
  /**
   * Grows by one each time a read returns entities that differ from the previous read; results
   * computed from a snapshot stay valid while the generation is the same.
   */
  generation: number;
  /**
   * false: start-up stopped waiting for two agreeing reads (`maxSettleReads`), so the catalog
   * may still be processing its locations and this read be partial; a later read that finds
   * the same non-empty catalog settles it. Absent: settled.
   */
  settled?: false;
}

/**
 * Anything that hands out the latest complete catalog read.
 * @internal
 */
export interface CatalogSnapshotSource {
  /**
   * The latest complete read. Never waits for a refresh once a read exists; throws
   * `ServiceUnavailableError` while the catalog is still loading at start-up.
   */
  getSnapshot(): Promise<CatalogSnapshot>;
  /**
   * Registers work to do on each new generation before it is served (the analysis computes
   * its graph and most asked results), so requests keep getting the previous generation's
   * answers at once meanwhile. Sources that change synchronously (tests) may not support it.
   */
  prepareEachGeneration?(
    prepare: (snapshot: CatalogSnapshot) => Promise<void>,
  ): void;
}

/**
 * A fixed list of entities (tests, benchmarks, the example catalog).
 * @internal
 */
export class StaticCatalogSource implements CatalogSnapshotSource {
  #snapshot: CatalogSnapshot;

  constructor(entities: Entity[]) {
    this.#snapshot = { entities, generation: 1 };
  }

  /** Replaces the entities (a new generation). */
  setEntities(entities: Entity[]) {
    this.#snapshot = {
      entities,
      generation: this.#snapshot.generation + 1,
    };
  }

  async getSnapshot(): Promise<CatalogSnapshot> {
    return this.#snapshot;
  }
}

/** One complete read and the fingerprint (SHA-256 over the entities) that tells reads apart. */
interface CatalogRead {
  entities: Entity[];
  fingerprint: string;
  /** When the read started: its oldest entity is this old. */
  startedAt: number;
}

/**
 * Reads the entities the analysis needs (kinds {@link CATALOG_KINDS}, only the fields in
 * common's `CATALOG_FIELDS`, without the count of items), every kind at once and each page by
 * page with `queryEntities` cursors, as this plugin's own service principal, and serves them stale-while-revalidate:
 *
 * - Start-up: reads repeat (every `settleIntervalMs`) until two reads in a row return the same
 *   non-empty catalog, because right after start-up the catalog is still processing its
 *   locations and a partial catalog would give wrong answers; until then callers get
 *   `ServiceUnavailableError` ("still loading"; a request waits up to `loadWaitMs` for the
 *   reads first). After `maxSettleReads` reads the last one is
 *   taken as it is (a catalog that keeps changing, or an empty one) and served marked unsettled
 *   (`settled: false`) until a later read finds the same non-empty catalog. With a
 *   `settledCatalog` store, a first read that finds the catalog of the last settled read (kept
 *   there by any replica, before a restart) is settled at once: a catalog equal to a complete
 *   read is complete, and a restart costs one read instead of two.
 * - Afterwards: callers always get the last complete read at once. When it is older than
 *   `cacheTtlMs` (counted from the start of that read: a read that takes long under load is
 *   that much older when it ends), one background read refreshes it; a failed refresh keeps
 *   the old read. One read at a time.
 * @internal
 */
export class CatalogReader implements CatalogSnapshotSource {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #logger?: LoggerService;
  readonly #cacheTtlMs: number;
  readonly #settleIntervalMs: number;
  readonly #maxSettleReads: number;
  readonly #loadWaitMs: number;
  readonly #now: () => number;
  readonly #settledCatalog?: SettledCatalogStore;
  /** The fingerprint the store holds (as far as this reader knows). */
  #storedFingerprint?: string;
  #current?: {
    entities: Entity[];
    generation: number;
    fingerprint: string;
    /** When the current read started (the ttl counts from there). */
    readAt: number;
    settled: boolean;
  };
  #loading?: Promise<void>;
  #refreshing?: Promise<void>;
  #prepare?: (snapshot: CatalogSnapshot) => Promise<void>;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger?: LoggerService;
    cacheTtlMs: number;
    /** The pause between start-up reads. Default 2 s. */
    settleIntervalMs?: number;
    /** The most start-up reads before the last one is taken as it is. Default 15. */
    maxSettleReads?: number;
    /** How long a request waits for the start-up reads before it is told "loading". Default 3 s. */
    loadWaitMs?: number;
    /** The clock (tests). */
    now?: () => number;
    /** Keeps the last settled read's fingerprint across restarts (see above). */
    settledCatalog?: SettledCatalogStore;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#logger = options.logger;
    this.#cacheTtlMs = options.cacheTtlMs;
    this.#settleIntervalMs = options.settleIntervalMs ?? 2000;
    this.#maxSettleReads = options.maxSettleReads ?? 15;
    this.#loadWaitMs = options.loadWaitMs ?? 3000;
    this.#now = options.now ?? Date.now;
    this.#settledCatalog = options.settledCatalog;
  }

  /**
   * Starts the start-up reads (if not started) and resolves once the catalog has settled; never
   * rejects (a failed read is logged and retried).
   */
  whenLoaded(): Promise<void> {
    if (!this.#loading) {
      this.#loading = this.#settle();
    }
    return this.#loading;
  }

  prepareEachGeneration(
    prepare: (snapshot: CatalogSnapshot) => Promise<void>,
  ): void {
    this.#prepare = prepare;
  }

  /** True once the start-up reads have settled. */
  get loaded(): boolean {
    return this.#current !== undefined;
  }

  async getSnapshot(): Promise<CatalogSnapshot> {
    if (!this.#current) {
      // A request during start-up waits a moment for the first reads, then gets "loading".
      await Promise.race([
        this.whenLoaded(),
        new Promise(resolve => setTimeout(resolve, this.#loadWaitMs)),
      ]);
    }
    const current = this.#current;
    if (!current) {
      throw new ServiceUnavailableError(
        'The catalog is still loading; Domain Split answers once it has read the whole catalog. Try again in a few seconds.',
      );
    }
    if (this.#now() - current.readAt >= this.#cacheTtlMs) {
      this.refreshInBackground();
    }
    return {
      entities: current.entities,
      generation: current.generation,
      ...(current.settled ? {} : { settled: false as const }),
    };
  }

  /**
   * Starts a refresh unless one is under way; resolves when it is done. Exposed for tests and
   * for callers that want the newest catalog now.
   */
  refreshInBackground(): Promise<void> {
    if (!this.#refreshing) {
      const started = this.#now();
      this.#refreshing = this.#readAll()
        .then(async read => {
          const before = this.#current?.generation;
          await this.#accept(read);
          const changed = this.#current?.generation !== before;
          this.#logger?.[changed ? 'info' : 'debug'](
            `Catalog re-read for Domain Split: ${
              read.entities.length
            } entities in ${this.#now() - started} ms, ${
              changed ? 'changed' : 'unchanged'
            }`,
          );
        })
        .catch(error => {
          this.#logger?.warn(
            `Catalog refresh failed; serving the previous read: ${error}`,
          );
        })
        .finally(() => {
          this.#refreshing = undefined;
        });
    }
    return this.#refreshing;
  }

  /**
   * Makes a read the current one. A new generation is prepared first (see
   * {@link CatalogSnapshotSource.prepareEachGeneration}); a failed preparation is logged and
   * the read served anyway (results are then computed when asked).
   */
  async #accept(
    { entities, fingerprint, startedAt }: CatalogRead,
    settledAtStartUp?: boolean,
  ) {
    const previous = this.#current;
    const unchanged = previous?.fingerprint === fingerprint;
    const settled =
      settledAtStartUp ??
      ((previous?.settled ?? false) || (unchanged && entities.length > 0));
    if (previous && !previous.settled && settled) {
      this.#logger?.info(
        `Catalog settled for Domain Split: ${entities.length} entities, two reads agree`,
      );
    }
    if (
      settled &&
      this.#settledCatalog &&
      this.#storedFingerprint !== fingerprint
    ) {
      try {
        await this.#settledCatalog.saveSettledCatalogFingerprint(fingerprint);
        this.#storedFingerprint = fingerprint;
      } catch (error) {
        this.#logger?.warn(
          `Could not keep the settled catalog's fingerprint (a restart will read the catalog twice): ${error}`,
        );
      }
    }
    const generation =
      previous === undefined ? 1 : previous.generation + (unchanged ? 0 : 1);
    if (!unchanged && this.#prepare) {
      try {
        await this.#prepare({ entities, generation });
      } catch (error) {
        this.#logger?.warn(
          `Preparing the analysis of catalog generation ${generation} failed; computing when asked: ${error}`,
        );
      }
    }
    this.#current = {
      entities: unchanged ? previous.entities : entities,
      fingerprint,
      generation,
      readAt: startedAt,
      settled,
    };
  }

  async #settle(): Promise<void> {
    let previous: string | undefined;
    const known = await this.#knownFingerprint();
    for (let attempt = 1; ; attempt++) {
      const started = this.#now();
      let read: CatalogRead | undefined;
      try {
        read = await this.#readAll();
      } catch (error) {
        this.#logger?.warn(
          `Catalog read failed at start-up, retrying: ${error}`,
        );
      }
      if (read) {
        const readMs = this.#now() - started;
        const asBefore = read.entities.length > 0 && read.fingerprint === known;
        const settled =
          asBefore ||
          (read.entities.length > 0 && read.fingerprint === previous);
        if (settled || attempt >= this.#maxSettleReads) {
          await this.#accept(read, settled);
          let why = '';
          if (asBefore) {
            why = ' (the catalog of the last settled read)';
          } else if (!settled) {
            why = ` (not settled after ${attempt} reads: served, but no migration snapshot is taken until a later read agrees)`;
          }
          this.#logger?.[settled ? 'info' : 'warn'](
            `Catalog read for Domain Split: ${read.entities.length} entities in ${readMs} ms${why}`,
          );
          return;
        }
        previous = read.fingerprint;
      }
      await new Promise(resolve => setTimeout(resolve, this.#settleIntervalMs));
    }
  }

  /** The last settled read's fingerprint from the store; none when it cannot be read. */
  async #knownFingerprint(): Promise<string | undefined> {
    if (!this.#settledCatalog) return undefined;
    try {
      this.#storedFingerprint =
        await this.#settledCatalog.getSettledCatalogFingerprint();
    } catch (error) {
      this.#logger?.warn(
        `Could not read the settled catalog's fingerprint; reading until two reads agree: ${error}`,
      );
    }
    return this.#storedFingerprint;
  }

  /**
   * Reads every kind at once, each page by page: under load each page's round trip waits behind
   * the other requests on the event loop, so reads in parallel each get a turn and a whole read
   * takes a fraction as long (benchmarks/README.md, "catalog read"). The entities come in
   * {@link CATALOG_KINDS} order whatever order the reads finish in, so two reads of the same
   * catalog have the same fingerprint.
   */
  async #readAll(): Promise<CatalogRead> {
    const startedAt = this.#now();
    const credentials = await this.#auth.getOwnServiceCredentials();
    const kinds = await Promise.all(
      CATALOG_KINDS.map(kind => this.#readKind(kind, credentials)),
    );
    const hash = createHash('sha256');
    for (const kind of kinds) hash.update(kind.digest);
    const entities = kinds.flatMap(kind => kind.entities);
    return {
      entities,
      fingerprint: `${entities.length}:${hash.digest('hex')}`,
      startedAt,
    };
  }

  /**
   * Every entity of one kind; hashed page by page as the pages arrive, each page in slices
   * (`runInSlices`, as the computations requests wait for: a refresh's speed decides how soon
   * an edit shows), so no single step of a large read holds the event loop for long (a page of
   * 5,000 entities hashed at once was one long piece under load).
   */
  async #readKind(
    kind: string,
    credentials: BackstageCredentials,
  ): Promise<{ entities: Entity[]; digest: string }> {
    const entities: Entity[] = [];
    const hash = createHash('sha256');
    const add = async (items: Entity[]) => {
      const hashed = await runInSlices(
        mapSteps(items, entity => {
          hash.update(JSON.stringify(entity));
          return entity;
        }),
      );
      for (const entity of hashed) entities.push(entity);
    };
    let response = await this.#catalog.queryEntities(
      {
        filter: { kind },
        fields: CATALOG_FIELDS,
        limit: CATALOG_PAGE_SIZE,
        // The reader follows cursors to the end and never reads the count, which the catalog
        // would otherwise compute with a query of its own over every entity of the kind.
        totalItems: 'exclude',
      },
      { credentials },
    );
    await add(response.items);
    while (response.pageInfo.nextCursor) {
      response = await this.#catalog.queryEntities(
        {
          cursor: response.pageInfo.nextCursor,
          fields: CATALOG_FIELDS,
          limit: CATALOG_PAGE_SIZE,
        },
        { credentials },
      );
      await add(response.items);
    }
    return { entities, digest: `${kind}:${hash.digest('hex')}\n` };
  }
}
