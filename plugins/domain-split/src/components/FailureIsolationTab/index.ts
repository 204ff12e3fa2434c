export { FailureIsolationTab } from './FailureIsolationTab';
