import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../../../app/api.ts';
import { useT } from '../../../app/i18n.tsx';
import { Button, ErrorBanner, Loading, SelectField, TextField } from '../../../app/ui.tsx';
import { useApi } from '../../../app/use-api.ts';
import { type Interval, IntervalsEditor } from './IntervalsEditor.tsx';
import { schedulingMessages } from './messages.ts';
import { OutOfOfficeEditor, type OutOfOfficePeriod } from './OutOfOfficeEditor.tsx';
import {
  errorDetails,
  errorsAt,
  FieldErrors,
  type PathError,
  WEEKDAY_KEYS,
  type WeekdayKey,
} from './shared.tsx';

interface Availability {
  timezone: string;
  weekly: Record<WeekdayKey, Interval[]>;
  overrides: { date: string; intervals: Interval[] }[];
  outOfOffice: OutOfOfficePeriod[];
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  maxPerDay: number | null;
}

/** Loads a rep's availability and edits it whole; the key on this component resets it per user. */
export function AvailabilityEditor({ userId }: { userId: string }) {
  const loaded = useApi(() => api.get<Availability>(`/api/v1/users/${userId}/availability`), [userId]);
  if (loaded.loading && !loaded.data) return <Loading />;
  if (!loaded.data) return <ErrorBanner error={loaded.error} onRetry={loaded.reload} />;
  return <AvailabilityForm userId={userId} initial={loaded.data} />;
}

function AvailabilityForm({ userId, initial }: { userId: string; initial: Availability }) {
  const t = useT(schedulingMessages);
  const [value, setValue] = useState<Availability>(initial);
  const [errors, setErrors] = useState<PathError[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf('timeZone');
    return all.includes(value.timezone) ? all : [value.timezone, ...all];
  }, [value.timezone]);
  // "0.end: must be after start" → "Range 1 (end): must be after start".
  const rangeErrors = (prefix: string) =>
    errorsAt(errors, prefix).map((message) =>
      message.replace(
        /^(?:intervals\.)?(\d+)(?:\.(start|end))?: /,
        (_, index: string, bound?: string) =>
          `${t('rangeN', { number: Number(index) + 1 })}${bound ? ` (${t(bound === 'start' ? 'boundStart' : 'boundEnd')})` : ''}: `,
      ),
    );
  const update = (patch: Partial<Availability>) => setValue((current) => ({ ...current, ...patch }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    setStatus('');
    try {
      const saved = await api.put<Availability>(`/api/v1/users/${userId}/availability`, value);
      setValue(saved);
      setErrors([]);
      setStatus(t('saved'));
    } catch (error) {
      setErrors(errorDetails(error));
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="stack"
      onSubmit={save}
      aria-labelledby="availability-title"
      noValidate
      data-testid="availability"
    >
      <h3 id="availability-title">{t('availability')}</h3>
      <SelectField
        label={t('timezone')}
        value={value.timezone}
        onChange={(event) => update({ timezone: event.target.value })}
        options={zones.map((zone) => ({ value: zone, label: zone }))}
        data-testid="availability-timezone"
      />
      <FieldErrors messages={errorsAt(errors, 'timezone')} />
      <fieldset className="stack">
        <legend>{t('weeklyHours')}</legend>
        {WEEKDAY_KEYS.map((day) => (
          <div className="p2-day" key={day}>
            <strong>{t(`weekday_${day}`)}</strong>
            <div>
              <IntervalsEditor
                label={t(`weekday_${day}`)}
                intervals={value.weekly[day] ?? []}
                onChange={(next) => update({ weekly: { ...value.weekly, [day]: next } })}
                testId={`availability-${day}`}
              />
              <FieldErrors messages={rangeErrors(`weekly.${day}`)} />
            </div>
          </div>
        ))}
      </fieldset>

      <fieldset className="stack">
        <legend>{t('overrides')}</legend>
        <p className="muted">{t('overridesHint')}</p>
        {value.overrides.map((override, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: overrides are edited in place; errors name their index
          <div className="p2-day p2-day-wide" key={index}>
            <div className="stack">
              <TextField
                label={t('overrideDate', { number: index + 1 })}
                type="date"
                value={override.date}
                onChange={(event) =>
                  update({
                    overrides: value.overrides.map((other, position) =>
                      position === index ? { ...other, date: event.target.value } : other,
                    ),
                  })
                }
              />
              <Button
                variant="ghost"
                onClick={() =>
                  update({ overrides: value.overrides.filter((_, position) => position !== index) })
                }
                aria-label={t('removeOverride', { number: index + 1 })}
              >
                {t('remove')}
              </Button>
            </div>
            <div>
              <IntervalsEditor
                label={override.date || t('overrideDate', { number: index + 1 })}
                intervals={override.intervals}
                onChange={(next) =>
                  update({
                    overrides: value.overrides.map((other, position) =>
                      position === index ? { ...other, intervals: next } : other,
                    ),
                  })
                }
                testId={`override-${index}`}
              />
              <FieldErrors messages={rangeErrors(`overrides.${index}`)} />
            </div>
          </div>
        ))}
        <div>
          <Button
            onClick={() =>
              update({
                overrides: [
                  ...value.overrides,
                  { date: new Date().toISOString().slice(0, 10), intervals: [] },
                ],
              })
            }
            data-testid="override-add"
          >
            {t('addOverride')}
          </Button>
        </div>
      </fieldset>

      <OutOfOfficeEditor
        periods={value.outOfOffice}
        errors={errors}
        onChange={(outOfOffice) => update({ outOfOffice })}
      />

      <div className="p2-inline">
        <TextField
          label={t('bufferBefore')}
          type="number"
          min={0}
          max={1440}
          value={value.bufferBeforeMinutes}
          onChange={(event) => update({ bufferBeforeMinutes: Number(event.target.value) })}
          data-testid="buffer-before"
        />
        <TextField
          label={t('bufferAfter')}
          type="number"
          min={0}
          max={1440}
          value={value.bufferAfterMinutes}
          onChange={(event) => update({ bufferAfterMinutes: Number(event.target.value) })}
          data-testid="buffer-after"
        />
        <TextField
          label={t('minNotice')}
          type="number"
          min={0}
          max={1440}
          value={value.minNoticeMinutes}
          onChange={(event) => update({ minNoticeMinutes: Number(event.target.value) })}
          data-testid="min-notice"
        />
        <TextField
          label={t('maxPerDay')}
          hint={t('maxPerDayHint')}
          type="number"
          min={1}
          max={50}
          value={value.maxPerDay ?? ''}
          onChange={(event) =>
            update({ maxPerDay: event.target.value === '' ? null : Number(event.target.value) })
          }
          data-testid="max-per-day"
        />
      </div>
      <FieldErrors
        messages={['bufferBeforeMinutes', 'bufferAfterMinutes', 'minNoticeMinutes', 'maxPerDay'].flatMap(
          (path) =>
            errorsAt(errors, path).map((message) => `${t(`field_${path}` as 'field_maxPerDay')}: ${message}`),
        )}
      />
      <ErrorBanner error={failure} />
      <p role="status">{status}</p>
      <div className="row end">
        <Button type="submit" variant="primary" disabled={busy} data-testid="availability-save">
          {busy ? t('saving') : t('saveAvailability')}
        </Button>
      </div>
    </form>
  );
}
