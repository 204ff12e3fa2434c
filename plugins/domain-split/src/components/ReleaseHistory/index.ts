export { ReleaseHistory, ReleaseHistoryTables } from './ReleaseHistory';
