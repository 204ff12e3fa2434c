import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
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
 * What a read asks of each entity: the analysis' fields, and the etag the catalog changes
 * whenever any part of an entity changes (kept beside the entity, not in it).
 * @internal
 */
export const CATALOG_READ_FIELDS = [...CATALOG_FIELDS, 'metadata.etag'];

/**
 * What a refresh lists of every entity before it reads anything whole: its ref and etag. Only
 * the entities whose etag differs from the current read's are then read (by ref).
 * @internal
 */
export const CATALOG_LIST_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.etag',
];

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

/** One entity as read: what the analysis reads of it, its ref and etag, and a digest of it. */
interface EntityVersion {
  entity: Entity;
  ref: string;
  /** The catalog's etag (absent: always read again). */
  etag?: string;
  /** SHA-256 of the entity's JSON: a read's fingerprint is made of these. */
  digest: string;
}

/** An entity as the catalog sent it, its etag taken out. */
function versionOf(sent: Entity): EntityVersion {
  const { etag, ...metadata } = sent.metadata;
  const entity = etag === undefined ? sent : { ...sent, metadata };
  return {
    entity,
    ref: stringifyEntityRef(entity),
    etag: typeof etag === 'string' ? etag : undefined,
    digest: createHash('sha256').update(JSON.stringify(entity)).digest('hex'),
  };
}

/**
 * One complete read, and the fingerprint (SHA-256 over the entities' digests, in order) that
 * tells reads apart.
 */
interface CatalogRead {
  versions: EntityVersion[];
  fingerprint: string;
  /** When the read started: its oldest entity is this old. */
  startedAt: number;
  /** How many entities were read whole (a refresh reads only the changed ones). */
  readWhole: number;
  /** The versions by ref, when a refresh found them the same as the current read's. */
  byRef?: Map<string, EntityVersion>;
}

/** A read's fingerprint: its length and the digests of its entities in order. */
async function fingerprintOf(versions: EntityVersion[]): Promise<string> {
  const hash = createHash('sha256');
  await runInSlices(mapSteps(versions, version => hash.update(version.digest)));
  return `${versions.length}:${hash.digest('hex')}`;
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
 *   that much older when it ends), one background refresh renews it; a failed refresh keeps
 *   the old read. One read at a time. A refresh lists every entity's ref and etag
 *   ({@link CATALOG_LIST_FIELDS}) and reads whole (by ref) only those whose etag is new, taking
 *   the rest from the current read, in the order the listing gives (the order a whole read
 *   would have): its fingerprint is then the one a whole read would give. The listing is a
 *   fraction of a whole read's bytes, and it asks each kind's pages at once (by offset), where
 *   a whole read follows cursors page after page. When more than a page of entities changed,
 *   one is gone by the time it is read, or the listing is not one snapshot (a ref listed twice,
 *   or a known one not listed that the catalog still has), the refresh reads the whole catalog
 *   instead.
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
    versions: EntityVersion[];
    /** The versions by ref, made when a refresh first needs them. */
    byRef?: Map<string, EntityVersion>;
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
      const current = this.#current;
      this.#refreshing = (
        current ? this.#readChanges(current) : this.#readAll()
      )
        .then(async read => {
          const before = this.#current?.generation;
          await this.#accept(read);
          const changed = this.#current?.generation !== before;
          // The benchmarks find "…, changed" at the end of this message (a generation served).
          this.#logger?.[changed ? 'info' : 'debug'](
            `Catalog re-read for Domain Split: ${
              read.versions.length
            } entities (${read.readWhole} read whole) in ${
              this.#now() - started
            } ms, ${changed ? 'changed' : 'unchanged'}`,
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
    { versions, byRef, fingerprint, startedAt }: CatalogRead,
    settledAtStartUp?: boolean,
  ) {
    const previous = this.#current;
    const unchanged = previous?.fingerprint === fingerprint;
    // Unchanged: the same entities keep being served (results are kept per entities), with the
    // etags of this read (an etag can change with fields the analysis does not read).
    const entities = unchanged
      ? previous.entities
      : versions.map(version => version.entity);
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
      entities,
      versions,
      byRef,
      fingerprint,
      generation,
      readAt: startedAt,
      settled,
    };
  }

  /**
   * A refresh: lists every entity's ref and etag, reads whole only the entities whose etag is
   * not the current read's, and takes the others from it (see the class comment).
   */
  async #readChanges(current: {
    versions: EntityVersion[];
    byRef?: Map<string, EntityVersion>;
  }): Promise<CatalogRead> {
    const startedAt = this.#now();
    const credentials = await this.#auth.getOwnServiceCredentials();
    const known = (current.byRef ??= new Map(
      current.versions.map(version => [version.ref, version]),
    ));
    const knownPerKind = new Map<string, number>();
    for (const { entity } of current.versions) {
      knownPerKind.set(entity.kind, (knownPerKind.get(entity.kind) ?? 0) + 1);
    }
    const kinds = await Promise.all(
      CATALOG_KINDS.map(kind =>
        this.#listKind(kind, knownPerKind.get(kind) ?? 0, credentials),
      ),
    );
    const listed = kinds.flat();
    const listedRefs = new Set(listed.map(({ ref }) => ref));
    // Pages at offsets are not one snapshot: an entity created or deleted while they are
    // read shifts the later pages, so one may be listed twice or not at all. A ref listed
    // twice, or a known one not listed that the catalog still has, and the listing is not
    // taken (the whole catalog is read with cursors instead).
    const unlisted = current.versions
      .map(({ ref }) => ref)
      .filter(ref => !listedRefs.has(ref));
    const changedRefs = listed
      .filter(({ ref, etag }) => {
        const version = known.get(ref);
        return !version || etag === undefined || version.etag !== etag;
      })
      .map(({ ref }) => ref);
    if (
      listedRefs.size !== listed.length ||
      changedRefs.length + unlisted.length > CATALOG_PAGE_SIZE
    ) {
      return this.#readAll();
    }
    const changed = new Map<string, EntityVersion>();
    if (changedRefs.length + unlisted.length > 0) {
      const { items } = await this.#catalog.getEntitiesByRefs(
        {
          entityRefs: [...changedRefs, ...unlisted],
          fields: CATALOG_READ_FIELDS,
        },
        { credentials },
      );
      const read = items.slice(0, changedRefs.length);
      const stillThere = items.slice(changedRefs.length);
      if (read.some(item => !item) || stillThere.some(item => item)) {
        // Deleted since it was listed, or there but not listed: what else changed meanwhile
        // is unknown.
        return this.#readAll();
      }
      const versions = await runInSlices(mapSteps(read as Entity[], versionOf));
      versions.forEach((version, index) =>
        changed.set(changedRefs[index], version),
      );
    }
    const versions = listed.map(
      ({ ref }) => changed.get(ref) ?? known.get(ref)!,
    );
    return {
      versions,
      fingerprint: await fingerprintOf(versions),
      startedAt,
      readWhole: changedRefs.length,
      byRef:
        changedRefs.length === 0 && unlisted.length === 0 ? known : undefined,
    };
  }

  /**
   * Every entity of one kind's ref and etag, in the order of a whole read (the catalog's
   * order, by entity id): the pages the kind had last time (and one more) asked at once, by
   * offset — a cursor can only be followed page after page, and under load each page waits
   * its turn behind the readers' requests — then, while the last page comes back full, the
   * next.
   */
  async #listKind(
    kind: string,
    knownCount: number,
    credentials: BackstageCredentials,
  ): Promise<{ ref: string; etag?: string }[]> {
    const listPage = async (page: number) => {
      const response = await this.#catalog.queryEntities(
        {
          filter: { kind },
          fields: CATALOG_LIST_FIELDS,
          limit: CATALOG_PAGE_SIZE,
          offset: page * CATALOG_PAGE_SIZE,
          totalItems: 'exclude',
        },
        { credentials },
      );
      return await runInSlices(
        mapSteps(response.items, listed => ({
          ref: stringifyEntityRef(listed),
          etag: listed.metadata.etag,
        })),
      );
    };
    const pagesAtOnce = Math.floor(knownCount / CATALOG_PAGE_SIZE) + 1;
    const pages = await Promise.all(
      Array.from({ length: pagesAtOnce }, (_, page) => listPage(page)),
    );
    while (pages[pages.length - 1].length === CATALOG_PAGE_SIZE) {
      pages.push(await listPage(pages.length));
    }
    return pages.flat();
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
        const asBefore = read.versions.length > 0 && read.fingerprint === known;
        const settled =
          asBefore ||
          (read.versions.length > 0 && read.fingerprint === previous);
        if (settled || attempt >= this.#maxSettleReads) {
          await this.#accept(read, settled);
          let why = '';
          if (asBefore) {
            why = ' (the catalog of the last settled read)';
          } else if (!settled) {
            why = ` (not settled after ${attempt} reads: served, but no migration snapshot is taken until a later read agrees)`;
          }
          this.#logger?.[settled ? 'info' : 'warn'](
            `Catalog read for Domain Split: ${read.versions.length} entities in ${readMs} ms${why}`,
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
    const versions = kinds.flat();
    return {
      versions,
      fingerprint: await fingerprintOf(versions),
      startedAt,
      readWhole: versions.length,
    };
  }

  /**
   * Every entity of one kind, page by page with `queryEntities` cursors, each page digested as
   * it arrives in slices (`runInSlices`, as the computations requests wait for: a refresh's
   * speed decides how soon an edit shows), so no single step of a large read holds the event
   * loop for long (a page of 5,000 entities hashed at once was one long piece under load).
   */
  async #readKind(
    kind: string,
    credentials: BackstageCredentials,
  ): Promise<EntityVersion[]> {
    const versions: EntityVersion[] = [];
    const add = async (entities: Entity[]) => {
      for (const version of await runInSlices(mapSteps(entities, versionOf))) {
        versions.push(version);
      }
    };
    let response = await this.#catalog.queryEntities(
      {
        filter: { kind },
        fields: CATALOG_READ_FIELDS,
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
          fields: CATALOG_READ_FIELDS,
          limit: CATALOG_PAGE_SIZE,
        },
        { credentials },
      );
      await add(response.items);
    }
    return versions;
  }
}
