export {
  TeamOwnership,
  DomainBox,
  ProblemMark,
  indexProblems,
} from './TeamOwnership';
export type { ProblemIndex } from './TeamOwnership';
