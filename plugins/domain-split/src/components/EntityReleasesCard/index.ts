export { EntityReleasesCard, noReleasesText } from './EntityReleasesCard';
export { CurrentReleasesTable } from './CurrentReleasesTable';
export { useServiceReleases } from './useServiceReleases';
