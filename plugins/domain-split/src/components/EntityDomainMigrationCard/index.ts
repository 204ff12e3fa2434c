export { EntityDomainMigrationCard } from './EntityDomainMigrationCard';
