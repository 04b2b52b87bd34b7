import { api } from '../../app/api.ts';
import type { Lead, User } from '../../app/domain.ts';
import { STAGES, TEMPERATURES } from '../../app/domain.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Card, ErrorBanner, Loading, StageBadge, TemperatureBadge } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { type LeadLabelKey, labelOf, leadLabels } from './labels.ts';
import type { LeadScore, TimelineEvent, TimelinePage } from './lead-data.ts';
import { leadMessages } from './messages.ts';

const STAGE_NAMES: readonly string[] = STAGES;
const TEMPERATURE_NAMES: readonly string[] = TEMPERATURES;

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/**
 * Stage and temperature moves come from the `stage_changed` and `temperature_changed` events (with who
 * and why), shown with the score changes that drive the temperature.
 */
export function HistorySection({ lead, users, version }: { lead: Lead; users: User[]; version: number }) {
  const t = useT(leadMessages);
  const format = useFormat();
  const events = useApi(
    () => api.get<TimelinePage>(`/api/v1/leads/${lead.id}/timeline`, { limit: 500 }),
    [lead.id, version],
  );
  const score = useApi(
    () => api.get<LeadScore>(`/api/v1/leads/${lead.id}/score`, { history: 20 }),
    [lead.id, version],
  );
  const moves = (events.data?.data ?? []).filter(
    (event) => event.type === 'stage_changed' || event.type.includes('temperature'),
  );
  const nameOf = (id: string | null) => users.find((user) => user.id === id)?.name ?? null;

  return (
    <Card title={t('historyTitle')}>
      <ErrorBanner error={events.error} onRetry={events.reload} />
      {events.loading && !events.data && <Loading />}
      {events.data && moves.length === 0 && <p className="muted">{t('noStageChange')}</p>}
      {moves.length > 0 && (
        <table className="data" data-testid="stage-history">
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('from')}</th>
              <th scope="col">{t('to')}</th>
              <th scope="col">{t('reasonColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {moves.map((event) => (
              <MoveRow key={event.id} event={event} who={nameOf(event.actor)} />
            ))}
          </tbody>
        </table>
      )}
      <p className="row">
        <span className="muted">{t('temperatureNow')}</span>
        <TemperatureBadge temperature={lead.temperature} />
      </p>
      <h3>{t('scoreChanges')}</h3>
      <ErrorBanner error={score.error} onRetry={score.reload} />
      {score.data && score.data.history.length === 0 && <p className="muted">{t('noScoreChange')}</p>}
      {score.data && score.data.history.length > 0 && (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col" className="num">
                {t('from')}
              </th>
              <th scope="col" className="num">
                {t('to')}
              </th>
              <th scope="col">{t('cause')}</th>
            </tr>
          </thead>
          <tbody>
            {score.data.history.map((change) => (
              <tr key={`${change.at}-${change.total}`}>
                <td>{format.dateTime(change.at)}</td>
                <td className="num">{format.number(change.previousTotal)}</td>
                <td className="num">{format.number(change.total)}</td>
                <td>{t(`cause_${change.cause.kind}` as 'cause_event')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

/** Temperature reasons are codes (`score>=60`, `signal:demo_requested`); stage reasons are people's words. */
function readableReason(
  reason: string | null,
  t: (
    key: 'reasonScoreAtLeast' | 'reasonScoreBelow' | 'reasonSignal',
    values?: Record<string, string>,
  ) => string,
  tl: (key: LeadLabelKey) => string,
): string {
  if (!reason) return '—';
  const atLeast = /^score>=(\d+(?:\.\d+)?)$/.exec(reason);
  if (atLeast) return t('reasonScoreAtLeast', { points: atLeast[1]! });
  const below = /^score<(\d+(?:\.\d+)?)$/.exec(reason);
  if (below) return t('reasonScoreBelow', { points: below[1]! });
  if (reason.startsWith('signal:'))
    return t('reasonSignal', { signal: labelOf(tl, 'event_', reason.slice(7)) });
  return reason;
}

function MoveRow({ event, who }: { event: TimelineEvent; who: string | null }) {
  const t = useT(leadMessages);
  const tl = useT(leadLabels);
  const tc = useT(common);
  const format = useFormat();
  const from = text(event.properties.from);
  const to = text(event.properties.to);
  const badge = (value: string | null) => {
    if (!value) return '—';
    if (STAGE_NAMES.includes(value)) return <StageBadge stage={value} />;
    if (TEMPERATURE_NAMES.includes(value)) return <TemperatureBadge temperature={value} />;
    return value;
  };
  const how = event.properties.automatic === true ? t('automatic') : (who ?? t('byPerson'));
  return (
    <tr>
      <td>{format.dateTime(event.occurredAt)}</td>
      <td>{badge(from)}</td>
      <td>{badge(to)}</td>
      <td>
        {readableReason(text(event.properties.reason), t, tl)} <span className="muted">({how})</span>
        {event.properties.confirmation === true && <span className="muted"> · {tc('confirm')}</span>}
      </td>
    </tr>
  );
}
