export {
  DomainMigrationDetails,
  PhaseTrack,
  ProgressBar,
  ScheduleChip,
  describeTarget,
} from './DomainMigration';
