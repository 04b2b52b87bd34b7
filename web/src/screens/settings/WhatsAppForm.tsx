import { type FormEvent, useState } from 'react';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Button, ErrorBanner, TextField } from '../../app/ui.tsx';
import type { WhatsAppAccountDto } from './ChannelsSettings.tsx';
import { channelsMessages } from './channels.messages.ts';
import { FieldErrors, pathErrorsOf } from './settings-kit.tsx';

const DEFAULT_GRAPH_URL = 'https://graph.facebook.com/v23.0';

/** Connects or changes the number. The API never returns secrets, so they are typed again on every save. */
export function WhatsAppForm({
  account,
  onSaved,
  onCancel,
}: {
  account: WhatsAppAccountDto | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const t = useT(channelsMessages);
  const tc = useT(common);
  const [phoneNumberId, setPhoneNumberId] = useState(account?.phoneNumberId ?? '');
  const [graphUrl, setGraphUrl] = useState(account?.graphUrl ?? DEFAULT_GRAPH_URL);
  const [accessToken, setAccessToken] = useState('');
  const [appSecret, setAppSecret] = useState('');
  const [verifyToken, setVerifyToken] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const errors = pathErrorsOf(error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.put('/api/v1/settings/whatsapp', {
        phoneNumberId: phoneNumberId.trim(),
        graphUrl: graphUrl.trim(),
        accessToken,
        appSecret,
        verifyToken,
        // Templates are kept as they are; this form changes the connection only.
        templates: account?.templates ?? {},
      });
      onSaved();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const secretField = (
    label: string,
    value: string,
    set: (value: string) => void,
    path: string,
    testId: string,
  ) => (
    <div>
      <TextField
        label={label}
        type="password"
        autoComplete="off"
        required
        value={value}
        data-testid={testId}
        onChange={(event) => set(event.target.value)}
      />
      <FieldErrors errors={errors} path={path} />
    </div>
  );
  return (
    <form className="stack" onSubmit={submit}>
      <p className="muted">{t('secretsHint')}</p>
      <div className="grid-2">
        <div>
          <TextField
            label={t('phoneNumberId')}
            hint={t('phoneNumberIdHint')}
            inputMode="numeric"
            required
            value={phoneNumberId}
            data-testid="whatsapp-phone-number-id"
            onChange={(event) => setPhoneNumberId(event.target.value)}
          />
          <FieldErrors errors={errors} path="body.phoneNumberId" />
        </div>
        <div>
          <TextField
            label={t('graphUrl')}
            type="url"
            required
            value={graphUrl}
            onChange={(event) => setGraphUrl(event.target.value)}
          />
          <FieldErrors errors={errors} path="body.graphUrl" />
        </div>
        {secretField(
          t('accessToken'),
          accessToken,
          setAccessToken,
          'body.accessToken',
          'whatsapp-access-token',
        )}
        {secretField(t('appSecret'), appSecret, setAppSecret, 'body.appSecret', 'whatsapp-app-secret')}
        {secretField(
          t('verifyToken'),
          verifyToken,
          setVerifyToken,
          'body.verifyToken',
          'whatsapp-verify-token',
        )}
      </div>
      <ErrorBanner error={error} />
      <div className="row end">
        <Button onClick={onCancel}>{tc('cancel')}</Button>
        <Button type="submit" variant="primary" disabled={busy} data-testid="whatsapp-save">
          {t('saveWhatsApp')}
        </Button>
      </div>
    </form>
  );
}
