import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import {
  MIGRATION_PHASE_NAMES,
  MigrationSnapshot,
} from '@internal/plugin-domain-split-common';

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 16, right: 24, bottom: 36, left: 40 };
const SERIES: { phase: 1 | 2 | 3; color: string }[] = [
  { phase: 1, color: '#90caf9' },
  { phase: 2, color: '#42a5f5' },
  { phase: 3, color: '#0d47a1' },
];

/**
 * For each snapshot (oldest first), how many domains had reached at least each phase.
 * @internal
 */
export function burnUpSeries(snapshots: MigrationSnapshot[]) {
  return [...snapshots]
    .filter(s => !Number.isNaN(Date.parse(s.takenAt)))
    .sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt))
    .map(s => ({
      time: Date.parse(s.takenAt),
      takenAt: s.takenAt,
      total: s.domains.length,
      atLeast: {
        1: s.domains.filter(d => d.phase >= 1).length,
        2: s.domains.filter(d => d.phase >= 2).length,
        3: s.domains.filter(d => d.phase >= 3).length,
      } as Record<1 | 2 | 3, number>,
    }));
}

/**
 * A burn-up chart of the migration: the number of domains that reached at least phase 1, 2
 * and 3 over time, against the number of domains (dashed). Plain SVG.
 * @internal
 */
export const BurnUpChart = ({
  snapshots,
}: {
  snapshots: MigrationSnapshot[];
}) => {
  const theme = useTheme();
  const points = burnUpSeries(snapshots);
  if (points.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No snapshots yet. The backend records the migration status periodically;
        the burn-up appears after the first snapshot.
      </Typography>
    );
  }
  const maxY = Math.max(1, ...points.map(p => p.total));
  const t0 = points[0].time;
  const t1 = points[points.length - 1].time;
  const innerW = WIDTH - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (t: number) =>
    MARGIN.left + (t1 === t0 ? innerW / 2 : ((t - t0) / (t1 - t0)) * innerW);
  const y = (v: number) => MARGIN.top + innerH - (v / maxY) * innerH;
  const step = Math.max(1, Math.ceil(maxY / 5));
  const ticks: number[] = [];
  for (let v = 0; v <= maxY; v += step) ticks.push(v);
  const textColor = theme.palette.text.secondary;
  const line = (values: number[]) =>
    values.map((v, i) => `${x(points[i].time)},${y(v)}`).join(' ');
  const latest = points[points.length - 1];

  return (
    <Box>
      <Box
        component="svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Burn-up of ${points.length} snapshots: latest ${latest.atLeast[3]} of ${latest.total} domains in phase 3, ${latest.atLeast[2]} at least in phase 2, ${latest.atLeast[1]} at least in phase 1`}
        sx={{
          width: '100%',
          maxWidth: WIDTH,
          height: 'auto',
          display: 'block',
        }}
      >
        {ticks.map(v => (
          <g key={v}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(v)}
              y2={y(v)}
              stroke={theme.palette.divider}
            />
            <text
              x={MARGIN.left - 8}
              y={y(v) + 4}
              fontSize={11}
              textAnchor="end"
              fill={textColor}
            >
              {v}
            </text>
          </g>
        ))}
        <text x={MARGIN.left} y={HEIGHT - 10} fontSize={11} fill={textColor}>
          {points[0].takenAt.slice(0, 10)}
        </text>
        {points.length > 1 && (
          <text
            x={WIDTH - MARGIN.right}
            y={HEIGHT - 10}
            fontSize={11}
            textAnchor="end"
            fill={textColor}
          >
            {latest.takenAt.slice(0, 10)}
          </text>
        )}
        <polyline
          points={line(points.map(p => p.total))}
          fill="none"
          stroke={theme.palette.text.disabled}
          strokeDasharray="6 4"
          strokeWidth={2}
        />
        {SERIES.map(s => (
          <g key={s.phase} data-testid={`burnup-phase-${s.phase}`}>
            <polyline
              points={line(points.map(p => p.atLeast[s.phase]))}
              fill="none"
              stroke={s.color}
              strokeWidth={3}
            />
            {points.map(p => (
              <circle
                key={p.time}
                cx={x(p.time)}
                cy={y(p.atLeast[s.phase])}
                r={4}
                fill={s.color}
              >
                <title>
                  {`${p.takenAt.slice(0, 10)}: ${p.atLeast[s.phase]} of ${
                    p.total
                  } domains at phase ${s.phase} (${
                    MIGRATION_PHASE_NAMES[s.phase]
                  }) or beyond`}
                </title>
              </circle>
            ))}
          </g>
        ))}
      </Box>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mt: 1 }}>
        {SERIES.map(s => (
          <Box
            key={s.phase}
            sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}
          >
            <Box sx={{ width: 16, height: 4, bgcolor: s.color }} />
            <Typography variant="caption">
              ≥ phase {s.phase} ({MIGRATION_PHASE_NAMES[s.phase]})
            </Typography>
          </Box>
        ))}
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
          <Box
            sx={{
              width: 16,
              borderTop: '2px dashed',
              borderColor: 'text.disabled',
            }}
          />
          <Typography variant="caption">all domains</Typography>
        </Box>
      </Box>
    </Box>
  );
};
