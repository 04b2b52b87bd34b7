import { type FormEvent, useState } from 'react';
import { api } from '../../../app/api.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Button, EmptyState, ErrorBanner, Loading, SelectField, TextField } from '../../../app/ui.tsx';
import { useApi } from '../../../app/use-api.ts';
import { schedulingMessages } from './messages.ts';
import { errorDetails, errorsAt, FieldErrors, type PathError } from './shared.tsx';

type Location =
  | { kind: 'phone' }
  | { kind: 'video'; urlTemplate: string }
  | { kind: 'address'; address: string };
interface MeetingType {
  id: string;
  name: string;
  slug: string;
  durationMinutes: number;
  location: Location;
  description: string | null;
}

/** The kinds of meeting leads can book; admins create them. */
export function MeetingTypesPanel({ canEdit }: { canEdit: boolean }) {
  const t = useT(schedulingMessages);
  const format = useFormat();
  const types = useApi(() => api.get<{ data: MeetingType[] }>('/api/v1/meeting-types'), []);
  const [creating, setCreating] = useState(false);
  const where = (location: Location) =>
    location.kind === 'video'
      ? `${t('location_video')} — ${location.urlTemplate}`
      : location.kind === 'address'
        ? `${t('location_address')} — ${location.address}`
        : t('location_phone');
  return (
    <div className="stack" data-testid="meeting-types">
      <h3>{t('meetingTypes')}</h3>
      {types.loading && !types.data && <Loading />}
      <ErrorBanner error={types.error} onRetry={types.reload} />
      {types.data && types.data.data.length === 0 && <EmptyState>{t('noMeetingTypes')}</EmptyState>}
      {types.data && types.data.data.length > 0 && (
        <table className="data">
          <caption className="sr-only">{t('meetingTypes')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meetingName')}</th>
              <th scope="col">{t('slug')}</th>
              <th scope="col" className="num">
                {t('duration')}
              </th>
              <th scope="col">{t('location')}</th>
            </tr>
          </thead>
          <tbody>
            {types.data.data.map((type) => (
              <tr key={type.id}>
                <th scope="row">{type.name}</th>
                <td>{type.slug}</td>
                <td className="num">{format.duration(type.durationMinutes * 60)}</td>
                <td>{where(type.location)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit &&
        (creating ? (
          <MeetingTypeForm
            onCancel={() => setCreating(false)}
            onCreated={() => {
              setCreating(false);
              types.reload();
            }}
          />
        ) : (
          <div>
            <Button onClick={() => setCreating(true)} data-testid="meeting-type-new">
              {t('newMeetingType')}
            </Button>
          </div>
        ))}
    </div>
  );
}

function MeetingTypeForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: () => void }) {
  const t = useT(schedulingMessages);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [duration, setDuration] = useState(30);
  const [kind, setKind] = useState<Location['kind']>('video');
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<PathError[]>([]);
  const [failure, setFailure] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const location: Location =
      kind === 'video'
        ? { kind, urlTemplate: place }
        : kind === 'address'
          ? { kind, address: place }
          : { kind };
    setFailure(undefined);
    try {
      await api.post('/api/v1/meeting-types', {
        name,
        slug,
        durationMinutes: duration,
        location,
        ...(description.trim() ? { description } : {}),
      });
      onCreated();
    } catch (error) {
      setErrors(errorDetails(error));
      setFailure(error);
    }
  };

  return (
    <form className="card stack" onSubmit={submit} aria-label={t('newMeetingType')} noValidate>
      <h4>{t('newMeetingType')}</h4>
      <div className="p2-inline">
        <TextField
          label={t('meetingName')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          data-testid="meeting-type-name"
        />
        <TextField
          label={t('slug')}
          hint={t('slugHint')}
          value={slug}
          onChange={(event) => setSlug(event.target.value)}
          data-testid="meeting-type-slug"
        />
        <TextField
          label={t('durationMinutes')}
          type="number"
          min={5}
          max={480}
          value={duration}
          onChange={(event) => setDuration(Number(event.target.value))}
          data-testid="meeting-type-duration"
        />
      </div>
      <FieldErrors
        messages={['name', 'slug', 'durationMinutes'].flatMap((path) =>
          errorsAt(errors, path).map((message) => `${path}: ${message}`),
        )}
      />
      <div className="p2-inline">
        <SelectField
          label={t('location')}
          value={kind}
          onChange={(event) => setKind(event.target.value as Location['kind'])}
          options={(['video', 'phone', 'address'] as const).map((value) => ({
            value,
            label: t(`location_${value}`),
          }))}
          data-testid="meeting-type-location"
        />
        {kind !== 'phone' && (
          <TextField
            label={kind === 'video' ? t('videoUrl') : t('address')}
            hint={kind === 'video' ? t('videoUrlHint') : undefined}
            value={place}
            onChange={(event) => setPlace(event.target.value)}
            data-testid="meeting-type-place"
          />
        )}
      </div>
      <FieldErrors messages={errorsAt(errors, 'location')} />
      <TextField
        label={t('description')}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
      />
      <ErrorBanner error={failure} />
      <div className="row end">
        <Button onClick={onCancel}>{t('cancel')}</Button>
        <Button type="submit" variant="primary" data-testid="meeting-type-save">
          {t('createMeetingType')}
        </Button>
      </div>
    </form>
  );
}
