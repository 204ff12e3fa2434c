import { InfoCard } from '@backstage/core-components';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { useDomainSplitPageLink } from '../../hooks/useDomainSplitPageLink';
import { useEntityRefString } from '../../hooks/useEntityRefString';
import { DataState } from '../DataState';
import { OwnershipProblems } from '../OwnershipTab';
import { indexProblems } from '@internal/plugin-domain-split-common';
import { TeamOwnership } from '../TeamOwnership';

/**
 * Entity card (Group): the domains this team owns with their services and contracts, the
 * services it owns in other teams' domains, and the ownership problems that concern it.
 * @public
 */
export const EntityTeamDomainsCard = () => {
  const entityRef = useEntityRefString();
  const pageLink = useDomainSplitPageLink();
  // null: the backend does not know this team (yet), an empty state rather than a spinner.
  const state = useDomainSplitData(
    async api => (await api.getTeamOwnership(entityRef)) ?? null,
    [entityRef],
  );
  const team = state.value?.teams.find(t => t.entityRef === entityRef);
  return (
    <InfoCard
      title="Domains"
      subheader="What this team owns in the domain split"
      deepLink={
        pageLink
          ? {
              title: 'Ownership map',
              link: `${pageLink('ownership')}?team=${encodeURIComponent(
                entityRef,
              )}`,
            }
          : undefined
      }
    >
      <DataState
        {...state}
        isEmpty={() =>
          !team ||
          (team.domains.length === 0 &&
            team.components.length === 0 &&
            team.rolledUpDomains.length === 0)
        }
        emptyTitle="This team owns no domain or service"
        emptyHint="Set spec.owner of a Domain (and its Components) to this group."
      >
        {data => {
          if (!team || !data) return null;
          const concerned = new Set([
            team.entityRef,
            ...team.domains,
            ...team.components,
          ]);
          const problems = data.problems.filter(p =>
            p.entityRefs.some(ref => concerned.has(ref)),
          );
          return (
            <>
              <OwnershipProblems problems={problems} />
              <TeamOwnership
                team={team}
                domainsByRef={new Map(data.domains.map(d => [d.entityRef, d]))}
                problems={indexProblems(problems)}
                showMembers={false}
              />
            </>
          );
        }}
      </DataState>
    </InfoCard>
  );
};
