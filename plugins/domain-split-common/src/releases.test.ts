import { Entity } from '@backstage/catalog-model';
import { EvidenceContext } from './evidenceContext';
import { buildCatalogGraph } from './graph';
import { serviceCatalogIndex } from './evidence';
import {
  computeCurrentReleases,
  StoredCurrentVersion,
  StoredDeployment,
  toDeploymentRecords,
} from './releases';
import { compareEnvironments } from './evidence';
import type { DeploymentRecord, TestRunRecord } from './types';

function entity(
  kind: string,
  name: string,
  spec: NonNullable<Entity['spec']> = {},
  extra: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', ...extra },
    spec,
  };
}

const entities: Entity[] = [
  entity('Domain', 'orders', { owner: 'group:orders-team' }),
  entity('Domain', 'payments', { owner: 'group:payments-team' }),
  entity('System', 'orders-system', { domain: 'orders' }),
  entity('Component', 'orders-service', {
    type: 'service',
    system: 'orders-system',
  }),
  entity('Component', 'payments-service', {
    type: 'service',
    domain: 'payments',
  }),
  entity(
    'Component',
    'checkout-orchestrator',
    { type: 'service', system: 'orders-system' },
    { annotations: { 'domain-split/ci-service-name': 'checkout' } },
  ),
  entity('Component', 'lonely-service', { type: 'service' }),
];
const index = serviceCatalogIndex(buildCatalogGraph(entities));

function deployment(
  overrides: Partial<StoredDeployment> & Pick<StoredDeployment, 'eventId'>,
): StoredDeployment {
  return {
    service: 'orders-service',
    version: '3.2.1',
    environment: 'production',
    status: 'success',
    explicitRollback: false,
    occurredAt: '2026-11-01T10:00:00.000Z',
    ...overrides,
  };
}

function contractRun(
  overrides: Partial<TestRunRecord> & Pick<TestRunRecord, 'eventId'>,
): TestRunRecord {
  return {
    service: 'orders-service',
    version: '3.2.1',
    suite: 'contract',
    result: 'passed',
    occurredAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

describe('serviceCatalogIndex', () => {
  it('matches CI names case-insensitively and finds the domain through the system', () => {
    expect(index.match('Orders-Service')).toEqual({
      entityRef: 'component:default/orders-service',
      domainRef: 'domain:default/orders',
    });
    expect(index.match('payments-service')).toEqual({
      entityRef: 'component:default/payments-service',
      domainRef: 'domain:default/payments',
    });
  });

  it('matches the ci-service-name annotation and lists the names of an entity', () => {
    expect(index.match('checkout')?.entityRef).toBe(
      'component:default/checkout-orchestrator',
    );
    expect(index.ciNamesOf('component:default/checkout-orchestrator')).toEqual([
      'checkout-orchestrator',
      'checkout',
    ]);
  });

  it('matches a component without a domain, and nothing for unknown names', () => {
    expect(index.match('lonely-service')).toEqual({
      entityRef: 'component:default/lonely-service',
    });
    expect(index.match('legacy-billing')).toBeUndefined();
    expect(index.match('orders')).toBeUndefined(); // a Domain is not a service
  });
});

describe('toDeploymentRecords', () => {
  it('marks a lower version replacing a higher one as a rollback, in occurredAt order', () => {
    const records = toDeploymentRecords(
      [
        // Given out of order on purpose.
        deployment({
          eventId: 'c',
          version: '1.9.4',
          occurredAt: '2026-11-03T00:00:00.000Z',
        }),
        deployment({
          eventId: 'a',
          version: '1.9.4',
          occurredAt: '2026-11-01T00:00:00.000Z',
        }),
        deployment({
          eventId: 'b',
          version: '1.9.5',
          occurredAt: '2026-11-02T00:00:00.000Z',
        }),
        deployment({
          eventId: 'x',
          version: '1.9.3',
          environment: 'staging',
          occurredAt: '2026-11-02T12:00:00.000Z',
        }),
      ],
      index,
    );
    expect(records.map(r => [r.eventId, r.rollback])).toEqual([
      ['c', true],
      ['x', false], // first in its environment
      ['b', false],
      ['a', false],
    ]);
    expect(records[0].entityRef).toBe('component:default/orders-service');
  });

  it('ignores failed deployments as the live version and keeps explicit rollbacks', () => {
    const records = toDeploymentRecords(
      [
        deployment({
          eventId: 'a',
          version: '2.0.0',
          occurredAt: '2026-11-01T00:00:00.000Z',
        }),
        deployment({
          eventId: 'b',
          version: '2.1.0',
          status: 'failure',
          occurredAt: '2026-11-02T00:00:00.000Z',
        }),
        deployment({
          eventId: 'c',
          version: '2.0.1',
          occurredAt: '2026-11-03T00:00:00.000Z',
        }),
        deployment({
          eventId: 'd',
          version: '2.0.0',
          status: 'rolled_back',
          explicitRollback: true,
          occurredAt: '2026-11-04T00:00:00.000Z',
        }),
      ],
      index,
    );
    expect(
      Object.fromEntries(records.map(r => [r.eventId, r.rollback])),
    ).toEqual({
      a: false,
      b: false,
      c: false, // 2.0.1 replaced 2.0.0, the failed 2.1.0 never went live
      d: true,
    });
  });
});

describe('computeCurrentReleases', () => {
  const current: StoredCurrentVersion[] = [
    {
      ...deployment({
        eventId: 'o1',
        pipelineId: 'run-7',
        repository: 'org/mono',
      }),
      previousVersion: '3.2.0',
      pipelineUrl: 'https://ci.example.com/run-7',
    },
    {
      ...deployment({
        eventId: 'p1',
        service: 'payments-service',
        version: '1.9.4',
        pipelineId: 'run-7',
        repository: 'org/mono',
      }),
      previousVersion: '1.9.5',
    },
    {
      ...deployment({
        eventId: 'u1',
        service: 'legacy-billing',
        version: '0.1.0',
      }),
    },
  ];

  it('computes the flags and the catalog match', () => {
    const evidence = {
      deployments: toDeploymentRecords(current, index),
      testRuns: [contractRun({ eventId: 't1' })],
    };
    const releases = computeCurrentReleases(
      current,
      new EvidenceContext(index, evidence),
    );
    expect(releases).toEqual([
      {
        service: 'legacy-billing',
        environment: 'production',
        version: '0.1.0',
        status: 'success',
        deployedAt: '2026-11-01T10:00:00.000Z',
        rollback: false,
        withoutContractTests: true,
        lockstepWith: [],
      },
      {
        service: 'orders-service',
        entityRef: 'component:default/orders-service',
        domainRef: 'domain:default/orders',
        environment: 'production',
        version: '3.2.1',
        status: 'success',
        deployedAt: '2026-11-01T10:00:00.000Z',
        rollback: false,
        previousVersion: '3.2.0',
        withoutContractTests: false,
        lockstepWith: ['component:default/payments-service'],
        pipelineUrl: 'https://ci.example.com/run-7',
      },
      {
        service: 'payments-service',
        entityRef: 'component:default/payments-service',
        domainRef: 'domain:default/payments',
        environment: 'production',
        version: '1.9.4',
        status: 'success',
        deployedAt: '2026-11-01T10:00:00.000Z',
        rollback: true,
        previousVersion: '1.9.5',
        withoutContractTests: true,
        lockstepWith: ['component:default/orders-service'],
      },
    ]);
  });

  it('needs the contract run to pass, match the version and not come after the deploy', () => {
    const [orders] = current;
    const flag = (testRuns: TestRunRecord[]) =>
      computeCurrentReleases(
        [orders],
        new EvidenceContext(index, { deployments: [], testRuns }),
      )[0].withoutContractTests;
    expect(flag([contractRun({ eventId: 't', result: 'failed' })])).toBe(true);
    expect(flag([contractRun({ eventId: 't', version: '3.2.0' })])).toBe(true);
    expect(flag([contractRun({ eventId: 't', suite: 'domain' })])).toBe(true);
    expect(
      flag([
        contractRun({ eventId: 't', occurredAt: '2026-11-01T10:00:01.000Z' }),
      ]),
    ).toBe(true);
    expect(
      flag([contractRun({ eventId: 't', service: 'payments-service' })]),
    ).toBe(true);
    expect(flag([contractRun({ eventId: 't', version: 'v3.2.1' })])).toBe(
      false,
    );
    expect(
      flag([contractRun({ eventId: 't', service: 'ORDERS-SERVICE' })]),
    ).toBe(false);
  });

  it('finds lockstep by commit, not across environments, not within one domain', () => {
    const checkout: StoredCurrentVersion = deployment({
      eventId: 'c1',
      service: 'checkout',
      commit: 'abc123',
    });
    const others: DeploymentRecord[] = [
      // same domain (orders) → not lockstep
      { ...deployment({ eventId: 'o9', commit: 'abc123' }), rollback: false },
      // other domain, other environment → not lockstep
      {
        ...deployment({
          eventId: 'p8',
          service: 'payments-service',
          environment: 'staging',
          commit: 'abc123',
        }),
        rollback: false,
      },
      // other domain, failed → not lockstep
      {
        ...deployment({
          eventId: 'p9',
          service: 'payments-service',
          status: 'failure',
          commit: 'abc123',
        }),
        rollback: false,
      },
    ];
    const [release] = computeCurrentReleases(
      [checkout],
      new EvidenceContext(index, { deployments: others, testRuns: [] }),
    );
    expect(release.lockstepWith).toEqual([]);
    expect(release.entityRef).toBe('component:default/checkout-orchestrator');

    const [again] = computeCurrentReleases(
      [checkout],
      new EvidenceContext(index, {
        deployments: [
          ...others,
          {
            ...deployment({
              eventId: 'p10',
              service: 'payments-service',
              commit: 'abc123',
            }),
            rollback: false,
          },
        ],
        testRuns: [],
      }),
    );
    expect(again.lockstepWith).toEqual(['component:default/payments-service']);
  });

  it('does not treat the same pipeline id in another repository as lockstep', () => {
    const [orders] = current;
    const [release] = computeCurrentReleases(
      [orders],
      new EvidenceContext(index, {
        deployments: [
          {
            ...deployment({
              eventId: 'p1',
              service: 'payments-service',
              pipelineId: 'run-7',
              repository: 'org/payments',
            }),
            rollback: false,
          },
        ],
        testRuns: [],
      }),
    );
    expect(release.lockstepWith).toEqual([]);
  });
});

describe('compareEnvironments', () => {
  it('orders along the delivery path, unknown names last', () => {
    expect(
      ['production', 'zeta', 'staging', 'dev', 'alpha'].sort(
        compareEnvironments,
      ),
    ).toEqual(['dev', 'staging', 'production', 'alpha', 'zeta']);
  });
});
