import { useMemo } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  MigrationSnapshot,
  RULES,
  RuleId,
} from '@internal/plugin-domain-split-common';
import { ChartTable } from './ChartTable';
import { debtPoints, formatDay, timeDomain } from './chartData';

const titleOf = (rule: RuleId) => RULES.find(r => r.id === rule)?.title ?? rule;

/**
 * The split-debt burn-down: open rule violations per rule on each snapshot day.
 * @internal
 */
export const SplitDebtChart = ({
  snapshots,
}: {
  snapshots: MigrationSnapshot[];
}) => {
  const theme = useTheme();
  const { points, rules } = useMemo(() => debtPoints(snapshots), [snapshots]);
  const palette = [
    theme.palette.error.main,
    theme.palette.warning.main,
    theme.palette.info.main,
    theme.palette.success.main,
    theme.palette.secondary.main,
    theme.palette.primary.main,
    theme.palette.text.secondary,
  ];
  if (points.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No split-debt history yet: snapshots keep the open violations per rule
        from the first snapshot taken with this version on.
      </Typography>
    );
  }
  const latest = points[points.length - 1];
  const openNow = rules.reduce((sum, rule) => sum + (latest[rule] ?? 0), 0);
  return (
    <Box>
      <Typography variant="subtitle1" component="h3">
        Split debt
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {openNow} open violation{openNow === 1 ? '' : 's'} on {latest.day}
      </Typography>
      <Box
        role="img"
        aria-label={`Split debt: open violations per rule over ${
          points.length
        } snapshots; on ${latest.day}: ${
          rules
            .map(rule => `${titleOf(rule)} ${latest[rule] ?? 0}`)
            .join(', ') || 'none'
        }`}
        sx={{ width: '100%', height: 300 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={points}
            margin={{ top: 8, right: 24, bottom: 8, left: 0 }}
          >
            <CartesianGrid stroke={theme.palette.divider} />
            <XAxis
              dataKey="time"
              type="number"
              scale="time"
              domain={timeDomain(points.map(p => p.time))}
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
              stroke={theme.palette.text.secondary}
              label={{
                value: 'Open violations',
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
            <Legend verticalAlign="top" height={44} />
            {rules.map((rule, i) => (
              <Line
                key={rule}
                dataKey={rule}
                name={titleOf(rule)}
                type="stepAfter"
                stroke={palette[i % palette.length]}
                strokeWidth={2}
                dot={points.length < 40}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </Box>
      <ChartTable
        caption="Split debt: open violations per rule on each snapshot day"
        columns={['Day', ...rules.map(titleOf)]}
        rows={points.map(p => [p.day, ...rules.map(rule => p[rule] ?? 0)])}
      />
    </Box>
  );
};
