export { EntityFailureImpactContent } from './EntityFailureImpactContent';
