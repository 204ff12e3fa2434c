import type { AuthService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { CATALOG_FIELDS } from '@internal/plugin-domain-split-common';

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

const PAGE_SIZE = 500;

/**
 * Anything that hands out the catalog entities the analysis needs.
 * @internal
 */
export interface EntitySource {
  getEntities(): Promise<Entity[]>;
}

/**
 * Reads the entities the analysis needs (kinds {@link CATALOG_KINDS}, only the fields in
 * common's `CATALOG_FIELDS`) page by page with `queryEntities` cursors, as this plugin's own
 * service principal. The result is cached for `cacheTtlMs`; callers that arrive while a read is
 * under way share it. A failed read is not cached, and neither is an empty catalog: right after
 * start-up the catalog is still processing its locations, and caching "nothing" would hide it
 * from every view (and the start-up snapshot) for a whole ttl; reading an empty catalog is cheap.
 * @internal
 */
export class CatalogReader implements EntitySource {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #cacheTtlMs: number;
  readonly #now: () => number;
  #cached?: { entities: Entity[]; expiresAt: number };
  #inFlight?: Promise<Entity[]>;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    cacheTtlMs: number;
    /** The clock (tests). */
    now?: () => number;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#cacheTtlMs = options.cacheTtlMs;
    this.#now = options.now ?? Date.now;
  }

  async getEntities(): Promise<Entity[]> {
    if (this.#cached && this.#cached.expiresAt > this.#now()) {
      return this.#cached.entities;
    }
    if (!this.#inFlight) {
      this.#inFlight = this.#readAll()
        .then(entities => {
          this.#cached =
            entities.length > 0
              ? { entities, expiresAt: this.#now() + this.#cacheTtlMs }
              : undefined;
          return entities;
        })
        .finally(() => {
          this.#inFlight = undefined;
        });
    }
    return await this.#inFlight;
  }

  async #readAll(): Promise<Entity[]> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    let response = await this.#catalog.queryEntities(
      {
        filter: { kind: CATALOG_KINDS },
        fields: CATALOG_FIELDS,
        limit: PAGE_SIZE,
      },
      { credentials },
    );
    entities.push(...response.items);
    while (response.pageInfo.nextCursor) {
      response = await this.#catalog.queryEntities(
        {
          cursor: response.pageInfo.nextCursor,
          fields: CATALOG_FIELDS,
          limit: PAGE_SIZE,
        },
        { credentials },
      );
      entities.push(...response.items);
    }
    return entities;
  }
}
