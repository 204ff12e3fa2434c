import { DependencyList, useEffect } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { DomainSplitApi, domainSplitApiRef } from '../api/DomainSplitApi';

/** How long to wait before asking again while the backend is still reading the catalog. */
export const CATALOG_LOADING_RETRY_MS = 3000;

/**
 * True for the backend's 503 "still loading": right after start-up it answers only once it has
 * read the whole catalog.
 * @internal
 */
export function isCatalogLoading(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { statusCode?: number }).statusCode === 503
  );
}

/**
 * Loads data from the Domain Split backend; re-runs when `deps` change, and every few seconds
 * while the backend says the catalog is still loading.
 * Returns `{ loading, error, value, retry }` (react-use's async state).
 * @internal
 */
export function useDomainSplitData<T>(
  fetcher: (api: DomainSplitApi) => Promise<T>,
  deps: DependencyList,
) {
  const api = useApi(domainSplitApiRef);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useAsyncRetry(() => fetcher(api), [api, ...deps]);
  const { error, retry } = state;
  useEffect(() => {
    if (!isCatalogLoading(error)) return undefined;
    const timer = setTimeout(retry, CATALOG_LOADING_RETRY_MS);
    return () => clearTimeout(timer);
  }, [error, retry]);
  return state;
}
