export {
  BlastRadius,
  BlastRadiusView,
  CellImpactPath,
  ImpactPath,
  describeEdge,
} from './BlastRadius';
export type { PathRequest } from './BlastRadius';
