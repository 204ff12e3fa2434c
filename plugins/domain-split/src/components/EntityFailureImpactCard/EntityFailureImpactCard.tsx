import { InfoCard } from '@backstage/core-components';
import { useDomainSplitPageLink } from '../../hooks/useDomainSplitPageLink';
import { useEntityRefString } from '../../hooks/useEntityRefString';
import { BlastRadiusSummary } from '../BlastRadius';
import { ImpactLegend } from '../ImpactChip';
import Box from '@mui/material/Box';

/**
 * The blast radius of the page's entity in a card, from bounded answers (never the whole radius):
 * `compact` (the card) shows the counts and the worst entries; otherwise (the content tab) every
 * entry, side by side, a page at a time.
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
      <BlastRadiusSummary entityRef={entityRef} compact={compact} />
    </InfoCard>
  );
};

/**
 * Entity card: how badly users are hit when this entity fails, how many entities it takes down
 * at each impact level, the affected domains and the worst hits (each with the dependency path
 * that explains it, on demand), and the same for what can take it down.
 * @public
 */
export const EntityFailureImpactCard = () => <FailureImpactInfoCard compact />;
