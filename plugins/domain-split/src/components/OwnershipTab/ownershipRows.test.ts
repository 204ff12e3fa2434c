import type { OwnershipTeam } from '@internal/plugin-domain-split-common';
import {
  ownership,
  ownershipWithDepartment,
  refs,
} from '../../testUtils/fixtures';
import { indexOwnership, ownershipRows } from './ownershipRows';

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
