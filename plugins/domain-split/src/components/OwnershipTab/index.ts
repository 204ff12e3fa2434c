export { OwnershipTab } from './OwnershipTab';
export { OwnershipProblems } from './OwnershipProblems';
