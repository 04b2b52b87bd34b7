import { useState } from 'react';
import { api } from '../../../app/api.ts';
import type { User } from '../../../app/domain.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Button, EmptyState, ErrorBanner, Loading } from '../../../app/ui.tsx';
import type { Loaded } from '../../../app/use-api.ts';
import { routingMessages } from './messages.ts';
import { userLabel } from './shared.tsx';
import { TeamForm } from './TeamForm.tsx';

export interface Team {
  id: string;
  name: string;
  slug: string;
  respectWorkingHours: boolean;
  members: { userId: string; weight: number }[];
}

/** Teams of reps and their round-robin weights; admins create, edit and delete them. */
export function TeamsPanel({
  teams,
  users,
  canEdit,
}: {
  teams: Loaded<{ data: Team[] }>;
  users: User[];
  canEdit: boolean;
}) {
  const t = useT(routingMessages);
  const format = useFormat();
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const [failure, setFailure] = useState<unknown>();
  const remove = async (team: Team) => {
    if (!globalThis.confirm(t('confirmDeleteTeam', { name: team.name }))) return;
    setFailure(undefined);
    try {
      await api.delete(`/api/v1/teams/${team.id}`);
      teams.reload();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <div className="stack" data-testid="routing-teams">
      <h3>{t('teams')}</h3>
      {teams.loading && !teams.data && <Loading />}
      <ErrorBanner error={teams.error ?? failure} onRetry={teams.error ? teams.reload : undefined} />
      {teams.data && teams.data.data.length === 0 && <EmptyState>{t('noTeams')}</EmptyState>}
      {teams.data && teams.data.data.length > 0 && (
        <table className="data">
          <caption className="sr-only">{t('teams')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('teamName')}</th>
              <th scope="col">{t('slug')}</th>
              <th scope="col">{t('membersAndWeights')}</th>
              <th scope="col">{t('workingHours')}</th>
              {canEdit && <th scope="col">{t('actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {teams.data.data.map((team) => (
              <tr key={team.id}>
                <th scope="row">{team.name}</th>
                <td>{team.slug}</td>
                <td>
                  {team.members.length === 0
                    ? '—'
                    : team.members
                        .map(
                          (member) => `${userLabel(users, member.userId)} (${format.number(member.weight)})`,
                        )
                        .join(', ')}
                </td>
                <td>{team.respectWorkingHours ? t('respected') : t('ignored')}</td>
                {canEdit && (
                  <td>
                    <div className="row">
                      <Button
                        onClick={() => setEditing(team)}
                        aria-label={t('editTeam', { name: team.name })}
                        data-testid={`team-edit-${team.id}`}
                      >
                        {t('edit')}
                      </Button>
                      <Button
                        variant="danger"
                        onClick={() => remove(team)}
                        aria-label={t('deleteTeam', { name: team.name })}
                        data-testid={`team-delete-${team.id}`}
                      >
                        {t('delete')}
                      </Button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit &&
        (editing ? (
          <TeamForm
            key={editing === 'new' ? 'new' : editing.id}
            team={editing === 'new' ? null : editing}
            users={users}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              teams.reload();
            }}
          />
        ) : (
          <div>
            <Button onClick={() => setEditing('new')} data-testid="team-new">
              {t('newTeam')}
            </Button>
          </div>
        ))}
    </div>
  );
}
