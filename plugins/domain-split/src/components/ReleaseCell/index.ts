export {
  ReleaseCell,
  ReleaseMarks,
  ReleaseMarksLegend,
  DeploymentStatusChip,
} from './ReleaseCell';
