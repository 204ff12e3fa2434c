import { DependencyList } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { DomainSplitApi, domainSplitApiRef } from '../api/DomainSplitApi';

/**
 * Loads data from the Domain Split backend; re-runs when `deps` change.
 * Returns `{ loading, error, value, retry }` (react-use's async state).
 * @internal
 */
export function useDomainSplitData<T>(
  fetcher: (api: DomainSplitApi) => Promise<T>,
  deps: DependencyList,
) {
  const api = useApi(domainSplitApiRef);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useAsyncRetry(() => fetcher(api), [api, ...deps]);
}
