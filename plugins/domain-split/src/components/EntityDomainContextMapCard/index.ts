export { EntityDomainContextMapCard } from './EntityDomainContextMapCard';
