import { parseEntityRef } from '@backstage/catalog-model';
import { foldCase } from '@internal/plugin-domain-split-common';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

// One formatter each, built once: Intl constructors (and toLocaleString with a locale, which
// builds one per call) are costly when a grid formats hundreds of cells.
const RELATIVE_TIME = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const COUNT = new Intl.NumberFormat('en-US');

/**
 * A whole number as `toLocaleString('en-US')` writes it: "10,000".
 * @internal
 */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/**
 * A count with its noun, plural unless one: "1 team", "10,000 services".
 * @internal
 */
export function countOf(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

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
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return RELATIVE_TIME.format(Math.round(seconds / size), unit);
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
    return foldCase(parseEntityRef(entityRef).kind);
  } catch {
    return undefined;
  }
}

/**
 * Case-insensitive "contains" used by every filter input; in common, so that the backend's
 * GET /rules/violations?q= matches as the browser does.
 * @internal
 */
export { matchesFilter } from '@internal/plugin-domain-split-common';
