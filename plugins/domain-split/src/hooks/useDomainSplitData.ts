import { DependencyList, useEffect, useRef } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import { DOMAIN_SPLIT_SIGNAL_CHANNEL } from '@internal/plugin-domain-split-common';
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
 * Loads data from the Domain Split backend; re-runs when `deps` change, every few seconds
 * while the backend says the catalog is still loading, and when the backend says new data is
 * there (signals channel `domain-split:analysis`, when the app has the signals plugin). A
 * reload after a signal keeps the current answer on screen (`loading` stays false) until the
 * new one arrives. Returns `{ loading, error, value, retry }` (react-use's async state).
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

  const { lastSignal } = useSignal(DOMAIN_SPLIT_SIGNAL_CHANNEL);
  // A reload after a signal: 'requested', then 'loading' while it runs, then over.
  const quietReload = useRef<'requested' | 'loading' | undefined>(undefined);
  useEffect(() => {
    // While a load runs anyway, it brings the new data itself.
    if (lastSignal && !state.loading) {
      quietReload.current = 'requested';
      retry();
    }
    // Only a new signal reloads; `retry` changes with every state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastSignal]);
  if (state.loading && quietReload.current === 'requested') {
    quietReload.current = 'loading';
  } else if (!state.loading && quietReload.current === 'loading') {
    quietReload.current = undefined;
  }
  return quietReload.current && state.value !== undefined
    ? { ...state, loading: false }
    : state;
}
