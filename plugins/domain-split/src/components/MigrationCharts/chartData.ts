/*
 * The rows the Migration charts draw, from what the backend sent: snapshots, the projection and
 * the domains' targets. Counting and arranging only; phases and violations are the backend's.
 */
import type {
  MigrationAggregates,
  MigrationProjection,
  MigrationSnapshot,
  RuleId,
} from '@internal/plugin-domain-split-common';

const DAY_MS = 86_400_000;

/** The UTC day of an ISO time, as a chart x value (ms at 00:00 UTC). */
export function dayOf(iso: string): number {
  return Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
}

/** A chart x value as `YYYY-MM-DD`. */
export function formatDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function sortedSnapshots(snapshots: MigrationSnapshot[]) {
  return [...snapshots]
    .filter(s => !Number.isNaN(Date.parse(s.takenAt)))
    .sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
}

/** One point of the burn-up: domains that reached at least phase 1, 2, 3, and all domains. */
export interface BurnUpPoint {
  time: number;
  day: string;
  phase1?: number;
  phase2?: number;
  phase3?: number;
  domains?: number;
  /** The projected number of domains in phase 3 (latest snapshot → the projected day). */
  projection?: number;
}

/** A target date with the domains that aim for a phase by it. */
export interface TargetLine {
  time: number;
  day: string;
  label: string;
}

/**
 * The burn-up rows (oldest first, one per snapshot) and, with a projected day, two projection
 * points: the latest snapshot's phase-3 count, and every domain on the projected day.
 * @internal
 */
export function burnUpPoints(
  snapshots: MigrationSnapshot[],
  projection?: MigrationProjection,
): BurnUpPoint[] {
  const points: BurnUpPoint[] = sortedSnapshots(snapshots).map(s => ({
    time: dayOf(s.takenAt),
    day: s.takenAt.slice(0, 10),
    phase1: s.domains.filter(d => d.phase >= 1).length,
    phase2: s.domains.filter(d => d.phase >= 2).length,
    phase3: s.domains.filter(d => d.phase >= 3).length,
    domains: s.domains.length,
  }));
  const latest = points[points.length - 1];
  if (latest && projection?.phase3On) {
    const end = dayOf(projection.phase3On);
    latest.projection = latest.phase3;
    if (end > latest.time) {
      points.push({
        time: end,
        day: projection.phase3On,
        projection: latest.domains,
      });
    }
  }
  return points;
}

/**
 * Vertical lines for the domains' target dates, one per day: `Orders, Checkout → phase 3`,
 * from the aggregates of GET /migration (the first few domains of a day named, the rest
 * counted: `… and 12 more`).
 * @internal
 */
export function targetLines(
  targetDates: MigrationAggregates['targetDates'],
): TargetLine[] {
  return targetDates
    .filter(t => !Number.isNaN(Date.parse(t.targetDate)))
    .sort((a, b) => a.targetDate.localeCompare(b.targetDate))
    .map(t => {
      const named = t.domains.map(
        d =>
          `${d.title}${
            d.targetPhase !== undefined ? ` → phase ${d.targetPhase}` : ''
          }`,
      );
      const more = t.domainCount - t.domains.length;
      return {
        time: dayOf(t.targetDate),
        day: t.targetDate,
        label: `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
      };
    });
}

/** The x domain that holds every point and line, padded by a day on each side. */
export function timeDomain(times: number[]): [number, number] {
  if (times.length === 0) return [0, DAY_MS];
  return [Math.min(...times) - DAY_MS, Math.max(...times) + DAY_MS];
}

/** One point of the split-debt burn-down: open violations per rule on one day. */
export type DebtPoint = { time: number; day: string } & Partial<
  Record<RuleId, number>
>;

/**
 * The split-debt rows (oldest first) from snapshots that kept open violations, and the rules
 * that had any.
 * @internal
 */
export function debtPoints(snapshots: MigrationSnapshot[]): {
  points: DebtPoint[];
  rules: RuleId[];
} {
  const rules = new Set<RuleId>();
  const points: DebtPoint[] = [];
  for (const s of sortedSnapshots(snapshots)) {
    if (!s.openViolations) continue;
    const point: DebtPoint = {
      time: dayOf(s.takenAt),
      day: s.takenAt.slice(0, 10),
    };
    for (const [rule, count] of Object.entries(s.openViolations.byRule)) {
      point[rule as RuleId] = count;
      rules.add(rule as RuleId);
    }
    points.push(point);
  }
  // A rule with no open violation on a day is 0 that day, not a gap.
  for (const point of points) {
    for (const rule of rules) point[rule] = point[rule] ?? 0;
  }
  return { points, rules: [...rules] };
}
