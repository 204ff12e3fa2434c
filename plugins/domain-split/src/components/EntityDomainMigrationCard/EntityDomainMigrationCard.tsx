import { InfoCard } from '@backstage/core-components';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { MIGRATION_PHASE_NAMES } from '@internal/plugin-domain-split-common';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { useDomainSplitPageLink } from '../../hooks/useDomainSplitPageLink';
import { useEntityRefString } from '../../hooks/useEntityRefString';
import { AnnotationProblemsList } from '../AnnotationProblemsList';
import { DataState } from '../DataState';
import {
  DomainMigrationDetails,
  describeTarget,
  PhaseTrack,
  ProgressBar,
  ScheduleChip,
} from '../DomainMigration';

/**
 * Entity card (Domain): the migration phase of this domain, its progress and schedule, and
 * the phase criteria and playbook steps with their evidence or blockers.
 * @public
 */
export const EntityDomainMigrationCard = () => {
  const entityRef = useEntityRefString();
  const pageLink = useDomainSplitPageLink();
  const state = useDomainSplitData(api => api.getMigrationStatus(), []);
  const status = state.value?.domains.find(d => d.domainRef === entityRef);
  const problems =
    state.value?.annotationProblems.filter(p => p.entityRef === entityRef) ??
    [];
  return (
    <InfoCard
      title="Domain migration"
      subheader="From monorepo to physical split, computed from evidence"
      deepLink={
        pageLink
          ? { title: 'All domains', link: pageLink('migration') }
          : undefined
      }
    >
      <DataState
        {...state}
        isEmpty={() => !status}
        emptyTitle="No migration status for this domain"
        emptyHint="The backend computes the status of every Domain entity; it appears after the next catalog read."
      >
        {() =>
          status && (
            <>
              <Box
                sx={{
                  display: 'flex',
                  alignItems: 'center',
                  gap: 2,
                  flexWrap: 'wrap',
                  mb: 1,
                }}
              >
                <Typography variant="h6" component="h3">
                  Phase {status.phase}: {MIGRATION_PHASE_NAMES[status.phase]}
                </Typography>
                <PhaseTrack
                  phase={status.phase}
                  targetPhase={status.targetPhase}
                />
                <ScheduleChip schedule={status.schedule} />
              </Box>
              <Typography variant="body2" sx={{ mb: 1 }}>
                Target: {describeTarget(status)}
              </Typography>
              <Box sx={{ mb: 2 }}>
                <ProgressBar
                  progress={status.progress}
                  label="Migration progress"
                />
              </Box>
              <DomainMigrationDetails status={status} />
              <AnnotationProblemsList problems={problems} />
            </>
          )
        }
      </DataState>
    </InfoCard>
  );
};
