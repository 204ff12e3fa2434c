import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { CurrentRelease } from '@internal/plugin-domain-split-common';
import { ReleaseCell } from '../ReleaseCell';

/**
 * One row per environment: the version of one service live there, with its marks.
 * @internal
 */
export const CurrentReleasesTable = ({
  environments,
  byEnvironment,
}: {
  environments: string[];
  byEnvironment: Map<string, CurrentRelease>;
}) => (
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
            <ReleaseCell release={byEnvironment.get(env)} />
          </Box>
        </Box>
      ))}
    </tbody>
  </Box>
);
