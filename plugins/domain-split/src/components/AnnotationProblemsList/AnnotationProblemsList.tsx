import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { AnnotationProblem } from '@internal/plugin-domain-split-common';
import { EntityLink } from '../EntityLink';

/**
 * Problems with `domain-split/` annotations (bad or unknown values), each on its entity.
 * Renders nothing when there are none.
 * @internal
 */
export const AnnotationProblemsList = ({
  problems,
  total = problems.length,
  title = 'Annotation problems',
}: {
  problems: AnnotationProblem[];
  /** How many there are, when `problems` are only the first (a page's answer). */
  total?: number;
  title?: string;
}) => {
  if (problems.length === 0) {
    return null;
  }
  return (
    <Alert severity="warning" sx={{ mt: 2 }}>
      <AlertTitle>
        {title} ({total.toLocaleString('en-US')})
      </AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {problems.map((p, i) => (
          <li key={`${p.entityRef}-${p.annotation}-${i}`}>
            <EntityLink entityRef={p.entityRef} showKind />{' '}
            <Typography
              component="code"
              variant="body2"
              sx={{ fontFamily: 'monospace' }}
            >
              {p.annotation}
              {p.value !== undefined ? `: "${p.value}"` : ''}
            </Typography>{' '}
            — {p.message}
          </li>
        ))}
        {total > problems.length && (
          <li>and {(total - problems.length).toLocaleString('en-US')} more</li>
        )}
      </Box>
    </Alert>
  );
};
