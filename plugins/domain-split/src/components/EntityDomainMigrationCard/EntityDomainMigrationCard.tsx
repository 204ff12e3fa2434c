import { InfoCard } from '@backstage/core-components';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { MIGRATION_PHASE_NAMES } from '@internal/plugin-domain-split-common';
import { useDomainMigration } from '../../hooks/useDomainMigration';
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
  // null: the backend does not know this domain (yet), an empty state rather than a spinner.
  const { showAll, ...state } = useDomainMigration(entityRef);
  const status = state.value?.domain;
  const problems = state.value?.annotationProblems ?? [];
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
        keepContentWhileLoading
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
              <DomainMigrationDetails status={status} onShowAll={showAll} />
              <AnnotationProblemsList problems={problems} />
            </>
          )
        }
      </DataState>
    </InfoCard>
  );
};
