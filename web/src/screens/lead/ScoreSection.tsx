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
import { ApiError, api } from '../../app/api.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { ErrorBanner, Loading } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import type { Contribution, LeadScore, Prediction } from './lead-data.ts';
import { leadMessages } from './messages.ts';

// Colours that keep 3:1 against white for the bars (WCAG non-text contrast); the lighter segment is
// decay and is also named in the table, so colour is never the only carrier.
const COLOURS = { fit: '#0550ae', engagement: '#1a7f37', negative: '#b42318' };

const colourOf = (item: Contribution) => (item.points < 0 ? COLOURS.negative : COLOURS[item.group]);
const hasDecayed = (item: Contribution) => Math.abs(item.points - item.decayedPoints) >= 0.01;

/** Why the lead has its score: each rule's points as a bar (decay as a lighter tail), then the model's view. */
export function ScoreSection({ leadId, version }: { leadId: string; version: number }) {
  const t = useT(leadMessages);
  const format = useFormat();
  const score = useApi(() => api.get<LeadScore>(`/api/v1/leads/${leadId}/score`), [leadId, version]);
  const data = score.data;
  const rows = [...(data?.contributions ?? [])].sort(
    (a, b) => Math.abs(b.decayedPoints) - Math.abs(a.decayedPoints),
  );
  const chartData = rows.map((item) => ({
    name: item.ruleName,
    now: item.decayedPoints,
    lost: item.points - item.decayedPoints,
    item,
  }));

  return (
    <section className="card" aria-labelledby="score-title" data-testid="score-explanation">
      <h2 id="score-title">{t('scoreTitle')}</h2>
      {score.loading && !data && <Loading />}
      <ErrorBanner error={score.error} onRetry={score.reload} />
      {data && (
        <>
          <p className="row lead-score-totals">
            <span>
              {t('fit')} <strong className="num">{format.number(data.fit)}</strong>
            </span>
            <span>
              {t('engagement')} <strong className="num">{format.number(data.engagement)}</strong>
            </span>
            <span>
              {t('total')} <strong className="num">{format.number(data.total)}</strong>
            </span>
            {data.asOf && <span className="muted">{t('asOf', { date: format.dateTime(data.asOf) })}</span>}
          </p>
          {rows.length === 0 ? (
            <p className="muted">{t('noContributions')}</p>
          ) : (
            <figure className="lead-figure">
              <div aria-hidden="true" style={{ height: Math.max(120, rows.length * 34 + 40) }}>
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart
                    data={chartData}
                    layout="vertical"
                    accessibilityLayer={false}
                    stackOffset="sign"
                    margin={{ left: 8, right: 16 }}
                  >
                    <CartesianGrid horizontal={false} strokeDasharray="3 3" />
                    <XAxis type="number" />
                    <YAxis type="category" dataKey="name" width={160} tick={{ fontSize: 12 }} />
                    <ReferenceLine x={0} stroke="#57606a" />
                    <Tooltip formatter={(value) => format.number(Number(value))} />
                    <Bar dataKey="now" stackId="points" name={t('pointsNow')} isAnimationActive={false}>
                      {chartData.map((entry) => (
                        <Cell key={entry.item.ruleId} fill={colourOf(entry.item)} />
                      ))}
                    </Bar>
                    <Bar dataKey="lost" stackId="points" name={t('lostToDecay')} isAnimationActive={false}>
                      {chartData.map((entry) => (
                        <Cell key={entry.item.ruleId} fill={colourOf(entry.item)} fillOpacity={0.3} />
                      ))}
                    </Bar>
                  </BarChart>
                </ResponsiveContainer>
              </div>
              <figcaption className="muted">{t('chartCaption')}</figcaption>
              <ContributionTable rows={rows} />
            </figure>
          )}
        </>
      )}
      <PredictionPanel leadId={leadId} version={version} />
    </section>
  );
}

function ContributionTable({ rows }: { rows: Contribution[] }) {
  const t = useT(leadMessages);
  const format = useFormat();
  return (
    <table className="data">
      <caption className="sr-only">{t('scoreTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('rule')}</th>
          <th scope="col">{t('group')}</th>
          <th scope="col" className="num">
            {t('pointsNow')}
          </th>
          <th scope="col">{t('when')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((item) => (
          <tr key={`${item.ruleId}-${item.eventId ?? ''}`}>
            <th scope="row">{item.ruleName}</th>
            <td>{t(item.group)}</td>
            <td className={`num ${item.points < 0 ? 'lead-negative' : ''}`}>
              {format.number(item.decayedPoints)}
              {hasDecayed(item) && (
                <small className="muted lead-decay-note">
                  {' '}
                  (
                  {t('decayNote', {
                    was: format.number(item.points),
                    now: format.number(item.decayedPoints),
                  })}
                  )
                </small>
              )}
            </td>
            <td>{item.occurredAt ? format.date(item.occurredAt) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PredictionPanel({ leadId, version }: { leadId: string; version: number }) {
  const t = useT(leadMessages);
  const format = useFormat();
  // No active model answers 404: that is the normal state of a new workspace, not an error.
  const prediction = useApi(
    () =>
      api.get<Prediction>(`/api/v1/leads/${leadId}/prediction`).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
    [leadId, version],
  );
  return (
    <div className="lead-prediction">
      <h3>{t('predictionTitle')}</h3>
      <ErrorBanner error={prediction.error} onRetry={prediction.reload} />
      {prediction.loading && prediction.data === undefined && <Loading />}
      {prediction.data === null && <p className="muted">{t('noPrediction')}</p>}
      {prediction.data && (
        <>
          <p className="lead-probability" data-testid="lead-probability">
            {format.percent(prediction.data.probability)}
          </p>
          {prediction.data.factors.length > 0 && (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('factor')}</th>
                  <th scope="col">{t('value')}</th>
                  <th scope="col" className="num">
                    {t('contribution')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {prediction.data.factors.map((factor) => (
                  <tr key={factor.feature}>
                    <th scope="row">{factor.feature}</th>
                    <td>{factor.value ?? '—'}</td>
                    <td className={`num ${factor.contribution < 0 ? 'lead-negative' : ''}`}>
                      {format.number(Math.round(factor.contribution * 100) / 100)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
