import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../../app/api.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { Badge, Button, Card, ErrorBanner, Loading } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { channelsMessages } from './channels.messages.ts';
import { settingsMessages } from './messages.ts';
import { WhatsAppForm } from './WhatsAppForm.tsx';

export interface WhatsAppAccountDto {
  phoneNumberId: string;
  graphUrl: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  templates: Record<string, { name: string; languageCode: string }[] | undefined>;
  updatedAt: string;
}
interface ChannelCheck {
  ok: boolean;
  code: number | null;
  message: string;
  details?: Record<string, string>;
  to?: string;
}

export function ChannelsSettings() {
  return (
    <div className="stack">
      <WhatsAppCard />
      <EmailCard />
    </div>
  );
}

/** 404 WHATSAPP_NOT_CONNECTED is a normal state here, not an error. */
async function loadAccount(): Promise<WhatsAppAccountDto | null> {
  try {
    return await api.get<WhatsAppAccountDto>('/api/v1/settings/whatsapp');
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

function WhatsAppCard() {
  const t = useT(channelsMessages);
  const ts = useT(settingsMessages);
  const format = useFormat();
  const account = useApi(loadAccount, []);
  const [editing, setEditing] = useState(false);
  const [check, setCheck] = useState<ChannelCheck>();
  const [checkError, setCheckError] = useState<unknown>();
  const [testing, setTesting] = useState(false);
  if (account.error instanceof ApiError && account.error.status === 403)
    return (
      <Card title={t('whatsappTitle')}>
        <p className="muted">{ts('adminOnly')}</p>
      </Card>
    );
  if (account.error) return <ErrorBanner error={account.error} onRetry={account.reload} />;
  if (account.loading && account.data === undefined) return <Loading />;
  const data = account.data ?? null;
  const test = async (event?: FormEvent) => {
    event?.preventDefault();
    setTesting(true);
    setCheck(undefined);
    setCheckError(undefined);
    try {
      setCheck(await api.post<ChannelCheck>('/api/v1/settings/whatsapp/test'));
    } catch (failure) {
      setCheckError(failure);
    } finally {
      setTesting(false);
    }
  };
  const secret = (value: string | undefined) =>
    value ? <Badge kind="ok">{t('secretSet')}</Badge> : <Badge kind="cold">{t('secretNotSet')}</Badge>;
  const templates = data ? Object.values(data.templates).flatMap((list) => list ?? []) : [];
  return (
    <Card
      title={t('whatsappTitle')}
      actions={
        data && (
          <Button onClick={() => void test()} disabled={testing} data-testid="whatsapp-test">
            {testing ? t('testing') : t('testConnection')}
          </Button>
        )
      }
    >
      <div className="stack">
        {!data && <p>{t('notConnected')}</p>}
        {data && (
          <dl className="grid-2">
            <div>
              <dt>{t('phoneNumberId')}</dt>
              <dd>{data.phoneNumberId}</dd>
            </div>
            <div>
              <dt>{t('graphUrl')}</dt>
              <dd>{data.graphUrl}</dd>
            </div>
            <div>
              <dt>{t('accessToken')}</dt>
              <dd>{secret(data.accessToken)}</dd>
            </div>
            <div>
              <dt>{t('appSecret')}</dt>
              <dd>{secret(data.appSecret)}</dd>
            </div>
            <div>
              <dt>{t('verifyToken')}</dt>
              <dd>{secret(data.verifyToken)}</dd>
            </div>
            <div>
              <dt>{t('updatedAt')}</dt>
              <dd>{format.dateTime(data.updatedAt)}</dd>
            </div>
            <div>
              <dt>{t('templates')}</dt>
              <dd>
                {templates.length === 0
                  ? t('noTemplates')
                  : templates.map((item) => `${item.name} (${item.languageCode})`).join(', ')}
              </dd>
            </div>
          </dl>
        )}
        <div aria-live="polite" data-testid="whatsapp-test-result">
          {check?.ok && (
            <p className="status-ok">
              {t('testOk')}{' '}
              {[check.details?.verified_name, check.details?.display_phone_number]
                .filter(Boolean)
                .join(' · ')}
            </p>
          )}
          {check && !check.ok && (
            <p className="status-fail" role="alert">
              {check.code === null ? t('testFailedNoCode') : t('testFailed', { code: check.code })}{' '}
              {check.message}
            </p>
          )}
        </div>
        <ErrorBanner error={checkError} />
        {editing ? (
          <WhatsAppForm
            account={data}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              setCheck(undefined);
              account.reload();
            }}
          />
        ) : (
          <div>
            <Button onClick={() => setEditing(true)} data-testid="whatsapp-edit">
              {data ? t('editWhatsApp') : t('connectWhatsApp')}
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}

function EmailCard() {
  const t = useT(channelsMessages);
  const ts = useT(settingsMessages);
  const status = useApi(
    () => api.get<{ configured: boolean; from: string | null }>('/api/v1/settings/email'),
    [],
  );
  const [result, setResult] = useState<ChannelCheck>();
  const [error, setError] = useState<unknown>();
  const [sending, setSending] = useState(false);
  const send = async () => {
    setSending(true);
    setResult(undefined);
    setError(undefined);
    try {
      setResult(await api.post<ChannelCheck>('/api/v1/settings/email/test'));
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  };
  return (
    <Card
      title={t('emailTitle')}
      actions={
        status.data?.configured && (
          <Button onClick={() => void send()} disabled={sending} data-testid="email-test">
            {sending ? t('sending') : t('sendTestEmail')}
          </Button>
        )
      }
    >
      <div className="stack">
        {status.error instanceof ApiError && status.error.status === 403 ? (
          <p className="muted">{ts('readOnly')}</p>
        ) : (
          status.error && <ErrorBanner error={status.error} onRetry={status.reload} />
        )}
        {status.loading && !status.data && <Loading />}
        {status.data && (
          <p data-testid="smtp-status">
            {status.data.configured ? (
              <>
                <Badge kind="ok">{t('smtpConfigured')}</Badge> {t('sender')} <code>{status.data.from}</code>
              </>
            ) : (
              t('smtpNotConfigured')
            )}
          </p>
        )}
        <div aria-live="polite">
          {result?.ok && <p className="status-ok">{t('testEmailSent', { to: result.to ?? '' })}</p>}
          {result && !result.ok && (
            <p className="status-fail" role="alert">
              {t('testEmailFailed', { to: result.to ?? '' })} {result.code ?? ''} {result.message}
            </p>
          )}
        </div>
        <ErrorBanner error={error} />
      </div>
    </Card>
  );
}
