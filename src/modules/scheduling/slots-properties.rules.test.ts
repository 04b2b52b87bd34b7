import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Availability, WEEKDAY_KEYS, ZAvailabilityInput } from './availability.schemas.ts';
import { computeSlots, isSlotBookable, SLOT_REJECTIONS, type SlotInput } from './slots.rules.ts';

// An oracle written independently of slots.rules.ts: wall clocks read with Intl, minute by minute, and
// every rule restated from README.md ("Slot rules").

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Days around daylight-saving changes (and one zone without any) where the rules are hardest. */
const SCENARIOS = [
  { zone: 'Europe/Paris', day: '2026-03-29' },
  { zone: 'Europe/Paris', day: '2026-10-25' },
  { zone: 'America/New_York', day: '2026-03-08' },
  { zone: 'America/New_York', day: '2026-11-01' },
  { zone: 'Australia/Lord_Howe', day: '2026-04-05' }, // a 30-minute change
  { zone: 'America/Santiago', day: '2026-09-06' }, // midnight does not exist that day
  { zone: 'America/Santiago', day: '2026-04-04' }, // 23:00–24:00 happens twice
  { zone: 'Asia/Kolkata', day: '2026-06-15' },
] as const;

const pad = (value: number) => String(value).padStart(2, '0');
const clock = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

class WallClock {
  readonly #format: Intl.DateTimeFormat;
  readonly #cache = new Map<number, string>();
  // Largest UTC offset seen within five days of the anchor: no instant before wall − it shows wall.
  readonly #maxOffset: number;
  constructor(zone: string, anchor: number) {
    this.#format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    let maxOffset = Number.NEGATIVE_INFINITY;
    for (let instant = anchor - 120 * HOUR; instant <= anchor + 120 * HOUR; instant += HOUR) {
      maxOffset = Math.max(maxOffset, Date.parse(`${this.read(instant).replace(' ', 'T')}:00Z`) - instant);
    }
    this.#maxOffset = maxOffset;
  }
  /** `2026-03-29 03:15` at that instant. */
  read(instant: number): string {
    const minute = Math.floor(instant / MINUTE) * MINUTE;
    let text = this.#cache.get(minute);
    if (text === undefined) {
      const parts = Object.fromEntries(
        this.#format.formatToParts(minute).map((part) => [part.type, part.value]),
      );
      text = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
      this.#cache.set(minute, text);
    }
    return text;
  }
  /** The first instant at which the clock shows that wall time or later. */
  reached(date: string, minuteOfDay: number): number {
    const target = minuteOfDay === 1440 ? `${nextDate(date)} 00:00` : `${date} ${clock(minuteOfDay)}`;
    const naive = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * MINUTE;
    for (let instant = naive - this.#maxOffset; instant < naive + 16 * HOUR; instant += MINUTE) {
      if (this.read(instant) >= target) return instant;
    }
    throw new Error(`clock never reaches ${target}`);
  }
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);
}

function intervalsFor(availability: Availability, date: string) {
  const override = availability.overrides.find((item) => item.date === date);
  if (override) return override.intervals;
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return availability.weekly[WEEKDAY_KEYS[weekday]!];
}

const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Every grid start the rules consider, with the day it belongs to; a start in a gap is absent. */
function gridStarts(input: SlotInput, wall: WallClock): { start: number; date: string; end: number }[] {
  const step = input.stepMinutes ?? 15;
  const starts: { start: number; date: string; end: number }[] = [];
  for (
    let date = wall.read(input.from.getTime() - 24 * HOUR).slice(0, 10);
    date <= wall.read(input.to.getTime() + 24 * HOUR).slice(0, 10);
    date = nextDate(date)
  ) {
    for (const interval of intervalsFor(input.availability, date)) {
      const intervalEnd = wall.reached(date, toMinutes(interval.end));
      for (let minute = toMinutes(interval.start); minute < toMinutes(interval.end); minute += step) {
        const start = wall.reached(date, minute);
        if (wall.read(start) !== `${date} ${clock(minute)}`) continue; // skipped by a spring-forward change
        const end = start + input.meetingType.durationMinutes * MINUTE;
        if (end <= intervalEnd) starts.push({ start, date, end });
      }
    }
  }
  return starts;
}

function oracle(input: SlotInput, wall: WallClock): number[] {
  const { availability } = input;
  const margin = (availability.bufferBeforeMinutes + availability.bufferAfterMinutes) * MINUTE;
  const perDay = new Map<string, number>();
  for (const busy of input.busy) {
    const date = wall.read(busy.start.getTime()).slice(0, 10);
    perDay.set(date, (perDay.get(date) ?? 0) + 1);
  }
  const accepted = gridStarts(input, wall).filter(
    ({ start, end, date }) =>
      start >= input.from.getTime() &&
      start < input.to.getTime() &&
      start >= input.now.getTime() + availability.minNoticeMinutes * MINUTE &&
      availability.outOfOffice.every(
        (period) => end <= Date.parse(period.start) || start >= Date.parse(period.end),
      ) &&
      input.busy.every(
        (busy) => end + margin <= busy.start.getTime() || start >= busy.end.getTime() + margin,
      ) &&
      (availability.maxPerDay === null || (perDay.get(date) ?? 0) < availability.maxPerDay),
  );
  return [...new Set(accepted.map((item) => item.start))].sort((a, b) => a - b);
}

const arbitraryDay = fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b);
  const intervals: { start: string; end: string }[] = [];
  for (let index = 0; index + 1 < sorted.length; index += 2) {
    intervals.push({ start: clock(sorted[index]!), end: clock(sorted[index + 1]!) });
  }
  return intervals;
});

const arbitraryInput = fc
  .record({
    scenario: fc.constantFrom(...SCENARIOS),
    weekly: fc.tuple(...WEEKDAY_KEYS.map(() => arbitraryDay)),
    overrideDays: fc.array(fc.record({ shift: fc.integer({ min: -1, max: 2 }), intervals: arbitraryDay }), {
      maxLength: 2,
    }),
    outOfOffice: fc.array(
      fc.record({ at: fc.integer({ min: -36, max: 60 }), hours: fc.integer({ min: 1, max: 10 }) }),
      {
        maxLength: 2,
      },
    ),
    busy: fc.array(
      fc.record({ at: fc.integer({ min: -36 * 4, max: 60 * 4 }), minutes: fc.integer({ min: 5, max: 180 }) }),
      {
        maxLength: 6,
      },
    ),
    bufferBeforeMinutes: fc.integer({ min: 0, max: 60 }),
    bufferAfterMinutes: fc.integer({ min: 0, max: 60 }),
    minNoticeMinutes: fc.integer({ min: 0, max: 600 }),
    maxPerDay: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    durationMinutes: fc.integer({ min: 5, max: 180 }),
    step: fc.constantFrom(5, 10, 15, 20, 30, 60, 'duration' as const),
    fromHours: fc.integer({ min: -30, max: 20 }),
    rangeHours: fc.integer({ min: 1, max: 60 }),
    nowHours: fc.integer({ min: -48, max: 24 }),
  })
  .map((drawn): SlotInput => {
    const dayStart = Date.parse(`${drawn.scenario.day}T00:00:00Z`);
    const shifted = (hours: number) => new Date(dayStart + hours * HOUR);
    const overrides = new Map(
      drawn.overrideDays.map((item) => [
        new Date(dayStart + item.shift * 24 * HOUR).toISOString().slice(0, 10),
        item.intervals,
      ]),
    );
    const availability = ZAvailabilityInput.parse({
      timezone: drawn.scenario.zone,
      weekly: Object.fromEntries(WEEKDAY_KEYS.map((key, index) => [key, drawn.weekly[index]])),
      overrides: [...overrides].map(([date, intervals]) => ({ date, intervals })),
      outOfOffice: drawn.outOfOffice.map((period) => ({
        start: shifted(period.at).toISOString(),
        end: shifted(period.at + period.hours).toISOString(),
      })),
      bufferBeforeMinutes: drawn.bufferBeforeMinutes,
      bufferAfterMinutes: drawn.bufferAfterMinutes,
      minNoticeMinutes: drawn.minNoticeMinutes,
      maxPerDay: drawn.maxPerDay,
    });
    const from = shifted(drawn.fromHours);
    return {
      availability,
      meetingType: { durationMinutes: drawn.durationMinutes },
      busy: drawn.busy.map((item) => ({
        start: new Date(dayStart + item.at * 15 * MINUTE),
        end: new Date(dayStart + item.at * 15 * MINUTE + item.minutes * MINUTE),
      })),
      from,
      to: new Date(from.getTime() + drawn.rangeHours * HOUR),
      now: shifted(drawn.nowHours),
      stepMinutes: drawn.step === 'duration' ? drawn.durationMinutes : drawn.step,
    };
  });

describe('computeSlots properties (random availabilities, bookings and buffers around DST changes)', () => {
  it('every slot is a grid start inside an interval, outside OOO, after notice, clear of busy + buffers, within maxPerDay', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const wall = new WallClock(input.availability.timezone, input.from.getTime());
        const slots = computeSlots(input);
        const grid = new Map(gridStarts(input, wall).map((item) => [item.start, item]));
        const { availability } = input;
        const margin = (availability.bufferBeforeMinutes + availability.bufferAfterMinutes) * MINUTE;
        const offeredPerDay = new Set<string>();
        for (const [index, slot] of slots.entries()) {
          const start = slot.start.getTime();
          const end = slot.end.getTime();
          expect(end - start).toBe(input.meetingType.durationMinutes * MINUTE);
          if (index > 0) expect(start).toBeGreaterThan(slots[index - 1]!.start.getTime());
          const onGrid = grid.get(start);
          expect(
            onGrid,
            `slot ${slot.start.toISOString()} is not a grid start inside an interval`,
          ).toBeDefined();
          expect(start).toBeGreaterThanOrEqual(input.from.getTime());
          expect(start).toBeLessThan(input.to.getTime());
          expect(start).toBeGreaterThanOrEqual(input.now.getTime() + availability.minNoticeMinutes * MINUTE);
          for (const period of availability.outOfOffice) {
            expect(end <= Date.parse(period.start) || start >= Date.parse(period.end)).toBe(true);
          }
          for (const busy of input.busy) {
            expect(end + margin <= busy.start.getTime() || start >= busy.end.getTime() + margin).toBe(true);
          }
          if (onGrid) offeredPerDay.add(onGrid.date);
        }
        if (availability.maxPerDay !== null) {
          for (const date of offeredPerDay) {
            const booked = input.busy.filter((busy) =>
              wall.read(busy.start.getTime()).startsWith(date),
            ).length;
            expect(booked + 1).toBeLessThanOrEqual(availability.maxPerDay);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('offers exactly the starts the oracle accepts', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const wall = new WallClock(input.availability.timezone, input.from.getTime());
        expect(computeSlots(input).map((slot) => slot.start.getTime())).toEqual(oracle(input, wall));
      }),
      { numRuns: 150 },
    );
  });

  it('isSlotBookable accepts exactly the starts computeSlots offers', () => {
    fc.assert(
      fc.property(
        arbitraryInput,
        fc.array(fc.integer({ min: 0, max: 60 * 60 }), { maxLength: 10 }),
        (input, minutes) => {
          const wall = new WallClock(input.availability.timezone, input.from.getTime());
          const offered = new Set(computeSlots(input).map((slot) => slot.start.getTime()));
          const inRange = (start: number) => start >= input.from.getTime() && start < input.to.getTime();
          const probes = [
            ...gridStarts(input, wall).map((item) => item.start),
            ...minutes.map((minute) => input.from.getTime() + minute * MINUTE),
          ].filter(inRange);
          for (const start of probes) {
            const verdict = isSlotBookable({ ...input, start: new Date(start) });
            expect(verdict.ok, new Date(start).toISOString()).toBe(offered.has(start));
            if (!verdict.ok) expect(SLOT_REJECTIONS).toContain(verdict.reason);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
