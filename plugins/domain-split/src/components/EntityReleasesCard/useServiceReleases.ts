import type {
  CurrentRelease,
  ReleasesResponse,
} from '@internal/plugin-domain-split-common';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { useEntityRefString } from '../../hooks/useEntityRefString';

/**
 * The releases of the current entity page's service: the live version per tracked environment
 * (in the backend's environment order) and the CI service name, which the history endpoint is
 * keyed by.
 * @internal
 */
export function useServiceReleases() {
  const entityRef = useEntityRefString();
  // The backend answers with this Component's releases only.
  const state = useDomainSplitData(
    api => api.getReleases({ entityRef }),
    [entityRef],
  );
  const response: ReleasesResponse | undefined = state.value;
  const mine = response?.current ?? [];
  // The tracked environments it is live in, in order. Untracked ones (previews, throw-away
  // environments: `otherEnvironments`) are left to the history and the page's toggle.
  const environments = response
    ? response.environments.filter(env => mine.some(r => r.environment === env))
    : [];
  const byEnvironment = new Map<string, CurrentRelease>(
    mine.map(r => [r.environment, r]),
  );
  return {
    state,
    mine,
    service: mine[0]?.service,
    environments,
    byEnvironment,
  };
}
