import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { ChartFigure, SERIES_COLOURS, useWeekLabel } from './ChartFigure.tsx';
import type { Dashboard, WeeklySeries } from './dashboard-types.ts';
import { dashboardMessages } from './messages.ts';

// More sources than this would give unreadable stacks: the smallest ones are summed as "other".
const MAX_SOURCES = 6;
const OTHER = '__other__';
const TEMPERATURE_COLOURS: Record<string, string> = { cold: '#0550ae', warm: '#9a4d00', hot: '#b42318' };

/** Keeps the largest sources over the period and folds the rest into one series. */
function foldSources(series: WeeklySeries): WeeklySeries {
  const totals = new Map(
    series.keys.map((key) => [key, series.weeks.reduce((sum, week) => sum + (week.counts[key] ?? 0), 0)]),
  );
  const ranked = [...series.keys].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0));
  if (ranked.length <= MAX_SOURCES) return { keys: ranked, weeks: series.weeks };
  const kept = ranked.slice(0, MAX_SOURCES - 1);
  return {
    keys: [...kept, OTHER],
    weeks: series.weeks.map((week) => {
      const counts: Record<string, number> = {};
      for (const key of kept) counts[key] = week.counts[key] ?? 0;
      counts[OTHER] = ranked.slice(MAX_SOURCES - 1).reduce((sum, key) => sum + (week.counts[key] ?? 0), 0);
      return { weekStart: week.weekStart, counts };
    }),
  };
}

function tableOf(
  series: WeeklySeries,
  weekColumn: string,
  labelOf: (key: string) => string,
  weekLabel: (week: string) => string,
) {
  return {
    columns: [weekColumn, ...series.keys.map(labelOf)],
    rows: series.weeks.map((week) => [
      weekLabel(week.weekStart),
      ...series.keys.map((key) => week.counts[key] ?? 0),
    ]),
  };
}

function chartRows(series: WeeklySeries, weekLabel: (week: string) => string) {
  return series.weeks.map((week) => ({ week: weekLabel(week.weekStart), ...week.counts }));
}

export function LeadsBySourceChart({ series }: { series: WeeklySeries }) {
  const t = useT(dashboardMessages);
  const format = useFormat();
  const weekLabel = useWeekLabel();
  const folded = foldSources(series);
  const labelOf = (key: string) =>
    key === OTHER ? t('sourceOther') : key === 'unknown' ? t('sourceUnknown') : key;
  return (
    <ChartFigure
      title={t('sourceTitle')}
      caption={t('sourceCaption')}
      testId="dashboard-sources"
      table={tableOf(folded, t('weekColumn'), labelOf, weekLabel)}
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={chartRows(folded, weekLabel)} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="week" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} />
          <Tooltip formatter={(value) => format.number(Number(value))} />
          <Legend itemSorter={null} />
          {folded.keys.map((key, index) => (
            <Bar
              key={key}
              dataKey={key}
              name={labelOf(key)}
              stackId="sources"
              fill={SERIES_COLOURS[index % SERIES_COLOURS.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function LeadsByTemperatureChart({ series }: { series: WeeklySeries }) {
  const t = useT(dashboardMessages);
  const tc = useT(common);
  const format = useFormat();
  const weekLabel = useWeekLabel();
  const labelOf = (key: string) =>
    key === 'cold' || key === 'warm' || key === 'hot' ? tc(`temperature_${key}`) : key;
  return (
    <ChartFigure
      title={t('temperatureTitle')}
      caption={t('temperatureCaption')}
      testId="dashboard-temperatures"
      table={tableOf(series, t('weekColumn'), labelOf, weekLabel)}
    >
      <ResponsiveContainer width="100%" height={260}>
        <AreaChart data={chartRows(series, weekLabel)} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="week" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} />
          <Tooltip formatter={(value) => format.number(Number(value))} />
          <Legend itemSorter={null} />
          {series.keys.map((key, index) => {
            const colour = TEMPERATURE_COLOURS[key] ?? SERIES_COLOURS[index % SERIES_COLOURS.length];
            return (
              <Area
                key={key}
                type="linear"
                dataKey={key}
                name={labelOf(key)}
                stackId="temperatures"
                stroke={colour}
                fill={colour}
                fillOpacity={0.35}
                isAnimationActive={false}
              />
            );
          })}
        </AreaChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function MeetingsChart({ meetings }: { meetings: Dashboard['meetings'] }) {
  const t = useT(dashboardMessages);
  const format = useFormat();
  const weekLabel = useWeekLabel();
  const rows = meetings.weeks.map((week) => ({ ...week, week: weekLabel(week.weekStart) }));
  return (
    <ChartFigure
      title={t('meetingsTitle')}
      caption={t('meetingsCaption')}
      testId="dashboard-meetings"
      table={{
        columns: [t('weekColumn'), t('meetingsBooked'), t('meetingsHeld'), t('meetingsNoShow')],
        rows: rows.map((row) => [row.week, row.booked, row.held, row.noShow]),
      }}
      footer={
        <p className="muted">
          {t('meetingsBooked')} {format.number(meetings.booked)} · {t('meetingsHeld')}{' '}
          {format.number(meetings.held)} · {t('meetingsNoShow')} {format.number(meetings.noShow)}
        </p>
      }
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="week" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} />
          <Tooltip formatter={(value) => format.number(Number(value))} />
          <Legend itemSorter={null} />
          <Bar dataKey="booked" name={t('meetingsBooked')} fill="#0550ae" isAnimationActive={false} />
          <Bar dataKey="held" name={t('meetingsHeld')} fill="#1a7f37" isAnimationActive={false} />
          <Bar dataKey="noShow" name={t('meetingsNoShow')} fill="#9a4d00" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
