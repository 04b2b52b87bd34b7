import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { ChartFigure } from './ChartFigure.tsx';
import type { Dashboard } from './dashboard-types.ts';
import { dashboardMessages } from './messages.ts';

type Speed = Dashboard['speedToLead'];

/** The bucket a duration falls in, so the median and 90th percentile lines sit on the right bar. */
function bucketOf(speed: Speed, seconds: number | null): string | undefined {
  if (seconds === null) return undefined;
  return speed.buckets.find(
    (bucket) =>
      bucket.lowerSeconds !== null &&
      seconds >= bucket.lowerSeconds &&
      (bucket.upperSeconds === null || seconds < bucket.upperSeconds),
  )?.key;
}

export function SpeedToLeadChart({ speed }: { speed: Speed }) {
  const t = useT(dashboardMessages);
  const format = useFormat();
  const label = (key: string) => t(`bucket_${key}` as Parameters<typeof t>[0]);
  const data = speed.buckets.map((bucket) => ({
    key: bucket.key,
    name: label(bucket.key),
    count: bucket.count,
  }));
  const p50Bucket = bucketOf(speed, speed.p50Seconds);
  const p90Bucket = bucketOf(speed, speed.p90Seconds);
  const p50 = format.duration(speed.p50Seconds);
  const p90 = format.duration(speed.p90Seconds);
  const caption = speed.p50Seconds === null ? t('speedCaptionNone') : t('speedCaption', { p50, p90 });
  return (
    <ChartFigure
      title={t('speedTitle')}
      caption={caption}
      testId="dashboard-speed"
      table={{
        columns: [t('bucketColumn'), t('leadsColumn')],
        rows: data.map((row) => [row.name, row.count]),
      }}
      footer={
        <p className="muted">
          {t('speedContacted', {
            contacted: format.number(speed.contacted),
            never: format.number(speed.notContacted),
            captured: format.number(speed.captured),
          })}
        </p>
      }
    >
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} margin={{ top: 24, right: 24, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="name"
            interval={0}
            tick={{ fontSize: 11 }}
            angle={-25}
            textAnchor="end"
            height={48}
          />
          <YAxis allowDecimals={false} />
          <Tooltip formatter={(value) => format.number(Number(value))} />
          <Bar dataKey="count" name={t('leadsColumn')} isAnimationActive={false}>
            {data.map((row) => (
              <Cell key={row.key} fill={row.key === 'never' ? '#57606a' : '#0550ae'} />
            ))}
          </Bar>
          {p50Bucket && (
            <ReferenceLine
              x={label(p50Bucket)}
              stroke="#1a7f37"
              strokeWidth={2}
              label={{
                // Both percentiles in one bucket share one line, so their labels cannot overlap.
                value: p90Bucket === p50Bucket ? `p50 ${p50} · p90 ${p90}` : `p50 ${p50}`,
                position: 'insideTopLeft',
                fill: '#1a7f37',
              }}
            />
          )}
          {p90Bucket && p90Bucket !== p50Bucket && (
            <ReferenceLine
              x={label(p90Bucket)}
              stroke="#9a4d00"
              strokeDasharray="6 3"
              strokeWidth={2}
              label={{ value: `p90 ${p90}`, position: 'insideTopLeft', offset: 24, fill: '#9a4d00' }}
            />
          )}
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
