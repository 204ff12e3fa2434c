export {
  TeamOwnership,
  ChipList,
  DomainBox,
  DomainBoxList,
  DOMAIN_LIMIT,
  ProblemMark,
} from './TeamOwnership';
