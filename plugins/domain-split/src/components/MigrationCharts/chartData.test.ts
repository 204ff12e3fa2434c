import type { MigrationSnapshot } from '@internal/plugin-domain-split-common';
import {
  burnUpPoints,
  dayOf,
  debtPoints,
  targetLines,
  timeDomain,
} from './chartData';

const snapshot = (
  takenAt: string,
  phases: number[],
  byRule?: Record<string, number>,
): MigrationSnapshot => ({
  takenAt,
  domains: phases.map((phase, i) => ({
    domainRef: `domain:default/d${i}`,
    phase: phase as 0 | 1 | 2 | 3,
    stepsMet: 0,
    progress: 0,
  })),
  ...(byRule ? { openViolations: { byRule, byDomain: {} } } : {}),
});

describe('burnUpPoints', () => {
  it('counts domains at least in each phase per snapshot, oldest first, and ends the projection on its day', () => {
    const points = burnUpPoints(
      [
        snapshot('2026-11-28T03:00:00Z', [3, 2, 1]),
        snapshot('2026-11-21T03:00:00Z', [2, 1, 0]),
        snapshot('not a time', [3]),
      ],
      {
        pointsPerDay: 0.1,
        paceDays: 7,
        points: 6,
        target: 9,
        phase3On: '2027-01-07',
        summary: 'at this pace: phase 3 on 2027-01-07',
      },
    );
    expect(points).toEqual([
      {
        time: dayOf('2026-11-21'),
        day: '2026-11-21',
        phase1: 2,
        phase2: 1,
        phase3: 0,
        domains: 3,
      },
      {
        time: dayOf('2026-11-28'),
        day: '2026-11-28',
        phase1: 3,
        phase2: 2,
        phase3: 1,
        domains: 3,
        projection: 1,
      },
      { time: dayOf('2027-01-07'), day: '2027-01-07', projection: 3 },
    ]);
  });

  it('draws no projection without a projected day', () => {
    expect(
      burnUpPoints([snapshot('2026-11-28T03:00:00Z', [1])], {
        pointsPerDay: 0,
        paceDays: 0,
        points: 1,
        target: 3,
        summary: 'no progress',
      }).map(p => p.projection),
    ).toEqual([undefined]);
  });
});

describe('targetLines', () => {
  it('draws one line per target day (earliest first), names the listed domains and counts the rest, skips invalid dates', () => {
    expect(
      targetLines([
        {
          targetDate: '2027-06-30',
          domainCount: 7,
          domains: [
            { title: 'Orders', targetPhase: 3 },
            { title: 'Payments', targetPhase: 2 },
          ],
        },
        {
          targetDate: '2027-02-26',
          domainCount: 1,
          domains: [{ title: 'Search', targetPhase: 3 }],
        },
        { targetDate: 'soon', domainCount: 1, domains: [{ title: 'Broken' }] },
      ]),
    ).toEqual([
      {
        time: dayOf('2027-02-26'),
        day: '2027-02-26',
        label: 'Search → phase 3',
      },
      {
        time: dayOf('2027-06-30'),
        day: '2027-06-30',
        label: 'Orders → phase 3, Payments → phase 2 and 5 more',
      },
    ]);
  });

  it('pads the time domain by a day', () => {
    expect(timeDomain([dayOf('2026-11-02'), dayOf('2026-11-05')])).toEqual([
      dayOf('2026-11-01'),
      dayOf('2026-11-06'),
    ]);
  });
});

describe('debtPoints', () => {
  it('keeps snapshots with open violations, one column per rule seen, 0 where a rule had none', () => {
    expect(
      debtPoints([
        snapshot('2026-11-01T03:00:00Z', [1]),
        snapshot('2026-11-08T03:00:00Z', [1], { 'no-shared-cache': 2 }),
        snapshot('2026-11-15T03:00:00Z', [1], {
          'contract-tests-before-deploy': 4,
        }),
      ]),
    ).toEqual({
      rules: ['no-shared-cache', 'contract-tests-before-deploy'],
      points: [
        {
          time: dayOf('2026-11-08'),
          day: '2026-11-08',
          'no-shared-cache': 2,
          'contract-tests-before-deploy': 0,
        },
        {
          time: dayOf('2026-11-15'),
          day: '2026-11-15',
          'no-shared-cache': 0,
          'contract-tests-before-deploy': 4,
        },
      ],
    });
  });
});
