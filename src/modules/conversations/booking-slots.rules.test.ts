import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { proposeDefaultSlots } from './booking-slots.rules.ts';

const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toJSDate();
const local = (date: Date) =>
  DateTime.fromJSDate(date).setZone('Europe/Paris').toFormat('ccc yyyy-MM-dd HH:mm');

describe('proposeDefaultSlots', () => {
  it('offers one slot a day on the next working days, at least two hours ahead', () => {
    const slots = proposeDefaultSlots(paris('2026-11-27T13:00'), 'Europe/Paris');
    expect(slots.map(local)).toEqual([
      'Fri 2026-11-27 16:30',
      'Mon 2026-11-30 10:00',
      'Tue 2026-12-01 10:00',
    ]);
  });

  it('skips the weekend entirely', () => {
    const slots = proposeDefaultSlots(paris('2026-11-28T09:00'), 'Europe/Paris', 2);
    expect(slots.map(local)).toEqual(['Mon 2026-11-30 10:00', 'Tue 2026-12-01 10:00']);
  });

  it('reads times in the lead zone and falls back to Paris on an unknown zone', () => {
    const now = new Date('2026-11-24T08:00:00Z');
    const montreal = proposeDefaultSlots(now, 'America/Montreal', 1);
    expect(DateTime.fromJSDate(montreal[0]!).setZone('America/Montreal').toFormat('HH:mm')).toBe('10:00');
    expect(proposeDefaultSlots(now, 'Not/AZone', 1).map(local)).toEqual(['Tue 2026-11-24 14:00']);
  });
});
