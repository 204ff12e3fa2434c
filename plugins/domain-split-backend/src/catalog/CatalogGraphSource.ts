import {
  buildCatalogGraph,
  CatalogGraph,
} from '@internal/plugin-domain-split-common';
import type { Entity } from '@backstage/catalog-model';
import type { EntitySource } from './CatalogReader';

/**
 * Hands out the catalog graph.
 * @internal
 */
export interface CatalogGraphSource {
  getGraph(): Promise<CatalogGraph>;
}

/**
 * Builds the catalog graph from an entity source, once per entity list: while the reader
 * serves its cached list, the same graph is served too.
 * @internal
 */
export class CachedCatalogGraphSource implements CatalogGraphSource {
  readonly #entities: EntitySource;
  #built?: { entities: Entity[]; graph: CatalogGraph };

  constructor(entities: EntitySource) {
    this.#entities = entities;
  }

  async getGraph(): Promise<CatalogGraph> {
    const entities = await this.#entities.getEntities();
    if (this.#built?.entities !== entities) {
      this.#built = { entities, graph: buildCatalogGraph(entities) };
    }
    return this.#built.graph;
  }
}
