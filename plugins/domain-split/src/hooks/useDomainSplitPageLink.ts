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
    // useRouteRef runs all of its inner hooks before it throws for an unmounted route, so the
    // hook order is the same on every render; the try only turns "not mounted" into undefined.
    // eslint-disable-next-line react-hooks/rules-of-hooks
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
