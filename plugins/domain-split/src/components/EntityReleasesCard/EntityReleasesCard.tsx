import { InfoCard } from '@backstage/core-components';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { CurrentRelease } from '@internal/plugin-domain-split-common';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { useDomainSplitPageLink } from '../../hooks/useDomainSplitPageLink';
import { useEntityRefString } from '../../hooks/useEntityRefString';
import { DataState } from '../DataState';
import { ReleaseCell, ReleaseMarksLegend } from '../ReleaseCell';
import { ReleaseHistory } from '../ReleaseHistory';

/**
 * Entity card: the version of this service live in each environment (age, rollback,
 * contract-test and lockstep marks) and its latest deployments.
 * @public
 */
export const EntityReleasesCard = () => {
  const entityRef = useEntityRefString();
  const pageLink = useDomainSplitPageLink();
  const state = useDomainSplitData(
    api => api.getReleases({ entityRef }),
    [entityRef],
  );
  const mine = state.value?.current ?? [];
  const service = mine[0]?.service;
  const environments = state.value
    ? [
        ...state.value.environments.filter(env =>
          mine.some(r => r.environment === env),
        ),
        ...mine
          .map(r => r.environment)
          .filter(env => !state.value!.environments.includes(env)),
      ]
    : [];
  const byEnv = new Map<string, CurrentRelease>(
    mine.map(r => [r.environment, r]),
  );
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
        emptyTitle="No releases of this service yet"
        emptyHint="No CI events yet — run yarn demo:events, or point this service's CI at /api/domain-split/webhooks/ci."
      >
        {() => (
          <>
            <Box
              component="table"
              sx={{ borderCollapse: 'collapse', width: '100%', mb: 2 }}
              aria-label="Current releases"
            >
              <tbody>
                {environments.map(env => (
                  <Box
                    component="tr"
                    key={env}
                    sx={{ borderBottom: 1, borderColor: 'divider' }}
                  >
                    <Box
                      component="th"
                      scope="row"
                      sx={{ textAlign: 'left', py: 1, pr: 2, width: '30%' }}
                    >
                      <Typography variant="body2">{env}</Typography>
                    </Box>
                    <Box component="td" sx={{ py: 1 }}>
                      <ReleaseCell release={byEnv.get(env)} />
                    </Box>
                  </Box>
                ))}
              </tbody>
            </Box>
            <ReleaseMarksLegend />
            {service && (
              <Box sx={{ mt: 2 }}>
                <Typography variant="subtitle2" sx={{ mb: 1 }}>
                  Latest deployments
                </Typography>
                <ReleaseHistory service={service} limit={5} />
              </Box>
            )}
          </>
        )}
      </DataState>
    </InfoCard>
  );
};
