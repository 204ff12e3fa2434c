import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../routes';

/**
 * The path of a tab of the Domain Split page (`releases`, `failure-isolation`, ...), or
 * `undefined` when the app does not mount the page (cards then simply show no link).
 * @internal
 */
export function useDomainSplitPageLink():
  | ((tab: string) => string)
  | undefined {
  let root: (() => string) | undefined;
  try {
    root = useRouteRef(rootRouteRef);
  } catch {
    root = undefined;
  }
  if (!root) {
    return undefined;
  }
  const base = root().replace(/\/$/, '');
  return (tab: string) => `${base}/${tab.replace(/^\//, '')}`;
}
