import { api } from '../../app/api.ts';
import type { Lead, User } from '../../app/domain.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Card, ErrorBanner, Loading, StageBadge, TemperatureBadge } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import type { LeadScore, TimelineEvent, TimelinePage } from './lead-data.ts';
import { leadMessages } from './messages.ts';

const STAGE_NAMES = [
  'subscriber',
  'lead',
  'mql',
  'sql',
  'opportunity',
  'customer',
  'disqualified',
  'recycled',
];
const TEMPERATURE_NAMES = ['cold', 'warm', 'hot'];

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/**
 * Stage moves come from the `stage_changed` events (with who and why); temperature moves are not events,
 * so the current temperature is shown with the score changes that drive it.
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

function MoveRow({ event, who }: { event: TimelineEvent; who: string | null }) {
  const t = useT(leadMessages);
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
        {text(event.properties.reason) ?? '—'} <span className="muted">({how})</span>
        {event.properties.confirmation === true && <span className="muted"> · {tc('confirm')}</span>}
      </td>
    </tr>
  );
}
