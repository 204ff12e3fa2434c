export { RulesTab, ViolationList, groupByRule } from './RulesTab';
