/* Test-only catalog entities for the entity cards. */
import type { Entity } from '@backstage/catalog-model';

const entity = (kind: string, name: string, spec: object = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec,
});

export const ordersServiceEntity = entity('Component', 'orders-service', {
  type: 'service',
  owner: 'orders-team',
});
export const paymentsServiceEntity = entity('Component', 'payments-service', {
  type: 'service',
  owner: 'payments-team',
});
export const paymentsDomainEntity = entity('Domain', 'payments', {
  owner: 'payments-team',
});
export const searchDomainEntity = entity('Domain', 'search', {
  owner: 'platform-team',
});
export const ordersTeamEntity = entity('Group', 'orders-team', {
  type: 'team',
  children: [],
});
export const inventoryServiceEntity = entity('Component', 'inventory-service', {
  type: 'service',
});
