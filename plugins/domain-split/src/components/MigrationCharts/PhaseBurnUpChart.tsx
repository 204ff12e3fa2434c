import { useMemo } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type {
  MigrationAggregates,
  MigrationProjection,
  MigrationSnapshot,
} from '@internal/plugin-domain-split-common';
import { ChartTable } from './ChartTable';
import { burnUpPoints, formatDay, targetLines, timeDomain } from './chartData';

/**
 * The phase burn-up: domains that reached at least phase 1, 2 and 3 over time against all
 * domains, each target date as a vertical line, and the projection from the recent pace
 * (dashed) with its sentence.
 * @internal
 */
export const PhaseBurnUpChart = ({
  snapshots,
  projection,
  targetDates = [],
}: {
  snapshots: MigrationSnapshot[];
  projection?: MigrationProjection;
  /** The domains' target dates (GET /migration's aggregates). */
  targetDates?: MigrationAggregates['targetDates'];
}) => {
  const theme = useTheme();
  const points = useMemo(
    () => burnUpPoints(snapshots, projection),
    [snapshots, projection],
  );
  const allTargets = useMemo(() => targetLines(targetDates), [targetDates]);
  if (points.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No snapshots yet. The backend records the migration status daily; the
        burn-up appears after the first snapshot.
      </Typography>
    );
  }
  const snapshotPoints = points.filter(p => p.domains !== undefined);
  const latest = snapshotPoints[snapshotPoints.length - 1];
  // Target dates that passed before the first snapshot would only squeeze the history into a
  // corner: they are listed under the chart (and in the table) instead of drawn.
  const targets = allTargets.filter(t => t.time >= points[0].time);
  const earlier = allTargets.filter(t => t.time < points[0].time);
  const domain = timeDomain([
    ...points.map(p => p.time),
    ...targets.map(t => t.time),
  ]);
  const summary = projection
    ? projection.summary
    : 'at this pace: not enough snapshots yet to measure a pace';
  const colors = {
    phase1: theme.palette.info.light,
    phase2: theme.palette.info.main,
    phase3: theme.palette.primary.dark,
    domains: theme.palette.text.secondary,
    projection: theme.palette.secondary.main,
    target: theme.palette.warning.main,
  };
  return (
    <Box>
      <Typography variant="subtitle1" component="h3">
        Phase burn-up
      </Typography>
      <Typography
        variant="body2"
        sx={{ mb: 1 }}
        aria-label="Projection"
        data-testid="burn-up-projection"
      >
        {latest.phase3} of {latest.domains} domains in phase 3 · {summary}
      </Typography>
      <Box
        role="img"
        aria-label={`Phase burn-up of ${snapshotPoints.length} snapshots: latest ${latest.phase3} of ${latest.domains} domains in phase 3, ${latest.phase2} at least in phase 2, ${latest.phase1} at least in phase 1; ${summary}`}
        sx={{ width: '100%', height: 380 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 8, right: 24, bottom: 8, left: 0 }}>
            <CartesianGrid stroke={theme.palette.divider} />
            <XAxis
              dataKey="time"
              type="number"
              scale="time"
              domain={domain}
              tickFormatter={formatDay}
              stroke={theme.palette.text.secondary}
              label={{
                value: 'Snapshot day (UTC)',
                position: 'insideBottom',
                offset: -4,
                fill: theme.palette.text.secondary,
              }}
              height={44}
            />
            <YAxis
              allowDecimals={false}
              domain={[0, 'dataMax']}
              stroke={theme.palette.text.secondary}
              label={{
                value: 'Domains',
                angle: -90,
                position: 'insideLeft',
                offset: 16,
                fill: theme.palette.text.secondary,
              }}
            />
            <Tooltip
              labelFormatter={value => formatDay(Number(value))}
              contentStyle={{
                background: theme.palette.background.paper,
                borderColor: theme.palette.divider,
              }}
            />
            <Legend verticalAlign="top" height={28} />
            {targets.map(t => (
              <ReferenceLine
                key={t.day}
                x={t.time}
                stroke={colors.target}
                strokeDasharray="4 3"
                // Written down the line, so that close target dates do not overwrite each other.
                label={({
                  viewBox,
                }: {
                  viewBox?: { x?: number; y?: number };
                }) => {
                  const x = (viewBox?.x ?? 0) + 4;
                  const y = (viewBox?.y ?? 0) + 4;
                  return (
                    <text
                      x={x}
                      y={y}
                      transform={`rotate(90, ${x}, ${y})`}
                      fill={colors.target}
                      fontSize={11}
                    >
                      {`${t.day}: ${t.label}`}
                    </text>
                  );
                }}
              />
            ))}
            <Line
              data={points}
              dataKey="domains"
              name="All domains"
              stroke={colors.domains}
              strokeDasharray="2 4"
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
            {(['phase1', 'phase2', 'phase3'] as const).map((key, i) => (
              <Line
                key={key}
                data={points}
                dataKey={key}
                name={`At least phase ${i + 1}`}
                type="stepAfter"
                stroke={colors[key]}
                strokeWidth={2}
                dot={snapshotPoints.length < 40}
                connectNulls
                isAnimationActive={false}
              />
            ))}
            {projection?.phase3On && (
              <Line
                data={points}
                dataKey="projection"
                name="Phase 3 at this pace"
                stroke={colors.projection}
                strokeDasharray="6 4"
                strokeWidth={2}
                connectNulls
                isAnimationActive={false}
              />
            )}
          </LineChart>
        </ResponsiveContainer>
      </Box>
      {earlier.length > 0 && (
        <Typography variant="caption" color="text.secondary" component="p">
          Target dates before the first snapshot:{' '}
          {earlier.map(t => `${t.day}: ${t.label}`).join('; ')}
        </Typography>
      )}
      <ChartTable
        caption="Phase burn-up: domains per phase on each snapshot day"
        columns={[
          'Day',
          'At least phase 1',
          'At least phase 2',
          'Phase 3',
          'All domains',
        ]}
        rows={[
          ...snapshotPoints.map(p => [
            p.day,
            p.phase1 ?? 0,
            p.phase2 ?? 0,
            p.phase3 ?? 0,
            p.domains ?? 0,
          ]),
          ...allTargets.map(t => [t.day, `Target: ${t.label}`, '', '', '']),
          ...(projection?.phase3On
            ? [[projection.phase3On, `Projection: ${summary}`, '', '', '']]
            : []),
        ]}
      />
    </Box>
  );
};
