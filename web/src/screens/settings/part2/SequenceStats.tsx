import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../../app/api.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { EmptyState, ErrorBanner, Loading } from '../../../app/ui.tsx';
import { useApi } from '../../../app/use-api.ts';
import { sequencesMessages } from './messages.ts';

type StepCounts = Record<string, number> & { step: number };

// The counts the server records per step; others it may add are shown under their own name.
const KNOWN_KINDS = [
  'entered',
  'sent',
  'delivered',
  'opened',
  'replied',
  'booked',
  'waited',
  'branched',
  'updated',
  'notified',
  'skipped',
  'exited',
  'completed',
] as const;
// The headline numbers: enrolled is what entered the first step; the others are totals over all steps.
const SUMMARY = ['sent', 'delivered', 'opened', 'replied', 'booked', 'completed', 'exited'] as const;
const COLOURS = [
  '#2b5fab',
  '#1b7f5b',
  '#8a5a00',
  '#6b3fa0',
  '#a4001d',
  '#00657a',
  '#5c5c5c',
  '#b04a00',
  '#2e7d32',
];

/** Per-step counts of a sequence's enrolments, as numbers and as a bar chart. */
export function SequenceStats({ sequenceId, name }: { sequenceId: string; name: string }) {
  const t = useT(sequencesMessages);
  const format = useFormat();
  const stats = useApi(
    () => api.get<{ steps: StepCounts[] }>(`/api/v1/sequences/${sequenceId}/stats`),
    [sequenceId],
  );
  if (stats.loading && !stats.data) return <Loading />;
  if (stats.error) return <ErrorBanner error={stats.error} onRetry={stats.reload} />;
  const steps = stats.data?.steps ?? [];
  if (steps.length === 0) return <EmptyState>{t('noStats')}</EmptyState>;
  const seen = new Set(steps.flatMap((row) => Object.keys(row).filter((key) => key !== 'step')));
  const kinds = [
    ...KNOWN_KINDS.filter((kind) => seen.has(kind)),
    ...[...seen].filter((kind) => !(KNOWN_KINDS as readonly string[]).includes(kind)),
  ];
  const label = (kind: string) =>
    (KNOWN_KINDS as readonly string[]).includes(kind)
      ? t(`kind_${kind as (typeof KNOWN_KINDS)[number]}`)
      : kind;
  const rows = steps.map((row) => ({ ...row, name: t('stepNumber', { number: row.step + 1 }) }));
  const total = (kind: string) =>
    steps.reduce((sum, row) => sum + ((row as Record<string, number>)[kind] ?? 0), 0);
  const enrolled = (steps.find((row) => row.step === 0) as Record<string, number> | undefined)?.entered ?? 0;
  return (
    <div className="stack" data-testid="sequence-stats">
      <dl className="p2-totals">
        <div>
          <dt>{t('enrolled')}</dt>
          <dd className="num">{format.number(enrolled)}</dd>
        </div>
        {SUMMARY.map((kind) => (
          <div key={kind}>
            <dt>{label(kind)}</dt>
            <dd className="num">{format.number(total(kind))}</dd>
          </div>
        ))}
      </dl>
      <table className="data">
        <caption className="sr-only">{t('statsOf', { name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('step')}</th>
            {kinds.map((kind) => (
              <th scope="col" key={kind} className="num">
                {label(kind)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.step}>
              <th scope="row">{row.name}</th>
              {kinds.map((kind) => (
                <td key={kind} className="num">
                  {format.number((row as unknown as Record<string, number>)[kind] ?? 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {/* The table above carries the same numbers for screen readers. */}
      <div className="p2-chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            {kinds.map((kind, index) => (
              <Bar
                isAnimationActive={false}
                maxBarSize={60}
                key={kind}
                dataKey={kind}
                name={label(kind)}
                fill={COLOURS[index % COLOURS.length]}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
