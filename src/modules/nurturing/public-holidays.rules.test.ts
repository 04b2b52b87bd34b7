import { describe, expect, it } from 'vitest';
import { easterSunday, isPublicHoliday } from './public-holidays.rules.ts';
import { addBusinessDays } from './send-window.rules.ts';

describe('public holidays', () => {
  it.each([
    [2024, 3, 31],
    [2025, 4, 20],
    [2026, 4, 5],
    [2027, 3, 28],
    [2038, 4, 25],
  ])('finds Easter %i on %i/%i', (year, month, day) => {
    expect(easterSunday(year)).toEqual({ month, day });
  });

  it('knows the French fixed and movable holidays of 2026, and none on ordinary days', () => {
    const holidays2026 = [
      '01-01',
      '04-06',
      '05-01',
      '05-08',
      '05-14',
      '05-25',
      '07-14',
      '08-15',
      '11-01',
      '11-11',
      '12-25',
    ];
    for (const monthDay of holidays2026) {
      const [month, day] = monthDay.split('-').map(Number) as [number, number];
      expect(isPublicHoliday({ year: 2026, month, day }, 'FR'), monthDay).toBe(true);
    }
    expect(isPublicHoliday({ year: 2026, month: 5, day: 15 }, 'FR')).toBe(false);
    expect(isPublicHoliday({ year: 2026, month: 7, day: 21 }, 'FR')).toBe(false);
    expect(isPublicHoliday({ year: 2026, month: 7, day: 21 }, 'be')).toBe(true);
    expect(isPublicHoliday({ year: 2026, month: 5, day: 1 }, 'US')).toBe(false);
    expect(isPublicHoliday({ year: 2026, month: 5, day: 1 }, null)).toBe(false);
  });
});

describe('addBusinessDays with holidays', () => {
  it('skips the Ascension Thursday in France but not where it is unknown', () => {
    // Tuesday 12 May 2026, 10:00 in Paris; Thursday 14 May is Ascension.
    const tuesday = new Date('2026-05-12T08:00:00Z');
    expect(addBusinessDays(tuesday, 3, 'Europe/Paris', 'FR').toISOString()).toBe('2026-05-18T08:00:00.000Z');
    expect(addBusinessDays(tuesday, 3, 'Europe/Paris', null).toISOString()).toBe('2026-05-15T08:00:00.000Z');
  });

  it('counts 24 December but skips Christmas Day and the weekend after', () => {
    // Thursday 24 December 2026 → 1 business day later is Monday 28 (25th holiday, then weekend).
    const christmasEve = new Date('2026-12-24T09:00:00Z');
    expect(addBusinessDays(christmasEve, 1, 'Europe/Paris', 'FR').toISOString()).toBe(
      '2026-12-28T09:00:00.000Z',
    );
  });
});
