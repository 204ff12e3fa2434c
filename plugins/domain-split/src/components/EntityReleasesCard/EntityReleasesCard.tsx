import { InfoCard } from '@backstage/core-components';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useDomainSplitPageLink } from '../../hooks/useDomainSplitPageLink';
import { DataState } from '../DataState';
import { ReleaseMarksLegend } from '../ReleaseCell';
import { ReleaseHistory } from '../ReleaseHistory';
import { CurrentReleasesTable } from './CurrentReleasesTable';
import { useServiceReleases } from './useServiceReleases';

/** What the card and the Releases content tab say when a service has no releases yet. */
export const noReleasesText = {
  emptyTitle: 'No releases of this service yet',
  emptyHint:
    "No CI events yet — run yarn demo:events, or point this service's CI at /api/domain-split/webhooks/ci.",
};

/**
 * Entity card: the version of this service live in each environment (age, rollback,
 * contract-test and lockstep marks) and its latest deployments.
 * @public
 */
export const EntityReleasesCard = ({
  latestDeployments = 5,
}: {
  /** How many of the latest deployments the card lists (default 5). */
  latestDeployments?: number;
}) => {
  const pageLink = useDomainSplitPageLink();
  const { state, mine, service, environments, byEnvironment } =
    useServiceReleases();
  return (
    <InfoCard
      title="Releases"
      subheader="What version of this service runs where"
      deepLink={
        pageLink && service
          ? {
              title: 'Full history',
              link: `${pageLink('releases')}?service=${encodeURIComponent(
                service,
              )}`,
            }
          : undefined
      }
    >
      <DataState
        {...state}
        isEmpty={() => mine.length === 0}
        {...noReleasesText}
      >
        {() => (
          <>
            <CurrentReleasesTable
              environments={environments}
              byEnvironment={byEnvironment}
            />
            <ReleaseMarksLegend />
            {service && latestDeployments > 0 && (
              <Box sx={{ mt: 2 }}>
                <Typography variant="subtitle2" sx={{ mb: 1 }}>
                  Latest deployments
                </Typography>
                <ReleaseHistory service={service} limit={latestDeployments} />
              </Box>
            )}
          </>
        )}
      </DataState>
    </InfoCard>
  );
};
