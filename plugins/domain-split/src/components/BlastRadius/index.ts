export {
  BlastRadius,
  BlastRadiusView,
  ImpactPath,
  describeEdge,
} from './BlastRadius';
