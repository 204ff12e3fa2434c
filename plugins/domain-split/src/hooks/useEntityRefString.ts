import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';

/**
 * The full, lower-case ref of the entity of the current entity page, as the backend
 * writes refs (`component:default/orders-service`; `stringifyEntityRef` lower-cases).
 * @internal
 */
export function useEntityRefString(): string {
  const { entity } = useEntity();
  return stringifyEntityRef(entity);
}
