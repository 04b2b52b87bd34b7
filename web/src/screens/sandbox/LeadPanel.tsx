import type { Lead } from '../../app/domain.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { StageBadge, TemperatureBadge } from '../../app/ui.tsx';
import { labelOf, leadLabels } from '../lead/labels.ts';
import { sandboxMessages } from './messages.ts';

export interface BantCurrent {
  current: Record<
    'budget' | 'authority' | 'need' | 'timeline',
    { value: unknown; confidence: number } | null
  >;
}

const FIELDS = [
  ['need', 'need_field'],
  ['timeline', 'timeline'],
  ['budget', 'budget'],
  ['authority', 'authority'],
] as const;

/** BANT values are small JSON shapes ({ text }, { kind: 'amount', amount, currency }, { horizon }…). */
function describe(
  value: unknown,
  format: { number: (value: number) => string; date: (value: string) => string },
  horizon: (code: string) => string,
): string {
  const { number } = format;
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  const parts = value as Record<string, unknown>;
  if (typeof parts.text === 'string') return parts.text;
  if (parts.kind === 'horizon' && typeof parts.horizon === 'string') return horizon(parts.horizon);
  if (parts.kind === 'date' && typeof parts.date === 'string') return format.date(parts.date);
  const currency = typeof parts.currency === 'string' ? ` ${parts.currency}` : '';
  if (typeof parts.amount === 'number') return `${number(parts.amount)}${currency}`;
  if (typeof parts.min === 'number' && typeof parts.max === 'number')
    return `${number(parts.min)}–${number(parts.max)}${currency}`;
  return Object.entries(parts)
    .filter(([key, part]) => key !== 'kind' && part !== null && typeof part !== 'object')
    .map(([, part]) => String(part))
    .join(', ');
}

/** What the agent has learnt so far, refreshed after every agent reply. */
export function LeadPanel({ lead, bant }: { lead: Lead; bant: BantCurrent | undefined }) {
  const t = useT(sandboxMessages);
  const tl = useT(leadLabels);
  const format = useFormat();
  return (
    <aside className="card sandbox-panel" aria-labelledby="sandbox-panel-title" data-testid="sandbox-panel">
      <h2 id="sandbox-panel-title">{t('panel')}</h2>
      <dl className="sandbox-facts">
        <dt>{t('score')}</dt>
        <dd className="num" data-testid="sandbox-score">
          {format.number(lead.score)}
        </dd>
        <dt>{t('temperature')}</dt>
        <dd data-testid="sandbox-temperature" data-value={lead.temperature}>
          <TemperatureBadge temperature={lead.temperature} />
        </dd>
        <dt>{t('stage')}</dt>
        <dd data-testid="sandbox-stage" data-value={lead.stage}>
          <StageBadge stage={lead.stage} />
        </dd>
      </dl>
      <h3>{t('bant')}</h3>
      <dl className="sandbox-facts">
        {FIELDS.map(([field, label]) => {
          const entry = bant?.current[field];
          return (
            <div key={field} className="sandbox-fact">
              <dt>{t(label)}</dt>
              <dd className={entry ? undefined : 'muted'}>
                {entry
                  ? describe(entry.value, format, (code) => labelOf(tl, 'horizon_', code))
                  : t('unknown')}
              </dd>
            </div>
          );
        })}
      </dl>
      <p className="muted">{lead.ownerId ? t('ownerNote') : t('noOwner')}</p>
      <Link to={`/leads/${lead.id}`}>{t('openLead')}</Link>
    </aside>
  );
}
