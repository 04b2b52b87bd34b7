import { type FormEvent, useState } from 'react';
import { api } from '../../app/api.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import {
  Badge,
  Button,
  Card,
  Dialog,
  EmptyState,
  ErrorBanner,
  Loading,
  SelectField,
  TextField,
} from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import type { UserDto } from './UsersSettings.tsx';
import { usersMessages } from './users.messages.ts';

interface ApiKeyDto {
  id: string;
  name: string;
  displayPrefix: string;
  userId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** API keys (admin): the secret is in the creation answer only, so it is shown once, in a dialog. */
export function ApiKeysCard({ users }: { users: readonly UserDto[] }) {
  const t = useT(usersMessages);
  const tc = useT(common);
  const format = useFormat();
  const keys = useApi(() => api.get<{ data: ApiKeyDto[] }>('/api/v1/api-keys'), []);
  const [name, setName] = useState('');
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ name: string; key: string }>();
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [revoking, setRevoking] = useState<ApiKeyDto>();
  const [revokeError, setRevokeError] = useState<unknown>();
  const userName = (id: string | null) => users.find((user) => user.id === id)?.name ?? id ?? t('keyNoUser');

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api.post<{ id: string; name: string; key: string }>('/api/v1/api-keys', {
        name,
        ...(userId ? { userId } : {}),
      });
      setCreated(answer);
      setCopyState('idle');
      setName('');
      keys.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created?.key ?? '');
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };
  const revoke = async () => {
    if (!revoking) return;
    setRevokeError(undefined);
    try {
      await api.delete(`/api/v1/api-keys/${encodeURIComponent(revoking.id)}`);
      setRevoking(undefined);
      keys.reload();
    } catch (failure) {
      setRevokeError(failure);
    }
  };

  return (
    <Card title={t('keysTitle')}>
      <div className="stack">
        <p className="muted">{t('keysHint')}</p>
        <form className="row" onSubmit={create} aria-label={t('createKey')}>
          <TextField
            label={t('keyName')}
            required
            value={name}
            data-testid="new-key-name"
            onChange={(event) => setName(event.target.value)}
          />
          <SelectField
            label={t('keyUser')}
            value={userId}
            options={[
              { value: '', label: t('keyNoUser') },
              ...users.filter((user) => user.isActive).map((user) => ({ value: user.id, label: user.name })),
            ]}
            onChange={(event) => setUserId(event.target.value)}
          />
          <Button type="submit" variant="primary" disabled={busy} data-testid="create-key">
            {t('createKey')}
          </Button>
        </form>
        <ErrorBanner error={error} />
        {keys.error && <ErrorBanner error={keys.error} onRetry={keys.reload} />}
        {keys.loading && !keys.data && <Loading />}
        {keys.data && keys.data.data.length === 0 && <EmptyState>{t('noKeys')}</EmptyState>}
        {keys.data && keys.data.data.length > 0 && (
          <table className="data" data-testid="keys-table">
            <thead>
              <tr>
                <th scope="col">{t('keyName')}</th>
                <th scope="col">{t('keyPrefix')}</th>
                <th scope="col">{t('keyUser')}</th>
                <th scope="col">{t('createdAt')}</th>
                <th scope="col">{t('lastUsed')}</th>
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.data.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.displayPrefix}…</code>
                  </td>
                  <td>{userName(key.userId)}</td>
                  <td>{format.date(key.createdAt)}</td>
                  <td>{key.lastUsedAt ? format.ago(key.lastUsedAt) : t('never')}</td>
                  <td>
                    {key.revokedAt ? (
                      <Badge kind="cold">{t('revoked')}</Badge>
                    ) : (
                      <Button
                        variant="danger"
                        aria-label={`${t('revokeKey')} ${key.name}`}
                        data-testid={`revoke-key-${key.id}`}
                        onClick={() => {
                          setRevokeError(undefined);
                          setRevoking(key);
                        }}
                      >
                        {t('revokeKey')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <Dialog title={t('newKeyTitle')} open={created !== undefined} onClose={() => setCreated(undefined)}>
        <div className="stack">
          <p>
            <strong>{t('newKeyWarning')}</strong>
          </p>
          <p className="secret-key" data-testid="new-key-value">
            {created?.key}
          </p>
          <p aria-live="polite">
            {copyState === 'copied' && <span className="status-ok">{t('copied')}</span>}
            {copyState === 'failed' && <span className="status-fail">{t('copyFailed')}</span>}
          </p>
          <div className="row end">
            <Button onClick={() => void copy()} data-testid="copy-key">
              {t('copy')}
            </Button>
            <Button variant="primary" onClick={() => setCreated(undefined)} data-testid="close-key-dialog">
              {t('done')}
            </Button>
          </div>
        </div>
      </Dialog>
      <Dialog
        title={t('revokeTitle', { name: revoking?.name ?? '' })}
        open={revoking !== undefined}
        onClose={() => setRevoking(undefined)}
      >
        <div className="stack">
          <p>{t('revokeWarning')}</p>
          <ErrorBanner error={revokeError} />
          <div className="row end">
            <Button onClick={() => setRevoking(undefined)}>{tc('cancel')}</Button>
            <Button variant="danger" onClick={() => void revoke()} data-testid="confirm-revoke">
              {t('revokeKey')}
            </Button>
          </div>
        </div>
      </Dialog>
    </Card>
  );
}
