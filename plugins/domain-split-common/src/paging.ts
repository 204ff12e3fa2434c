/**
 * Paging of long answers: every paged route takes `limit` and `offset` and answers with the page
 * and `totalItems` (how many match in all), `offset` and `limit`, as
 * GET /impact/…/entries does.
 */

/**
 * What a page asks for.
 * @public
 */
export interface PageQuery {
  /** How many items at most (0: none, only the counts). */
  limit: number;
  /** How many matching items to skip. */
  offset: number;
}

/**
 * Where a page lies in the whole list.
 * @public
 */
export interface PageInfo {
  /** How many items match in all (the reader sees). */
  totalItems: number;
  offset: number;
  limit: number;
}

/**
 * The default and the largest `limit` of a paged route.
 * @public
 */
export interface PageLimits {
  default: number;
  max: number;
}

/**
 * The items of one page of `items` (in their order) and where it lies.
 * @public
 */
export function pageOf<T>(
  items: readonly T[],
  query: PageQuery,
): { items: T[] } & PageInfo {
  return {
    items: items.slice(query.offset, query.offset + query.limit),
    totalItems: items.length,
    offset: query.offset,
    limit: query.limit,
  };
}
