/*
 * Evidence over time (DESIGN.md): tracked environments, the window, live-now, lockstep within
 * an interval, one version identity and one service identity, the violation lifecycle and the
 * burn-up projection.
 */
import { Entity } from '@backstage/catalog-model';
import { EvidenceContext } from './evidenceContext';
import {
  DEFAULT_EVIDENCE_WINDOW_MS,
  DEFAULT_LOCKSTEP_INTERVAL_MS,
  EvidencePolicy,
  compareEnvironments,
  isTrackedEnvironment,
  productionFirst,
  scopeEvidence,
  serviceCatalogIndex,
  splitEnvironments,
} from './evidence';
import { buildCatalogGraph } from './graph';
import {
  computeMigrationStatus,
  projectMigration,
  toMigrationSnapshot,
} from './migration';
import {
  computeCurrentReleases,
  currentVersionsOf,
  StoredDeployment,
  toDeploymentRecords,
} from './releases';
import { checkRules, filterViolations, reconcileViolations } from './rules';
import {
  component,
  deployment,
  domain,
  team,
  testRun,
} from './testing/entities';
import type {
  CiEvidence,
  MigrationSnapshot,
  RuleViolation,
  TestRunRecord,
} from './types';
import { sameVersion, versionKey } from './versions';

const NOW = new Date('2026-11-28T12:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days: number, minutes = 0) =>
  new Date(NOW.getTime() - days * DAY + minutes * 60_000).toISOString();

const POLICY: EvidencePolicy = {
  environments: [{ name: 'staging' }, { name: 'production', production: true }],
  windowMs: DEFAULT_EVIDENCE_WINDOW_MS,
  lockstepIntervalMs: DEFAULT_LOCKSTEP_INTERVAL_MS,
};
const SCOPE = { policy: POLICY, now: NOW };

const catalog: Entity[] = [
  team('orders-team'),
  team('payments-team'),
  domain('orders', { owner: 'orders-team' }),
  domain('payments', { owner: 'payments-team' }),
  component(
    'orders-service',
    { owner: 'orders-team', domain: 'orders' },
    {
      'domain-split/ci-service-name': 'orders-svc',
      'domain-split/github-workflow':
        'acme/platform:.github/workflows/orders-contract.yml',
    },
  ),
  component('payments-service', { owner: 'payments-team', domain: 'payments' }),
];
const graph = buildCatalogGraph(catalog);

function violationsOf(evidence: CiEvidence, rule: string) {
  return checkRules(
    EvidenceContext.of(graph, evidence),
    SCOPE,
  ).violations.filter(v => v.rule === rule);
}

describe('environments', () => {
  it('tracks only configured environments, case-insensitively; all without a list', () => {
    expect(isTrackedEnvironment(POLICY, 'Production')).toBe(true);
    expect(isTrackedEnvironment(POLICY, 'throwaway-17')).toBe(false);
    expect(isTrackedEnvironment({}, 'throwaway-17')).toBe(true);
  });

  it('splits seen environments into tracked columns (configured order) and others', () => {
    expect(
      splitEnvironments(POLICY, ['zeta', 'production', 'dev', 'production']),
    ).toEqual({
      environments: ['staging', 'production'],
      otherEnvironments: ['dev', 'zeta'],
    });
    expect(
      splitEnvironments({}, ['production', 'zeta', 'staging', 'test', 'dev']),
    ).toEqual({
      environments: ['dev', 'test', 'staging', 'production', 'zeta'],
      otherEnvironments: [],
    });
  });

  it('orders by the built-in order: dev < test < staging < production, then by name', () => {
    expect(
      ['production', 'b', 'staging', 'a', 'test', 'dev'].sort(
        compareEnvironments,
      ),
    ).toEqual(['dev', 'test', 'staging', 'production', 'a', 'b']);
  });

  it('puts production-marked environments first, then the end of the configured order', () => {
    expect(
      productionFirst(
        {
          environments: [
            { name: 'dev' },
            { name: 'prod-eu', production: true },
            { name: 'staging' },
          ],
        },
        ['dev', 'staging', 'prod-eu', 'other'],
      ),
    ).toEqual(['prod-eu', 'staging', 'dev']);
    expect(productionFirst({}, ['dev', 'production', 'staging'])).toEqual([
      'production',
      'staging',
      'dev',
    ]);
  });
});

describe('scopeEvidence', () => {
  it('keeps tracked deploys inside the window and the live one however old', () => {
    const oldLive = deployment('payments-service', '1.0.0', daysAgo(90));
    const oldReplaced = deployment('orders-service', '1.0.0', daysAgo(80));
    const recent = deployment('orders-service', '1.1.0', daysAgo(60));
    const inWindow = deployment('orders-service', '1.2.0', daysAgo(2));
    const failedOld = deployment('orders-service', '0.1.0', daysAgo(70), {
      status: 'failure',
    });
    const untracked = deployment('orders-service', '9.9.9', daysAgo(1), {
      environment: 'throwaway',
    });
    const scoped = scopeEvidence(
      serviceCatalogIndex(graph),
      {
        deployments: [
          oldLive,
          oldReplaced,
          recent,
          inWindow,
          failedOld,
          untracked,
        ],
        testRuns: [],
      },
      SCOPE,
    );
    expect(scoped.deployments.map(d => d.eventId).sort()).toEqual(
      [oldLive.eventId, inWindow.eventId].sort(),
    );
  });

  it('keeps untracked environments when asked (the releases grid behind its toggle)', () => {
    const untracked = deployment('orders-service', '9.9.9', daysAgo(1), {
      environment: 'throwaway',
    });
    expect(
      scopeEvidence(
        serviceCatalogIndex(graph),
        { deployments: [untracked], testRuns: [] },
        SCOPE,
        {
          trackedOnly: false,
        },
      ).deployments,
    ).toEqual([untracked]);
  });

  it('treats a deploy after `now` as not yet live', () => {
    const earlier = deployment('orders-service', '1.0.0', daysAgo(40));
    const future = deployment('orders-service', '2.0.0', daysAgo(-1));
    const scoped = scopeEvidence(
      serviceCatalogIndex(graph),
      { deployments: [earlier, future], testRuns: [] },
      SCOPE,
    );
    expect(scoped.deployments.map(d => d.version).sort()).toEqual([
      '1.0.0',
      '2.0.0',
    ]);
  });
});

describe('rules over time', () => {
  const untested = deployment('orders-service', '3.2.1', daysAgo(3));

  it('600 deploys to an untracked environment change no rule', () => {
    const base: CiEvidence = { deployments: [untested], testRuns: [] };
    const noisy: CiEvidence = {
      deployments: [
        untested,
        ...Array.from({ length: 600 }, (_, i) =>
          deployment('orders-service', `0.0.${i}`, daysAgo(1, i), {
            environment: `throwaway-${i % 2}`,
            commit: 'shared-sha',
          }),
        ),
        ...Array.from({ length: 600 }, (_, i) =>
          deployment('payments-service', `0.0.${i}`, daysAgo(1, i), {
            environment: `throwaway-${i % 2}`,
            commit: 'shared-sha',
          }),
        ),
      ],
      testRuns: [],
    };
    expect(checkRules(EvidenceContext.of(graph, noisy), SCOPE)).toEqual(
      checkRules(EvidenceContext.of(graph, base), SCOPE),
    );
    expect(
      violationsOf(noisy, 'contract-tests-before-deploy').map(v => v.message),
    ).toEqual([
      'orders-service 3.2.1 was deployed to production without a passing contract-test run for that version before the deploy.',
    ]);
    // Without the scope, everything counts (and 1,200 throw-away deploys flood the rules).
    expect(
      checkRules(EvidenceContext.of(graph, noisy)).violations.length,
    ).toBeGreaterThan(600);
  });

  it('an untested version that was replaced and left the window is no violation any more', () => {
    const replaced = deployment('orders-service', '3.2.0', daysAgo(45));
    const tested = deployment('orders-service', '3.2.1', daysAgo(40));
    const evidence: CiEvidence = {
      deployments: [replaced, tested],
      testRuns: [testRun('orders-service', '3.2.1', 'contract', daysAgo(41))],
    };
    expect(violationsOf(evidence, 'contract-tests-before-deploy')).toEqual([]);
    // Inside the window it still counts.
    expect(
      checkRules(EvidenceContext.of(graph, evidence), {
        policy: { ...POLICY, windowMs: 60 * DAY },
        now: NOW,
      }).violations.map(v => v.key),
    ).toEqual([
      'contract-tests-before-deploy:component:default/orders-service@v3.2',
    ]);
  });

  it('one version identity: a pass for 2.1 covers a deploy of 2.1.0, v2.1 too', () => {
    expect(versionKey('2.1')).toBe(versionKey('2.1.0'));
    expect(sameVersion('v2.1', '2.1.0')).toBe(true);
    const evidence: CiEvidence = {
      deployments: [deployment('orders-service', '2.1.0', daysAgo(1))],
      testRuns: [testRun('orders-service', 'v2.1', 'contract', daysAgo(2))],
    };
    expect(violationsOf(evidence, 'contract-tests-before-deploy')).toEqual([]);
  });

  it('a contract run matches by commit SHA (GitHub: head SHA vs payload version)', () => {
    const evidence: CiEvidence = {
      deployments: [
        deployment('orders-service', '3.3.0', daysAgo(1), {
          commit: 'ABC123',
        }),
      ],
      testRuns: [
        testRun('orders-service', 'abc123', 'contract', daysAgo(2), {
          commit: 'abc123',
        }),
      ],
    };
    expect(violationsOf(evidence, 'contract-tests-before-deploy')).toEqual([]);
    // Another commit does not.
    evidence.testRuns[0] = { ...evidence.testRuns[0], commit: 'def456' };
    expect(violationsOf(evidence, 'contract-tests-before-deploy')).toHaveLength(
      1,
    );
  });

  it('a run from a claimed GitHub workflow of a monorepo counts for the claiming Component', () => {
    const run: TestRunRecord = testRun(
      'platform',
      '3.4.0',
      'contract',
      daysAgo(2),
      { workflow: 'acme/Platform:.github/workflows/orders-contract.yml' },
    );
    const evidence: CiEvidence = {
      deployments: [deployment('orders-service', '3.4.0', daysAgo(1))],
      testRuns: [run],
    };
    expect(violationsOf(evidence, 'contract-tests-before-deploy')).toEqual([]);
    expect(serviceCatalogIndex(graph).matchRecord(run)?.entityRef).toBe(
      'component:default/orders-service',
    );
  });

  it('lockstep by commit only within the interval; a pipeline run whenever', () => {
    const ordersAt = daysAgo(1);
    const sameCommitLater = (minutes: number) => ({
      deployments: [
        deployment('orders-service', '1.0.0', ordersAt, { commit: 'mono-1' }),
        deployment('payments-service', '2.0.0', daysAgo(1, minutes), {
          commit: 'mono-1',
        }),
      ],
      testRuns: [],
    });
    expect(violationsOf(sameCommitLater(20), 'independent-deploys')).toEqual([
      expect.objectContaining({
        key: `independent-deploys:production|commit mono-1|${ordersAt}`,
        entityRefs: [
          'component:default/orders-service',
          'component:default/payments-service',
        ],
        domainRefs: ['domain:default/orders', 'domain:default/payments'],
      }),
    ]);
    // Days apart: two independent deploys from one monorepo commit.
    expect(
      violationsOf(sameCommitLater(3 * 24 * 60), 'independent-deploys'),
    ).toEqual([]);
    // A shorter configured interval.
    expect(
      checkRules(EvidenceContext.of(graph, sameCommitLater(20)), {
        policy: { ...POLICY, lockstepIntervalMs: 10 * 60_000 },
        now: NOW,
      }).violations.filter(v => v.rule === 'independent-deploys'),
    ).toEqual([]);
    // One pipeline run is lockstep however long it took.
    const run = {
      deployments: [
        deployment('orders-service', '1.0.0', daysAgo(2), { pipelineId: '7' }),
        deployment('payments-service', '2.0.0', daysAgo(1), {
          pipelineId: '7',
        }),
      ],
      testRuns: [],
    };
    expect(violationsOf(run, 'independent-deploys')).toHaveLength(1);
  });

  it('lockstep outside the window and no longer live is not judged', () => {
    const evidence = {
      deployments: [
        deployment('orders-service', '1.0.0', daysAgo(50), { pipelineId: '7' }),
        deployment('payments-service', '2.0.0', daysAgo(50), {
          pipelineId: '7',
        }),
        deployment('orders-service', '1.1.0', daysAgo(10)),
        deployment('payments-service', '2.1.0', daysAgo(9)),
      ],
      testRuns: [],
    };
    expect(violationsOf(evidence, 'independent-deploys')).toEqual([]);
    expect(
      checkRules(EvidenceContext.of(graph, evidence)).violations.filter(
        v => v.rule === 'independent-deploys',
      ),
    ).toHaveLength(1);
  });

  it('migration step 4 and phase 2 ignore untracked environments', () => {
    const catalogWithSuite = catalog;
    const evidence: CiEvidence = {
      deployments: [
        deployment('orders-service', '1.0.0', daysAgo(1), {
          environment: 'throwaway',
          pipelineId: '1',
        }),
        deployment('payments-service', '1.0.0', daysAgo(1), {
          environment: 'throwaway',
          pipelineId: '1',
        }),
      ],
      testRuns: [],
    };
    const status = computeMigrationStatus(
      EvidenceContext.of(buildCatalogGraph(catalogWithSuite), evidence),
      { now: NOW, policy: POLICY },
    );
    const orders = status.domains.find(
      d => d.domainRef === 'domain:default/orders',
    )!;
    const step4 = orders.steps[3].criteria.find(c => c.id === 'no-lockstep')!;
    expect(step4.blockers.map(b => b.message)).toEqual([
      'CI has reported no successful deployment of any orders component to a tracked environment (live now or inside the evidence window).',
    ]);
  });
});

describe('one service identity for live, previous and rollback', () => {
  const index = serviceCatalogIndex(graph);
  const stored = (
    service: string,
    version: string,
    occurredAt: string,
    extra: Partial<StoredDeployment> = {},
  ): StoredDeployment => {
    const {
      rollback: _r,
      entityRef: _e,
      ...rest
    } = deployment(service, version, occurredAt);
    return { ...rest, explicitRollback: false, ...extra };
  };

  it('merges CI aliases: the previous version of orders-service can come from orders-svc', () => {
    const heads = [
      stored('orders-svc', '3.2.1', daysAgo(3)),
      stored('orders-service', '3.1.0', daysAgo(1)),
      stored('orders-service', '3.0.0', daysAgo(10)),
      stored('payments-service', '1.0.0', daysAgo(1), {
        environment: 'staging',
      }),
    ];
    const current = currentVersionsOf(heads, index);
    expect(
      current.map(c => [
        c.service,
        c.environment,
        c.version,
        c.previousVersion,
      ]),
    ).toEqual([
      ['orders-service', 'production', '3.1.0', '3.2.1'],
      ['payments-service', 'staging', '1.0.0', undefined],
    ]);
    const releases = computeCurrentReleases(
      current,
      new EvidenceContext(index, {
        deployments: toDeploymentRecords(heads, index),
        testRuns: [],
      }),
      SCOPE,
    );
    expect(releases[0]).toMatchObject({
      service: 'orders-service',
      version: '3.1.0',
      previousVersion: '3.2.1',
      rollback: true,
    });
    // The history says the same about the same deployment.
    const history = toDeploymentRecords(heads, index);
    expect(history.find(d => d.version === '3.1.0')?.rollback).toBe(true);
  });

  it('marks releases in untracked environments', () => {
    const heads = [
      stored('orders-service', '1.0.0', daysAgo(1), {
        environment: 'throwaway',
      }),
    ];
    const releases = computeCurrentReleases(
      currentVersionsOf(heads, index),
      new EvidenceContext(index, {
        deployments: toDeploymentRecords(heads, index),
        testRuns: [],
      }),
      SCOPE,
    );
    expect(releases[0].untracked).toBe(true);
  });
});

describe('violation lifecycle', () => {
  const violation = (key: string): RuleViolation => ({
    rule: 'contract-tests-before-deploy',
    key,
    entityRefs: ['component:default/orders-service'],
    domainRefs: ['domain:default/orders'],
    message: key,
  });
  const t1 = new Date('2026-11-01T00:00:00Z');
  const t2 = new Date('2026-11-02T00:00:00Z');
  const t3 = new Date('2026-11-03T00:00:00Z');

  it('opens, keeps first-seen, resolves, and reopens', () => {
    const first = reconcileViolations([], [violation('a'), violation('b')], t1);
    expect(first.changed).toHaveLength(2);
    expect(first.all[0]).toMatchObject({
      status: 'open',
      firstSeenAt: t1.toISOString(),
      lastSeenAt: t1.toISOString(),
    });

    const second = reconcileViolations(first.all, [violation('a')], t2);
    const byKey = new Map(second.all.map(v => [v.key, v]));
    expect(byKey.get('a')).toMatchObject({
      status: 'open',
      firstSeenAt: t1.toISOString(),
      lastSeenAt: t2.toISOString(),
    });
    expect(byKey.get('b')).toMatchObject({
      status: 'resolved',
      firstSeenAt: t1.toISOString(),
      lastSeenAt: t1.toISOString(),
      resolvedAt: t2.toISOString(),
    });

    // A resolved one stays resolved (unchanged) while it is not found; an open one found
    // again as it was changes only its lastSeenAt (not written: the store keeps the check's time).
    const third = reconcileViolations(second.all, [violation('a')], t3);
    expect(third.changed).toEqual([]);
    expect(third.all.find(v => v.key === 'a')?.lastSeenAt).toBe(
      t3.toISOString(),
    );
    expect(third.all.find(v => v.key === 'b')?.resolvedAt).toBe(
      t2.toISOString(),
    );

    // Found again: open, first-seen kept, no resolvedAt.
    const fourth = reconcileViolations(third.all, [violation('b')], t3);
    const reopened = fourth.all.find(v => v.key === 'b')!;
    expect(reopened.status).toBe('open');
    expect(reopened.firstSeenAt).toBe(t1.toISOString());
    expect(reopened.resolvedAt).toBeUndefined();
    // b reopened, a resolved.
    expect(fourth.changed.map(v => v.key)).toEqual(['b', 'a']);

    // Open ones found again with another message or other entities: written.
    const bothOpen = reconcileViolations(
      fourth.all,
      [violation('a'), violation('b')],
      t3,
    );
    expect(bothOpen.changed.map(v => v.key)).toEqual(['a']);
    const fifth = reconcileViolations(
      bothOpen.all,
      [
        { ...violation('a'), message: 'another reason' },
        {
          ...violation('b'),
          entityRefs: [
            'component:default/orders-service',
            'component:default/payments-service',
          ],
        },
      ],
      t3,
    );
    expect(fifth.changed.map(v => v.key)).toEqual(['a', 'b']);
  });

  it('filters by status (open by default), entity and the resolved window', () => {
    const { all } = reconcileViolations(
      reconcileViolations([], [violation('a'), violation('b')], t1).all,
      [violation('a')],
      t2,
    );
    expect(filterViolations(all, {}).map(v => v.key)).toEqual(['a']);
    expect(
      filterViolations(all, { status: 'resolved' }).map(v => v.key),
    ).toEqual(['b']);
    expect(filterViolations(all, { status: 'all' })).toHaveLength(2);
    expect(
      filterViolations(all, {
        status: 'resolved',
        resolvedSince: t3.toISOString(),
      }),
    ).toEqual([]);
    expect(
      filterViolations(all, {
        status: 'all',
        entityRef: 'component:default/payments-service',
      }),
    ).toEqual([]);
  });
});

describe('snapshots and the projection', () => {
  const snapshot = (takenAt: string, phases: number[]): MigrationSnapshot => ({
    takenAt,
    domains: phases.map((phase, i) => ({
      domainRef: `domain:default/d${i}`,
      phase: phase as 0 | 1 | 2 | 3,
      stepsMet: 0,
      progress: 0,
    })),
  });

  it('keeps open violations per rule and per domain', () => {
    const status = computeMigrationStatus(
      EvidenceContext.of(graph, { deployments: [], testRuns: [] }),
      {
        now: NOW,
      },
    );
    const violations: RuleViolation[] = [
      {
        rule: 'independent-deploys',
        key: 'x',
        entityRefs: [],
        domainRefs: ['domain:default/orders', 'domain:default/payments'],
        message: '',
        status: 'open',
      },
      {
        rule: 'contract-tests-before-deploy',
        key: 'y',
        entityRefs: [],
        domainRefs: ['domain:default/orders'],
        message: '',
        status: 'open',
      },
      {
        rule: 'contract-tests-before-deploy',
        key: 'z',
        entityRefs: [],
        domainRefs: ['domain:default/orders'],
        message: '',
        status: 'resolved',
      },
    ];
    expect(toMigrationSnapshot(status, violations).openViolations).toEqual({
      byRule: { 'independent-deploys': 1, 'contract-tests-before-deploy': 1 },
      byDomain: { 'domain:default/orders': 2, 'domain:default/payments': 1 },
    });
    expect(toMigrationSnapshot(status).openViolations).toBeUndefined();
  });

  it('projects phase 3 from the recent pace', () => {
    // 4 domains: 12 points needed. 2 points gained over 28 days; 6 to go → 84 days.
    const projection = projectMigration([
      snapshot('2026-10-01T03:00:00Z', [0, 0, 0, 0]),
      snapshot('2026-10-31T03:00:00Z', [1, 1, 1, 1]),
      snapshot('2026-11-20T03:00:00Z', [1, 1, 2, 1]),
      snapshot('2026-11-28T03:00:00Z', [2, 1, 2, 1]),
    ]);
    // The pace is measured from the last snapshot at least 28 days back (2026-10-31).
    expect(projection).toMatchObject({
      points: 6,
      target: 12,
      paceDays: 28,
      phase3On: '2027-02-20',
      summary: 'at this pace: phase 3 on 2027-02-20',
    });
    expect(projection!.pointsPerDay).toBeCloseTo(2 / 28);
  });

  it('gives no date without progress, and none with fewer than two snapshots', () => {
    expect(
      projectMigration([
        snapshot('2026-11-01T03:00:00Z', [1, 2]),
        snapshot('2026-11-28T03:00:00Z', [1, 2]),
      ]),
    ).toEqual({
      pointsPerDay: 0,
      paceDays: 27,
      points: 3,
      target: 6,
      summary:
        'no progress over the last 27 day(s): no date for phase 3 at this pace',
    });
    expect(
      projectMigration([snapshot('2026-11-28T03:00:00Z', [1])]),
    ).toBeUndefined();
    expect(
      projectMigration([
        snapshot('2026-11-01T03:00:00Z', [2, 3]),
        snapshot('2026-11-28T03:00:00Z', [3, 3]),
      ])?.summary,
    ).toBe('every domain is in phase 3 (since 2026-11-28)');
  });
});
