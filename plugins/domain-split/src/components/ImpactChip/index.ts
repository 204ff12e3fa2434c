export { ImpactChip, ImpactLegend } from './ImpactChip';
export { IMPACT_COLORS, IMPACT_SHORT } from './impactColors';
