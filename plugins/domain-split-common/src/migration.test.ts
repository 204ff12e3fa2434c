import { Entity } from '@backstage/catalog-model';
import { EvidenceContext } from './evidenceContext';
import { buildCatalogGraph } from './graph';
import {
  computeMigrationStatus,
  isInsideMonorepo,
  toMigrationSnapshot,
} from './migration';
import {
  api,
  component,
  deployment,
  domain,
  noEvidence,
  resource,
  team,
  testRun,
} from './testing/entities';
import { CiEvidence, DomainMigrationStatus } from './types';
import {
  DEFAULT_EVIDENCE_WINDOW_MS,
  DEFAULT_LOCKSTEP_INTERVAL_MS,
} from './evidence';

const MONOREPO = 'https://github.com/acme/monorepo';
const NOW = new Date('2025-03-01T12:00:00Z');

/** A domain that meets every criterion when given {@link healthyEvidence}. */
function healthyDomain(
  name: string,
  annotations: Record<string, string> = {},
): Entity[] {
  return [
    team(`${name}-team`),
    domain(
      name,
      { owner: `${name}-team` },
      { 'domain-split/adr-location': `https://adr/${name}`, ...annotations },
    ),
    component(
      `${name}-service`,
      {
        owner: `${name}-team`,
        domain: name,
        providesApis: [`${name}-events`],
        dependsOn: [`resource:${name}-db`],
      },
      {
        'backstage.io/source-location': `url:https://github.com/acme/${name}-service/tree/main/`,
      },
    ),
    api(`${name}-events`, 'asyncapi', { owner: `${name}-team`, domain: name }),
    resource(`${name}-db`, 'database', { owner: `${name}-team`, domain: name }),
  ];
}

function healthyEvidence(
  name: string,
  pipelineId = `${name}-pipeline`,
): CiEvidence {
  return {
    deployments: [
      deployment(`${name}-service`, '1.0.0', '2025-02-01T10:00:00Z', {
        pipelineId,
        commit: `${name}-sha`,
      }),
    ],
    testRuns: [
      testRun(`${name}-service`, '1.0.0', 'domain', '2025-02-01T09:00:00Z'),
      testRun(`${name}-service`, '1.0.0', 'contract', '2025-02-01T09:30:00Z'),
    ],
  };
}

function merge(...evidence: CiEvidence[]): CiEvidence {
  return {
    deployments: evidence.flatMap(e => e.deployments),
    testRuns: evidence.flatMap(e => e.testRuns),
  };
}

function statusOf(
  entities: Entity[],
  evidence: CiEvidence,
  name: string,
  options: { monorepoUrl?: string; now?: Date } = { monorepoUrl: MONOREPO },
): DomainMigrationStatus {
  const status = computeMigrationStatus(
    EvidenceContext.of(buildCatalogGraph(entities), evidence),
    {
      now: NOW,
      ...options,
    },
  );
  return status.domains.find(d => d.domainRef === `domain:default/${name}`)!;
}

function criterionOf(status: DomainMigrationStatus, id: string) {
  return [
    ...status.phaseCriteria.flatMap(p => p.criteria),
    ...status.steps.flatMap(s => s.criteria),
  ].find(c => c.id === id)!;
}

describe('computeMigrationStatus: phases', () => {
  it('reaches phase 3 when every criterion has evidence', () => {
    const status = statusOf(
      healthyDomain('orders'),
      healthyEvidence('orders'),
      'orders',
    );
    expect(status.phase).toBe(3);
    expect(status.progress).toBe(1);
    expect(status.steps.map(s => [s.step, s.met])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
    ]);
    expect(status.nextBlockers).toEqual([]);
    expect(criterionOf(status, 'extracted').evidence).toEqual([
      'orders-service lives outside the monorepo, at url:https://github.com/acme/orders-service/tree/main/.',
    ]);
    expect(criterionOf(status, 'publishes-events').evidence).toEqual([
      'orders-service publishes orders-events (asyncapi).',
    ]);
    expect(
      criterionOf(status, 'contract-tests-before-deploy').evidence,
    ).toEqual([
      '1 of 1 successful deployment(s) had passing contract tests before them.',
    ]);
  });

  it('stays in phase 0 without an owning team, and says so', () => {
    const entities = healthyDomain('orders').map(e =>
      e.kind === 'Domain' ? { ...e, spec: {} } : e,
    );
    const status = statusOf(entities, healthyEvidence('orders'), 'orders');
    expect(status.phase).toBe(0);
    expect(status.phaseCriteria[0].met).toBe(false);
    expect(status.nextBlockers).toEqual([
      'orders has no owner in the catalog.',
      'orders has no owning team its components could match.',
    ]);
  });

  it('stays in phase 0 when a component is owned by another team, even if later criteria are met', () => {
    const entities = [
      ...healthyDomain('orders'),
      team('payments-team'),
      component('refunds', { owner: 'payments-team', domain: 'orders' }),
    ];
    const status = statusOf(entities, healthyEvidence('orders'), 'orders');
    expect(status.phase).toBe(0);
    expect(
      criterionOf(status, 'components-owned-by-domain-team').blockers,
    ).toEqual([
      {
        entityRefs: ['component:default/refunds'],
        message: 'refunds is owned by payments-team, not by orders-team.',
      },
    ]);
  });

  it('is phase 1 with ownership but no domain test suite in CI', () => {
    const status = statusOf(healthyDomain('orders'), noEvidence, 'orders');
    expect(status.phase).toBe(1);
    expect(status.nextBlockers).toEqual([
      'CI has reported no domain test-suite run of orders-service.',
    ]);
  });

  it('is phase 1 when the ADR location is missing', () => {
    const entities = healthyDomain('orders').map(e =>
      e.kind === 'Domain'
        ? { ...e, metadata: { ...e.metadata, annotations: {} } }
        : e,
    );
    const status = statusOf(entities, healthyEvidence('orders'), 'orders');
    expect(status.phase).toBe(1);
    expect(status.nextBlockers).toEqual([
      'orders has no domain-split/adr-location annotation.',
    ]);
  });

  it('does not count a failed domain suite run: the blocker names the run and links to it', () => {
    const evidence = healthyEvidence('orders');
    evidence.testRuns[0] = {
      ...evidence.testRuns[0],
      result: 'failed',
      pipelineId: '981',
      pipelineUrl: 'https://ci/runs/981',
    };
    const status = statusOf(healthyDomain('orders'), evidence, 'orders');
    expect(status.phase).toBe(1);
    expect(criterionOf(status, 'domain-test-suite')).toMatchObject({
      met: false,
      evidence: [],
      blockers: [
        {
          entityRefs: ['component:default/orders-service'],
          message:
            'The latest domain test-suite run of orders-service for 1.0.0, live in production failed (run 981: 1.0.0, 2025-02-01T09:00:00Z, https://ci/runs/981).',
          url: 'https://ci/runs/981',
        },
      ],
    });
  });

  it('judges the latest run: a later pass clears an earlier failure, a later failure undoes a pass', () => {
    const evidence = healthyEvidence('orders');
    const failed = {
      ...evidence.testRuns[0],
      eventId: 'failed-later',
      result: 'failed' as const,
      occurredAt: '2025-02-01T09:10:00Z',
    };
    expect(
      criterionOf(
        statusOf(
          healthyDomain('orders'),
          merge(evidence, { deployments: [], testRuns: [failed] }),
          'orders',
        ),
        'domain-test-suite',
      ).met,
    ).toBe(false);
    const passedAgain = {
      ...failed,
      eventId: 'passed-later',
      result: 'passed' as const,
      occurredAt: '2025-02-01T09:20:00Z',
    };
    expect(
      criterionOf(
        statusOf(
          healthyDomain('orders'),
          merge(evidence, { deployments: [], testRuns: [failed, passedAgain] }),
          'orders',
        ),
        'domain-test-suite',
      ),
    ).toMatchObject({
      met: true,
      evidence: [
        'The latest domain test-suite run of orders-service for 1.0.0, live in production passed (1.0.0, 2025-02-01T09:20:00Z).',
      ],
    });
  });

  it('tests the live version: a pass for another version does not count, a pass for the live commit does', () => {
    const evidence = healthyEvidence('orders');
    evidence.testRuns[0] = { ...evidence.testRuns[0], version: '0.9.0' };
    const status = statusOf(healthyDomain('orders'), evidence, 'orders');
    expect(criterionOf(status, 'domain-test-suite').blockers).toEqual([
      {
        entityRefs: ['component:default/orders-service'],
        message:
          'CI has reported no domain test-suite run of orders-service for 1.0.0, live in production.',
      },
    ]);
    evidence.testRuns[0] = {
      ...evidence.testRuns[0],
      version: 'f00dbeef',
      commit: 'orders-sha',
    };
    expect(
      criterionOf(
        statusOf(healthyDomain('orders'), evidence, 'orders'),
        'domain-test-suite',
      ).met,
    ).toBe(true);
  });

  it('tests the version live in the production environment when several are live', () => {
    const evidence = healthyEvidence('orders');
    evidence.deployments.push(
      deployment('orders-service', '1.1.0', '2025-02-02T10:00:00Z', {
        environment: 'staging',
      }),
    );
    // 1.0.0 (production) passed: 1.1.0 in staging is not what the phase asks about.
    expect(
      criterionOf(
        statusOf(healthyDomain('orders'), evidence, 'orders'),
        'domain-test-suite',
      ).evidence[0],
    ).toContain('for 1.0.0, live in production passed');
    // With staging marked as the production environment, 1.1.0 is the one to test.
    const graph = buildCatalogGraph(healthyDomain('orders'));
    const status = computeMigrationStatus(EvidenceContext.of(graph, evidence), {
      monorepoUrl: MONOREPO,
      now: NOW,
      policy: {
        environments: [
          { name: 'production' },
          { name: 'staging', production: true },
        ],
        windowMs: DEFAULT_EVIDENCE_WINDOW_MS,
        lockstepIntervalMs: DEFAULT_LOCKSTEP_INTERVAL_MS,
      },
    }).domains[0];
    expect(criterionOf(status, 'domain-test-suite').blockers[0].message).toBe(
      'CI has reported no domain test-suite run of orders-service for 1.1.0, live in staging.',
    );
  });

  it('is phase 2 while a playbook step is unmet, listing the step blockers', () => {
    const entities = healthyDomain('orders').map(e =>
      e.kind === 'Component'
        ? {
            ...e,
            metadata: {
              ...e.metadata,
              annotations: {
                'backstage.io/source-location': `url:${MONOREPO}/tree/main/core/domains/orders/`,
              },
            },
          }
        : e,
    );
    const status = statusOf(entities, healthyEvidence('orders'), 'orders');
    expect(status.phase).toBe(2);
    expect(status.steps[0].met).toBe(false);
    expect(status.nextBlockers).toEqual([
      `Step 1 (Extracted into its own repository): orders-service is still in the monorepo (url:${MONOREPO}/tree/main/core/domains/orders/).`,
    ]);
    expect(status.progress).toBeCloseTo(8 / 9); // 9 criteria: 2 + 2 for phases 1-2, 1 + 1 + 1 + 2 for steps
  });

  it('reports a missing monorepo URL as a blocker of step 1', () => {
    const status = statusOf(
      healthyDomain('orders'),
      healthyEvidence('orders'),
      'orders',
      {},
    );
    expect(status.phase).toBe(2);
    expect(criterionOf(status, 'extracted').blockers).toEqual([
      {
        entityRefs: ['domain:default/orders'],
        message:
          'The monorepo location is not configured (domainSplit.monorepo.url), so extraction can not be checked.',
      },
    ]);
  });

  it('needs an event API for step 2', () => {
    const entities = healthyDomain('orders').map(e =>
      e.kind === 'API' ? { ...e, spec: { ...e.spec, type: 'openapi' } } : e,
    );
    const status = statusOf(entities, healthyEvidence('orders'), 'orders');
    expect(status.steps[1]).toMatchObject({ step: 2, met: false });
    expect(status.phase).toBe(2);
  });

  it('blocks step 3 on a database or cache shared with another domain', () => {
    const entities = [
      ...healthyDomain('orders'),
      ...healthyDomain('payments'),
      resource('shared-cache', 'cache'),
      resource('event-queue', 'queue'),
    ].map(e =>
      e.metadata.name === 'payments-service' ||
      e.metadata.name === 'orders-service'
        ? {
            ...e,
            spec: {
              ...e.spec,
              dependsOn: [
                ...(e.spec!.dependsOn as string[]),
                'resource:shared-cache',
                'resource:event-queue',
              ],
            },
          }
        : e,
    );
    const evidence = merge(
      healthyEvidence('orders'),
      healthyEvidence('payments'),
    );
    const status = statusOf(entities, evidence, 'orders');
    expect(criterionOf(status, 'no-shared-data')).toMatchObject({
      met: false,
      evidence: ['orders-db (database) is used by orders only.'],
      blockers: [
        {
          entityRefs: [
            'resource:default/shared-cache',
            'component:default/payments-service',
          ],
          message: 'shared-cache (cache) is shared with payments.',
        },
      ],
    });
    expect(status.phase).toBe(2);
  });

  it('blocks step 3 when the domain uses a database of another domain', () => {
    const entities = [
      ...healthyDomain('orders'),
      ...healthyDomain('payments'),
    ].map(e =>
      e.metadata.name === 'orders-service'
        ? {
            ...e,
            spec: {
              ...e.spec,
              dependsOn: ['resource:orders-db', 'resource:payments-db'],
            },
          }
        : e,
    );
    const status = statusOf(
      entities,
      merge(healthyEvidence('orders'), healthyEvidence('payments')),
      'orders',
    );
    expect(
      criterionOf(status, 'no-shared-data').blockers.map(b => b.message),
    ).toEqual(['payments-db (database) is shared with payments.']);
    // The owning domain is blocked too: its database is used from outside.
    const payments = statusOf(
      entities,
      merge(healthyEvidence('orders'), healthyEvidence('payments')),
      'payments',
    );
    expect(criterionOf(payments, 'no-shared-data').blockers).toEqual([
      {
        entityRefs: [
          'resource:default/payments-db',
          'component:default/orders-service',
        ],
        message: 'payments-db (database) is shared with orders.',
      },
    ]);
  });
});

describe('computeMigrationStatus: step 3 counts the domains of the users of a resource', () => {
  it('does not block a domain for a database it declares but does not use, nor its single user', () => {
    const entities = [
      ...healthyDomain('orders'),
      ...healthyDomain('platform'),
      resource('legacy-db', 'database', { domain: 'platform' }),
    ].map(e =>
      e.metadata.name === 'orders-service'
        ? {
            ...e,
            spec: {
              ...e.spec,
              dependsOn: ['resource:orders-db', 'resource:legacy-db'],
            },
          }
        : e,
    );
    const evidence = merge(
      healthyEvidence('orders'),
      healthyEvidence('platform'),
    );
    expect(
      criterionOf(statusOf(entities, evidence, 'platform'), 'no-shared-data')
        .met,
    ).toBe(true);
    expect(
      criterionOf(statusOf(entities, evidence, 'orders'), 'no-shared-data'),
    ).toMatchObject({
      met: true,
      evidence: [
        'legacy-db (database) is used by orders only.',
        'orders-db (database) is used by orders only.',
      ],
    });
  });
});

describe('computeMigrationStatus: deploying independently (step 4)', () => {
  const entities = [...healthyDomain('orders'), ...healthyDomain('payments')];

  it('blocks on deploys in lockstep with another domain (same environment and pipeline run)', () => {
    const evidence = merge(
      healthyEvidence('orders', 'release-train-7'),
      healthyEvidence('payments', 'release-train-7'),
    );
    const status = statusOf(entities, evidence, 'orders');
    expect(criterionOf(status, 'no-lockstep').blockers).toEqual([
      {
        entityRefs: [
          'component:default/orders-service',
          'component:default/payments-service',
        ],
        message:
          'orders-service 1.0.0 to production, payments-service 1.0.0 to production went out together (pipeline run release-train-7), across orders and payments.',
      },
    ]);
    expect(status.phase).toBe(2);
  });

  it('blocks on deploys sharing a commit, but not across environments', () => {
    const orders = healthyEvidence('orders');
    const payments = healthyEvidence('payments');
    payments.deployments[0].commit = 'orders-sha';
    expect(
      statusOf(entities, merge(orders, payments), 'orders').steps[3].met,
    ).toBe(false);
    payments.deployments[0].environment = 'staging';
    expect(
      statusOf(entities, merge(orders, payments), 'orders').steps[3].met,
    ).toBe(true);
  });

  it('ignores failed deployments for lockstep', () => {
    const orders = healthyEvidence('orders', 'same');
    const payments = healthyEvidence('payments', 'same');
    payments.deployments[0].status = 'failure';
    expect(
      criterionOf(
        statusOf(entities, merge(orders, payments), 'orders'),
        'no-lockstep',
      ).met,
    ).toBe(true);
  });

  it('blocks on a deployment without a passing contract run for that version before it', () => {
    const evidence: CiEvidence = {
      deployments: [
        deployment('orders-service', '1.0.0', '2025-02-01T10:00:00Z'),
        deployment('orders-service', '1.1.0', '2025-02-02T10:00:00Z'),
        deployment('orders-service', '1.2.0', '2025-02-03T10:00:00Z'),
        deployment('orders-service', '1.3.0', '2025-02-04T10:00:00Z'),
      ],
      testRuns: [
        testRun('orders-service', '1.0.0', 'domain', '2025-01-01T00:00:00Z'),
        testRun('orders-service', 'v1.0.0', 'contract', '2025-02-01T10:00:00Z'), // same time counts
        testRun('orders-service', '1.1.0', 'contract', '2025-02-02T10:00:01Z'), // too late
        testRun('orders-service', '1.2.0', 'contract', '2025-02-03T09:00:00Z', {
          result: 'failed',
        }),
        testRun('orders-service', '1.2.9', 'contract', '2025-02-04T09:00:00Z'), // other version
      ],
    };
    const contracts = criterionOf(
      statusOf(entities, evidence, 'orders'),
      'contract-tests-before-deploy',
    );
    expect(contracts.met).toBe(false);
    expect(contracts.evidence).toEqual([
      '1 of 4 successful deployment(s) had passing contract tests before them.',
    ]);
    expect(contracts.blockers.map(b => b.message)).toEqual([
      'orders-service 1.1.0 to production at 2025-02-02T10:00:00Z had no passing contract-test run for that version before it.',
      'orders-service 1.2.0 to production at 2025-02-03T10:00:00Z had no passing contract-test run for that version before it.',
      'orders-service 1.3.0 to production at 2025-02-04T10:00:00Z had no passing contract-test run for that version before it.',
    ]);
  });

  it('matches CI records by entityRef when set, else by service name', () => {
    const evidence: CiEvidence = {
      deployments: [
        deployment('renamed-in-ci', '1.0.0', '2025-02-01T10:00:00Z', {
          entityRef: 'component:default/orders-service',
        }),
      ],
      testRuns: [
        testRun('ORDERS-SERVICE', '1.0.0', 'domain', '2025-02-01T09:00:00Z'),
        testRun('orders-service', '1.0.0', 'contract', '2025-02-01T09:00:00Z'),
      ],
    };
    expect(statusOf(entities, evidence, 'orders').phase).toBe(3);
  });

  it('needs at least one successful deployment as evidence', () => {
    const evidence: CiEvidence = {
      deployments: [],
      testRuns: [
        testRun('orders-service', '1.0.0', 'domain', '2025-02-01T09:00:00Z'),
      ],
    };
    const status = statusOf(entities, evidence, 'orders');
    expect(status.steps[3].met).toBe(false);
    expect(status.nextBlockers).toEqual([
      'Step 4 (Deploys independently): CI has reported no successful deployment of any orders component to a tracked environment (live now or inside the evidence window).',
    ]);
  });
});

describe('computeMigrationStatus: schedule', () => {
  const scheduleOf = (
    annotations: Record<string, string>,
    evidence: CiEvidence = noEvidence,
  ) =>
    statusOf(healthyDomain('orders', annotations), evidence, 'orders').schedule;

  it('is no-target without a target phase', () => {
    expect(scheduleOf({})).toBe('no-target');
    expect(scheduleOf({ 'domain-split/target-date': '2025-03-10' })).toBe(
      'no-target',
    );
  });

  it('is done once the phase reaches the target, whatever the date', () => {
    expect(
      scheduleOf({
        'domain-split/target-phase': '1',
        'domain-split/target-date': '2020-01-01',
      }),
    ).toBe('done');
  });

  it('is late after the target date, at risk within 30 days, on track before', () => {
    const target = (date: string) =>
      scheduleOf({
        'domain-split/target-phase': '3',
        'domain-split/target-date': date,
      });
    expect(target('2025-02-28')).toBe('late');
    expect(target('2025-03-01')).toBe('at-risk'); // the day itself is not yet late
    expect(target('2025-03-31')).toBe('at-risk');
    expect(target('2025-04-01')).toBe('on-track');
    expect(scheduleOf({ 'domain-split/target-phase': '3' })).toBe('on-track');
  });

  it('ignores a malformed target and reports it', () => {
    const graph = buildCatalogGraph(
      healthyDomain('orders', { 'domain-split/target-phase': 'soon' }),
    );
    const status = computeMigrationStatus(
      EvidenceContext.of(graph, noEvidence),
      {
        now: NOW,
        monorepoUrl: MONOREPO,
      },
    );
    expect(status.domains[0].schedule).toBe('no-target');
    expect(status.annotationProblems.map(p => p.annotation)).toEqual([
      'domain-split/target-phase',
    ]);
    expect(status.generatedAt).toBe('2025-03-01T12:00:00.000Z');
  });
});

describe('computeMigrationStatus: edge cases', () => {
  it('handles an empty catalog', () => {
    expect(
      computeMigrationStatus(
        EvidenceContext.of(buildCatalogGraph([]), noEvidence),
        { now: NOW },
      ),
    ).toEqual({
      generatedAt: NOW.toISOString(),
      domains: [],
      annotationProblems: [],
    });
  });

  it('keeps a domain without components in phase 0', () => {
    const status = statusOf(
      [team('t'), domain('empty', { owner: 't' })],
      noEvidence,
      'empty',
    );
    expect(status.phase).toBe(0);
    expect(status.nextBlockers).toEqual([
      'No component in the catalog belongs to empty.',
    ]);
  });
});

describe('isInsideMonorepo', () => {
  it('compares on path boundaries, ignoring url: prefixes, trailing slashes and .git', () => {
    expect(
      isInsideMonorepo(
        'url:https://github.com/acme/monorepo/tree/main/x/',
        MONOREPO,
      ),
    ).toBe(true);
    expect(
      isInsideMonorepo('https://github.com/acme/monorepo', `${MONOREPO}.git/`),
    ).toBe(true);
    expect(
      isInsideMonorepo('https://github.com/acme/monorepo-tools', MONOREPO),
    ).toBe(false);
    expect(isInsideMonorepo('https://github.com/acme/orders', MONOREPO)).toBe(
      false,
    );
  });
});

describe('toMigrationSnapshot', () => {
  it('keeps phase, steps met and progress per domain', () => {
    const graph = buildCatalogGraph([
      ...healthyDomain('orders'),
      ...healthyDomain('payments'),
    ]);
    const status = computeMigrationStatus(
      EvidenceContext.of(graph, healthyEvidence('orders')),
      {
        now: NOW,
        monorepoUrl: MONOREPO,
      },
    );
    expect(toMigrationSnapshot(status)).toEqual({
      takenAt: '2025-03-01T12:00:00.000Z',
      domains: [
        {
          domainRef: 'domain:default/orders',
          phase: 3,
          stepsMet: 4,
          progress: 1,
        },
        {
          domainRef: 'domain:default/payments',
          phase: 1,
          stepsMet: 3,
          progress: 6 / 9,
        },
      ],
    });
  });
});
