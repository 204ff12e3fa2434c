import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CancelIcon from '@mui/icons-material/Cancel';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import {
  DomainMigrationStatus,
  MIGRATION_PHASE_NAMES,
  MigrationCriterion,
  MigrationPhase,
} from '@internal/plugin-domain-split-common';
import { EntityLinkList } from '../EntityLink';

const PHASES: MigrationPhase[] = [0, 1, 2, 3];

const SCHEDULE: Record<
  DomainMigrationStatus['schedule'],
  { label: string; color: 'success' | 'warning' | 'error' | 'info' | 'default' }
> = {
  'on-track': { label: 'on track', color: 'success' },
  'at-risk': { label: 'at risk', color: 'warning' },
  late: { label: 'late', color: 'error' },
  done: { label: 'done', color: 'info' },
  'no-target': { label: 'no target', color: 'default' },
};

/**
 * The schedule status of a domain as a coloured chip.
 * @internal
 */
export const ScheduleChip = ({
  schedule,
}: {
  schedule: DomainMigrationStatus['schedule'];
}) => {
  const s = SCHEDULE[schedule] ?? SCHEDULE['no-target'];
  return <Chip size="small" color={s.color} label={s.label} />;
};

const cell = (filled: boolean, target: boolean) => ({
  width: 28,
  height: 16,
  borderRadius: 0.5,
  bgcolor: filled ? 'primary.main' : 'action.disabledBackground',
  border: target ? '2px solid' : undefined,
  borderColor: 'warning.main',
});
// the four styles a phase cell can have (indexed by "filled"), built once
const CELL = [cell(false, false), cell(true, false)];
const TARGET_CELL = [cell(false, true), cell(true, true)];

/**
 * The four phases as a row of boxes, filled up to the current phase, the target outlined.
 * @internal
 */
export const PhaseTrack = ({
  phase,
  targetPhase,
}: {
  phase: MigrationPhase;
  targetPhase?: MigrationPhase;
}) => (
  <Box
    sx={{ display: 'flex', gap: 0.5 }}
    role="img"
    aria-label={`Phase ${phase} of 3: ${MIGRATION_PHASE_NAMES[phase]}${
      targetPhase !== undefined ? `; target phase ${targetPhase}` : ''
    }`}
  >
    {PHASES.map(p => (
      // a native title, not a MUI Tooltip: this renders on every row of long lists
      <Box
        key={p}
        title={`${p} ${MIGRATION_PHASE_NAMES[p]}${
          p === targetPhase ? ' (target)' : ''
        }`}
        sx={
          p === targetPhase
            ? TARGET_CELL[Number(p <= phase)]
            : CELL[Number(p <= phase)]
        }
      />
    ))}
  </Box>
);

/**
 * A progress bar with its percentage.
 * @internal
 */
export const ProgressBar = ({
  progress,
  label,
}: {
  progress: number;
  label: string;
}) => {
  const value = Math.round(Math.max(0, Math.min(1, progress)) * 100);
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 120 }}>
      <LinearProgress
        variant="determinate"
        value={value}
        sx={{ flex: 1, height: 8, borderRadius: 4 }}
        aria-label={label}
      />
      <Typography variant="caption">{value}%</Typography>
    </Box>
  );
};

const Criterion = ({ criterion }: { criterion: MigrationCriterion }) => (
  <Box component="li" sx={{ mb: 1, listStyle: 'none' }}>
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
      {criterion.met ? (
        <CheckCircleIcon fontSize="small" color="success" titleAccess="met" />
      ) : (
        <CancelIcon fontSize="small" color="error" titleAccess="not met" />
      )}
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {criterion.label}
      </Typography>
    </Box>
    <Box component="ul" sx={{ m: 0, pl: 4 }}>
      {criterion.evidence.map((e, i) => (
        <Typography
          component="li"
          variant="body2"
          key={`e${i}`}
          color="text.secondary"
        >
          {e}
        </Typography>
      ))}
      {criterion.blockers.map((b, i) => (
        <Typography
          component="li"
          variant="body2"
          key={`b${i}`}
          color="error.main"
        >
          {b.message}
          {b.entityRefs.length > 0 && (
            <>
              {': '}
              <EntityLinkList entityRefs={b.entityRefs} />
            </>
          )}
          {b.url && (
            <>
              {' · '}
              <a href={b.url} target="_blank" rel="noopener noreferrer">
                open the run
              </a>
            </>
          )}
        </Typography>
      ))}
      {!!criterion.moreEvidence && (
        <Typography component="li" variant="body2" color="text.secondary">
          … and {criterion.moreEvidence} more
        </Typography>
      )}
      {!!criterion.moreBlockers && (
        <Typography component="li" variant="body2" color="error.main">
          … and {criterion.moreBlockers} more{' '}
          {criterion.moreBlockers === 1 ? 'blocker' : 'blockers'}
        </Typography>
      )}
    </Box>
  </Box>
);

/** Evidence lines and blockers the bounded answer left out (counted), over every criterion. */
function leftOut(status: DomainMigrationStatus): number {
  const criteria = [
    ...status.phaseCriteria.flatMap(p => p.criteria),
    ...status.steps.flatMap(s => s.criteria),
  ];
  return (
    (status.moreNextBlockers ?? 0) +
    criteria.reduce(
      (sum, c) => sum + (c.moreEvidence ?? 0) + (c.moreBlockers ?? 0),
      0,
    )
  );
}

const Section = ({
  title,
  met,
  criteria,
  defaultExpanded,
}: {
  title: string;
  met: boolean;
  criteria: MigrationCriterion[];
  defaultExpanded?: boolean;
}) => {
  const metCount = criteria.filter(c => c.met).length;
  return (
    <Accordion
      disableGutters
      variant="outlined"
      defaultExpanded={defaultExpanded}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          {met ? (
            <CheckCircleIcon
              fontSize="small"
              color="success"
              titleAccess="met"
            />
          ) : (
            <CancelIcon fontSize="small" color="error" titleAccess="not met" />
          )}
          <Typography variant="body2">{title}</Typography>
          <Typography variant="caption" color="text.secondary">
            {metCount}/{criteria.length} criteria
          </Typography>
        </Box>
      </AccordionSummary>
      <AccordionDetails>
        {criteria.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            No criteria.
          </Typography>
        ) : (
          <Box component="ul" sx={{ m: 0, p: 0 }}>
            {criteria.map(c => (
              <Criterion key={c.id} criterion={c} />
            ))}
          </Box>
        )}
      </AccordionDetails>
    </Accordion>
  );
};

/**
 * The evidence of one domain's migration: criteria of phases 1 and 2 and the four playbook
 * steps of phase 3, each expandable to its evidence or its blockers.
 * @internal
 */
export const DomainMigrationDetails = ({
  status,
  onShowAll,
}: {
  status: DomainMigrationStatus;
  /** Asks for the whole lists when the answer left some evidence or blockers out. */
  onShowAll?: () => void;
}) => {
  const steps = [...status.steps].sort((a, b) => a.step - b.step);
  const firstUnmet = steps.find(s => !s.met)?.step;
  const more = leftOut(status);
  return (
    <Box>
      {more > 0 && onShowAll && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
          <Typography variant="caption" color="text.secondary">
            Each list shows its first entries; {more} more are left out.
          </Typography>
          <Button size="small" onClick={onShowAll}>
            Show all
          </Button>
        </Box>
      )}
      {status.nextBlockers.length > 0 && (
        <Box sx={{ mb: 1 }}>
          <Typography variant="subtitle2">Blocks the next step</Typography>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {status.nextBlockers.map((b, i) => (
              <Typography component="li" variant="body2" key={i}>
                {b}
              </Typography>
            ))}
            {!!status.moreNextBlockers && (
              <Typography component="li" variant="body2">
                … and {status.moreNextBlockers} more
              </Typography>
            )}
          </Box>
        </Box>
      )}
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        Phases
      </Typography>
      {[...status.phaseCriteria]
        .sort((a, b) => a.phase - b.phase)
        .map(p => (
          <Section
            key={`phase-${p.phase}`}
            title={`Phase ${p.phase}: ${MIGRATION_PHASE_NAMES[p.phase]}`}
            met={p.met}
            criteria={p.criteria}
          />
        ))}
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        Physical split playbook
      </Typography>
      {steps.map(s => (
        <Section
          key={`step-${s.step}`}
          title={`Step ${s.step}: ${s.label}`}
          met={s.met}
          criteria={s.criteria}
          defaultExpanded={status.phase >= 2 && s.step === firstUnmet}
        />
      ))}
    </Box>
  );
};

/**
 * The target of a domain in words: "Physical split by 2025-06-30".
 * @internal
 */
export function describeTarget(
  status: Pick<DomainMigrationStatus, 'targetPhase' | 'targetDate'>,
): string {
  if (status.targetPhase === undefined && !status.targetDate) {
    return 'no target';
  }
  const phase =
    status.targetPhase !== undefined
      ? `${status.targetPhase} ${MIGRATION_PHASE_NAMES[status.targetPhase]}`
      : 'target';
  return status.targetDate ? `${phase} by ${status.targetDate}` : phase;
}
