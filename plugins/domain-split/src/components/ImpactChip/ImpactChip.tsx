import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import {
  IMPACT_DESCRIPTIONS,
  IMPACT_LEVELS,
  ImpactLevel,
} from '@internal/plugin-domain-split-common';
import { LazyTooltip } from '../LazyTooltip';
import { IMPACT_COLORS, IMPACT_SHORT } from './impactColors';

/**
 * A small coloured chip naming an impact level, with the seed's description as tooltip (its
 * popper made when first opened: a card or list shows dozens of chips).
 * @internal
 */
export const ImpactChip = ({
  impact,
  label,
}: {
  impact: ImpactLevel;
  /** Overrides the default short word. */
  label?: string;
}) => {
  const colors = IMPACT_COLORS[impact] ?? IMPACT_COLORS.none;
  return (
    <LazyTooltip describeChild title={IMPACT_DESCRIPTIONS[impact] ?? impact}>
      <Chip
        size="small"
        label={label ?? IMPACT_SHORT[impact] ?? impact}
        sx={{ bgcolor: colors.bg, color: colors.fg, fontWeight: 600 }}
      />
    </LazyTooltip>
  );
};

/**
 * The legend of the impact colours, in the words of the failure-isolation matrix.
 * @internal
 */
export const ImpactLegend = () => (
  <Box
    component="ul"
    aria-label="Impact legend"
    sx={{
      display: 'flex',
      flexWrap: 'wrap',
      gap: 2,
      listStyle: 'none',
      p: 0,
      m: 0,
    }}
  >
    {[...IMPACT_LEVELS].reverse().map(level => (
      <Box
        component="li"
        key={level}
        sx={{ display: 'flex', alignItems: 'center', gap: 1 }}
      >
        <Box
          aria-hidden
          sx={{
            width: 16,
            height: 16,
            borderRadius: 0.5,
            bgcolor: IMPACT_COLORS[level].bg,
          }}
        />
        <Typography variant="body2">{IMPACT_DESCRIPTIONS[level]}</Typography>
      </Box>
    ))}
  </Box>
);
