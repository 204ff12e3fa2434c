import { matchesQuery } from '@internal/plugin-domain-split-common';
import { parseEntityRef } from '@backstage/catalog-model';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * How long ago an ISO 8601 time was, in words: "3 days ago", "yesterday", "in 2 hours".
 * Returns the input unchanged when it is not a date.
 * @internal
 */
export function formatAge(iso: string, now: number = Date.now()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    return iso;
  }
  const seconds = Math.round((time - now) / 1000);
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return iso;
}

/**
 * A date and time for tooltips and tables, e.g. "2025-03-14 09:30 UTC".
 * @internal
 */
export function formatDateTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    return iso;
  }
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The short name of an entity ref (`component:default/orders-service` → `orders-service`),
 * with the namespace when it is not `default`. Leaves unparsable input as it is.
 * @internal
 */
export function shortName(entityRef: string): string {
  try {
    const { namespace, name } = parseEntityRef(entityRef);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return entityRef;
  }
}

/**
 * The kind of an entity ref, lower-case, or undefined when it is not a ref.
 * @internal
 */
export function refKind(entityRef: string): string | undefined {
  try {
    return parseEntityRef(entityRef).kind.toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * Whether a search matches one of `texts` (common's `matchesQuery`: the routes that search on
 * the server use the same rule).
 * @internal
 */
export const matchesFilter = matchesQuery;
