import { useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import type { OwnershipProblem } from '@internal/plugin-domain-split-common';
import { EntityLinkList } from '../EntityLink';

const PROBLEM_LABELS: Record<OwnershipProblem['kind'], string> = {
  'domain-without-owner': 'Domain without owner',
  'domain-with-several-owners': 'Domain with several owners',
  'component-owner-mismatch': 'Owner mismatch',
  orphan: 'Orphan',
};

/** How many problems are listed before "Show all". */
export const PROBLEM_LIMIT = 10;

/**
 * The ownership problems of the catalog, each with its entities: the first
 * {@link PROBLEM_LIMIT}, and a button for the rest.
 * @internal
 */
export const OwnershipProblems = ({
  problems,
  total = problems.length,
  titles,
}: {
  problems: OwnershipProblem[];
  /** How many there are, when `problems` are only the first (a page's answer). */
  total?: number;
  titles?: Record<string, string>;
}) => {
  const [all, setAll] = useState(false);
  if (problems.length === 0) {
    return null;
  }
  const shown = all ? problems : problems.slice(0, PROBLEM_LIMIT);
  const showLabel =
    total > problems.length
      ? `Show ${problems.length} of ${total.toLocaleString('en-US')} problems`
      : `Show all ${problems.length} problems`;
  return (
    <Alert severity="warning" sx={{ mb: 2 }}>
      <AlertTitle>
        Ownership problems ({total.toLocaleString('en-US')})
      </AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {shown.map((p, i) => (
          <li key={`${p.kind}-${i}`}>
            <Chip
              size="small"
              label={PROBLEM_LABELS[p.kind] ?? p.kind}
              sx={{ mr: 1 }}
            />
            {p.message}
            {p.entityRefs.length > 0 && (
              <>
                {' — '}
                <EntityLinkList entityRefs={p.entityRefs} titles={titles} />
              </>
            )}
          </li>
        ))}
      </Box>
      {all && total > problems.length && (
        <Box sx={{ pl: 2 }}>
          and {(total - problems.length).toLocaleString('en-US')} more
        </Box>
      )}
      {problems.length > PROBLEM_LIMIT && (
        <Button size="small" color="inherit" onClick={() => setAll(a => !a)}>
          {all ? 'Show fewer' : showLabel}
        </Button>
      )}
    </Alert>
  );
};
