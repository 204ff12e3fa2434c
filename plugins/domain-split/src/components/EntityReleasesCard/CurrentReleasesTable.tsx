import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { CurrentRelease } from '@internal/plugin-domain-split-common';
import { CanIDeployButton } from '../CanIDeploy';
import { ReleaseCell } from '../ReleaseCell';

/**
 * One row per environment: the version of one service live there, with its marks, and (given
 * the service) the deploy gate's "Can I deploy…?" for that environment.
 * @internal
 */
export const CurrentReleasesTable = ({
  environments,
  byEnvironment,
  service,
}: {
  environments: string[];
  byEnvironment: Map<string, CurrentRelease>;
  /** The service as CI names it: adds a "Can I deploy…?" button per environment. */
  service?: string;
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
          {service && (
            <Box component="td" sx={{ py: 1, textAlign: 'right' }}>
              <CanIDeployButton
                service={service}
                environment={env}
                label="Can I deploy…?"
              />
            </Box>
          )}
        </Box>
      ))}
    </tbody>
  </Box>
);
