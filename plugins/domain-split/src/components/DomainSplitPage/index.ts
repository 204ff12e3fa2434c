export { DomainSplitPage } from './DomainSplitPage';
