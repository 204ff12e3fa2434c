export { EntityLink, EntityLinkList } from './EntityLink';
export type { EntityLinkProps } from './EntityLink';
