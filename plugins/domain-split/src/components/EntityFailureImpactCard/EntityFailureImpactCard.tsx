import { InfoCard } from '@backstage/core-components';
import { useDomainSplitPageLink } from '../../hooks/useDomainSplitPageLink';
import { useEntityRefString } from '../../hooks/useEntityRefString';
import { BlastRadius } from '../BlastRadius';
import { ImpactLegend } from '../ImpactChip';
import Box from '@mui/material/Box';

/**
 * The blast radius of the page's entity in a card; `compact` (the card) or whole, side by side
 * (the content tab).
 * @internal
 */
export const FailureImpactInfoCard = ({ compact }: { compact: boolean }) => {
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
      <BlastRadius entityRef={entityRef} compact={compact} />
    </InfoCard>
  );
};

/**
 * Entity card: what fails when this entity fails (and how badly users are hit), and what
 * can take it down, each with the dependency path that explains it.
 * @public
 */
export const EntityFailureImpactCard = () => <FailureImpactInfoCard compact />;
