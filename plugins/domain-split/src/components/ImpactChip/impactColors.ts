import type { ImpactLevel } from '@internal/plugin-domain-split-common';

/**
 * Colours of the impact levels: blocked = red, waits = orange, degraded = yellow,
 * none = green. `fg` is the readable text colour on `bg`.
 * @internal
 */
export const IMPACT_COLORS: Record<ImpactLevel, { bg: string; fg: string }> = {
  blocked: { bg: '#d32f2f', fg: '#ffffff' },
  waits: { bg: '#ef6c00', fg: '#ffffff' },
  degraded: { bg: '#fdd835', fg: '#212121' },
  none: { bg: '#2e7d32', fg: '#ffffff' },
};

/**
 * The short word shown inside a matrix cell.
 * @internal
 */
export const IMPACT_SHORT: Record<ImpactLevel, string> = {
  blocked: 'blocked',
  waits: 'waits',
  degraded: 'degraded',
  none: 'none',
};
