import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { styled } from '@mui/material/styles';
import UndoIcon from '@mui/icons-material/Undo';
import GppMaybeIcon from '@mui/icons-material/GppMaybe';
import LinkIcon from '@mui/icons-material/Link';
import type {
  CurrentRelease,
  DeploymentStatus,
} from '@internal/plugin-domain-split-common';
import { formatAge, formatDateTime, shortName } from '../../utils/format';
import { LazyTooltip } from '../LazyTooltip';

/**
 * A release cell's look in one styled element, its parts by class name: a grid renders
 * hundreds of cells, and a styled element (Box, Typography, sx) per part costs a style
 * computation each. The parts look as the Typography variants and Box styles they stand for.
 */
const CellRoot = styled('div')(({ theme }) => ({
  minWidth: 0,
  '& .release-line': {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'nowrap',
  },
  '& .release-version': {
    margin: 0,
    ...theme.typography.body2,
    fontFamily: 'monospace',
    fontWeight: 600,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  '& .release-mark': {
    display: 'inline-flex',
    fontSize: 18,
    marginLeft: theme.spacing(0.5),
    verticalAlign: 'middle',
  },
  '& .release-meta': {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  '& .release-age': {
    margin: 0,
    ...theme.typography.caption,
    color: theme.palette.text.secondary,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
}));

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
 */
function marksOf(release: CurrentRelease) {
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
  return marks;
}

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
    <CellRoot>
      <div className="release-line">
        <span className="release-version">
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
        </span>
        {marksOf(release).map(m => (
          <LazyTooltip key={m.key} title={m.label}>
            <span className="release-mark" role="img" aria-label={m.label}>
              {m.icon}
            </span>
          </LazyTooltip>
        ))}
      </div>
      <div className="release-meta">
        <LazyTooltip describeChild title={formatDateTime(release.deployedAt)}>
          <span className="release-age">
            {formatAge(release.deployedAt, now)}
          </span>
        </LazyTooltip>
        <DeploymentStatusChip status={release.status} />
      </div>
    </CellRoot>
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
