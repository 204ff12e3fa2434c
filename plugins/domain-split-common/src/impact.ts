import { byString, foldCase } from './refs';
import { IMPACT_LEVELS, ImpactLevel, MatrixCell } from './types';

/**
 * Reads an impact level as written in an annotation (`" Waits "` → `waits`).
 * Returns undefined for anything that is not one of the four levels.
 * @public
 */
export function parseImpactLevel(value: string): ImpactLevel | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const normalised = foldCase(value.trim());
  return IMPACT_LEVELS.find(level => level === normalised);
}

/** Position of a level in the severity order: none 0 … blocked 3. */
export function impactRank(level: ImpactLevel): number {
  return IMPACT_LEVELS.indexOf(level);
}

/**
 * The most severe of the given levels; `none` when given nothing (nothing reached = no impact).
 * @public
 */
export function maxImpact(...levels: ImpactLevel[]): ImpactLevel {
  return levels.reduce<ImpactLevel>(
    (worst, level) => (impactRank(level) > impactRank(worst) ? level : worst),
    'none',
  );
}

/**
 * The least severe of the given levels — the bottleneck of a path; `blocked` when given
 * nothing (the neutral element: a path of no edges passes a failure on unchanged).
 * @public
 */
export function minImpact(...levels: ImpactLevel[]): ImpactLevel {
  return levels.reduce<ImpactLevel>(
    (mildest, level) =>
      impactRank(level) < impactRank(mildest) ? level : mildest,
    'blocked',
  );
}

/** Worst first, then by ref. */
export function compareCells(
  a: MatrixCell,
  b: MatrixCell,
  key: 'affected' | 'failing',
) {
  return (
    impactRank(b.impact) - impactRank(a.impact) || byString(a[key], b[key])
  );
}
