import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EntityVisibility } from '@internal/plugin-domain-split-common';
import { CATALOG_KINDS } from '../catalog/CatalogReader';

const PAGE_SIZE = 1000;
/** Readers remembered at once; the oldest leave first. */
const MAX_READERS = 1000;

/**
 * The catalog entities one reader may see, asked of the catalog with the reader's own
 * credentials (so the catalog applies the permission policy, `catalog.entity.read`), only the
 * three fields a ref needs. The analysis itself reads the catalog as the plugin (whole graph);
 * this set decides what a response may name. Remembered briefly per reader; callers that
 * arrive while a read is under way share it.
 * @internal
 */
export class VisibleEntities {
  readonly #catalog: CatalogService;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #cache = new Map<
    string,
    { refs: Promise<Set<string>>; expiresAt: number }
  >();

  constructor(options: {
    catalog: CatalogService;
    ttlMs: number;
    /** The clock (tests). */
    now?: () => number;
  }) {
    this.#catalog = options.catalog;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  async forCredentials(
    credentials: BackstageCredentials,
  ): Promise<EntityVisibility> {
    const key = readerKey(credentials);
    const now = this.#now();
    const cached = this.#cache.get(key);
    if (cached && cached.expiresAt > now) {
      return await cached.refs;
    }
    const refs = this.#read(credentials);
    this.#cache.delete(key);
    this.#cache.set(key, { refs, expiresAt: now + this.#ttlMs });
    refs.catch(() => this.#cache.delete(key)); // a failed read is not remembered
    while (this.#cache.size > MAX_READERS) {
      this.#cache.delete(this.#cache.keys().next().value!);
    }
    return await refs;
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
        refs.add(stringifyEntityRef(entity).toLocaleLowerCase('en-US'));
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

/** One cache slot per reader (and, for services, per set of access restrictions). */
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
