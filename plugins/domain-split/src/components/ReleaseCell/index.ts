export {
  ReleaseCell,
  ReleaseMarksLegend,
  DeploymentStatusChip,
} from './ReleaseCell';
