import { useT } from '../../../app/i18n.tsx';
import { Button, TextField } from '../../../app/ui.tsx';
import { schedulingMessages } from './messages.ts';
import { errorsAt, FieldErrors, type PathError } from './shared.tsx';

export interface OutOfOfficePeriod {
  start: string;
  end: string;
  reason?: string;
}

/** "2026-03-01T09:00:00Z" → "2026-03-01T10:00" in the browser's zone, for a datetime-local input. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

function fromLocalInput(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** Periods without any booking; typed in the browser's zone, stored as instants. */
export function OutOfOfficeEditor({
  periods,
  errors,
  onChange,
}: {
  periods: OutOfOfficePeriod[];
  errors: readonly PathError[];
  onChange: (next: OutOfOfficePeriod[]) => void;
}) {
  const t = useT(schedulingMessages);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const setAt = (index: number, patch: Partial<OutOfOfficePeriod>) =>
    onChange(periods.map((other, position) => (position === index ? { ...other, ...patch } : other)));
  const addPeriod = () => {
    // Tomorrow, all day, in the browser's zone.
    const start = new Date();
    start.setHours(0, 0, 0, 0);
    start.setDate(start.getDate() + 1);
    const end = new Date(start.getTime() + 86_400_000);
    onChange([...periods, { start: start.toISOString(), end: end.toISOString() }]);
  };
  return (
    <fieldset className="stack">
      <legend>{t('outOfOffice')}</legend>
      <p className="muted">{t('outOfOfficeHint', { zone: browserZone })}</p>
      {periods.map((period, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: periods are edited in place; errors name their index
        <div key={index} className="stack">
          <div className="p2-inline">
            <TextField
              label={t('oooStart', { number: index + 1 })}
              type="datetime-local"
              value={toLocalInput(period.start)}
              onChange={(event) => setAt(index, { start: fromLocalInput(event.target.value) })}
            />
            <TextField
              label={t('oooEnd', { number: index + 1 })}
              type="datetime-local"
              value={toLocalInput(period.end)}
              onChange={(event) => setAt(index, { end: fromLocalInput(event.target.value) })}
            />
            <TextField
              label={t('oooReason', { number: index + 1 })}
              value={period.reason ?? ''}
              onChange={(event) => setAt(index, { reason: event.target.value || undefined })}
            />
            <Button
              variant="ghost"
              onClick={() => onChange(periods.filter((_, position) => position !== index))}
              aria-label={t('removeOoo', { number: index + 1 })}
            >
              {t('remove')}
            </Button>
          </div>
          <FieldErrors messages={errorsAt(errors, `outOfOffice.${index}`)} />
        </div>
      ))}
      <div>
        <Button onClick={addPeriod} data-testid="ooo-add">
          {t('addOoo')}
        </Button>
      </div>
    </fieldset>
  );
}
