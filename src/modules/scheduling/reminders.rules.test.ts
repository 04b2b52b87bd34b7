import { describe, expect, it } from 'vitest';
import { reminderTimes } from './reminders.rules.ts';

const start = new Date('2026-03-30T07:00:00Z');
const hoursBefore = (hours: number) => new Date(start.getTime() - hours * 3_600_000);

describe('reminderTimes', () => {
  it('plans 24 h and 1 h before a meeting booked days ahead', () => {
    expect(reminderTimes(start, hoursBefore(72))).toEqual([
      { kind: '24h', at: new Date('2026-03-29T07:00:00Z') },
      { kind: '1h', at: new Date('2026-03-30T06:00:00Z') },
    ]);
  });

  it('counts real hours across a DST change: 24 h before 10:00 on 29 March in Paris is 09:00 the day before', () => {
    const sunday = new Date('2026-03-29T08:00:00Z'); // 10:00+02:00
    expect(reminderTimes(sunday, new Date('2026-03-20T00:00:00Z'))[0]).toEqual({
      kind: '24h',
      at: new Date('2026-03-28T09:00:00+01:00'),
    });
  });

  it('skips reminders already past at booking time', () => {
    expect(reminderTimes(start, hoursBefore(3)).map((reminder) => reminder.kind)).toEqual(['1h']);
    expect(reminderTimes(start, hoursBefore(24)).map((reminder) => reminder.kind)).toEqual(['1h']);
    expect(reminderTimes(start, hoursBefore(1))).toEqual([]);
    expect(reminderTimes(start, hoursBefore(0.5))).toEqual([]);
  });
});
