import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { ImpactEdge } from './types';

/**
 * Lower-case as Backstage's `stringifyEntityRef` lower-cases refs: `toLowerCase`, the default
 * Unicode mapping. The same result as `toLocaleLowerCase('en-US')` (English has no
 * language-specific mappings), independent of the machine's locale, and many times cheaper (the
 * locale-aware call was a sixth of a 10,000-service graph build; see benchmarks/README.md).
 * @public
 */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/**
 * Normalises an entity reference: full, lower-case `kind:namespace/name` (`stringifyEntityRef`
 * lower-cases it).
 * Returns undefined when the text is not a reference at all.
 */
export function normaliseRef(
  raw: unknown,
  defaultKind?: string,
  defaultNamespace = 'default',
): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') {
    return undefined;
  }
  try {
    const parsed = parseEntityRef(raw.trim(), {
      defaultKind,
      defaultNamespace,
    });
    return stringifyEntityRef(parsed);
  } catch {
    return undefined;
  }
}

/** The kind part of a normalised ref. */
export function kindOfRef(ref: string): string {
  return ref.slice(0, ref.indexOf(':'));
}

/** The name part of a normalised ref. */
export function nameOfRef(ref: string): string {
  return ref.slice(ref.indexOf('/') + 1);
}

/** Orders strings by code unit (stable across locales). */
export function byString(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** Sorts edges by consumer, provider, then via, so every output built from them is stable. */
export function compareEdges(a: ImpactEdge, b: ImpactEdge): number {
  return (
    byString(a.consumer, b.consumer) ||
    byString(a.provider, b.provider) ||
    byString(a.via, b.via)
  );
}

/** The trimmed text of a value, or undefined for anything else and for blank text. */
export function readText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}
