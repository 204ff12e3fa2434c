export { EntityFailureImpactCard } from './EntityFailureImpactCard';
