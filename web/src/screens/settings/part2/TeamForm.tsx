import { type FormEvent, useState } from 'react';
import { api } from '../../../app/api.ts';
import type { User } from '../../../app/domain.ts';
import { useT } from '../../../app/i18n.tsx';
import { Button, ErrorBanner, SelectField, TextField } from '../../../app/ui.tsx';
import { routingMessages } from './messages.ts';
import { errorDetails, errorsAt, FieldErrors, type PathError, userLabel } from './shared.tsx';
import type { Team } from './TeamsPanel.tsx';

/** Creates a team, or replaces an existing one (name, slug, working hours, members and weights). */
export function TeamForm({
  team,
  users,
  onCancel,
  onSaved,
}: {
  team: Team | null;
  users: User[];
  onCancel: () => void;
  onSaved: () => void;
}) {
  const t = useT(routingMessages);
  const [name, setName] = useState(team?.name ?? '');
  const [slug, setSlug] = useState(team?.slug ?? '');
  const [respect, setRespect] = useState(team?.respectWorkingHours ?? true);
  const [members, setMembers] = useState<{ userId: string; weight: number }[]>(team?.members ?? []);
  const [errors, setErrors] = useState<PathError[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const reps = users.filter((user) => user.isActive);
  const available = reps.filter((user) => !members.some((member) => member.userId === user.id));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    try {
      const body = { name, slug, members, workingHours: { respect } };
      if (team) await api.put(`/api/v1/teams/${team.id}`, body);
      else await api.post('/api/v1/teams', body);
      onSaved();
    } catch (error) {
      setErrors(errorDetails(error));
      setFailure(error);
    }
  };

  const title = team ? t('editTeam', { name: team.name }) : t('newTeam');
  return (
    <form className="card stack" onSubmit={submit} aria-label={title} noValidate>
      <h4>{title}</h4>
      <div className="p2-inline">
        <TextField
          label={t('teamName')}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            // A slug that follows the name until the user edits it themselves.
            if (!slug || slug === slugify(name)) setSlug(slugify(event.target.value));
          }}
          data-testid="team-name"
        />
        <TextField
          label={t('slug')}
          hint={t('slugHint')}
          value={slug}
          onChange={(event) => setSlug(event.target.value)}
          data-testid="team-slug"
        />
      </div>
      <FieldErrors messages={[...errorsAt(errors, 'name'), ...errorsAt(errors, 'slug')]} />
      <label>
        <input type="checkbox" checked={respect} onChange={(event) => setRespect(event.target.checked)} />{' '}
        {t('respectWorkingHours')}
      </label>
      <fieldset className="stack">
        <legend>{t('members')}</legend>
        {members.length === 0 && <p className="muted">{t('noMembers')}</p>}
        {members.map((member, index) => (
          <div className="p2-inline" key={member.userId}>
            <span>{userLabel(users, member.userId)}</span>
            <TextField
              label={t('weightOf', { name: userLabel(users, member.userId) })}
              type="number"
              min={1}
              max={100}
              value={member.weight}
              onChange={(event) =>
                setMembers(
                  members.map((other, position) =>
                    position === index ? { ...other, weight: Number(event.target.value) } : other,
                  ),
                )
              }
              data-testid={`team-member-weight-${index}`}
            />
            <Button
              variant="ghost"
              onClick={() => setMembers(members.filter((_, position) => position !== index))}
              aria-label={t('removeMember', { name: userLabel(users, member.userId) })}
            >
              {t('remove')}
            </Button>
            <FieldErrors messages={errorsAt(errors, `members.${index}`)} />
          </div>
        ))}
        {available.length > 0 && (
          <SelectField
            label={t('addMember')}
            value=""
            onChange={(event) =>
              event.target.value && setMembers([...members, { userId: event.target.value, weight: 1 }])
            }
            options={[
              { value: '', label: t('chooseRep') },
              ...available.map((user) => ({ value: user.id, label: user.name })),
            ]}
            data-testid="team-add-member"
          />
        )}
        <p className="muted">{t('weightHint')}</p>
      </fieldset>
      <ErrorBanner error={failure} />
      <div className="row end">
        <Button onClick={onCancel}>{t('cancel')}</Button>
        <Button type="submit" variant="primary" data-testid="team-save">
          {team ? t('saveTeam') : t('createTeam')}
        </Button>
      </div>
    </form>
  );
}

function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
