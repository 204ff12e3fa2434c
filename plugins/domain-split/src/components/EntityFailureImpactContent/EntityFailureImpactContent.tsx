import { InfoCard } from '@backstage/core-components';
import Box from '@mui/material/Box';
import { useDomainSplitPageLink } from '../../hooks/useDomainSplitPageLink';
import { useEntityRefString } from '../../hooks/useEntityRefString';
import { BlastRadius } from '../BlastRadius';
import { ImpactLegend } from '../ImpactChip';

/**
 * Entity content tab: the whole blast radius of this entity, side by side: what it takes
 * down (and how badly users are hit) and what can take it down, each with its path.
 * @public
 */
export const EntityFailureImpactContent = () => {
  const entityRef = useEntityRefString();
  const pageLink = useDomainSplitPageLink();
  return (
    <InfoCard
      title="Failure impact"
      subheader="What breaks when this fails, and what can break it"
      deepLink={
        pageLink
          ? {
              title: 'Failure-isolation matrix',
              link: `${pageLink(
                'failure-isolation',
              )}?entity=${encodeURIComponent(entityRef)}`,
            }
          : undefined
      }
    >
      <Box sx={{ mb: 2 }}>
        <ImpactLegend />
      </Box>
      <BlastRadius entityRef={entityRef} />
    </InfoCard>
  );
};
