export {
  CellImpactPath,
  CellRows,
  UsersPathOnDemand,
  ImpactPath,
  describeEdge,
} from './BlastRadius';
export type { PathRequest } from './BlastRadius';
export {
  BlastRadiusSummary,
  BlastRadiusSummaryView,
  PagedEntries,
} from './BlastRadiusSummary';
