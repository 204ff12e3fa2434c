import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EVERY_ENTITY_VISIBLE,
  type EntityVisibility,
} from '@internal/plugin-domain-split-common';
import { CATALOG_KINDS } from '../catalog/CatalogReader';

const PAGE_SIZE = 1000;
/** Readers remembered at once; the oldest leave first. */
const MAX_READERS = 1000;
/**
 * A remembered set older than this many ttls is not served while it is refreshed: the reader
 * waits for the new one (so a failing catalog cannot keep an old permission set alive).
 */
const MAX_STALE_TTLS = 3;

/** A reader the policy denies every entity (one object, so its redactor is kept). */
const NO_ENTITY_VISIBLE: EntityVisibility = new Set<string>();

interface RememberedReader {
  /** The last complete read, once there is one. */
  refs?: Set<string>;
  readAt: number;
  /** The read under way, if any. */
  reading?: Promise<Set<string>>;
}

/**
 * The catalog entities one reader may see. The permission framework answers first
 * (`catalog.entity.read` asked conditionally, as the catalog itself does): ALLOW means every
 * entity, DENY none. Only a CONDITIONAL answer needs the entities themselves: they are asked of
 * the catalog with the reader's own credentials (so the catalog applies the policy's
 * conditions), only the three fields a ref needs. Such a set is remembered per reader for the
 * ttl and then served stale-while-revalidate (the reader gets the last set at once while one
 * background read refreshes it; after {@link MAX_STALE_TTLS} ttls without a successful read the
 * reader waits). The analysis itself reads the catalog as the plugin (whole graph); this set
 * decides what a response may name.
 * @internal
 */
export class VisibleEntities {
  readonly #catalog: CatalogService;
  readonly #permissions: PermissionsService;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #readers = new Map<string, RememberedReader>();

  constructor(options: {
    catalog: CatalogService;
    permissions: PermissionsService;
    ttlMs: number;
    /** The clock (tests). */
    now?: () => number;
  }) {
    this.#catalog = options.catalog;
    this.#permissions = options.permissions;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  async forCredentials(
    credentials: BackstageCredentials,
  ): Promise<EntityVisibility> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return EVERY_ENTITY_VISIBLE;
    if (decision.result === AuthorizeResult.DENY) return NO_ENTITY_VISIBLE;
    return await this.#conditionallyVisible(credentials);
  }

  async #conditionallyVisible(
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const key = readerKey(credentials);
    const now = this.#now();
    let reader = this.#readers.get(key);
    if (!reader) {
      reader = { readAt: now };
      this.#readers.set(key, reader);
      while (this.#readers.size > MAX_READERS) {
        this.#readers.delete(this.#readers.keys().next().value!);
      }
    }
    const age = now - reader.readAt;
    if (reader.refs && age < this.#ttlMs) return reader.refs;
    const reading = this.#startRead(reader, credentials);
    if (reader.refs && age < MAX_STALE_TTLS * this.#ttlMs) {
      // A failed background read is tried again by the reader's next request.
      reading.catch(() => {});
      return reader.refs;
    }
    return await reading;
  }

  #startRead(
    reader: RememberedReader,
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    if (!reader.reading) {
      // A failed read is not remembered: the set (if any) stays the last complete one.
      const reading = this.#read(credentials).then(refs => {
        reader.refs = refs;
        reader.readAt = this.#now();
        return refs;
      });
      reader.reading = reading;
      reading.then(
        () => (reader.reading = undefined),
        () => (reader.reading = undefined),
      );
    }
    return reader.reading;
  }

  async #read(credentials: BackstageCredentials): Promise<Set<string>> {
    // The catalog service calls the catalog on behalf of these credentials.
    const refs = new Set<string>();
    const fields = ['kind', 'metadata.name', 'metadata.namespace'];
    let response = await this.#catalog.queryEntities(
      { filter: { kind: CATALOG_KINDS }, fields, limit: PAGE_SIZE },
      { credentials },
    );
    for (;;) {
      for (const entity of response.items) {
        refs.add(stringifyEntityRef(entity));
      }
      if (!response.pageInfo.nextCursor) break;
      response = await this.#catalog.queryEntities(
        { cursor: response.pageInfo.nextCursor, fields, limit: PAGE_SIZE },
        { credentials },
      );
    }
    return refs;
  }
}

/** One slot per reader (and, for services, per set of access restrictions). */
function readerKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string; accessRestrictions?: unknown }
    | { type: 'none' };
  switch (principal.type) {
    case 'user':
      return `user:${principal.userEntityRef}`;
    case 'service':
      return `service:${principal.subject}:${JSON.stringify(
        principal.accessRestrictions ?? null,
      )}`;
    default:
      return 'none';
  }
}
