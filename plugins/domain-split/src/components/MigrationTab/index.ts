export { MigrationTab } from './MigrationTab';
