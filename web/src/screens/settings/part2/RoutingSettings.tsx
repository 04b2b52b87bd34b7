import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../../app/api.ts';
import type { User } from '../../../app/domain.ts';
import { useT } from '../../../app/i18n.tsx';
import { useSession } from '../../../app/session.tsx';
import { Button, ErrorBanner, Loading, SelectField, TextField } from '../../../app/ui.tsx';
import { useApi } from '../../../app/use-api.ts';
import './part2.css';
import { routingMessages } from './messages.ts';
import { type Rule, RulesPanel } from './RulesPanel.tsx';
import { useUsers } from './shared.tsx';
import { type Team, TeamsPanel } from './TeamsPanel.tsx';

interface Settings {
  fallbackUserId: string | null;
  capacity: { maxOpenLeads: number; periodDays: number } | null;
}

/** Who gets new leads: teams, ordered rules, fallback owner and capacity. */
export function RoutingSettings() {
  const t = useT(routingMessages);
  const { me } = useSession();
  const canEdit = me?.role === 'admin';
  const users = useUsers();
  const teams = useApi(() => api.get<{ data: Team[] }>('/api/v1/teams'), []);
  const rules = useApi(() => api.get<{ data: Rule[] }>('/api/v1/routing/rules'), []);
  const userList = users.data?.data ?? [];
  return (
    <section className="p2-section" aria-labelledby="settings-routing-title" data-testid="settings-routing">
      <h2 id="settings-routing-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {!canEdit && <p className="p2-note">{t('adminOnly')}</p>}
      <ErrorBanner error={users.error} onRetry={users.reload} />
      <TeamsPanel teams={teams} users={userList} canEdit={canEdit} />
      <RulesPanel rules={rules} teams={teams.data?.data ?? []} users={userList} canEdit={canEdit} />
      <RoutingOptions users={userList} canEdit={canEdit} />
    </section>
  );
}

function RoutingOptions({ users, canEdit }: { users: User[]; canEdit: boolean }) {
  const t = useT(routingMessages);
  const loaded = useApi(() => api.get<Settings>('/api/v1/routing/settings'), []);
  const [fallback, setFallback] = useState('');
  const [limit, setLimit] = useState(false);
  const [maxOpenLeads, setMaxOpenLeads] = useState(50);
  const [periodDays, setPeriodDays] = useState(30);
  const [failure, setFailure] = useState<unknown>();
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (!loaded.data) return;
    setFallback(loaded.data.fallbackUserId ?? '');
    setLimit(loaded.data.capacity !== null);
    if (loaded.data.capacity) {
      setMaxOpenLeads(loaded.data.capacity.maxOpenLeads);
      setPeriodDays(loaded.data.capacity.periodDays);
    }
  }, [loaded.data]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    setStatus('');
    try {
      await api.put('/api/v1/routing/settings', {
        fallbackUserId: fallback || null,
        capacity: limit ? { maxOpenLeads, periodDays } : null,
      });
      setStatus(t('saved'));
    } catch (error) {
      setFailure(error);
    }
  };

  if (loaded.loading && !loaded.data) return <Loading />;
  return (
    <form
      className="stack"
      onSubmit={save}
      aria-labelledby="routing-options-title"
      data-testid="routing-options"
    >
      <h3 id="routing-options-title">{t('options')}</h3>
      <ErrorBanner error={loaded.error} onRetry={loaded.reload} />
      <p className="p2-note">{t('stickiness')}</p>
      <SelectField
        label={t('fallback')}
        value={fallback}
        onChange={(event) => setFallback(event.target.value)}
        disabled={!canEdit}
        options={[
          { value: '', label: t('noFallback') },
          ...users.filter((user) => user.isActive).map((user) => ({ value: user.id, label: user.name })),
        ]}
        data-testid="routing-fallback"
      />
      <p className="muted">{t('fallbackHint')}</p>
      <label>
        <input
          type="checkbox"
          checked={limit}
          onChange={(event) => setLimit(event.target.checked)}
          disabled={!canEdit}
        />{' '}
        {t('capacity')}
      </label>
      {limit && (
        <div className="p2-inline">
          <TextField
            label={t('maxOpenLeads')}
            type="number"
            min={1}
            value={maxOpenLeads}
            onChange={(event) => setMaxOpenLeads(Number(event.target.value))}
            disabled={!canEdit}
          />
          <TextField
            label={t('periodDays')}
            type="number"
            min={1}
            max={365}
            value={periodDays}
            onChange={(event) => setPeriodDays(Number(event.target.value))}
            disabled={!canEdit}
          />
        </div>
      )}
      <ErrorBanner error={failure} />
      <p role="status">{status}</p>
      {canEdit && (
        <div className="row end">
          <Button type="submit" variant="primary" data-testid="routing-settings-save">
            {t('save')}
          </Button>
        </div>
      )}
    </form>
  );
}
