/* Test fixtures: a small marketplace catalog for the failure-isolation matrix. */
import { Entity } from '@backstage/catalog-model';
import { api, component, domain, resource, team } from './entities';

/** A small marketplace shaped like the seed's failure-isolation matrix. */
export function marketplace(declared: Record<string, string> = {}): Entity[] {
  const dom = (name: string) =>
    domain(
      name,
      { owner: 'platform-team' },
      declared[name] ? { 'domain-split/declared-impact': declared[name] } : {},
    );
  return [
    team('platform-team'),
    ...[
      'orders',
      'payments',
      'inventory',
      'checkout',
      'notifications',
      'search',
      'platform',
    ].map(dom),
    api('payments-api', 'openapi'),
    api('stock-api', 'grpc'),
    api('orders-api', 'openapi'),
    api('checkout-api', 'openapi'),
    api('orders-events', 'asyncapi'),
    api('search-api', 'graphql'),
    component('payments-service', {
      domain: 'payments',
      providesApis: ['payments-api'],
    }),
    component(
      'orders-service',
      {
        domain: 'orders',
        providesApis: ['orders-api', 'orders-events'],
        consumesApis: ['payments-api'],
      },
      { 'domain-split/dependency-impact': 'payments-service=waits' },
    ),
    resource('inventory-db', 'database', { domain: 'inventory' }),
    component('inventory-service', {
      domain: 'inventory',
      providesApis: ['stock-api'],
      dependsOn: ['resource:inventory-db'],
    }),
    component('inventory-worker', {
      domain: 'inventory',
      dependsOn: ['resource:inventory-db'],
    }),
    component('checkout-orchestrator', {
      domain: 'checkout',
      providesApis: ['checkout-api'],
      consumesApis: ['stock-api', 'orders-api'],
    }),
    component('notifications-service', {
      domain: 'notifications',
      consumesApis: ['orders-events'],
    }),
    component('search-readmodels', {
      domain: 'search',
      providesApis: ['search-api'],
      consumesApis: ['orders-events'],
    }),
    component(
      'api-gateway',
      {
        domain: 'platform',
        consumesApis: ['search-api', 'checkout-api', 'orders-api'],
      },
      {
        'domain-split/user-facing': 'true',
        'domain-split/dependency-impact':
          'search-readmodels=degraded, checkout-orchestrator=waits, orders-api=waits',
      },
    ),
  ];
}
