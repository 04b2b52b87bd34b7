import { type FormEvent, useState } from 'react';
import { api } from '../../app/api.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { useSession } from '../../app/session.tsx';
import {
  Badge,
  Button,
  Card,
  EmptyState,
  ErrorBanner,
  Loading,
  SelectField,
  TextField,
} from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { ApiKeysCard } from './ApiKeysCard.tsx';
import { FieldErrors, pathErrorsOf } from './settings-kit.tsx';
import { usersMessages } from './users.messages.ts';

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'marketer' | 'sales_rep';
  timezone: string;
  slug: string | null;
  isActive: boolean;
  createdAt: string;
}

const ROLES = ['admin', 'marketer', 'sales_rep'] as const;

export function UsersSettings() {
  const t = useT(usersMessages);
  const format = useFormat();
  const { me } = useSession();
  const isAdmin = me?.role === 'admin';
  const users = useApi(() => api.get<{ data: UserDto[] }>('/api/v1/users'), []);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<string>();
  return (
    <div className="stack">
      <Card
        title={t('usersTitle')}
        actions={
          isAdmin &&
          !adding && (
            <Button onClick={() => setAdding(true)} data-testid="add-user">
              {t('addUser')}
            </Button>
          )
        }
      >
        <div className="stack">
          {created && (
            <p role="status" className="status-ok">
              {t('userCreated', { name: created })}
            </p>
          )}
          {adding && (
            <NewUserForm
              onCancel={() => setAdding(false)}
              onCreated={(user) => {
                setAdding(false);
                setCreated(user.name);
                users.reload();
              }}
            />
          )}
          {users.error && <ErrorBanner error={users.error} onRetry={users.reload} />}
          {users.loading && !users.data && <Loading />}
          {users.data && users.data.data.length === 0 && <EmptyState>{t('noUsers')}</EmptyState>}
          {users.data && users.data.data.length > 0 && (
            <table className="data" data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">{t('name')}</th>
                  <th scope="col">{t('email')}</th>
                  <th scope="col">{t('role')}</th>
                  <th scope="col">{t('timezone')}</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('createdAt')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.data.map((user) => (
                  <tr key={user.id}>
                    <td>{user.name}</td>
                    <td>{user.email}</td>
                    <td>{t(`role_${user.role}`)}</td>
                    <td>{user.timezone}</td>
                    <td>
                      <Badge kind={user.isActive ? 'ok' : 'cold'}>
                        {t(user.isActive ? 'active' : 'inactive')}
                      </Badge>
                    </td>
                    <td>{format.date(user.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </Card>
      {isAdmin && <ApiKeysCard users={users.data?.data ?? []} />}
    </div>
  );
}

function NewUserForm({ onCreated, onCancel }: { onCreated: (user: UserDto) => void; onCancel: () => void }) {
  const t = useT(usersMessages);
  const tc = useT(common);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<UserDto['role']>('sales_rep');
  const [password, setPassword] = useState('');
  const [timezone, setTimezone] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const errors = pathErrorsOf(error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onCreated(
        await api.post<UserDto>('/api/v1/users', {
          name,
          email,
          role,
          timezone,
          ...(password ? { password } : {}),
        }),
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="stack rule-editor" onSubmit={submit} aria-label={t('addUser')}>
      <div className="grid-2">
        <div>
          <TextField
            label={t('name')}
            required
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <FieldErrors errors={errors} path="body.name" />
        </div>
        <div>
          <TextField
            label={t('email')}
            type="email"
            required
            value={email}
            data-testid="new-user-email"
            onChange={(event) => setEmail(event.target.value)}
          />
          <FieldErrors errors={errors} path="body.email" />
        </div>
        <SelectField
          label={t('role')}
          value={role}
          data-testid="new-user-role"
          options={ROLES.map((value) => ({ value, label: t(`role_${value}`) }))}
          onChange={(event) => setRole(event.target.value as UserDto['role'])}
        />
        <div>
          <TextField
            label={t('timezone')}
            value={timezone}
            onChange={(event) => setTimezone(event.target.value)}
          />
          <FieldErrors errors={errors} path="body.timezone" />
        </div>
        <div>
          <TextField
            label={t('password')}
            type="password"
            autoComplete="new-password"
            minLength={8}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <FieldErrors errors={errors} path="body.password" />
        </div>
      </div>
      <ErrorBanner error={error} />
      <div className="row end">
        <Button onClick={onCancel}>{tc('cancel')}</Button>
        <Button type="submit" variant="primary" disabled={busy} data-testid="create-user">
          {t('createUser')}
        </Button>
      </div>
    </form>
  );
}
