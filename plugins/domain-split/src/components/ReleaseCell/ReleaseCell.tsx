import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import UndoIcon from '@mui/icons-material/Undo';
import GppMaybeIcon from '@mui/icons-material/GppMaybe';
import LinkIcon from '@mui/icons-material/Link';
import type {
  CurrentRelease,
  DeploymentStatus,
} from '@internal/plugin-domain-split-common';
import { formatAge, formatDateTime, shortName } from '../../utils/format';

const STATUS_COLORS: Record<
  DeploymentStatus,
  'success' | 'error' | 'info' | 'warning'
> = {
  success: 'success',
  failure: 'error',
  in_progress: 'info',
  rolled_back: 'warning',
};

/**
 * The status of a deployment as a small chip (nothing for plain success unless `always`).
 * @internal
 */
export const DeploymentStatusChip = ({
  status,
  always,
}: {
  status: DeploymentStatus;
  always?: boolean;
}) => {
  if (status === 'success' && !always) {
    return null;
  }
  return (
    <Chip
      size="small"
      variant="outlined"
      color={STATUS_COLORS[status] ?? 'default'}
      label={status.replace('_', ' ')}
      sx={{ height: 18, fontSize: '0.7rem' }}
    />
  );
};

/**
 * The marks of a release: rollback, deployed without contract tests, deployed in lockstep.
 * Each is an icon with a tooltip and an accessible label.
 * @internal
 */
export const ReleaseMarks = ({ release }: { release: CurrentRelease }) => {
  const marks: { key: string; label: string; icon: JSX.Element }[] = [];
  if (release.rollback) {
    marks.push({
      key: 'rollback',
      label: release.previousVersion
        ? `Rollback (replaced ${release.previousVersion})`
        : 'Rollback',
      icon: <UndoIcon fontSize="inherit" color="warning" />,
    });
  }
  if (release.withoutContractTests) {
    marks.push({
      key: 'contract',
      label:
        'No contract tests: no passing contract-test run for this version before the deploy',
      icon: <GppMaybeIcon fontSize="inherit" color="error" />,
    });
  }
  if (release.lockstepWith.length > 0) {
    marks.push({
      key: 'lockstep',
      label: `Lockstep: deployed together with ${release.lockstepWith
        .map(shortName)
        .join(', ')}`,
      icon: <LinkIcon fontSize="inherit" color="secondary" />,
    });
  }
  return (
    <>
      {marks.map(m => (
        <Tooltip key={m.key} title={m.label}>
          <Box
            component="span"
            role="img"
            aria-label={m.label}
            sx={{
              display: 'inline-flex',
              fontSize: 18,
              ml: 0.5,
              verticalAlign: 'middle',
            }}
          >
            {m.icon}
          </Box>
        </Tooltip>
      ))}
    </>
  );
};

/**
 * What runs in one environment: version, age ("3 days ago"), status and marks.
 * @internal
 */
export const ReleaseCell = ({
  release,
  now,
}: {
  release?: CurrentRelease;
  /** For stable tests; defaults to the current time. */
  now?: number;
}) => {
  if (!release) {
    return (
      <Typography variant="body2" color="text.disabled">
        —
      </Typography>
    );
  }
  return (
    <Box sx={{ minWidth: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'nowrap' }}>
        <Typography
          variant="body2"
          component="span"
          sx={{ fontFamily: 'monospace', fontWeight: 600 }}
          noWrap
        >
          {release.pipelineUrl ? (
            <a
              href={release.pipelineUrl}
              target="_blank"
              rel="noopener noreferrer"
            >
              {release.version}
            </a>
          ) : (
            release.version
          )}
        </Typography>
        <ReleaseMarks release={release} />
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
        <Tooltip describeChild title={formatDateTime(release.deployedAt)}>
          <Typography variant="caption" color="text.secondary" noWrap>
            {formatAge(release.deployedAt, now)}
          </Typography>
        </Tooltip>
        <DeploymentStatusChip status={release.status} />
      </Box>
    </Box>
  );
};

/**
 * The legend of the release marks.
 * @internal
 */
export const ReleaseMarksLegend = () => (
  <Box
    sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}
    aria-label="Release marks legend"
  >
    <Typography
      variant="caption"
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
    >
      <UndoIcon fontSize="small" color="warning" /> rollback
    </Typography>
    <Typography
      variant="caption"
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
    >
      <GppMaybeIcon fontSize="small" color="error" /> no contract tests before
      deploy
    </Typography>
    <Typography
      variant="caption"
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
    >
      <LinkIcon fontSize="small" color="secondary" /> deployed in lockstep with
      another domain
    </Typography>
  </Box>
);
