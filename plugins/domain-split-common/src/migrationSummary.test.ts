import {
  boundDomainMigration,
  domainMigrationOf,
  migrationAggregates,
  migrationOverview,
  summariseDomainMigration,
} from './migrationSummary';
import type {
  DomainMigrationStatus,
  MigrationCriterion,
  MigrationPhase,
  MigrationStatusResponse,
} from './types';

function criterion(
  id: string,
  evidence: number,
  blockers: number,
): MigrationCriterion {
  return {
    id,
    label: id,
    met: blockers === 0,
    evidence: Array.from({ length: evidence }, (_, i) => `${id} evidence ${i}`),
    blockers: Array.from({ length: blockers }, (_, i) => ({
      entityRefs: [`component:default/c${i}`],
      message: `${id} blocker ${i}`,
    })),
  };
}

function domain(
  name: string,
  options: Partial<DomainMigrationStatus> & { components?: number } = {},
): DomainMigrationStatus {
  const { components = 3, ...rest } = options;
  return {
    domainRef: `domain:default/${name.toLowerCase()}`,
    title: name,
    phase: 0,
    steps: [1, 2, 3, 4].map(step => ({
      step: step as 1 | 2 | 3 | 4,
      label: `Step ${step}`,
      met: step === 2,
      criteria: [criterion(`step-${step}`, components, step === 2 ? 0 : 1)],
    })),
    phaseCriteria: [
      {
        phase: 1,
        met: false,
        criteria: [criterion('owned', components, components)],
      },
      { phase: 2, met: false, criteria: [criterion('suite', components, 0)] },
    ],
    progress: 0.25,
    schedule: 'no-target',
    nextBlockers: Array.from(
      { length: components },
      (_, i) => `${name} blocker ${i}`,
    ),
    ...rest,
  };
}

const status: MigrationStatusResponse = {
  generatedAt: '2026-11-28T10:00:00.000Z',
  domains: [
    domain('Search', {
      phase: 2,
      schedule: 'late',
      targetPhase: 3,
      targetDate: '2027-01-31',
    }),
    domain('Orders', {
      phase: 1,
      schedule: 'on-track',
      targetPhase: 3,
      targetDate: '2027-06-30',
    }),
    domain('payments', {
      phase: 1,
      schedule: 'at-risk',
      targetPhase: 2,
      targetDate: '2027-06-30',
    }),
    domain('Coupons'),
  ],
  annotationProblems: [],
};

describe('summariseDomainMigration', () => {
  it('keeps what a row shows: phase, progress, target, schedule, step states, the blocker count and the first three blockers', () => {
    const search = status.domains[0];
    expect(summariseDomainMigration(search)).toEqual({
      domainRef: 'domain:default/search',
      title: 'Search',
      phase: 2,
      progress: 0.25,
      targetPhase: 3,
      targetDate: '2027-01-31',
      schedule: 'late',
      steps: [
        { step: 1, label: 'Step 1', met: false },
        { step: 2, label: 'Step 2', met: true },
        { step: 3, label: 'Step 3', met: false },
        { step: 4, label: 'Step 4', met: false },
      ],
      blockerCount: 3,
      nextBlockers: [
        'Search blocker 0',
        'Search blocker 1',
        'Search blocker 2',
      ],
    });
  });

  it('counts every blocker of a long list and of an already bounded one', () => {
    const big = domain('Big', { components: 40 });
    expect(summariseDomainMigration(big)).toMatchObject({
      blockerCount: 40,
      nextBlockers: ['Big blocker 0', 'Big blocker 1', 'Big blocker 2'],
    });
    expect(
      summariseDomainMigration(boundDomainMigration(big, 5)).blockerCount,
    ).toBe(40);
  });
});

describe('migrationAggregates', () => {
  it('counts domains per phase and schedule state, and groups target dates (earliest first, titles in order)', () => {
    expect(migrationAggregates(status.domains)).toEqual({
      domainCount: 4,
      phases: [
        { phase: 0, domains: 1 },
        { phase: 1, domains: 2 },
        { phase: 2, domains: 1 },
        { phase: 3, domains: 0 },
      ],
      schedules: [
        { schedule: 'late', domains: 1 },
        { schedule: 'at-risk', domains: 1 },
        { schedule: 'on-track', domains: 1 },
        { schedule: 'done', domains: 0 },
        { schedule: 'no-target', domains: 1 },
      ],
      targetDates: [
        {
          targetDate: '2027-01-31',
          domainCount: 1,
          domains: [{ title: 'Search', targetPhase: 3 }],
        },
        {
          targetDate: '2027-06-30',
          domainCount: 2,
          domains: [
            { title: 'Orders', targetPhase: 3 },
            { title: 'payments', targetPhase: 2 },
          ],
        },
      ],
    });
  });

  it('names the first five domains of a target date and counts the rest', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      domain(`D${i}`, { targetDate: '2027-03-01' }),
    );
    const [date] = migrationAggregates(many).targetDates;
    expect(date.domainCount).toBe(8);
    expect(date.domains.map(d => d.title)).toEqual([
      'D0',
      'D1',
      'D2',
      'D3',
      'D4',
    ]);
  });
});

describe('migrationOverview', () => {
  const refs = (query: Parameters<typeof migrationOverview>[1]) =>
    migrationOverview(status, query).domains.map(d => d.title);

  it('lists a page of summaries in title order, with the counts of every domain', () => {
    const page = migrationOverview(status, { limit: 2, offset: 1 });
    expect(page.domains.map(d => d.title)).toEqual(['Orders', 'payments']);
    expect(page).toMatchObject({ totalItems: 4, offset: 1, limit: 2 });
    expect(page.aggregates).toEqual(migrationAggregates(status.domains));
    expect(page.generatedAt).toBe(status.generatedAt);
    expect(JSON.stringify(page)).not.toContain('evidence');
  });

  it('filters by text in the title or ref (any case), phase and schedule; the counts stay unfiltered', () => {
    expect(refs({ limit: 50, offset: 0, q: ' PAY ' })).toEqual(['payments']);
    expect(refs({ limit: 50, offset: 0, q: 'domain:default/s' })).toEqual([
      'Search',
    ]);
    expect(refs({ limit: 50, offset: 0, phase: 1 as MigrationPhase })).toEqual([
      'Orders',
      'payments',
    ]);
    expect(refs({ limit: 50, offset: 0, schedule: 'late' })).toEqual([
      'Search',
    ]);
    expect(
      refs({ limit: 50, offset: 0, phase: 1, schedule: 'at-risk', q: 'p' }),
    ).toEqual(['payments']);
    const none = migrationOverview(status, {
      limit: 50,
      offset: 0,
      q: 'nothing',
    });
    expect(none.totalItems).toBe(0);
    expect(none.aggregates.domainCount).toBe(4);
  });

  it('answers only the counts with limit 0, and prepares only the listed domains', () => {
    const prepared: string[] = [];
    const page = migrationOverview(status, { limit: 1, offset: 0 }, d => {
      prepared.push(d.title);
      return { ...d, nextBlockers: ['scrubbed'], hiddenEntities: 2 };
    });
    expect(prepared).toEqual(['Coupons']);
    expect(page.domains[0]).toMatchObject({
      nextBlockers: ['scrubbed'],
      blockerCount: 1,
      hiddenEntities: 2,
    });
    expect(migrationOverview(status, { limit: 0, offset: 0 })).toMatchObject({
      domains: [],
      totalItems: 4,
    });
  });
});

describe('boundDomainMigration', () => {
  const big = domain('Big', { components: 84 });

  it('lists at most `limit` evidence lines and blockers per criterion and next blockers, and counts the rest', () => {
    const bounded = boundDomainMigration(big, 10);
    const owned = bounded.phaseCriteria[0].criteria[0];
    expect(owned.evidence).toEqual(
      big.phaseCriteria[0].criteria[0].evidence.slice(0, 10),
    );
    expect(owned.blockers).toHaveLength(10);
    expect(owned).toMatchObject({ moreEvidence: 74, moreBlockers: 74 });
    const step2 = bounded.steps[1].criteria[0];
    expect(step2.blockers).toEqual([]);
    expect(step2).not.toHaveProperty('moreBlockers');
    expect(bounded.nextBlockers).toHaveLength(10);
    expect(bounded.moreNextBlockers).toBe(74);
    // What the criteria are, and their states, stay.
    expect(bounded.steps.map(s => s.met)).toEqual(big.steps.map(s => s.met));
    expect(bounded.phase).toBe(big.phase);
  });

  it('leaves a short domain as it is', () => {
    const small = domain('Small', { components: 2 });
    expect(boundDomainMigration(small, 10)).toEqual(small);
  });

  it('cuts one domain out of the whole status, undefined for an unknown one', () => {
    const answer = domainMigrationOf(
      {
        ...status,
        domains: [big],
        annotationProblems: [
          {
            entityRef: 'domain:default/big',
            annotation: 'domain-split/target-date',
            message: 'not a date',
          },
          {
            entityRef: 'domain:default/other',
            annotation: 'domain-split/target-date',
            message: 'not a date',
          },
        ],
      },
      'domain:default/big',
      10,
    );
    expect(answer?.domain).toEqual(boundDomainMigration(big, 10));
    expect(answer?.annotationProblems.map(p => p.entityRef)).toEqual([
      'domain:default/big',
    ]);
    expect(domainMigrationOf(status, 'domain:default/nope', 10)).toBe(
      undefined,
    );
  });
});
