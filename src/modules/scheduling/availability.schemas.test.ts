import { describe, expect, it } from 'vitest';
import { DEFAULT_AVAILABILITY, parseAvailability, ZAvailabilityInput } from './availability.schemas.ts';

const week = (mon: { start: string; end: string }[] = [{ start: '09:00', end: '12:00' }]) => ({
  mon,
  tue: [],
  wed: [],
  thu: [],
  fri: [],
  sat: [],
  sun: [],
});

const body = (changes: Record<string, unknown> = {}) => ({
  timezone: 'Europe/Paris',
  weekly: week(),
  overrides: [{ date: '2026-12-24', intervals: [] }],
  outOfOffice: [{ start: '2026-08-01T00:00:00+02:00', end: '2026-08-15T00:00:00+02:00', reason: 'Holidays' }],
  bufferBeforeMinutes: 5,
  bufferAfterMinutes: 10,
  minNoticeMinutes: 60,
  maxPerDay: null,
  ...changes,
});

/** `path: message` for each problem, or [] when the body is accepted. */
const errorsOf = (input: unknown) => {
  const result = parseAvailability(input);
  return result.ok ? [] : result.errors.map((error) => error.path);
};

describe('ZAvailabilityInput', () => {
  it('accepts the documented body', () => {
    const result = parseAvailability(body());
    expect(result).toEqual({ ok: true, availability: body() });
  });

  it('fills omitted lists and numbers with the defaults', () => {
    expect(ZAvailabilityInput.parse({ timezone: 'America/New_York', weekly: week() })).toEqual({
      timezone: 'America/New_York',
      weekly: week(),
      overrides: [],
      outOfOffice: [],
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 10,
      minNoticeMinutes: 120,
      maxPerDay: 8,
    });
  });

  it('writes the time zone under its canonical name and refuses unknown ones', () => {
    expect(ZAvailabilityInput.parse(body({ timezone: 'europe/paris' })).timezone).toBe('Europe/Paris');
    expect(errorsOf(body({ timezone: 'Mars/Olympus' }))).toEqual(['timezone']);
    expect(errorsOf(body({ timezone: 'UTC+1' }))).toEqual(['timezone']);
  });

  it('names the day and interval of bad hours', () => {
    expect(errorsOf(body({ weekly: week([{ start: '09:00', end: '08:00' }]) }))).toEqual([
      'weekly.mon[0].end',
    ]);
    expect(
      errorsOf(
        body({
          weekly: week([
            { start: '14:00', end: '18:00' },
            { start: '09:00', end: '14:30' },
          ]),
        }),
      ),
    ).toEqual(['weekly.mon[0].start']);
    expect(errorsOf(body({ weekly: week([{ start: '9:00', end: '12:00' }]) }))).toEqual([
      'weekly.mon[0].start',
    ]);
    expect(errorsOf(body({ weekly: week([{ start: '24:00', end: '24:00' }]) }))).toEqual([
      'weekly.mon[0].start',
    ]);
    expect(errorsOf(body({ weekly: week([{ start: '12:00', end: '24:30' }]) }))).toEqual([
      'weekly.mon[0].end',
    ]);
    expect(errorsOf(body({ weekly: week([null as never, { start: '9', end: 12 } as never]) }))).toEqual([
      'weekly.mon[0]',
      'weekly.mon[1].start',
      'weekly.mon[1].end',
    ]);
    const { sun: _sun, ...sixDays } = week();
    expect(errorsOf(body({ weekly: sixDays }))).toEqual(['weekly.sun']);
    expect(errorsOf(body({ weekly: { ...week(), holiday: [] } }))).toEqual(['weekly']);
  });

  it('allows touching intervals and 24:00 as an end', () => {
    const hours = [
      { start: '09:00', end: '12:00' },
      { start: '12:00', end: '24:00' },
    ];
    expect(errorsOf(body({ weekly: week(hours) }))).toEqual([]);
  });

  it('checks overrides, out-of-office periods and numbers', () => {
    expect(errorsOf(body({ overrides: [{ date: '2026-02-30', intervals: [] }] }))).toEqual([
      'overrides[0].date',
    ]);
    expect(
      errorsOf(
        body({
          overrides: [
            { date: '2026-12-24', intervals: [] },
            { date: '2026-12-24', intervals: [{ start: '09:00', end: '10:00' }] },
          ],
        }),
      ),
    ).toEqual(['overrides[1].date']);
    expect(
      errorsOf(body({ overrides: [{ date: '2026-12-24', intervals: [{ start: '10:00', end: '09:00' }] }] })),
    ).toEqual(['overrides[0].intervals[0].end']);
    expect(
      errorsOf(body({ outOfOffice: [{ start: '2026-08-15T00:00:00Z', end: '2026-08-01T00:00:00Z' }] })),
    ).toEqual(['outOfOffice[0].end']);
    expect(errorsOf(body({ outOfOffice: [{ start: 'soon', end: 'later' }] }))).toEqual([
      'outOfOffice[0].start',
      'outOfOffice[0].end',
    ]);
    expect(errorsOf(body({ outOfOffice: [{ start: '2026-08-01', end: '2026-08-15' }] }))).toEqual([
      'outOfOffice[0].start',
      'outOfOffice[0].end',
    ]);
    expect(
      errorsOf(body({ bufferBeforeMinutes: 1441, minNoticeMinutes: -1, bufferAfterMinutes: 2.5 })),
    ).toEqual(['bufferBeforeMinutes', 'bufferAfterMinutes', 'minNoticeMinutes']);
    expect(errorsOf(body({ maxPerDay: 0 }))).toEqual(['maxPerDay']);
    expect(errorsOf(body({ maxPerDay: 51 }))).toEqual(['maxPerDay']);
    expect(errorsOf(body({ maxPerDay: 50 }))).toEqual([]);
  });
});

describe('DEFAULT_AVAILABILITY', () => {
  it('is Monday–Friday 09:00–12:00 and 14:00–18:00, buffers 0/10, notice 120, 8 a day — and valid', () => {
    const availability = DEFAULT_AVAILABILITY('America/New_York');
    expect(availability.weekly.wed).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '14:00', end: '18:00' },
    ]);
    expect(availability.weekly.sat).toEqual([]);
    expect(availability.weekly.sun).toEqual([]);
    expect(availability).toMatchObject({
      timezone: 'America/New_York',
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 10,
      minNoticeMinutes: 120,
      maxPerDay: 8,
    });
    expect(ZAvailabilityInput.parse(availability)).toEqual(availability);
    expect(() => DEFAULT_AVAILABILITY('Nowhere/Land')).toThrow(RangeError);
  });

  it('gives each call its own lists', () => {
    const first = DEFAULT_AVAILABILITY('Europe/Paris');
    first.weekly.mon.push({ start: '20:00', end: '21:00' });
    expect(DEFAULT_AVAILABILITY('Europe/Paris').weekly.mon).toHaveLength(2);
  });
});
