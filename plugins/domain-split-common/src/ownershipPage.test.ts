import type { OwnershipTeam } from './types';
import {
  indexOwnership,
  ownershipOfTeam,
  ownershipRows,
  pageOwnership,
} from './ownershipPage';
import {
  ownership,
  ownershipWithDepartment,
  refs,
} from './testing/ownershipFixtures';

const withDepartment = ownershipWithDepartment;
const engineering = withDepartment.teams[0];

const titles = (rows: ReturnType<typeof ownershipRows>) =>
  rows.map(r => r.team.title);

describe('indexOwnership', () => {
  it('sorts teams by title, keeps the groups above them apart and counts', () => {
    const index = indexOwnership(withDepartment);
    expect(index.teams.map(t => t.title)).toEqual([
      'Growth Team',
      'Orders Team',
      'Payments Team',
      'Platform Team',
    ]);
    expect(index.parents.map(t => t.title)).toEqual(['Engineering']);
    expect(index.unownedDomains.map(d => d.entityRef)).toEqual([refs.shipping]);
    expect(index.componentsInDomains).toBe(8);
    expect(index.homes.get(refs.couponsWorker)?.domain?.entityRef).toBe(
      refs.coupons,
    );
    expect(
      index.homes.get('component:default/shared-observability')?.domain,
    ).toBeUndefined();
    expect(index.titles[refs.checkoutOrchestrator]).toBe(
      'checkout-orchestrator',
    );
  });

  it('sorts numbered names by number (team-2 before team-10)', () => {
    const team = (n: number): OwnershipTeam => ({
      ...ownership.teams[1],
      entityRef: `group:default/team-${n}`,
      title: `team-${n}`,
    });
    const index = indexOwnership({
      ...ownership,
      teams: [team(10), team(2), team(1)],
    });
    expect(index.teams.map(t => t.title)).toEqual([
      'team-1',
      'team-2',
      'team-10',
    ]);
    const parent: OwnershipTeam = {
      ...engineering,
      childRefs: [
        'group:default/team-1',
        'group:default/team-10',
        'group:default/team-2',
      ],
    };
    expect(index.childrenByTitle(parent)).toEqual([
      'group:default/team-1',
      'group:default/team-2',
      'group:default/team-10',
    ]);
  });
});

describe('ownershipRows', () => {
  const index = indexOwnership(withDepartment);

  it('lists the groups above the teams first, then every team', () => {
    const rows = ownershipRows(index);
    expect(titles(rows)).toEqual([
      'Engineering',
      'Growth Team',
      'Orders Team',
      'Payments Team',
      'Platform Team',
    ]);
    expect(rows.map(r => r.kind)).toEqual([
      'group',
      'team',
      'team',
      'team',
      'team',
    ]);
    expect(rows.every(r => r.matches.length === 0 && !r.filtered)).toBe(true);
    // Orders Team lists Orders, Checkout and the coupons-worker it owns in Coupons.
    expect(rows.find(r => r.team.title === 'Orders Team')?.services).toBe(3);
    // The department lists the services of the domains below it.
    expect(rows[0].services).toBe(3);
  });

  it('finds who owns a service, and in which domain', () => {
    const rows = ownershipRows(index, { query: 'checkout-orch' });
    expect(titles(rows)).toEqual(['Orders Team']);
    expect(rows[0].matches).toEqual([
      {
        entityRef: refs.checkoutOrchestrator,
        title: 'checkout-orchestrator',
        kind: 'component',
        domain: expect.objectContaining({ entityRef: refs.checkout }),
      },
    ]);
    expect(rows[0].filtered).toBe(true);
    expect(rows[0].services).toBe(1);
  });

  it('finds both the team owning a service and the team owning its domain', () => {
    const rows = ownershipRows(index, { query: 'coupons-worker' });
    expect(titles(rows)).toEqual(['Growth Team', 'Orders Team']);
    for (const row of rows) {
      expect(row.matches.map(m => [m.entityRef, m.domain?.entityRef])).toEqual([
        [refs.couponsWorker, refs.coupons],
      ]);
    }
  });

  it('finds a domain by name, case-insensitively', () => {
    const rows = ownershipRows(index, { query: 'PAYMENTS' });
    // Payments Team by its name (everything shown) and by its domain.
    expect(titles(rows)).toEqual(['Payments Team']);
    expect(rows[0].matches.map(m => [m.kind, m.entityRef])).toEqual([
      ['domain', refs.payments],
      ['component', refs.paymentsService],
    ]);
    expect(rows[0].filtered).toBe(false);

    const notifications = ownershipRows(index, { query: 'notif' });
    expect(titles(notifications)).toEqual(['Platform Team']);
    expect(notifications[0].matches.map(m => m.entityRef)).toEqual([
      refs.notifications,
      refs.notificationsService,
    ]);
  });

  it('finds a team by its name and then lists all it owns', () => {
    const rows = ownershipRows(index, { query: 'orders team' });
    expect(titles(rows)).toEqual(['Orders Team']);
    expect(rows[0].matches).toEqual([]);
    expect(rows[0].filtered).toBe(false);
    expect(rows[0].services).toBe(3);
  });

  it('finds what a team owns outside any domain', () => {
    const rows = ownershipRows(index, { query: 'shared-observ' });
    expect(titles(rows)).toEqual(['Platform Team']);
    expect(rows[0].matches).toEqual([
      {
        entityRef: 'component:default/shared-observability',
        title: 'shared-observability',
        kind: 'component',
        domain: undefined,
      },
    ]);
  });

  it('finds nothing for a name nobody owns', () => {
    expect(ownershipRows(index, { query: 'no-such-service' })).toEqual([]);
    // Shipping has no owning team: no row, the tab shows it apart.
    expect(ownershipRows(index, { query: 'shipping' })).toEqual([]);
  });

  it('keeps only the chosen group, a department included', () => {
    expect(titles(ownershipRows(index, { team: refs.paymentsTeam }))).toEqual([
      'Payments Team',
    ]);
    const department = ownershipRows(index, { team: engineering.entityRef });
    expect(department.map(r => [r.team.title, r.kind])).toEqual([
      ['Engineering', 'group'],
    ]);
    expect(
      ownershipRows(index, { team: refs.paymentsTeam, query: 'orders' }),
    ).toEqual([]);
    expect(ownershipRows(index, { team: 'group:default/gone' })).toEqual([]);
  });
});

describe('pageOwnership', () => {
  const index = indexOwnership(withDepartment);
  const page = (query: { query?: string; group?: string }, limit = 25) =>
    pageOwnership(withDepartment, index, { ...query, limit, offset: 0 });

  it('answers the counts, every group, and a page of rows with their first names', () => {
    const answer = page({}, 2);
    expect(answer.summary).toEqual({
      teams: 4,
      groups: 1,
      domains: withDepartment.domains.length,
      componentsInDomains: 8,
      unassigned: withDepartment.unassigned.length,
      problems: withDepartment.problems.length,
    });
    expect(answer.groups.map(g => g.title)).toEqual([
      'Engineering',
      'Growth Team',
      'Orders Team',
      'Payments Team',
      'Platform Team',
    ]);
    expect(answer.rows.map(r => r.title)).toEqual([
      'Engineering',
      'Growth Team',
    ]);
    expect(answer).toMatchObject({ totalItems: 5, offset: 0, limit: 2 });
    const [department] = answer.rows;
    expect(department).toMatchObject({
      kind: 'group',
      domainCount: 0,
      childCount: engineering.childRefs.length,
      rolledUpDomainCount: engineering.rolledUpDomains.length,
      services: 3,
    });
    expect(department.children).toEqual(index.childrenByTitle(engineering));
    // Every ref a row names has its title.
    for (const ref of department.children) {
      expect(answer.titles[ref]).toBe(index.groupsByRef.get(ref)?.title);
    }
    const next = pageOwnership(withDepartment, index, {
      limit: 2,
      offset: 2,
    });
    expect(next.rows.map(r => r.title)).toEqual([
      'Orders Team',
      'Payments Team',
    ]);
  });

  it('searches with the same rows as ownershipRows, matches named with their domain', () => {
    const answer = page({ query: 'coupons-worker' });
    expect(answer.rows.map(r => r.title)).toEqual([
      'Growth Team',
      'Orders Team',
    ]);
    expect(answer.totalItems).toBe(2);
    expect(answer.rows[1].matches).toEqual([
      {
        entityRef: refs.couponsWorker,
        kind: 'component',
        domainRef: refs.coupons,
      },
    ]);
    expect(answer.rows[1]).toMatchObject({ filtered: true, matchCount: 1 });
    expect(answer.titles[refs.couponsWorker]).toBe('coupons-worker');
    expect(answer.titles[refs.coupons]).toBeDefined();
    expect(page({ query: 'no-such-service' })).toMatchObject({
      rows: [],
      totalItems: 0,
    });
  });

  it('lists only the domains without an owner and the entities outside any domain that match', () => {
    expect(
      page({}).unownedDomains.items.map(d => d.entityRef),
    ).toEqual([refs.shipping]);
    expect(page({ query: 'shipping-serv' }).unownedDomains.total).toBe(1);
    expect(page({ query: 'orders' }).unownedDomains).toEqual({
      items: [],
      total: 0,
    });
    expect(
      page({ query: 'shared-observ' }).unassigned.items.map(c => c.entityRef),
    ).toEqual(['component:default/shared-observability']);
  });

  it('keeps only the chosen group, and its entities outside any domain', () => {
    const answer = page({ group: refs.paymentsTeam });
    expect(answer.rows.map(r => r.title)).toEqual(['Payments Team']);
    expect(answer.unownedDomains.total).toBe(0);
    expect(
      answer.unassigned.items.every(c => c.ownerRef === refs.paymentsTeam),
    ).toBe(true);
  });
});

describe('ownershipOfTeam', () => {
  it('holds the domains an opened row lists: its own, those below it, those of components it owns elsewhere', () => {
    const orders = ownershipOfTeam(withDepartment, refs.ordersTeam)!;
    expect(orders.teams.map(t => t.entityRef)).toEqual([refs.ordersTeam]);
    expect(orders.domains.map(d => d.entityRef).sort()).toEqual(
      [refs.checkout, refs.coupons, refs.orders].sort(),
    );
    const department = ownershipOfTeam(
      withDepartment,
      engineering.entityRef,
    )!;
    expect(department.domains.map(d => d.entityRef).sort()).toEqual(
      [...engineering.rolledUpDomains].sort(),
    );
    expect(ownershipOfTeam(withDepartment, 'group:default/gone')).toBe(
      undefined,
    );
  });
});
