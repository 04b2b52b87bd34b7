import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { ChartFigure, DataTable } from './ChartFigure.tsx';
import type { Dashboard } from './dashboard-types.ts';
import { dashboardMessages } from './messages.ts';

type Outcomes = Dashboard['conversations'];
type OutcomeKey = keyof Outcomes;

// What happened in the conversations (charted) and where they stand (status and the agent's verdicts, listed).
const CHARTED: readonly OutcomeKey[] = [
  'total',
  'replied',
  'handedOff',
  'needsHuman',
  'optedOut',
  'qualifiedToSql',
];
const LISTED: readonly OutcomeKey[] = ['open', 'closed', 'hot', 'warm', 'cold', 'notInterested', 'noVerdict'];

export function ConversationOutcomes({ outcomes }: { outcomes: Outcomes }) {
  const t = useT(dashboardMessages);
  const format = useFormat();
  const label = (key: OutcomeKey) => t(`outcome_${key}`);
  const data = CHARTED.map((key) => ({ name: label(key), count: outcomes[key] }));
  return (
    <ChartFigure
      title={t('conversationsTitle')}
      caption={t('conversationsCaption')}
      testId="dashboard-conversations"
      table={{
        columns: [t('outcomeColumn'), t('countColumn')],
        rows: data.map((row) => [row.name, row.count]),
      }}
      footer={
        <DataTable
          caption={t('verdictsTitle')}
          columns={[t('outcomeColumn'), t('countColumn')]}
          rows={LISTED.map((key) => [label(key), outcomes[key]])}
        />
      }
    >
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} layout="vertical" margin={{ left: 16, right: 40 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={170} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => format.number(Number(value))} />
          <Bar dataKey="count" name={t('countColumn')} fill="#0a6d75" isAnimationActive={false}>
            <LabelList dataKey="count" position="right" formatter={(value) => format.number(Number(value))} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
