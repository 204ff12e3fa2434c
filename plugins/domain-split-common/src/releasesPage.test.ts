import {
  pageReleases,
  releaseRowMatches,
  releaseRows,
  releasesOfEntity,
} from './releasesPage';
import { matchesFilter } from './textFilter';
import type { ReleasesResponse } from './types';
import { currentRelease } from './testing/entities';

const release = currentRelease;

const releases: ReleasesResponse = {
  environments: ['staging', 'production'],
  otherEnvironments: ['preview'],
  current: [
    release('payments-service', 'production', {
      domainRef: 'domain:default/payments',
      rollback: true,
    }),
    release('orders-service', 'production', {
      domainRef: 'domain:default/orders',
    }),
    release('orders-service', 'staging', {
      domainRef: 'domain:default/orders',
      withoutContractTests: true,
    }),
    release('cart-service', 'production', {
      domainRef: 'domain:default/orders',
    }),
    release('zebra-service', 'production', {
      domainRef: 'domain:default/orders',
    }),
    release('legacy-billing', 'production', {
      entityRef: undefined,
      status: 'failure',
    }),
    release('preview-only', 'preview', {
      domainRef: 'domain:default/orders',
      untracked: true,
    }),
  ],
};
const rows = releaseRows(releases);
const page = (query: Partial<Parameters<typeof pageReleases>[2]> = {}) =>
  pageReleases(releases, rows, { limit: 25, offset: 0, ...query });
const services = (answer: ReturnType<typeof pageReleases>) => [
  ...new Set(answer.current.map(r => r.service)),
];

describe('matchesFilter', () => {
  it('matches a part of any text, case-insensitively; nothing asked matches all', () => {
    expect(matchesFilter('PAY', 'x', 'payments-service')).toBe(true);
    expect(matchesFilter(' orders ', 'orders-service')).toBe(true);
    expect(matchesFilter('billing', 'orders', undefined)).toBe(false);
    expect(matchesFilter('', 'anything')).toBe(true);
  });
});

describe('releaseRows', () => {
  it('groups releases by service, rows by domain name (none last), services by name, columns in order', () => {
    expect(rows.map(r => [r.domainRef, r.service])).toEqual([
      ['domain:default/orders', 'cart-service'],
      ['domain:default/orders', 'orders-service'],
      ['domain:default/orders', 'preview-only'],
      ['domain:default/orders', 'zebra-service'],
      ['domain:default/payments', 'payments-service'],
      [undefined, 'legacy-billing'],
    ]);
    expect(rows[1].releases.map(r => r.environment)).toEqual([
      'staging',
      'production',
    ]);
  });
});

describe('pageReleases', () => {
  it('pages the services of the tracked environments, with the headers of the page’s domains', () => {
    const answer = page({ limit: 2 });
    expect(services(answer)).toEqual(['cart-service', 'orders-service']);
    expect(answer).toMatchObject({
      totalItems: 5,
      offset: 0,
      limit: 2,
      environments: ['staging', 'production'],
      otherEnvironments: ['preview'],
    });
    // The header counts every matching service of the domain, not only the page's.
    expect(answer.domains).toEqual([
      {
        domainRef: 'domain:default/orders',
        services: 3,
        rollbacks: 0,
        withoutContractTests: 1,
        lockstep: 0,
      },
    ]);
    const next = page({ limit: 2, offset: 2 });
    expect(services(next)).toEqual(['zebra-service', 'payments-service']);
    expect(next.domains.map(d => d.domainRef)).toEqual([
      'domain:default/orders',
      'domain:default/payments',
    ]);
    expect(services(page({ offset: 4 }))).toEqual(['legacy-billing']);
  });

  it('searches service, Component ref and domain name with one rule', () => {
    expect(services(page({ query: 'PAY' }))).toEqual(['payments-service']);
    expect(services(page({ query: 'orders' }))).toEqual([
      'cart-service',
      'orders-service',
      'zebra-service',
    ]);
    expect(services(page({ query: 'component:default/cart' }))).toEqual([
      'cart-service',
    ]);
    expect(page({ query: 'nothing' })).toMatchObject({
      current: [],
      domains: [],
      totalItems: 0,
    });
    expect(releaseRowMatches(rows[5], 'billing')).toBe(true);
  });

  it('keeps only marked services, and shows the untracked environments on demand', () => {
    expect(services(page({ marked: true }))).toEqual([
      'orders-service',
      'payments-service',
      'legacy-billing',
    ]);
    expect(services(page({ untracked: true }))).toContain('preview-only');
    expect(page({ untracked: true }).totalItems).toBe(6);
  });
});

describe('releasesOfEntity', () => {
  it("keeps every environment column and only the entity's releases, in order", () => {
    const orders = releasesOfEntity(
      releases,
      'component:default/orders-service',
    );
    expect(orders.environments).toEqual(releases.environments);
    expect(orders.otherEnvironments).toEqual(releases.otherEnvironments);
    expect(orders.current.map(r => [r.service, r.environment])).toEqual([
      ['orders-service', 'production'],
      ['orders-service', 'staging'],
    ]);
    expect(releases.current.length).toBeGreaterThan(orders.current.length);
  });

  it('has no releases for an entity CI never reported', () => {
    expect(
      releasesOfEntity(releases, 'component:default/nowhere').current,
    ).toEqual([]);
  });
});
