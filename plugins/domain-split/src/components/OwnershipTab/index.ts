export { OwnershipTab, OwnershipProblems } from './OwnershipTab';
