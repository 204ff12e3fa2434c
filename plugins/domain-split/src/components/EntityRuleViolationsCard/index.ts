export { EntityRuleViolationsCard } from './EntityRuleViolationsCard';
