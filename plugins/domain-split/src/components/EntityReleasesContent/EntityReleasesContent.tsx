import { InfoCard } from '@backstage/core-components';
import Grid from '@mui/material/Grid';
import { DataState } from '../DataState';
import {
  CurrentReleasesTable,
  noReleasesText,
  useServiceReleases,
} from '../EntityReleasesCard';
import { ReleaseMarksLegend } from '../ReleaseCell';
import { ReleaseHistory } from '../ReleaseHistory';

/**
 * Entity content tab (Component pages): the version of this service live in each environment
 * and its whole deployment and test-run history, searchable and paged.
 * @public
 */
export const EntityReleasesContent = () => {
  const { state, mine, service, environments, byEnvironment } =
    useServiceReleases();
  return (
    <DataState {...state} isEmpty={() => mine.length === 0} {...noReleasesText}>
      {() => (
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <InfoCard
              title="Live versions"
              subheader="What version of this service runs where"
            >
              <CurrentReleasesTable
                environments={environments}
                byEnvironment={byEnvironment}
              />
              <ReleaseMarksLegend />
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            {service && (
              <InfoCard
                title={`History of ${service}`}
                subheader="Every deployment and test run CI reported, newest first"
              >
                <ReleaseHistory service={service} />
              </InfoCard>
            )}
          </Grid>
        </Grid>
      )}
    </DataState>
  );
};
