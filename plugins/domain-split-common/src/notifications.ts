/*
 * Whom to tell what, decided purely from two snapshots of the analysis (the previous run's and
 * this run's). The backend's scheduled task takes the snapshots, sends what this decides through
 * Backstage notifications and remembers each notification's key so that no run and no replica
 * sends one twice.
 */
import type {
  CurrentRelease,
  DomainMigrationStatus,
  FailureMatrixResponse,
  ImpactLevel,
  MigrationPhase,
  MigrationStatusResponse,
  RuleViolation,
  RuleViolationsResponse,
  ReleasesResponse,
  RecordedVerdict,
} from './types';
import { RULES } from './rules';
import { MIGRATION_PHASE_NAMES } from './types';

/**
 * The signals channel on which the backend tells open Domain Split pages that new data is
 * there (message `{ reason: 'ci-event' | 'analysis-changed', at }`); a page subscribed to it
 * reloads what it shows.
 * @public
 */
export const DOMAIN_SPLIT_SIGNAL_CHANNEL = 'domain-split:analysis';

/**
 * The kinds of notification, each on/off in `domainSplit.notifications`.
 * @public
 */
export type DomainSplitNotificationKind =
  | 'phaseRegression'
  | 'newViolation'
  | 'targetDateNear'
  | 'untestedDeploy'
  | 'deployAfterRefusal'
  | 'impactDrift';

/**
 * Every kind, in the order the config documents them.
 * @public
 */
export const NOTIFICATION_KINDS: readonly DomainSplitNotificationKind[] = [
  'phaseRegression',
  'newViolation',
  'targetDateNear',
  'untestedDeploy',
  'deployAfterRefusal',
  'impactDrift',
];

/**
 * What the notification decisions read of one run's analysis (plain JSON, stored between runs).
 * @public
 */
export interface NotificationSnapshot {
  takenAt: string;
  domains: {
    domainRef: string;
    title: string;
    phase: MigrationPhase;
    targetPhase?: MigrationPhase;
    targetDate?: string;
    /** Criteria met per playbook step and phase (`step-1`, `phase-2`, …), with their evidence. */
    criteria: {
      group: string;
      label: string;
      id: string;
      met: boolean;
      evidence: string[];
    }[];
  }[];
  violations: RuleViolation[];
  /** Live versions that went out without a passing contract-test run. */
  untestedDeploys: Pick<
    CurrentRelease,
    'service' | 'entityRef' | 'environment' | 'version' | 'deployedAt'
  >[];
  /**
   * The deploy gate's "no" answers that a deployment followed anyway (absent in snapshots
   * stored before the gate existed).
   */
  deploysAfterRefusal?: (Pick<
    RecordedVerdict,
    'id' | 'service' | 'entityRef' | 'version' | 'environment' | 'askedAt'
  > & {
    /** The deployment that followed the "no". */
    deployedAfterRefusal: { eventId: string; occurredAt: string };
    /** The details of the checks that were not ok. */
    refusedBecause: string[];
  })[];
  /** Domains whose declared failure impact differs from the computed one. */
  drift: {
    domainRef: string;
    declared: ImpactLevel;
    computed: ImpactLevel;
  }[];
}

/**
 * The analysis of one run as a {@link NotificationSnapshot}.
 * @public
 */
export function toNotificationSnapshot(input: {
  takenAt: string;
  migration: MigrationStatusResponse;
  rules: RuleViolationsResponse;
  releases: ReleasesResponse;
  domainMatrix: FailureMatrixResponse;
  /** The gate's refusals a deployment followed (with `deployedAfterRefusal`). */
  deploysAfterRefusal?: RecordedVerdict[];
}): NotificationSnapshot {
  const criteriaOf = (status: DomainMigrationStatus) => [
    ...status.phaseCriteria.flatMap(phase =>
      phase.criteria.map(c => ({ group: `phase-${phase.phase}`, c })),
    ),
    ...status.steps.flatMap(step =>
      step.criteria.map(c => ({
        group: `step-${step.step}`,
        label: step.label,
        c,
      })),
    ),
  ];
  return {
    takenAt: input.takenAt,
    domains: input.migration.domains.map(status => ({
      domainRef: status.domainRef,
      title: status.title,
      phase: status.phase,
      ...(status.targetPhase !== undefined
        ? { targetPhase: status.targetPhase }
        : {}),
      ...(status.targetDate ? { targetDate: status.targetDate } : {}),
      criteria: criteriaOf(status).map(({ group, c }) => ({
        group,
        label: c.label,
        id: c.id,
        met: c.met,
        evidence: c.evidence,
      })),
    })),
    violations: input.rules.violations,
    untestedDeploys: input.releases.current
      .filter(r => r.withoutContractTests)
      .map(r => ({
        service: r.service,
        ...(r.entityRef ? { entityRef: r.entityRef } : {}),
        environment: r.environment,
        version: r.version,
        deployedAt: r.deployedAt,
      })),
    deploysAfterRefusal: (input.deploysAfterRefusal ?? []).flatMap(v =>
      v.deployedAfterRefusal
        ? [
            {
              id: v.id,
              service: v.service,
              ...(v.entityRef ? { entityRef: v.entityRef } : {}),
              version: v.version,
              environment: v.environment,
              askedAt: v.askedAt,
              deployedAfterRefusal: v.deployedAfterRefusal,
              refusedBecause: v.reasons.filter(r => !r.ok).map(r => r.detail),
            },
          ]
        : [],
    ),
    drift: input.domainMatrix.rows
      .filter(row => row.drift && row.declared)
      .map(row => ({
        domainRef: row.failing,
        declared: row.declared!,
        computed: row.users.impact,
      })),
  };
}

/**
 * One notification to send: to the owning group, with a title, a one-line why, a link into the
 * right tab of the Domain Split page and a severity. `key` identifies it across runs and
 * replicas (and is the notification's `scope`, so a re-send updates instead of repeating).
 * @public
 */
export interface DomainSplitNotification {
  kind: DomainSplitNotificationKind;
  key: string;
  /** The owning group, e.g. `group:default/orders-team`. */
  recipient: string;
  /** The entity it is about. */
  entityRef: string;
  title: string;
  description: string;
  link: string;
  severity: 'critical' | 'high' | 'normal' | 'low';
}

/**
 * What {@link decideNotifications} answers.
 * @public
 */
export interface NotificationDecisions {
  notifications: DomainSplitNotification[];
  /** Entities something was to be sent about that have no owning group (logged, skipped). */
  withoutOwner: { kind: DomainSplitNotificationKind; entityRef: string }[];
  /**
   * Key prefixes of things that are over (a violation resolved, drift gone): forget the keys
   * that start with them, so that the same thing coming back is told again.
   */
  retiredKeyPrefixes: string[];
}

/**
 * How {@link decideNotifications} sees the catalog and the config.
 * @public
 */
export interface NotificationContext {
  /** The owning group of an entity (its own `spec.owner`, else its domain's owner). */
  ownerOf(entityRef: string): string | undefined;
  titleOf(entityRef: string): string;
  /** Kinds switched on (`domainSplit.notifications`). */
  enabled: ReadonlySet<DomainSplitNotificationKind>;
  /** Days before a target date at which the owners are reminded (14). */
  targetDateWindowDays?: number;
}

/**
 * The key that names one violation, whatever order its entities come in.
 * @public
 */
export function violationKey(violation: RuleViolation): string {
  return `${violation.rule}:${[...violation.entityRefs].sort().join(',')}`;
}

/**
 * The ISO week (`2026-W48`) of a date: deadline reminders go out at most once in it.
 * @public
 */
export function isoWeek(date: Date): string {
  const day = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()),
  );
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;

function tabLink(
  tab: 'migration' | 'rules' | 'releases' | 'failure-isolation',
  query: Record<string, string>,
): string {
  return `/domain-split/${tab}?${new URLSearchParams(query).toString()}`;
}

/**
 * Decides the notifications of one run from the previous run's snapshot (`before`, none on
 * the first run: then only deadline reminders go out, everything else is the baseline) and
 * this run's (`after`).
 * @public
 */
export function decideNotifications(
  before: NotificationSnapshot | undefined,
  after: NotificationSnapshot,
  context: NotificationContext,
): NotificationDecisions {
  const notifications: DomainSplitNotification[] = [];
  const withoutOwner: NotificationDecisions['withoutOwner'] = [];
  const retiredKeyPrefixes: string[] = [];
  const { enabled } = context;

  const add = (
    kind: DomainSplitNotificationKind,
    entityRef: string,
    recipients: string[],
    make: (
      recipient: string,
    ) => Omit<DomainSplitNotification, 'kind' | 'recipient' | 'entityRef'>,
  ) => {
    if (recipients.length === 0) {
      withoutOwner.push({ kind, entityRef });
      return;
    }
    for (const recipient of recipients) {
      notifications.push({ kind, ...make(recipient), recipient, entityRef });
    }
  };
  const owners = (...refs: (string | undefined)[]) => [
    ...new Set(
      refs
        .filter((ref): ref is string => !!ref)
        .map(ref => context.ownerOf(ref))
        .filter((ref): ref is string => !!ref),
    ),
  ];

  // A domain's phase went down, or a playbook step (or phase criterion) it had met is unmet.
  if (before && enabled.has('phaseRegression')) {
    const previous = new Map(before.domains.map(d => [d.domainRef, d]));
    for (const domain of after.domains) {
      const was = previous.get(domain.domainRef);
      if (!was) continue;
      const metBefore = new Map(
        was.criteria.filter(c => c.met).map(c => [`${c.group}:${c.id}`, c]),
      );
      const lost = domain.criteria.filter(
        c => !c.met && metBefore.has(`${c.group}:${c.id}`),
      );
      if (domain.phase >= was.phase && lost.length === 0) continue;
      const evidence = lost
        .map(c => {
          const old = metBefore.get(`${c.group}:${c.id}`)!;
          return `${c.label} (was met by: ${
            old.evidence.join('; ') || 'no evidence recorded'
          })`;
        })
        .join(' · ');
      const phaseDown = domain.phase < was.phase;
      add(
        'phaseRegression',
        domain.domainRef,
        owners(domain.domainRef),
        recipient => ({
          key: `phaseRegression:${domain.domainRef}:${before.takenAt}:${recipient}`,
          title: phaseDown
            ? `${domain.title} fell back to phase ${domain.phase} (${
                MIGRATION_PHASE_NAMES[domain.phase]
              })`
            : `${domain.title}: ${
                lost.length === 1
                  ? 'a step it had met is'
                  : `${lost.length} criteria it had met are`
              } unmet again`,
          description: phaseDown
            ? `Was phase ${was.phase} (${MIGRATION_PHASE_NAMES[was.phase]}). ${
                evidence ? `Unmet again: ${evidence}` : ''
              }`.trim()
            : `Unmet again: ${evidence}`,
          link: tabLink('migration', { entity: domain.domainRef }),
          severity: phaseDown ? 'high' : 'normal',
        }),
      );
    }
  }

  // A new open rule violation: one notification per violation and owning group.
  if (enabled.has('newViolation')) {
    const open = new Set(after.violations.map(violationKey));
    if (before) {
      const known = new Set(before.violations.map(violationKey));
      for (const violation of after.violations) {
        const id = violationKey(violation);
        if (known.has(id)) continue;
        add(
          'newViolation',
          violation.entityRefs[0] ?? '',
          owners(...violation.entityRefs),
          recipient => ({
            key: `newViolation:${id}:${recipient}`,
            title: `New rule violation: ${
              RULES.find(rule => rule.id === violation.rule)?.title ??
              violation.rule
            }`,
            description: violation.message,
            link: tabLink('rules', {
              entity: violation.entityRefs[0] ?? '',
            }),
            severity: 'normal',
          }),
        );
      }
      for (const old of before.violations) {
        const id = violationKey(old);
        if (!open.has(id)) retiredKeyPrefixes.push(`newViolation:${id}:`);
      }
    }
  }

  // The target date is 14 days away or less (or past) and the target phase is not reached:
  // at most one reminder per domain and ISO week.
  if (enabled.has('targetDateNear')) {
    const now = new Date(after.takenAt);
    const windowDays = context.targetDateWindowDays ?? 14;
    for (const domain of after.domains) {
      const targetPhase = domain.targetPhase;
      if (targetPhase === undefined || !domain.targetDate) continue;
      if (domain.phase >= targetPhase) continue;
      const due = Date.parse(`${domain.targetDate}T23:59:59.999Z`);
      const daysLeft = Math.floor((due - now.getTime()) / DAY_MS);
      if (daysLeft > windowDays) continue;
      add(
        'targetDateNear',
        domain.domainRef,
        owners(domain.domainRef),
        recipient => ({
          key: `targetDateNear:${domain.domainRef}:${isoWeek(
            now,
          )}:${recipient}`,
          title:
            daysLeft < 0
              ? `${domain.title} missed its target date ${domain.targetDate}`
              : `${domain.title}: ${
                  daysLeft === 0
                    ? 'target date is today'
                    : `${daysLeft} day${
                        daysLeft === 1 ? '' : 's'
                      } to the target date`
                }`,
          description: `Target: phase ${targetPhase} (${
            MIGRATION_PHASE_NAMES[targetPhase]
          }) by ${domain.targetDate}; now phase ${domain.phase} (${
            MIGRATION_PHASE_NAMES[domain.phase]
          }).`,
          link: tabLink('migration', { entity: domain.domainRef }),
          severity: daysLeft < 0 ? 'high' : 'normal',
        }),
      );
    }
  }

  // A live version went out without a passing contract-test run.
  if (before && enabled.has('untestedDeploy')) {
    const deployKey = (d: NotificationSnapshot['untestedDeploys'][number]) =>
      `${d.entityRef ?? d.service}:${d.environment}:${d.version}:${
        d.deployedAt
      }`;
    const known = new Set(before.untestedDeploys.map(deployKey));
    for (const deploy of after.untestedDeploys) {
      if (known.has(deployKey(deploy)) || !deploy.entityRef) continue;
      add(
        'untestedDeploy',
        deploy.entityRef,
        owners(deploy.entityRef),
        recipient => ({
          key: `untestedDeploy:${deployKey(deploy)}:${recipient}`,
          title: `${context.titleOf(deploy.entityRef!)} ${
            deploy.version
          } went to ${deploy.environment} without contract tests`,
          description: `No passing contract-test run for ${deploy.service} ${deploy.version} at or before the deploy (${deploy.deployedAt}).`,
          link: tabLink('releases', { service: deploy.service }),
          severity: deploy.environment === 'production' ? 'high' : 'normal',
        }),
      );
    }
  }

  // A version went out although the deploy gate had said no.
  if (enabled.has('deployAfterRefusal')) {
    const known = new Set((before?.deploysAfterRefusal ?? []).map(v => v.id));
    for (const refusal of after.deploysAfterRefusal ?? []) {
      if (known.has(refusal.id) || !refusal.entityRef) continue;
      add(
        'deployAfterRefusal',
        refusal.entityRef,
        owners(refusal.entityRef),
        recipient => ({
          key: `deployAfterRefusal:${refusal.id}:${recipient}`,
          title: `${context.titleOf(refusal.entityRef!)} ${
            refusal.version
          } went to ${refusal.environment} after the deploy gate said no`,
          description: `Deployed ${
            refusal.deployedAfterRefusal.occurredAt
          } although the gate refused it at ${refusal.askedAt}: ${
            refusal.refusedBecause.slice(0, 2).join(' ') ||
            'see the recorded answer'
          }`,
          link: tabLink('releases', { service: refusal.service }),
          severity: refusal.environment === 'production' ? 'critical' : 'high',
        }),
      );
    }
  }

  // Declared and computed failure impact drifted apart.
  if (enabled.has('impactDrift')) {
    const driftKey = (d: NotificationSnapshot['drift'][number]) =>
      `${d.domainRef}:${d.declared}:${d.computed}`;
    const now = new Set(after.drift.map(driftKey));
    if (before) {
      const known = new Set(before.drift.map(driftKey));
      for (const drift of after.drift) {
        if (known.has(driftKey(drift))) continue;
        add(
          'impactDrift',
          drift.domainRef,
          owners(drift.domainRef),
          recipient => ({
            key: `impactDrift:${driftKey(drift)}:${recipient}`,
            title: `${context.titleOf(
              drift.domainRef,
            )}: failure impact differs from the declared one`,
            description: `Declared ${drift.declared}, but the catalog graph computes ${drift.computed} for users when it fails.`,
            link: tabLink('failure-isolation', { entity: drift.domainRef }),
            severity: 'normal',
          }),
        );
      }
      for (const old of before.drift) {
        if (!now.has(driftKey(old))) {
          retiredKeyPrefixes.push(`impactDrift:${driftKey(old)}:`);
        }
      }
    }
  }

  return { notifications, withoutOwner, retiredKeyPrefixes };
}
