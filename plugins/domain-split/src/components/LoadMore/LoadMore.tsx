import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { formatCount } from '../../utils/format';

/**
 * The foot of a list read from the backend a page at a time: the last page's error with
 * "Retry", a progress line while a page loads, otherwise "Show N more" and "n of total shown"
 * while some are left. `onMore` asks the page after the `shown` items (also on Retry).
 * @internal
 */
export const LoadMore = ({
  what,
  shown,
  total,
  pageSize,
  loading,
  error,
  onMore,
}: {
  /** What the list holds, for the error line ("the violations"). */
  what: string;
  shown: number;
  /** How many match in all; unknown before the first page. */
  total: number | undefined;
  pageSize: number;
  loading: boolean;
  error?: Error;
  onMore: () => void;
}) => (
  <>
    {error && (
      <Box role="alert" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="body2" color="error">
          Could not load {what}:{' '}
          {(error as { cause?: Error }).cause?.message ?? error.message}
        </Typography>
        <Button size="small" onClick={onMore}>
          Retry
        </Button>
      </Box>
    )}
    {loading ? (
      <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <CircularProgress size={14} />
        <Typography variant="body2" color="text.secondary">
          Loading…
        </Typography>
      </Box>
    ) : (
      total !== undefined &&
      shown < total && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Button size="small" onClick={onMore}>
            Show {formatCount(Math.min(pageSize, total - shown))} more
          </Button>
          <Typography variant="caption" color="text.secondary">
            {formatCount(shown)} of {formatCount(total)} shown
          </Typography>
        </Box>
      )
    )}
  </>
);
