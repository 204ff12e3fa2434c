import { buildCatalogGraph } from './graph';
import { EvidenceContext } from './evidenceContext';
import { computeFailureMatrix } from './failure';
import { computeMigrationStatus } from './migration';
import {
  decideNotifications,
  DomainSplitNotificationKind,
  isoWeek,
  NOTIFICATION_KINDS,
  NotificationContext,
  NotificationSnapshot,
  toNotificationSnapshot,
  violationKey,
} from './notifications';
import { checkRules } from './rules';
import { component, domain, resource, team } from './testing/entities';

const ORDERS = 'domain:default/orders';
const PAYMENTS = 'domain:default/payments';
const ORDERS_TEAM = 'group:default/orders-team';
const PAYMENTS_TEAM = 'group:default/payments-team';

const owners: Record<string, string> = {
  [ORDERS]: ORDERS_TEAM,
  [PAYMENTS]: PAYMENTS_TEAM,
  'component:default/orders-service': ORDERS_TEAM,
  'component:default/payments-service': PAYMENTS_TEAM,
};

function context(
  enabled: DomainSplitNotificationKind[] = [...NOTIFICATION_KINDS],
): NotificationContext {
  return {
    ownerOf: ref => owners[ref],
    titleOf: ref => ref.split('/')[1],
    enabled: new Set(enabled),
  };
}

function snapshot(
  overrides: Partial<NotificationSnapshot> = {},
): NotificationSnapshot {
  return {
    takenAt: '2026-11-28T06:00:00.000Z',
    domains: [
      {
        domainRef: ORDERS,
        title: 'Orders',
        phase: 3,
        criteria: [
          {
            group: 'step-1',
            label: 'Extracted into its own repository',
            id: 'extracted',
            met: true,
            evidence: ['orders-service lives in github.com/acme/orders'],
          },
          {
            group: 'step-4',
            label: 'Deploys independently',
            id: 'no-lockstep',
            met: true,
            evidence: ['orders-service 3.2.1 deployed alone'],
          },
        ],
      },
    ],
    violations: [],
    untestedDeploys: [],
    drift: [],
    ...overrides,
  };
}

describe('decideNotifications', () => {
  it('tells nothing but deadlines on the first run: everything else is the baseline', () => {
    const after = snapshot({
      violations: [
        {
          rule: 'no-shared-cache',
          key: 'no-shared-cache',
          domainRefs: [],
          entityRefs: ['resource:default/shared-redis'],
          message: 'shared',
        },
      ],
    });
    expect(decideNotifications(undefined, after, context())).toEqual({
      notifications: [],
      withoutOwner: [],
      retiredKeyPrefixes: [],
    });
  });

  it('tells the owners when a domain falls back a phase, naming the evidence that changed', () => {
    const before = snapshot();
    const after = snapshot({
      takenAt: '2026-11-28T07:00:00.000Z',
      domains: [
        {
          ...before.domains[0],
          phase: 2,
          criteria: [
            { ...before.domains[0].criteria[0] },
            {
              ...before.domains[0].criteria[1],
              met: false,
              evidence: [],
            },
          ],
        },
      ],
    });
    const { notifications } = decideNotifications(before, after, context());
    expect(notifications).toEqual([
      {
        kind: 'phaseRegression',
        key: `phaseRegression:${ORDERS}:2026-11-28T06:00:00.000Z:${ORDERS_TEAM}`,
        recipient: ORDERS_TEAM,
        entityRef: ORDERS,
        title: 'Orders fell back to phase 2 (Logical split)',
        description:
          'Was phase 3 (Physical split). Unmet again: Deploys independently (was met by: orders-service 3.2.1 deployed alone)',
        link: `/domain-split/migration?entity=${encodeURIComponent(ORDERS)}`,
        severity: 'high',
      },
    ]);
  });

  it('tells about a step unmet again even when the phase stays', () => {
    const before = snapshot({
      domains: [{ ...snapshot().domains[0], phase: 2 }],
    });
    const after = snapshot({
      domains: [
        {
          ...before.domains[0],
          criteria: [
            { ...before.domains[0].criteria[0], met: false },
            before.domains[0].criteria[1],
          ],
        },
      ],
    });
    const [notification] = decideNotifications(
      before,
      after,
      context(),
    ).notifications;
    expect(notification.title).toBe('Orders: a step it had met is unmet again');
    expect(notification.description).toBe(
      'Unmet again: Extracted into its own repository (was met by: orders-service lives in github.com/acme/orders)',
    );
    expect(notification.severity).toBe('normal');
  });

  it('tells each owning group once per new violation, and retires resolved ones', () => {
    const shared = {
      rule: 'no-cross-domain-db' as const,
      key: 'no-cross-domain-db',
      domainRefs: [],
      entityRefs: [
        'component:default/payments-service',
        'component:default/orders-service',
      ],
      message: 'orders-db is used by orders and payments',
    };
    const gone = {
      rule: 'no-shared-cache' as const,
      key: 'no-shared-cache',
      domainRefs: [],
      entityRefs: ['resource:default/old-redis'],
      message: 'old',
    };
    const before = snapshot({ violations: [gone] });
    const after = snapshot({ violations: [shared] });
    const decisions = decideNotifications(before, after, context());
    expect(decisions.notifications[0].title).toBe(
      'New rule violation: No cross-domain database access',
    );
    expect(decisions.notifications[0].description).toBe(shared.message);
    expect(
      decisions.notifications.map(n => [n.recipient, n.key, n.link]),
    ).toEqual([
      [
        PAYMENTS_TEAM,
        `newViolation:${violationKey(shared)}:${PAYMENTS_TEAM}`,
        `/domain-split/rules?entity=${encodeURIComponent(
          shared.entityRefs[0],
        )}`,
      ],
      [
        ORDERS_TEAM,
        `newViolation:${violationKey(shared)}:${ORDERS_TEAM}`,
        `/domain-split/rules?entity=${encodeURIComponent(
          shared.entityRefs[0],
        )}`,
      ],
    ]);
    // The key does not depend on the order of the entities.
    expect(
      violationKey({ ...shared, entityRefs: [...shared.entityRefs].reverse() }),
    ).toBe(violationKey(shared));
    expect(decisions.retiredKeyPrefixes).toEqual([
      `newViolation:${violationKey(gone)}:`,
    ]);
    // Seen before: nothing new.
    expect(decideNotifications(after, after, context()).notifications).toEqual(
      [],
    );
  });

  it('skips (and reports) what has no owning group', () => {
    const orphan = {
      rule: 'no-shared-cache' as const,
      key: 'no-shared-cache',
      domainRefs: [],
      entityRefs: ['resource:default/orphan-cache'],
      message: 'orphan',
    };
    const decisions = decideNotifications(
      snapshot(),
      snapshot({ violations: [orphan] }),
      context(),
    );
    expect(decisions.notifications).toEqual([]);
    expect(decisions.withoutOwner).toEqual([
      { kind: 'newViolation', entityRef: 'resource:default/orphan-cache' },
    ]);
  });

  it('reminds about a near target date at most once a week, and not once the phase is reached', () => {
    const withTarget = (phase: 0 | 1 | 2 | 3, takenAt: string) =>
      snapshot({
        takenAt,
        domains: [
          {
            ...snapshot().domains[0],
            phase,
            targetPhase: 3,
            targetDate: '2026-12-10',
          },
        ],
      });
    const far = withTarget(1, '2026-11-20T10:00:00.000Z'); // 20 days left
    expect(
      decideNotifications(undefined, far, context()).notifications,
    ).toEqual([]);
    const near = withTarget(1, '2026-11-28T10:00:00.000Z'); // 12 days left
    const [reminder] = decideNotifications(
      undefined,
      near,
      context(),
    ).notifications;
    expect(reminder).toMatchObject({
      kind: 'targetDateNear',
      key: `targetDateNear:${ORDERS}:2026-W48:${ORDERS_TEAM}`,
      title: 'Orders: 12 days to the target date',
      description:
        'Target: phase 3 (Physical split) by 2026-12-10; now phase 1 (Domain ownership).',
      severity: 'normal',
    });
    // The same week gives the same key (the task sends it once); the next week a new one.
    const sameWeek = withTarget(1, '2026-11-29T10:00:00.000Z');
    expect(
      decideNotifications(undefined, sameWeek, context()).notifications[0].key,
    ).toBe(reminder.key);
    const late = withTarget(1, '2026-12-12T10:00:00.000Z');
    expect(
      decideNotifications(undefined, late, context()).notifications[0],
    ).toMatchObject({
      key: `targetDateNear:${ORDERS}:2026-W50:${ORDERS_TEAM}`,
      title: 'Orders missed its target date 2026-12-10',
      severity: 'high',
    });
    expect(
      decideNotifications(
        undefined,
        withTarget(3, '2026-11-28T10:00:00.000Z'),
        context(),
      ).notifications,
    ).toEqual([]);
  });

  it('tells about a new deploy without contract tests, to the service owner', () => {
    const deploy = {
      service: 'payments-service',
      entityRef: 'component:default/payments-service',
      environment: 'production',
      version: '1.9.6',
      deployedAt: '2026-11-28T06:30:00.000Z',
    };
    const [n] = decideNotifications(
      snapshot(),
      snapshot({ untestedDeploys: [deploy] }),
      context(),
    ).notifications;
    expect(n).toMatchObject({
      kind: 'untestedDeploy',
      recipient: PAYMENTS_TEAM,
      title: 'payments-service 1.9.6 went to production without contract tests',
      link: '/domain-split/releases?service=payments-service',
      severity: 'high',
    });
  });

  it('tells the owners once when a version went out after the deploy gate said no', () => {
    const refusal = {
      id: 'verdict-1',
      service: 'payments-service',
      entityRef: 'component:default/payments-service',
      version: '1.9.3',
      environment: 'production',
      askedAt: '2026-11-28T06:10:00.000Z',
      deployedAfterRefusal: {
        eventId: 'dep-7',
        occurredAt: '2026-11-28T06:20:00.000Z',
      },
      refusedBecause: [
        'orders-service 3.2.1 (live in production) was verified against payments-service 1.9.4 only.',
      ],
    };
    const after = snapshot({ deploysAfterRefusal: [refusal] });
    const [n, ...more] = decideNotifications(
      snapshot(),
      after,
      context(),
    ).notifications;
    expect(more).toEqual([]);
    expect(n).toMatchObject({
      kind: 'deployAfterRefusal',
      key: `deployAfterRefusal:verdict-1:${PAYMENTS_TEAM}`,
      recipient: PAYMENTS_TEAM,
      title:
        'payments-service 1.9.3 went to production after the deploy gate said no',
      link: '/domain-split/releases?service=payments-service',
      severity: 'critical',
    });
    expect(n.description).toContain(
      'verified against payments-service 1.9.4 only',
    );
    // Once told, not again; and snapshots stored before the gate existed have none.
    expect(decideNotifications(after, after, context()).notifications).toEqual(
      [],
    );
    const { deploysAfterRefusal: _none, ...old } = snapshot();
    expect(
      decideNotifications(old, after, context()).notifications,
    ).toHaveLength(1);
    // Off in the config: nothing.
    expect(
      decideNotifications(
        snapshot(),
        after,
        context(NOTIFICATION_KINDS.filter(k => k !== 'deployAfterRefusal')),
      ).notifications,
    ).toEqual([]);
  });

  it('tells about new drift between declared and computed impact, and retires fixed drift', () => {
    const drift = {
      domainRef: PAYMENTS,
      declared: 'none' as const,
      computed: 'waits' as const,
    };
    const decisions = decideNotifications(
      snapshot(),
      snapshot({ drift: [drift] }),
      context(),
    );
    expect(decisions.notifications).toEqual([
      expect.objectContaining({
        kind: 'impactDrift',
        recipient: PAYMENTS_TEAM,
        description:
          'Declared none, but the catalog graph computes waits for users when it fails.',
        link: `/domain-split/failure-isolation?entity=${encodeURIComponent(
          PAYMENTS,
        )}`,
      }),
    ]);
    expect(
      decideNotifications(snapshot({ drift: [drift] }), snapshot(), context())
        .retiredKeyPrefixes,
    ).toEqual([`impactDrift:${PAYMENTS}:none:waits:`]);
  });

  it('sends no kind that the config switched off', () => {
    const before = snapshot();
    const after = snapshot({
      domains: [{ ...before.domains[0], phase: 1 }],
      drift: [{ domainRef: PAYMENTS, declared: 'none', computed: 'waits' }],
    });
    const kinds = (enabled: DomainSplitNotificationKind[]) =>
      decideNotifications(before, after, context(enabled)).notifications.map(
        n => n.kind,
      );
    expect(kinds([...NOTIFICATION_KINDS])).toEqual([
      'phaseRegression',
      'impactDrift',
    ]);
    expect(kinds(['impactDrift'])).toEqual(['impactDrift']);
    expect(kinds([])).toEqual([]);
  });
});

describe('isoWeek', () => {
  it('numbers weeks the ISO way (Monday first, week 1 holds the first Thursday)', () => {
    expect(isoWeek(new Date('2026-11-28T00:00:00Z'))).toBe('2026-W48');
    expect(isoWeek(new Date('2026-11-30T00:00:00Z'))).toBe('2026-W49');
    expect(isoWeek(new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2025-12-29T00:00:00Z'))).toBe('2026-W01');
  });
});

describe('toNotificationSnapshot', () => {
  it('takes phases, criteria, violations, untested deploys and drift from the analysis', () => {
    const graph = buildCatalogGraph([
      team('orders-team'),
      team('payments-team'),
      domain(
        'orders',
        { owner: 'orders-team' },
        { 'domain-split/declared-impact': 'none' },
      ),
      domain('payments', { owner: 'payments-team' }),
      component(
        'orders-service',
        { owner: 'orders-team', domain: 'orders', dependsOn: ['resource:db'] },
        { 'domain-split/user-facing': 'true' },
      ),
      component('payments-service', {
        owner: 'payments-team',
        domain: 'payments',
        dependsOn: ['resource:db'],
      }),
      resource('db', 'database', { domain: 'orders' }),
    ]);
    const evidence = { deployments: [], testRuns: [] };
    const result = toNotificationSnapshot({
      takenAt: '2026-11-28T06:00:00.000Z',
      migration: computeMigrationStatus(EvidenceContext.of(graph, evidence), {
        now: new Date('2026-11-28T06:00:00.000Z'),
      }),
      rules: checkRules(EvidenceContext.of(graph, evidence)),
      releases: {
        environments: ['production'],
        otherEnvironments: [],
        current: [
          {
            service: 'orders-service',
            entityRef: 'component:default/orders-service',
            environment: 'production',
            version: '1.0.0',
            status: 'success',
            deployedAt: '2026-11-27T10:00:00.000Z',
            rollback: false,
            withoutContractTests: true,
            lockstepWith: [],
          },
        ],
      },
      domainMatrix: computeFailureMatrix(graph, 'domain'),
    });
    expect(result.domains.map(d => d.domainRef)).toEqual([ORDERS, PAYMENTS]);
    expect(result.domains[0].criteria.map(c => c.group)).toEqual(
      expect.arrayContaining(['phase-1', 'phase-2', 'step-1', 'step-4']),
    );
    expect(result.violations.map(v => v.rule)).toContain('no-cross-domain-db');
    expect(result.untestedDeploys).toEqual([
      {
        service: 'orders-service',
        entityRef: 'component:default/orders-service',
        environment: 'production',
        version: '1.0.0',
        deployedAt: '2026-11-27T10:00:00.000Z',
      },
    ]);
    expect(result.drift).toEqual([
      { domainRef: ORDERS, declared: 'none', computed: 'blocked' },
    ]);
  });
});
