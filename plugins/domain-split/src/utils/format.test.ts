import {
  countOf,
  formatAge,
  formatCount,
  formatDateTime,
  matchesFilter,
  refKind,
  shortName,
} from './format';

describe('format', () => {
  const now = Date.parse('2025-03-14T12:00:00Z');

  it('says how long ago something happened', () => {
    expect(formatAge('2025-03-11T12:00:00Z', now)).toBe('3 days ago');
    expect(formatAge('2025-03-13T12:00:00Z', now)).toBe('yesterday');
    expect(formatAge('2025-03-14T10:00:00Z', now)).toBe('2 hours ago');
    expect(formatAge('2025-03-14T11:59:58Z', now)).toBe('2 seconds ago');
    expect(formatAge('not a date', now)).toBe('not a date');
  });

  it('writes counts with thousands separators and their noun', () => {
    expect(formatCount(10000)).toBe('10,000');
    expect(formatCount(0)).toBe('0');
    expect(countOf(1, 'team')).toBe('1 team');
    expect(countOf(0, 'team')).toBe('0 teams');
    expect(countOf(12345, 'service')).toBe('12,345 services');
  });

  it('formats date and time in UTC', () => {
    expect(formatDateTime('2025-03-14T09:30:12Z')).toBe('2025-03-14 09:30 UTC');
  });

  it('shortens entity refs', () => {
    expect(shortName('component:default/orders-service')).toBe(
      'orders-service',
    );
    expect(shortName('component:shop/orders-service')).toBe(
      'shop/orders-service',
    );
    expect(refKind('Domain:default/orders')).toBe('domain');
    expect(refKind('')).toBeUndefined();
  });

  it('filters case-insensitively', () => {
    expect(matchesFilter('ORD', 'orders-service')).toBe(true);
    expect(matchesFilter('pay', 'orders-service', undefined)).toBe(false);
    expect(matchesFilter('  ', 'anything')).toBe(true);
    expect(matchesFilter('über', 'ÜBERSICHT-service')).toBe(true);
    expect(matchesFilter(' Service-7 ', 'component:default/service-77')).toBe(
      true,
    );
  });
});
