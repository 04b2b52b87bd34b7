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
import { common } from '../../app/messages.ts';
import { ChartFigure } from './ChartFigure.tsx';
import type { Dashboard } from './dashboard-types.ts';
import { dashboardMessages } from './messages.ts';

export function FunnelChart({ funnel }: { funnel: Dashboard['funnel'] }) {
  const t = useT(dashboardMessages);
  const tc = useT(common);
  const format = useFormat();
  const data = funnel.map((step) => ({ name: tc(`stage_${step.stage}`), count: step.count }));
  const rates = funnel.slice(0, -1).map((step, index) => {
    const values = { from: tc(`stage_${step.stage}`), to: tc(`stage_${funnel[index + 1]!.stage}`) };
    return step.conversionToNext === null
      ? t('funnelNoRate', values)
      : t('funnelRate', { ...values, rate: format.percent(step.conversionToNext) });
  });
  return (
    <ChartFigure
      title={t('funnelTitle')}
      caption={t('funnelCaption')}
      testId="dashboard-funnel"
      table={{
        columns: [t('stageColumn'), t('leadsColumn'), t('rateColumn')],
        rows: funnel.map((step, index) => [
          data[index]!.name,
          step.count,
          format.percent(step.conversionToNext),
        ]),
      }}
      footer={
        <ol className="dash-rates">
          {rates.map((rate) => (
            <li key={rate}>{rate}</li>
          ))}
        </ol>
      }
    >
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} layout="vertical" margin={{ left: 16, right: 40 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={96} />
          <Tooltip formatter={(value) => format.number(Number(value))} />
          <Bar dataKey="count" name={t('leadsColumn')} fill="#b42318" isAnimationActive={false}>
            <LabelList dataKey="count" position="right" formatter={(value) => format.number(Number(value))} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
