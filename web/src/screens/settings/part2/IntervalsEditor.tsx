import { useT } from '../../../app/i18n.tsx';
import { Button, TextField } from '../../../app/ui.tsx';
import { schedulingMessages } from './messages.ts';

export interface Interval {
  start: string;
  end: string;
}

/** The time ranges of one day; none means unavailable that day. */
export function IntervalsEditor({
  label,
  intervals,
  onChange,
  testId,
}: {
  label: string;
  intervals: readonly Interval[];
  onChange: (next: Interval[]) => void;
  testId: string;
}) {
  const t = useT(schedulingMessages);
  const last = intervals[intervals.length - 1];
  return (
    <div className="stack" data-testid={testId}>
      {intervals.length === 0 && <span className="muted">{t('unavailable')}</span>}
      {intervals.map((interval, index) => (
        // Ranges have no identity of their own; their position is what the server's errors name.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div className="p2-inline" key={index}>
          <TextField
            label={t('rangeFrom', { day: label, number: index + 1 })}
            type="time"
            value={interval.start}
            onChange={(event) =>
              onChange(
                intervals.map((other, position) =>
                  position === index ? { ...other, start: event.target.value } : other,
                ),
              )
            }
          />
          <TextField
            label={t('rangeTo', { day: label, number: index + 1 })}
            type="time"
            value={interval.end === '24:00' ? '23:59' : interval.end}
            onChange={(event) =>
              onChange(
                intervals.map((other, position) =>
                  position === index ? { ...other, end: event.target.value } : other,
                ),
              )
            }
          />
          <Button
            variant="ghost"
            onClick={() => onChange(intervals.filter((_, position) => position !== index))}
            aria-label={t('removeRange', { day: label, number: index + 1 })}
          >
            {t('remove')}
          </Button>
        </div>
      ))}
      <div>
        <Button
          onClick={() => onChange([...intervals, nextRange(last)])}
          aria-label={t('addRangeTo', { day: label })}
          data-testid={`${testId}-add`}
        >
          {t('addRange')}
        </Button>
      </div>
    </div>
  );
}

/** A new range right after the last one (two hours, within the day), or 09:00–17:00 for the first. */
function nextRange(last: Interval | undefined): Interval {
  if (!last || last.end >= '23:00') return { start: '09:00', end: '17:00' };
  const [hours = 0, minutes = 0] = last.end.split(':').map(Number);
  const end = Math.min(hours * 60 + minutes + 120, 23 * 60 + 59);
  const pad = (value: number) => String(value).padStart(2, '0');
  return { start: last.end, end: `${pad(Math.floor(end / 60))}:${pad(end % 60)}` };
}
