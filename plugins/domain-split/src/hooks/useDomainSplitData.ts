import { DependencyList, useEffect, useRef } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import { DOMAIN_SPLIT_SIGNAL_CHANNEL } from '@internal/plugin-domain-split-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { DomainSplitApi, domainSplitApiRef } from '../api/DomainSplitApi';

/**
 * Loads data from the Domain Split backend; re-runs when `deps` change, and again when the
 * backend says new data is there (signals channel `domain-split:analysis`, when the app has
 * the signals plugin). Such a reload keeps the current answer on screen (`loading` stays false)
 * until the new one arrives. Returns `{ loading, error, value, retry }` (react-use's async
 * state).
 * @internal
 */
export function useDomainSplitData<T>(
  fetcher: (api: DomainSplitApi) => Promise<T>,
  deps: DependencyList,
) {
  const api = useApi(domainSplitApiRef);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useAsyncRetry(() => fetcher(api), [api, ...deps]);
  const { lastSignal } = useSignal(DOMAIN_SPLIT_SIGNAL_CHANNEL);
  // A reload after a signal: 'requested', then 'loading' while it runs, then over.
  const quietReload = useRef<'requested' | 'loading' | undefined>(undefined);
  const { retry } = state;
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
