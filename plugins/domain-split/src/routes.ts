import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The route of the Domain Split page.
 * @public
 */
export const rootRouteRef = createRouteRef({
  id: 'domain-split',
});
