import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDuration, durationMs, MAX_DURATION_MS, parseIsoDuration } from './iso-duration.rules.ts';

const local = (date: Date, zone: string) =>
  DateTime.fromJSDate(date).setZone(zone).toFormat('yyyy-MM-dd HH:mm:ss');
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();

describe('parseIsoDuration', () => {
  it.each([
    ['PT5S', 5_000],
    ['PT2H', 2 * 3_600_000],
    ['PT1.5S', 1_500],
    ['PT0,25S', 250],
    ['P1DT30M', 86_400_000 + 30 * 60_000],
    ['P2W', 14 * 86_400_000],
    ['P1Y', 365 * 86_400_000],
    ['pt10m', 600_000],
  ])('reads %s', (text, ms) => {
    const parsed = parseIsoDuration(text);
    expect(parsed.ok && parsed.ms).toBe(ms);
  });

  it.each([
    ['3 jours', 'invalid duration "3 jours"'],
    ['P', 'invalid duration "P"'],
    ['PT', 'invalid duration "PT"'],
    ['P1DT', 'invalid duration "P1DT"'],
    ['-P1D', 'invalid duration "-P1D"'],
    ['P-1D', 'invalid duration "P-1D"'],
    ['P1.5D', 'invalid duration "P1.5D"'],
    ['2H', 'invalid duration "2H"'],
    ['', 'invalid duration ""'],
    ['PT0S', 'invalid duration "PT0S": must be longer than zero'],
    ['P1Y1D', 'invalid duration "P1Y1D": longer than one year'],
    ['P53W', 'invalid duration "P53W": longer than one year'],
    ['PT8761H', 'invalid duration "PT8761H": longer than one year'],
  ])('refuses %j', (text, message) => {
    expect(parseIsoDuration(text)).toEqual({ ok: false, message });
  });

  it('accepts exactly one year and measures months as 30 days', () => {
    expect(durationMs('PT8760H')).toBe(MAX_DURATION_MS);
    expect(durationMs('P1M')).toBe(30 * 86_400_000);
    expect(() => durationMs('P2Y')).toThrow('longer than one year');
  });
});

describe('addDuration', () => {
  it('P1D keeps the local time across the spring change (23 hours in Paris, 2026-03-29)', () => {
    const start = at('2026-03-28T10:00', 'Europe/Paris');
    const next = addDuration(start, 'P1D', 'Europe/Paris');
    expect(local(next, 'Europe/Paris')).toBe('2026-03-29 10:00:00');
    expect(next.getTime() - start.getTime()).toBe(23 * 3_600_000);
  });

  it('P1D keeps the local time across the autumn change (25 hours in Paris, 2026-10-25)', () => {
    const start = at('2026-10-24T10:00', 'Europe/Paris');
    const next = addDuration(start, 'P1D', 'Europe/Paris');
    expect(local(next, 'Europe/Paris')).toBe('2026-10-25 10:00:00');
    expect(next.getTime() - start.getTime()).toBe(25 * 3_600_000);
  });

  it('PT24H is exactly 24 hours, so the local time moves across a change', () => {
    const next = addDuration(at('2026-03-28T10:00', 'Europe/Paris'), 'PT24H', 'Europe/Paris');
    expect(local(next, 'Europe/Paris')).toBe('2026-03-29 11:00:00');
  });

  it('reads calendar days in New York on its own change dates (2026-03-08, 2026-11-01)', () => {
    const spring = addDuration(at('2026-03-07T09:30', 'America/New_York'), 'P1D', 'America/New_York');
    expect(local(spring, 'America/New_York')).toBe('2026-03-08 09:30:00');
    const autumn = addDuration(at('2026-10-31T09:30', 'America/New_York'), 'P1D', 'America/New_York');
    expect(local(autumn, 'America/New_York')).toBe('2026-11-01 09:30:00');
    expect(autumn.getTime() - at('2026-10-31T09:30', 'America/New_York').getTime()).toBe(25 * 3_600_000);
  });

  it('moves a local time that does not exist forward by the gap', () => {
    const next = addDuration(at('2026-03-28T02:30', 'Europe/Paris'), 'P1D', 'Europe/Paris');
    expect(local(next, 'Europe/Paris')).toBe('2026-03-29 03:30:00');
  });

  it('adds seconds and reads an unknown zone as Paris', () => {
    const start = new Date('2026-06-01T08:00:00Z');
    expect(addDuration(start, 'PT5S', 'Europe/Paris').toISOString()).toBe('2026-06-01T08:00:05.000Z');
    expect(addDuration(start, 'P1D', 'Not/AZone').toISOString()).toBe('2026-06-02T08:00:00.000Z');
  });
});
