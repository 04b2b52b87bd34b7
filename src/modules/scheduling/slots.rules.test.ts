import { describe, expect, it } from 'vitest';
import { type Availability, DEFAULT_AVAILABILITY } from './availability.schemas.ts';
import { computeSlots, formatSlotInZone, isSlotBookable, type SlotInput } from './slots.rules.ts';

const LONG_AGO = new Date('2026-01-01T00:00:00+00:00');

function availabilityIn(zone: string, changes: Partial<Availability> = {}): Availability {
  return {
    ...DEFAULT_AVAILABILITY(zone),
    minNoticeMinutes: 0,
    bufferAfterMinutes: 0,
    maxPerDay: null,
    ...changes,
  };
}

function oneDay(zone: string, date: string, start: string, end: string): Availability {
  return availabilityIn(zone, { overrides: [{ date, intervals: [{ start, end }] }] });
}

/** Slots over a two-day window around the date, formatted in `shownIn`. */
function slotsAround(availability: Availability, date: string, extra: Partial<SlotInput>, shownIn: string) {
  const slots = computeSlots({
    availability,
    meetingType: { durationMinutes: 60 },
    busy: [],
    from: new Date(`${date}T00:00:00+14:00`),
    to: new Date(`${date}T23:59:00-12:00`),
    now: LONG_AGO,
    ...extra,
  }).filter((slot) => formatSlotInZone(slot, availability.timezone).start.startsWith(date));
  return slots.map((slot) => formatSlotInZone(slot, shownIn));
}

const minutesOf = (slot: { start: string; end: string }) =>
  (Date.parse(slot.end) - Date.parse(slot.start)) / 60_000;

describe('computeSlots across daylight-saving changes', () => {
  it('Europe/Paris 2026-03-29 (02:00 → 03:00): skips the missing half-hours, meetings last real minutes', () => {
    const slots = slotsAround(
      oneDay('Europe/Paris', '2026-03-29', '01:00', '04:00'),
      '2026-03-29',
      { stepMinutes: 30 },
      'UTC',
    );
    expect(slots).toEqual([
      { start: '2026-03-29T00:00:00+00:00', end: '2026-03-29T01:00:00+00:00' },
      { start: '2026-03-29T00:30:00+00:00', end: '2026-03-29T01:30:00+00:00' },
      { start: '2026-03-29T01:00:00+00:00', end: '2026-03-29T02:00:00+00:00' },
    ]);
    const local = slotsAround(
      oneDay('Europe/Paris', '2026-03-29', '01:00', '04:00'),
      '2026-03-29',
      { stepMinutes: 30 },
      'Europe/Paris',
    );
    expect(local.map((slot) => slot.start)).toEqual([
      '2026-03-29T01:00:00+01:00',
      '2026-03-29T01:30:00+01:00',
      '2026-03-29T03:00:00+02:00',
    ]);
    // 01:30 + 60 real minutes reads 03:30 on the wall.
    expect(local[1]?.end).toBe('2026-03-29T03:30:00+02:00');
  });

  it('Europe/Paris 2026-10-25 (03:00 → 02:00): repeated times start at their first occurrence', () => {
    const slots = slotsAround(
      oneDay('Europe/Paris', '2026-10-25', '01:00', '04:00'),
      '2026-10-25',
      { stepMinutes: 30 },
      'Europe/Paris',
    );
    expect(slots).toEqual([
      { start: '2026-10-25T01:00:00+02:00', end: '2026-10-25T02:00:00+02:00' },
      { start: '2026-10-25T01:30:00+02:00', end: '2026-10-25T02:30:00+02:00' },
      { start: '2026-10-25T02:00:00+02:00', end: '2026-10-25T02:00:00+01:00' },
      { start: '2026-10-25T02:30:00+02:00', end: '2026-10-25T02:30:00+01:00' },
      { start: '2026-10-25T03:00:00+01:00', end: '2026-10-25T04:00:00+01:00' },
    ]);
    expect(slots.every((slot) => minutesOf(slot) === 60)).toBe(true);
  });

  it('America/New_York 2026-03-08 (02:00 → 03:00)', () => {
    const availability = oneDay('America/New_York', '2026-03-08', '01:00', '04:00');
    const slots = slotsAround(
      availability,
      '2026-03-08',
      { stepMinutes: 30, meetingType: { durationMinutes: 30 } },
      'UTC',
    );
    expect(slots.map((slot) => slot.start)).toEqual([
      '2026-03-08T06:00:00+00:00',
      '2026-03-08T06:30:00+00:00',
      '2026-03-08T07:00:00+00:00',
      '2026-03-08T07:30:00+00:00',
    ]);
    expect(slots.every((slot) => minutesOf(slot) === 30)).toBe(true);
  });

  it('America/New_York 2026-11-01 (02:00 → 01:00): four real hours between 00:00 and 03:00', () => {
    const availability = oneDay('America/New_York', '2026-11-01', '00:00', '03:00');
    const slots = slotsAround(availability, '2026-11-01', { stepMinutes: 60 }, 'America/New_York');
    expect(slots).toEqual([
      { start: '2026-11-01T00:00:00-04:00', end: '2026-11-01T01:00:00-04:00' },
      { start: '2026-11-01T01:00:00-04:00', end: '2026-11-01T01:00:00-05:00' },
      { start: '2026-11-01T02:00:00-05:00', end: '2026-11-01T03:00:00-05:00' },
    ]);
  });

  it('a weekly Sunday schedule on the change day keeps its wall-clock hours', () => {
    const availability = availabilityIn('Europe/Paris', {
      weekly: { ...DEFAULT_AVAILABILITY('Europe/Paris').weekly, sun: [{ start: '09:00', end: '10:00' }] },
    });
    const before = slotsAround(availability, '2026-03-22', {}, 'UTC');
    const after = slotsAround(availability, '2026-03-29', {}, 'UTC');
    expect(before).toEqual([{ start: '2026-03-22T08:00:00+00:00', end: '2026-03-22T09:00:00+00:00' }]);
    expect(after).toEqual([{ start: '2026-03-29T07:00:00+00:00', end: '2026-03-29T08:00:00+00:00' }]);
  });
});

describe('a 09:00–12:00 Paris schedule seen from New York', () => {
  const availability = availabilityIn('Europe/Paris', {
    weekly: { ...DEFAULT_AVAILABILITY('Europe/Paris').weekly, mon: [{ start: '09:00', end: '12:00' }] },
  });
  const firstSlotInNewYork = (date: string) => slotsAround(availability, date, {}, 'America/New_York')[0];

  it.each([
    ['2026-03-02', '2026-03-02T03:00:00-05:00'], // both on winter time: 6 hours apart
    ['2026-03-16', '2026-03-16T04:00:00-04:00'], // New York changed on 8 March, Paris not yet: 5 hours
    ['2026-03-30', '2026-03-30T03:00:00-04:00'], // both on summer time
    ['2026-10-26', '2026-10-26T04:00:00-04:00'], // Paris changed on 25 October, New York not until 1 November
    ['2026-11-02', '2026-11-02T03:00:00-05:00'],
  ])('on %s starts at %s', (date, expected) => {
    const slot = firstSlotInNewYork(date);
    expect(slot?.start).toBe(expected);
    expect(slot && minutesOf(slot)).toBe(60);
  });
});

describe('computeSlots rules', () => {
  const zone = 'Europe/Paris';
  const monday = '2026-06-15';
  const base = (changes: Partial<Availability>, extra: Partial<SlotInput> = {}) =>
    computeSlots({
      availability: availabilityIn(zone, { weekly: { ...DEFAULT_AVAILABILITY(zone).weekly }, ...changes }),
      meetingType: { durationMinutes: 30 },
      busy: [],
      from: new Date(`${monday}T00:00:00+02:00`),
      to: new Date(`${monday}T23:59:00+02:00`),
      now: LONG_AGO,
      ...extra,
    }).map((slot) => formatSlotInZone(slot, zone).start.slice(11, 16));

  it('offers every 15 minutes within 09:00–12:00 and 14:00–18:00, ending by the interval end', () => {
    const slots = base({});
    expect(slots[0]).toBe('09:00');
    expect(slots).toContain('11:30');
    expect(slots).not.toContain('11:45');
    expect(slots).toContain('14:00');
    expect(slots.at(-1)).toBe('17:30');
    expect(slots).toHaveLength(11 + 15);
  });

  it('steps from each interval start: stepMinutes equal to the duration gives back-to-back slots', () => {
    const slots = base(
      { weekly: { ...DEFAULT_AVAILABILITY(zone).weekly, mon: [{ start: '09:10', end: '10:40' }] } },
      {
        stepMinutes: 30,
      },
    );
    expect(slots).toEqual(['09:10', '09:40', '10:10']);
  });

  it('adds both buffers between an existing booking and a candidate', () => {
    const busy = [{ start: new Date(`${monday}T10:00:00+02:00`), end: new Date(`${monday}T10:30:00+02:00`) }];
    const slots = base({ bufferBeforeMinutes: 5, bufferAfterMinutes: 10 }, { busy });
    // A candidate ending 09:45 leaves 5 + 10 minutes; 10:30 + 10 + 5 = 10:45 is the first after it.
    expect(slots.filter((time) => time >= '09:00' && time < '11:00')).toEqual(['09:00', '09:15', '10:45']);
  });

  it('refuses candidates before now + notice', () => {
    const slots = base({ minNoticeMinutes: 120 }, { now: new Date(`${monday}T08:50:00+02:00`) });
    expect(slots[0]).toBe('11:00');
  });

  it('skips out-of-office time and uses an override instead of the weekly hours', () => {
    expect(
      base({ outOfOffice: [{ start: `${monday}T09:20:00+02:00`, end: `${monday}T17:00:00+02:00` }] }),
    ).toEqual(['17:00', '17:15', '17:30']);
    expect(base({ overrides: [{ date: monday, intervals: [{ start: '20:00', end: '21:00' }] }] })).toEqual([
      '20:00',
      '20:15',
      '20:30',
    ]);
    expect(base({ overrides: [{ date: monday, intervals: [] }] })).toEqual([]);
  });

  it('offers nothing on a day already holding maxPerDay bookings (counted on the rep-local day)', () => {
    // 23:30 UTC on Sunday is 01:30 on Monday in Paris: it counts for Monday.
    const busy = [
      { start: new Date('2026-06-14T23:30:00+00:00'), end: new Date('2026-06-14T23:45:00+00:00') },
      { start: new Date(`${monday}T20:00:00+02:00`), end: new Date(`${monday}T20:30:00+02:00`) },
    ];
    expect(base({ maxPerDay: 2 }, { busy })).toEqual([]);
    expect(base({ maxPerDay: 3 }, { busy })).toHaveLength(26);
    expect(base({ maxPerDay: 2 }, { busy, bookedCountByLocalDay: new Map([[monday, 1]]) })).toHaveLength(26);
  });

  it('refuses a range over a year and an invalid step', () => {
    const input = (extra: Partial<SlotInput>) => () =>
      computeSlots({
        availability: availabilityIn(zone),
        meetingType: { durationMinutes: 30 },
        busy: [],
        from: LONG_AGO,
        to: new Date('2026-01-02T00:00:00+00:00'),
        now: LONG_AGO,
        ...extra,
      });
    expect(input({ to: new Date('2027-06-01T00:00:00+00:00') })).toThrow(RangeError);
    expect(input({ stepMinutes: 0 })).toThrow(RangeError);
    expect(input({ to: LONG_AGO })()).toEqual([]);
  });
});

describe('isSlotBookable', () => {
  const zone = 'Europe/Paris';
  const at = (time: string) => new Date(`2026-06-15T${time}:00+02:00`);
  const check = (time: string, changes: Partial<Availability> = {}, extra: Partial<SlotInput> = {}) =>
    isSlotBookable({
      availability: availabilityIn(zone, changes),
      meetingType: { durationMinutes: 30 },
      busy: [{ start: at('15:00'), end: at('15:30') }],
      now: at('08:00'),
      ...extra,
      start: at(time),
    });

  it('accepts an offered start and names the first broken rule otherwise', () => {
    expect(check('10:00')).toEqual({ ok: true });
    expect(check('08:45')).toEqual({ ok: false, reason: 'OUTSIDE_HOURS' });
    expect(check('11:45')).toEqual({ ok: false, reason: 'OUTSIDE_HOURS' }); // would end after 12:00
    expect(check('10:05')).toEqual({ ok: false, reason: 'OUTSIDE_HOURS' }); // off the 15-minute grid
    expect(check('09:00', { minNoticeMinutes: 120 })).toEqual({ ok: false, reason: 'TOO_SOON' });
    expect(
      check('10:00', {
        outOfOffice: [{ start: '2026-06-15T08:15:00+00:00', end: '2026-06-15T08:16:00+00:00' }],
      }),
    ).toEqual({
      ok: false,
      reason: 'OUT_OF_OFFICE',
    });
    expect(check('14:45')).toEqual({ ok: false, reason: 'OVERLAPS' });
    expect(check('15:30', { bufferAfterMinutes: 10 })).toEqual({ ok: false, reason: 'OVERLAPS' });
    expect(check('15:45', { bufferAfterMinutes: 10 })).toEqual({ ok: true });
    expect(check('10:00', { maxPerDay: 1 })).toEqual({ ok: false, reason: 'DAY_FULL' });
  });

  it('refuses the second occurrence of a repeated time (only the first is offered)', () => {
    const availability = oneDay(zone, '2026-10-25', '01:00', '04:00');
    const input = { availability, meetingType: { durationMinutes: 30 }, busy: [], now: LONG_AGO };
    expect(isSlotBookable({ ...input, start: new Date('2026-10-25T00:30:00+00:00') })).toEqual({ ok: true }); // 02:30+02
    expect(isSlotBookable({ ...input, start: new Date('2026-10-25T01:30:00+00:00') })).toEqual({
      ok: false,
      reason: 'OUTSIDE_HOURS',
    }); // 02:30+01
  });
});

describe('formatSlotInZone', () => {
  it('writes both ends with the offset of the zone, and refuses an unknown zone', () => {
    const slot = { start: new Date('2026-07-01T07:00:00+00:00'), end: new Date('2026-07-01T07:30:00+00:00') };
    expect(formatSlotInZone(slot, 'America/New_York')).toEqual({
      start: '2026-07-01T03:00:00-04:00',
      end: '2026-07-01T03:30:00-04:00',
    });
    expect(formatSlotInZone(slot, 'Asia/Kolkata').start).toBe('2026-07-01T12:30:00+05:30');
    expect(() => formatSlotInZone(slot, 'Mars/Olympus')).toThrow(RangeError);
  });
});
