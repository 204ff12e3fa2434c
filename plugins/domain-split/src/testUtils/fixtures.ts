/*
 * Test fixtures in the shape the backend serves (typed by common's response types), modelled
 * on the example platform of DESIGN.md. Test-only: production code never imports this file.
 */
import type {
  BlastRadiusResponse,
  BlastRadiusSummaryResponse,
  ContextMapEdge,
  ContextMapResponse,
  FailureMatrixResponse,
  MigrationHistoryResponse,
  MigrationStatusResponse,
  ReleaseHistoryResponse,
  ReleasesResponse,
  RuleViolationsResponse,
  UnmatchedEventsResponse,
} from '@internal/plugin-domain-split-common';
// The ownership fixtures live in common, whose tests of the Ownership rows use them too (a
// test-only file of the workspace: not part of common's exports).
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { refs } from '@internal/plugin-domain-split-common/src/testing/ownershipFixtures';

// eslint-disable-next-line @backstage/no-forbidden-package-imports
export {
  ownership,
  ownershipWithDepartment,
  refs,
} from '@internal/plugin-domain-split-common/src/testing/ownershipFixtures';

const DAY = 24 * 3600 * 1000;
/** An ISO time `days` days before now. */
export const daysAgo = (days: number) =>
  new Date(Date.now() - days * DAY - 60_000).toISOString();

export const releases: ReleasesResponse = {
  environments: ['staging', 'production'],
  otherEnvironments: [],
  current: [
    {
      service: 'orders-service',
      entityRef: refs.ordersService,
      domainRef: refs.orders,
      environment: 'production',
      version: '3.2.1',
      status: 'success',
      deployedAt: daysAgo(3),
      rollback: false,
      withoutContractTests: false,
      lockstepWith: [refs.paymentsService],
      pipelineUrl: 'https://ci.example.com/runs/101',
    },
    {
      service: 'orders-service',
      entityRef: refs.ordersService,
      domainRef: refs.orders,
      environment: 'staging',
      version: '3.3.0',
      status: 'success',
      deployedAt: daysAgo(1),
      rollback: false,
      withoutContractTests: true,
      lockstepWith: [],
    },
    {
      service: 'payments-service',
      entityRef: refs.paymentsService,
      domainRef: refs.payments,
      environment: 'production',
      version: '1.9.4',
      status: 'success',
      deployedAt: daysAgo(2),
      rollback: true,
      previousVersion: '1.9.5',
      withoutContractTests: false,
      lockstepWith: [refs.ordersService],
    },
    {
      service: 'legacy-billing',
      environment: 'production',
      version: '0.4.0',
      status: 'failure',
      deployedAt: daysAgo(10),
      rollback: false,
      withoutContractTests: false,
      lockstepWith: [],
    },
  ],
};

export const ordersHistory: ReleaseHistoryResponse = {
  service: 'orders-service',
  entityRef: refs.ordersService,
  deployments: [
    {
      eventId: 'd1',
      service: 'orders-service',
      entityRef: refs.ordersService,
      version: '3.2.0',
      environment: 'production',
      status: 'success',
      rollback: false,
      occurredAt: daysAgo(8),
      commit: 'aaaaaaaaaaaaaaaaaaaa',
      pipelineId: 'run-90',
    },
    {
      eventId: 'd2',
      service: 'orders-service',
      entityRef: refs.ordersService,
      version: '3.2.1',
      environment: 'production',
      status: 'success',
      rollback: false,
      occurredAt: daysAgo(3),
      commit: 'bbbbbbbbbbbbbbbbbbbb',
      pipelineId: 'run-101',
      pipelineUrl: 'https://ci.example.com/runs/101',
    },
  ],
  testRuns: [
    {
      eventId: 't1',
      service: 'orders-service',
      entityRef: refs.ordersService,
      version: '3.2.1',
      suite: 'contract',
      result: 'passed',
      occurredAt: daysAgo(4),
    },
    {
      eventId: 't2',
      service: 'orders-service',
      entityRef: refs.ordersService,
      version: '3.3.0',
      suite: 'domain',
      result: 'failed',
      occurredAt: daysAgo(1),
    },
  ],
  releases: [
    {
      eventId: 'r1',
      service: 'orders-service',
      entityRef: refs.ordersService,
      version: '3.3.0',
      occurredAt: daysAgo(2),
      commit: 'cccccccccccccccccccc',
      pipelineId: 'release-7',
      pipelineUrl: 'https://ci.example.com/releases/7',
      repository: 'acme/orders-service',
    },
  ],
};

export const unmatched: UnmatchedEventsResponse = {
  items: [
    {
      eventId: 'u1',
      type: 'deployment',
      service: 'legacy-billing',
      version: '0.4.0',
      environment: 'production',
      occurredAt: daysAgo(10),
      receivedAt: daysAgo(10),
    },
  ],
};

const titles: Record<string, string> = {
  [refs.orders]: 'Orders',
  [refs.payments]: 'Payments',
  [refs.inventory]: 'Inventory',
  [refs.checkout]: 'Checkout',
  [refs.search]: 'Search',
  [refs.notifications]: 'Notifications',
  [refs.ordersService]: 'orders-service',
  [refs.paymentsService]: 'payments-service',
  [refs.inventoryService]: 'inventory-service',
  [refs.checkoutOrchestrator]: 'checkout-orchestrator',
  [refs.searchReadmodels]: 'search-readmodels',
  [refs.apiGateway]: 'api-gateway',
  [refs.paymentsApi]: 'payments-api',
};

const ordersWaitOnPayments = {
  consumer: refs.ordersService,
  provider: refs.paymentsService,
  impact: 'waits' as const,
  via: refs.paymentsApi,
  overridden: true,
};
const checkoutBlockedByInventory = {
  consumer: refs.checkoutOrchestrator,
  provider: refs.inventoryService,
  impact: 'blocked' as const,
  via: 'dependsOn',
  overridden: false,
};
const gatewayOnCheckout = {
  consumer: refs.apiGateway,
  provider: refs.checkoutOrchestrator,
  impact: 'blocked' as const,
  via: 'dependsOn',
  overridden: false,
};
const gatewayOnSearch = {
  consumer: refs.apiGateway,
  provider: refs.searchReadmodels,
  impact: 'degraded' as const,
  via: 'api:default/search-api',
  overridden: true,
};

export const domainMatrix: FailureMatrixResponse = {
  level: 'domain',
  columns: [
    refs.orders,
    refs.payments,
    refs.inventory,
    refs.checkout,
    refs.search,
    refs.notifications,
  ],
  rows: [
    {
      failing: refs.payments,
      cells: [
        {
          failing: refs.payments,
          affected: refs.orders,
          impact: 'waits',
          path: [ordersWaitOnPayments],
        },
      ],
      users: {
        failing: refs.payments,
        affected: 'users',
        impact: 'waits',
        path: [ordersWaitOnPayments],
      },
      declared: 'waits',
      drift: false,
    },
    {
      failing: refs.inventory,
      cells: [
        {
          failing: refs.inventory,
          affected: refs.checkout,
          impact: 'blocked',
          path: [checkoutBlockedByInventory],
        },
      ],
      users: {
        failing: refs.inventory,
        affected: 'users',
        impact: 'blocked',
        path: [checkoutBlockedByInventory, gatewayOnCheckout],
      },
      declared: 'blocked',
      drift: false,
    },
    {
      failing: refs.notifications,
      cells: [],
      users: {
        failing: refs.notifications,
        affected: 'users',
        impact: 'none',
        path: [],
      },
      declared: 'none',
      drift: false,
    },
    {
      failing: refs.search,
      cells: [],
      users: {
        failing: refs.search,
        affected: 'users',
        impact: 'degraded',
        path: [gatewayOnSearch],
      },
      declared: 'none',
      drift: true,
    },
  ],
  titles,
  annotationProblems: [],
};

/** A service-level matrix with `count` failing services, each reaching the next one. */
export function serviceMatrix(count: number): FailureMatrixResponse {
  const ref = (i: number) =>
    `component:default/svc-${String(i).padStart(3, '0')}`;
  const rows = Array.from({ length: count }, (_, i) => ({
    failing: ref(i),
    cells:
      i + 1 < count
        ? [
            {
              failing: ref(i),
              affected: ref(i + 1),
              impact: 'blocked' as const,
              path: [
                {
                  consumer: ref(i + 1),
                  provider: ref(i),
                  impact: 'blocked' as const,
                  via: 'dependsOn',
                  overridden: false,
                },
              ],
            },
          ]
        : [],
    users: {
      failing: ref(i),
      affected: 'users',
      impact: 'none' as const,
      path: [],
    },
    drift: false,
  }));
  return {
    level: 'service',
    columns: rows.map(r => r.failing),
    rows,
    titles: Object.fromEntries(
      rows.map((r, i) => [r.failing, `svc-${String(i).padStart(3, '0')}`]),
    ),
    annotationProblems: [],
  };
}

export const paymentsBlastRadius: BlastRadiusResponse = {
  entityRef: refs.paymentsService,
  takesDown: [
    {
      failing: refs.paymentsService,
      affected: refs.ordersService,
      impact: 'waits',
      path: [ordersWaitOnPayments],
    },
  ],
  users: {
    failing: refs.paymentsService,
    affected: 'users',
    impact: 'waits',
    path: [ordersWaitOnPayments],
  },
  takenDownBy: [
    {
      failing: 'resource:default/payments-db',
      affected: refs.paymentsService,
      impact: 'blocked',
      path: [
        {
          consumer: refs.paymentsService,
          provider: 'resource:default/payments-db',
          impact: 'blocked',
          via: 'dependsOn',
          overridden: false,
        },
      ],
    },
  ],
};

/** GET /impact/…/summary of payments-service, as the backend cuts it from paymentsBlastRadius. */
export const paymentsBlastRadiusSummary: BlastRadiusSummaryResponse = {
  entityRef: refs.paymentsService,
  users: { ...paymentsBlastRadius.users, path: [] },
  takesDown: {
    total: 1,
    byImpact: { none: 0, degraded: 0, waits: 1, blocked: 0 },
    byKind: { component: 1 },
    worst: paymentsBlastRadius.takesDown.map(c => ({ ...c, path: [] })),
  },
  takenDownBy: {
    total: 1,
    byImpact: { none: 0, degraded: 0, waits: 0, blocked: 1 },
    byKind: { resource: 1 },
    worst: paymentsBlastRadius.takenDownBy.map(c => ({ ...c, path: [] })),
  },
  domains: [{ domainRef: refs.orders, impact: 'waits', count: 1 }],
  domainCount: 1,
  titles: {
    [refs.paymentsService]: 'Payments service',
    [refs.orders]: 'Orders',
  },
};

export const migration: MigrationStatusResponse = {
  generatedAt: daysAgo(0),
  domains: [
    {
      domainRef: refs.orders,
      title: 'Orders',
      phase: 3,
      steps: [1, 2, 3, 4].map(step => ({
        step: step as 1 | 2 | 3 | 4,
        label: [
          'extracted into its own repo',
          'publishes events',
          'DB joins cut',
          'deploys independently',
        ][step - 1],
        met: true,
        criteria: [
          {
            id: `step-${step}`,
            label: `criterion of step ${step}`,
            met: true,
            evidence: [`evidence for step ${step}`],
            blockers: [],
          },
        ],
      })),
      phaseCriteria: [
        { phase: 1, met: true, criteria: [] },
        { phase: 2, met: true, criteria: [] },
      ],
      progress: 1,
      targetPhase: 3,
      targetDate: '2025-06-30',
      schedule: 'done',
      nextBlockers: [],
    },
    {
      domainRef: refs.payments,
      title: 'Payments',
      phase: 2,
      steps: [
        {
          step: 1,
          label: 'extracted into its own repo',
          met: true,
          criteria: [
            {
              id: 'extracted',
              label: 'Every component outside the monorepo',
              met: true,
              evidence: ['payments-service lives in github.com/acme/payments'],
              blockers: [],
            },
          ],
        },
        {
          step: 2,
          label: 'publishes events',
          met: false,
          criteria: [
            {
              id: 'events',
              label: 'Provides an event API',
              met: false,
              evidence: [],
              blockers: [
                {
                  entityRefs: [refs.paymentsService],
                  message: 'provides no asyncapi API',
                },
              ],
            },
          ],
        },
        { step: 3, label: 'DB joins cut', met: false, criteria: [] },
        { step: 4, label: 'deploys independently', met: false, criteria: [] },
      ],
      phaseCriteria: [
        { phase: 1, met: true, criteria: [] },
        { phase: 2, met: true, criteria: [] },
      ],
      progress: 0.55,
      targetPhase: 3,
      targetDate: '2025-09-30',
      schedule: 'at-risk',
      nextBlockers: ['payments-service publishes no events'],
    },
    {
      domainRef: refs.search,
      title: 'Search',
      phase: 0,
      steps: [],
      phaseCriteria: [
        {
          phase: 1,
          met: false,
          criteria: [
            {
              id: 'owner',
              label: 'One owning team',
              met: false,
              evidence: [],
              blockers: [
                {
                  entityRefs: [refs.search],
                  message: 'two teams own components',
                },
              ],
            },
          ],
        },
        {
          phase: 2,
          met: false,
          criteria: [
            {
              id: 'domain-test-suite',
              label:
                'The latest domain test-suite run of every component passed',
              met: false,
              evidence: [],
              blockers: [
                {
                  entityRefs: [refs.searchReadmodels],
                  message:
                    'The latest domain test-suite run of search-readmodels for 0.8.0, live in production failed (run 77: 0.8.0, 2025-02-20T10:00:00Z, https://ci.example.com/runs/77).',
                  url: 'https://ci.example.com/runs/77',
                },
              ],
            },
          ],
        },
      ],
      progress: 0.1,
      schedule: 'no-target',
      nextBlockers: ['search has two owning teams'],
    },
  ],
  annotationProblems: [
    {
      entityRef: refs.search,
      annotation: 'domain-split/target-date',
      value: 'next year',
      message: 'not a date (YYYY-MM-DD)',
    },
  ],
};

export const migrationHistory: MigrationHistoryResponse = {
  snapshots: [
    {
      takenAt: '2025-01-01T00:00:00Z',
      domains: [
        { domainRef: refs.orders, phase: 1, stepsMet: 0, progress: 0.3 },
        { domainRef: refs.payments, phase: 0, stepsMet: 0, progress: 0.1 },
        { domainRef: refs.search, phase: 0, stepsMet: 0, progress: 0 },
      ],
    },
    {
      takenAt: '2025-02-01T00:00:00Z',
      domains: [
        { domainRef: refs.orders, phase: 2, stepsMet: 1, progress: 0.6 },
        { domainRef: refs.payments, phase: 1, stepsMet: 0, progress: 0.3 },
        { domainRef: refs.search, phase: 0, stepsMet: 0, progress: 0.1 },
      ],
      openViolations: {
        byRule: {
          'no-cross-domain-db': 3,
          'contract-tests-before-deploy': 5,
        },
        byDomain: { [refs.orders]: 6, [refs.payments]: 2 },
      },
    },
    {
      takenAt: '2025-03-01T00:00:00Z',
      domains: [
        { domainRef: refs.orders, phase: 3, stepsMet: 4, progress: 1 },
        { domainRef: refs.payments, phase: 2, stepsMet: 1, progress: 0.55 },
        { domainRef: refs.search, phase: 0, stepsMet: 0, progress: 0.1 },
      ],
      openViolations: {
        byRule: { 'no-cross-domain-db': 2 },
        byDomain: { [refs.orders]: 2 },
      },
    },
  ],
  projection: {
    pointsPerDay: 2 / 28,
    paceDays: 28,
    points: 5,
    target: 9,
    phase3On: '2025-04-26',
    summary: 'at this pace: phase 3 on 2025-04-26',
  },
};

export const ruleViolations: RuleViolationsResponse = {
  rules: [
    {
      id: 'no-cross-domain-db',
      title: 'No cross-domain DB access',
      description:
        'A database belongs to one domain; others read its events or API.',
    },
    {
      id: 'events-only-between-domains',
      title: 'Events only between domains',
      description:
        'Domains talk through events; synchronous calls only from the gateway.',
    },
    {
      id: 'one-owner-per-domain',
      title: 'One owner per domain',
      description:
        'Every domain and its components have exactly one owning team.',
    },
  ],
  violations: [
    {
      rule: 'no-cross-domain-db',
      key: `no-cross-domain-db:${refs.inventoryService},${refs.ordersDb}`,
      entityRefs: [refs.inventoryService, refs.ordersDb],
      domainRefs: [refs.inventory, refs.orders],
      message:
        'inventory-service (inventory) depends on orders-db of domain orders',
      status: 'open',
      firstSeenAt: '2025-02-01T03:00:00.000Z',
      lastSeenAt: '2025-03-01T03:00:00.000Z',
    },
    {
      rule: 'events-only-between-domains',
      key: `events-only-between-domains:${refs.checkoutOrchestrator},${refs.inventoryService}`,
      entityRefs: [refs.checkoutOrchestrator, refs.inventoryService],
      domainRefs: [refs.checkout, refs.inventory],
      message: 'checkout-orchestrator calls inventory-service synchronously',
      status: 'open',
      firstSeenAt: '2025-02-01T03:00:00.000Z',
      lastSeenAt: '2025-03-01T03:00:00.000Z',
    },
  ],
  annotationProblems: [
    {
      entityRef: refs.ordersService,
      annotation: 'domain-split/user-facing',
      value: 'yes',
      message: 'must be "true" or "false"',
    },
  ],
};

/** GET /rules/violations?status=resolved: one violation resolved inside the window. */
export const resolvedRuleViolations: RuleViolationsResponse = {
  ...ruleViolations,
  violations: [
    {
      rule: 'events-only-between-domains',
      key: `events-only-between-domains:${refs.checkoutOrchestrator},${refs.ordersService}`,
      entityRefs: [refs.checkoutOrchestrator, refs.ordersService],
      domainRefs: [refs.checkout, refs.orders],
      message: 'checkout-orchestrator calls orders-service synchronously',
      status: 'resolved',
      firstSeenAt: '2025-01-10T03:00:00.000Z',
      lastSeenAt: '2025-02-20T03:00:00.000Z',
      resolvedAt: '2025-02-21T03:00:00.000Z',
    },
  ],
};

const ordersCallPayments = {
  consumer: refs.ordersService,
  provider: refs.paymentsService,
  via: 'api:default/payments-api',
  rules: ['events-only-between-domains' as const],
};

/** A tie between two domains (refs): one dependency, no links or rules unless `fields` say. */
export const tie = (
  from: string,
  to: string,
  kind: ContextMapEdge['kind'],
  fields: Partial<ContextMapEdge> = {},
): ContextMapEdge => ({
  id: `${from}|${to}|${kind}`,
  from,
  to,
  kind,
  count: 1,
  links: [],
  moreLinks: 0,
  rules: [],
  violations: [],
  ...fields,
});

/** A context map of part of the example platform: one violating call, one shared database. */
export const contextMap: ContextMapResponse = {
  nodes: [
    {
      domainRef: refs.checkout,
      title: 'Checkout',
      ownerRef: refs.ordersTeam,
      ownerDomainCount: 2,
      components: [refs.checkoutOrchestrator],
      serviceCount: 1,
      apis: ['api:default/checkout-api'],
      phase: 1,
    },
    {
      domainRef: refs.orders,
      title: 'Orders',
      ownerRef: refs.ordersTeam,
      ownerDomainCount: 2,
      components: [refs.ordersService],
      serviceCount: 1,
      apis: [refs.ordersEvents],
      phase: 1,
    },
    {
      domainRef: refs.payments,
      title: 'Payments',
      ownerRef: refs.paymentsTeam,
      ownerDomainCount: 1,
      components: [refs.paymentsService],
      serviceCount: 1,
      apis: [refs.paymentsApi, 'api:default/payments-events'],
      phase: 2,
    },
    {
      domainRef: refs.search,
      title: 'Search',
      ownerRef: refs.platformTeam,
      ownerDomainCount: 1,
      components: [refs.searchReadmodels],
      serviceCount: 1,
      apis: [],
      phase: 0,
    },
  ],
  edges: [
    tie(refs.checkout, refs.orders, 'events'),
    tie(refs.checkout, refs.search, 'shared-database', {
      links: [
        {
          consumer: refs.checkoutOrchestrator,
          provider: refs.ordersDb,
          via: refs.ordersDb,
          rules: ['no-cross-domain-db'],
        },
      ],
      rules: ['no-cross-domain-db'],
      violations: [0],
    }),
    tie(refs.orders, refs.payments, 'events', { count: 2 }),
    tie(refs.orders, refs.payments, 'sync', {
      links: [ordersCallPayments],
      rules: ['events-only-between-domains'],
      violations: [1],
    }),
    tie(refs.search, refs.orders, 'events'),
  ],
  teams: [
    {
      entityRef: refs.ordersTeam,
      title: 'Orders Team',
      domains: [refs.checkout, refs.orders],
    },
    {
      entityRef: refs.paymentsTeam,
      title: 'Payments Team',
      domains: [refs.payments],
    },
    {
      entityRef: refs.platformTeam,
      title: 'Platform Team',
      domains: [refs.search],
    },
  ],
  titles: {
    [refs.checkout]: 'Checkout',
    [refs.orders]: 'Orders',
    [refs.payments]: 'Payments',
    [refs.search]: 'Search',
    [refs.ordersTeam]: 'Orders Team',
    [refs.paymentsTeam]: 'Payments Team',
    [refs.platformTeam]: 'Platform Team',
    [refs.ordersService]: 'orders-service',
    [refs.paymentsService]: 'payments-service',
    [refs.paymentsApi]: 'payments-api',
    [refs.checkoutOrchestrator]: 'checkout-orchestrator',
    [refs.searchReadmodels]: 'search-readmodels',
    [refs.ordersDb]: 'orders-db',
  },
  violations: [
    {
      rule: 'no-cross-domain-db',
      key: `no-cross-domain-db:${refs.ordersDb}`,
      entityRefs: [
        refs.ordersDb,
        refs.checkoutOrchestrator,
        refs.searchReadmodels,
      ],
      domainRefs: [refs.checkout, refs.search],
      message:
        'Database orders-db is used across domains (Checkout, Search): by checkout-orchestrator (Checkout), search-readmodels (Search).',
    },
    {
      rule: 'events-only-between-domains',
      key: `events-only-between-domains:${refs.ordersService},${refs.paymentsService}`,
      entityRefs: [refs.ordersService, refs.paymentsApi, refs.paymentsService],
      domainRefs: [refs.orders, refs.payments],
      message:
        'orders-service calls payments-api (openapi) provided by payments-service: synchronous communication from Orders to Payments.',
    },
  ],
};
