export {
  TeamOwnership,
  ChipList,
  DomainBox,
  DomainBoxList,
  DOMAIN_LIMIT,
  ProblemMark,
  indexComponentHomes,
  indexProblems,
  servicesElsewhere,
} from './TeamOwnership';
export type { ComponentHome, ProblemIndex } from './TeamOwnership';
