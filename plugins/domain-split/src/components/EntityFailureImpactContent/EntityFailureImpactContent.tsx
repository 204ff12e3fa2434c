import { FailureImpactInfoCard } from '../EntityFailureImpactCard/EntityFailureImpactCard';

/**
 * Entity content tab: the whole blast radius of this entity, side by side, a page at a time
 * (filterable by impact level): what it takes down (and how badly users are hit) and what can
 * take it down, each with its path on demand.
 * @public
 */
export const EntityFailureImpactContent = () => (
  <FailureImpactInfoCard compact={false} />
);
