import { api } from '../../app/api.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { Badge, Card, ErrorBanner, Loading } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { labelOf, leadLabels } from './labels.ts';
import type { ConsentRow } from './lead-data.ts';
import { leadMessages } from './messages.ts';

/**
 * The consent ledger, newest first: each grant or withdrawal with how it was given and its proof.
 * A list rather than a table: it sits in the narrow side column.
 */
export function ConsentSection({ leadId, version }: { leadId: string; version: number }) {
  const t = useT(leadMessages);
  const tl = useT(leadLabels);
  const format = useFormat();
  const consents = useApi(
    () => api.get<{ data: ConsentRow[] }>(`/api/v1/leads/${leadId}/consents`),
    [leadId, version],
  );
  const rows = [...(consents.data?.data ?? [])].reverse();
  return (
    <Card title={t('consentTitle')}>
      <ErrorBanner error={consents.error} onRetry={consents.reload} />
      {consents.loading && !consents.data && <Loading />}
      {consents.data && rows.length === 0 && <p className="muted">{t('noConsent')}</p>}
      {rows.length > 0 && (
        <ol className="lead-plain-list stack" data-testid="consents">
          {rows.map((row) => {
            const proof = [row.formId, row.messageId, row.ip].filter(Boolean).join(' · ');
            return (
              <li key={row.id} className="lead-consent">
                <div className="row">
                  <Badge kind={row.granted ? 'ok' : 'hot'}>
                    {row.granted ? t('granted') : t('withdrawn')}
                  </Badge>
                  <strong>{labelOf(tl, 'purpose_', row.purpose)}</strong>
                  <span className="muted">
                    {t('channel')} {row.channel}
                  </span>
                </div>
                <div className="lead-small">
                  <time dateTime={row.recordedAt}>{format.dateTime(row.recordedAt)}</time>
                  {' · '}
                  {t('method')} {labelOf(tl, 'method_', row.method)}
                </div>
                {row.text && (
                  <div className="lead-small lead-break">
                    <q>{row.text}</q>
                  </div>
                )}
                {proof && (
                  <div className="lead-small muted lead-break">
                    {t('proof')} {proof}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
