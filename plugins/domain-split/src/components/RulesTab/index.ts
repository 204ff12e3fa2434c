export { RulesTab } from './RulesTab';
export { ViolationList, groupByRule, lifecycleText } from './ViolationList';
