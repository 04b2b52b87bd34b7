import { api } from '../../app/api.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { Card, ErrorBanner, Loading } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { labelOf, leadLabels } from './labels.ts';
import { BANT_FIELDS, type Bant, type BantEntry } from './lead-data.ts';
import { leadMessages } from './messages.ts';

// Values recorded from a conversation point at the message through `sourceRef` (a message id).
const FROM_MESSAGE = ['message', 'agent'];

/** Budget, authority, need and timeline as last recorded, each with how sure and where from. */
export function BantSection({
  leadId,
  version,
  onOpenMessage,
}: {
  leadId: string;
  version: number;
  onOpenMessage: (messageId: string) => void;
}) {
  const t = useT(leadMessages);
  const format = useFormat();
  const tl = useT(leadLabels);
  const bant = useApi(() => api.get<Bant>(`/api/v1/leads/${leadId}/bant`), [leadId, version]);
  return (
    <Card title={t('bantTitle')}>
      <ErrorBanner error={bant.error} onRetry={bant.reload} />
      {bant.loading && !bant.data && <Loading />}
      {bant.data && (
        <table className="data" data-testid="bant">
          <thead>
            <tr>
              <th scope="col">{t('bantTitle')}</th>
              <th scope="col">{t('value')}</th>
              <th scope="col" className="num">
                {t('confidence')}
              </th>
              <th scope="col">{t('sourceColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {BANT_FIELDS.map((field) => {
              const entry = bant.data?.current[field] ?? null;
              return (
                <tr key={field} data-testid={`bant-${field}`}>
                  <th scope="row">{t(`bant_${field}`)}</th>
                  {entry ? (
                    <>
                      <td>
                        <BantValue entry={entry} />
                      </td>
                      <td className="num">{format.percent(entry.confidence)}</td>
                      <td>
                        {labelOf(tl, 'bantSource_', entry.source)}
                        {entry.sourceRef && FROM_MESSAGE.includes(entry.source) && (
                          <>
                            {' · '}
                            <a
                              href={`#message-${entry.sourceRef}`}
                              data-testid={`bant-${field}-message`}
                              onClick={(event) => {
                                event.preventDefault();
                                onOpenMessage(entry.sourceRef as string);
                              }}
                            >
                              {t('openMessage')}
                            </a>
                          </>
                        )}
                        <div className="muted">{format.dateTime(entry.recordedAt)}</div>
                      </td>
                    </>
                  ) : (
                    <td colSpan={3} className="muted">
                      {t('notKnown')}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function BantValue({ entry }: { entry: BantEntry }) {
  const tl = useT(leadLabels);
  const format = useFormat();
  const value = entry.value as Record<string, unknown> | string | null;
  const money = (amount: unknown, currency: unknown) => {
    try {
      return new Intl.NumberFormat(format.tag, { style: 'currency', currency: String(currency) }).format(
        Number(amount),
      );
    } catch {
      return `${String(amount)} ${String(currency)}`;
    }
  };
  if (value === null || value === undefined) return <>—</>;
  if (entry.field === 'authority' && typeof value === 'string')
    return <>{labelOf(tl, 'authority_', value)}</>;
  if (typeof value !== 'object') return <>{String(value)}</>;
  if (entry.field === 'budget') {
    if (value.kind === 'none') return <>{tl('budgetNone')}</>;
    if (value.kind === 'range')
      return (
        <>
          {tl('budgetRange', {
            min: money(value.min, value.currency),
            max: money(value.max, value.currency),
          })}
        </>
      );
    if (value.kind === 'amount') return <>{money(value.amount, value.currency)}</>;
  }
  if (entry.field === 'need' && typeof value.text === 'string')
    return (
      <>
        {value.text}
        {typeof value.category === 'string' && <span className="muted"> ({value.category})</span>}
      </>
    );
  if (entry.field === 'timeline') {
    if (value.kind === 'date') return <>{format.date(String(value.date))}</>;
    if (value.kind === 'horizon') return <>{labelOf(tl, 'horizon_', String(value.horizon))}</>;
  }
  return <code>{JSON.stringify(value)}</code>;
}
