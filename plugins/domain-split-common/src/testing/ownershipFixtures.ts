/* Test fixtures: an ownership answer of a small platform (the frontend's tests use it too). */
import type { OwnershipResponse } from '../types';

export const refs = {
  ordersTeam: 'group:default/orders-team',
  paymentsTeam: 'group:default/payments-team',
  platformTeam: 'group:default/platform-team',
  growthTeam: 'group:default/growth-team',
  orders: 'domain:default/orders',
  checkout: 'domain:default/checkout',
  payments: 'domain:default/payments',
  inventory: 'domain:default/inventory',
  search: 'domain:default/search',
  notifications: 'domain:default/notifications',
  coupons: 'domain:default/coupons',
  shipping: 'domain:default/shipping',
  ordersService: 'component:default/orders-service',
  checkoutOrchestrator: 'component:default/checkout-orchestrator',
  paymentsService: 'component:default/payments-service',
  inventoryService: 'component:default/inventory-service',
  searchReadmodels: 'component:default/search-readmodels',
  notificationsService: 'component:default/notifications-service',
  couponsService: 'component:default/coupons-service',
  couponsWorker: 'component:default/coupons-worker',
  shippingService: 'component:default/shipping-service',
  apiGateway: 'component:default/api-gateway',
  ordersEvents: 'api:default/orders-events',
  paymentsApi: 'api:default/payments-api',
  ordersDb: 'resource:default/orders-db',
};

export const ownership: OwnershipResponse = {
  teams: [
    {
      entityRef: refs.ordersTeam,
      title: 'Orders Team',
      members: [
        {
          entityRef: 'user:default/alice',
          title: 'Alice',
          role: 'staff engineer',
        },
        { entityRef: 'user:default/bob', title: 'Bob' },
      ],
      domains: [refs.orders, refs.checkout],
      components: [
        refs.ordersService,
        refs.checkoutOrchestrator,
        refs.couponsWorker,
      ],
      parentRef: 'group:default/engineering',
      childRefs: [],
      rolledUpDomains: [refs.orders, refs.checkout],
      rolledUpComponents: [
        refs.ordersService,
        refs.checkoutOrchestrator,
        refs.couponsWorker,
      ],
    },
    {
      entityRef: refs.paymentsTeam,
      title: 'Payments Team',
      members: [
        {
          entityRef: 'user:default/carol',
          title: 'Carol',
          role: 'staff engineer',
        },
      ],
      domains: [refs.payments],
      components: [refs.paymentsService],
      parentRef: 'group:default/engineering',
      childRefs: [],
      rolledUpDomains: [refs.payments],
      rolledUpComponents: [refs.paymentsService],
    },
    {
      entityRef: refs.platformTeam,
      title: 'Platform Team',
      members: [],
      domains: [refs.search, refs.notifications],
      components: [
        refs.searchReadmodels,
        refs.notificationsService,
        refs.apiGateway,
      ],
      parentRef: 'group:default/engineering',
      childRefs: [],
      rolledUpDomains: [refs.search, refs.notifications],
      rolledUpComponents: [
        refs.searchReadmodels,
        refs.notificationsService,
        refs.apiGateway,
      ],
    },
    {
      entityRef: refs.growthTeam,
      title: 'Growth Team',
      members: [],
      domains: [refs.coupons],
      components: [refs.couponsService],
      parentRef: 'group:default/engineering',
      childRefs: [],
      rolledUpDomains: [refs.coupons],
      rolledUpComponents: [refs.couponsService],
    },
  ],
  domains: [
    {
      entityRef: refs.orders,
      title: 'Orders',
      ownerRefs: [refs.ordersTeam],
      systems: ['system:default/orders'],
      components: [
        {
          entityRef: refs.ordersService,
          title: 'orders-service',
          type: 'service',
          ownerRef: refs.ordersTeam,
          apis: [refs.ordersEvents],
          resources: [refs.ordersDb],
        },
      ],
      apis: [refs.ordersEvents],
    },
    {
      entityRef: refs.checkout,
      title: 'Checkout',
      ownerRefs: [refs.ordersTeam],
      systems: [],
      components: [
        {
          entityRef: refs.checkoutOrchestrator,
          title: 'checkout-orchestrator',
          type: 'service',
          ownerRef: refs.ordersTeam,
          apis: [],
          resources: [],
        },
      ],
      apis: [],
    },
    {
      entityRef: refs.payments,
      title: 'Payments',
      ownerRefs: [refs.paymentsTeam],
      systems: [],
      components: [
        {
          entityRef: refs.paymentsService,
          title: 'payments-service',
          type: 'service',
          ownerRef: refs.paymentsTeam,
          apis: [refs.paymentsApi],
          resources: [],
        },
      ],
      apis: [refs.paymentsApi],
    },
    {
      entityRef: refs.search,
      title: 'Search',
      ownerRefs: [refs.platformTeam],
      systems: [],
      components: [
        {
          entityRef: refs.searchReadmodels,
          title: 'search-readmodels',
          type: 'service',
          ownerRef: refs.platformTeam,
          apis: [],
          resources: [],
        },
      ],
      apis: [],
    },
    {
      entityRef: refs.notifications,
      title: 'Notifications',
      ownerRefs: [refs.platformTeam],
      systems: [],
      components: [
        {
          entityRef: refs.notificationsService,
          title: 'notifications-service',
          type: 'service',
          ownerRef: refs.platformTeam,
          apis: [],
          resources: [],
        },
      ],
      apis: [],
    },
    {
      entityRef: refs.coupons,
      title: 'Coupons',
      ownerRefs: [refs.growthTeam],
      systems: [],
      components: [
        {
          entityRef: refs.couponsService,
          title: 'coupons-service',
          type: 'service',
          ownerRef: refs.growthTeam,
          apis: [],
          resources: [],
        },
        {
          entityRef: refs.couponsWorker,
          title: 'coupons-worker',
          type: 'service',
          ownerRef: refs.ordersTeam,
          apis: [],
          resources: [],
        },
      ],
      apis: [],
    },
    {
      entityRef: refs.shipping,
      title: 'Shipping',
      ownerRefs: [],
      systems: [],
      components: [
        {
          entityRef: refs.shippingService,
          title: 'shipping-service',
          type: 'service',
          apis: [],
          resources: [],
        },
      ],
      apis: [],
    },
  ],
  unassigned: [
    {
      entityRef: 'component:default/shared-observability',
      title: 'shared-observability',
      type: 'library',
      ownerRef: refs.platformTeam,
      apis: [],
      resources: [],
    },
  ],
  problems: [
    {
      kind: 'domain-without-owner',
      entityRefs: [refs.shipping],
      message: 'Domain shipping has no owning team',
    },
    {
      kind: 'component-owner-mismatch',
      entityRefs: [refs.couponsWorker, refs.ordersTeam, refs.coupons],
      message:
        'coupons-worker is owned by orders-team but domain coupons is owned by growth-team',
    },
  ],
  annotationProblems: [
    {
      entityRef: refs.ordersService,
      annotation: 'domain-split/dependency-impact',
      value: 'payments-service=slow',
      message: 'unknown impact level "slow"',
    },
  ],
};

/** {@link ownership} with the department above Orders Team and Payments Team (the roll-up). */
export const ownershipWithDepartment: OwnershipResponse = {
  ...ownership,
  teams: [
    {
      entityRef: 'group:default/engineering',
      title: 'Engineering',
      members: [],
      domains: [],
      components: [],
      childRefs: [refs.ordersTeam, refs.paymentsTeam],
      rolledUpDomains: [refs.checkout, refs.orders, refs.payments],
      rolledUpComponents: [
        refs.checkoutOrchestrator,
        refs.couponsWorker,
        refs.ordersService,
        refs.paymentsService,
      ],
    },
    ...ownership.teams,
  ],
};
