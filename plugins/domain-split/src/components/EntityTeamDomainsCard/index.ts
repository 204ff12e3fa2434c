export { EntityTeamDomainsCard } from './EntityTeamDomainsCard';
