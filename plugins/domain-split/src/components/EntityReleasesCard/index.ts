export { EntityReleasesCard } from './EntityReleasesCard';
