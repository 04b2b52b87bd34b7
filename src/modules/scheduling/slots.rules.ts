import { DateTime, type IANAZone } from 'luxon';
import { type Availability, type Interval, WEEKDAY_KEYS } from './availability.schemas.ts';
import {
  addDays,
  ianaZone,
  isoWeekday,
  type LocalDate,
  localParts,
  localTimeOrJump,
  MINUTE_MS,
  parseClock,
  resolveLocalTime,
} from './local-time.rules.ts';

export interface TimeRange {
  start: Date;
  end: Date;
}

export interface SlotInput {
  availability: Availability;
  meetingType: { durationMinutes: number };
  /** The rep's existing bookings, as booked: buffers are added here. */
  busy: readonly TimeRange[];
  /** Slots whose start is in [from, to). */
  from: Date;
  to: Date;
  now: Date;
  /** Grid of start times from each interval's start; 15 by default. */
  stepMinutes?: number;
  /** Bookings already on each of the rep's local days; counted from `busy` when absent. */
  bookedCountByLocalDay?: ReadonlyMap<string, number>;
}

/**
 * What isSlotBookable reads: a SlotInput may be passed as is, but `from`/`to` are ignored (the check is
 * about this start alone, so it agrees with computeSlots for any range containing the start).
 */
export type BookabilityInput = Omit<SlotInput, 'from' | 'to'> &
  Partial<Pick<SlotInput, 'from' | 'to'>> & { start: Date };

export const SLOT_REJECTIONS = [
  'OUTSIDE_HOURS',
  'TOO_SOON',
  'OUT_OF_OFFICE',
  'OVERLAPS',
  'DAY_FULL',
] as const;
export type SlotRejection = (typeof SLOT_REJECTIONS)[number];
export type Bookability = { ok: true } | { ok: false; reason: SlotRejection };

export const DEFAULT_STEP_MINUTES = 15;
/** Bounds the work of one call: a year of 5-minute steps is already ~100k candidates. */
export const MAX_RANGE_DAYS = 366;

interface Rules {
  zone: IANAZone;
  availability: Availability;
  overrides: Map<LocalDate, readonly Interval[]>;
  durationMs: number;
  stepMinutes: number;
  earliestStart: number;
  outOfOffice: [number, number][];
  /** Busy time widened by both buffers on each side: a candidate (unwidened) must not overlap it. */
  blocked: [number, number][];
  bookedByDay: ReadonlyMap<string, number>;
}

function positiveMinutes(value: number, name: string, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`${name} must be a whole number of minutes from 1 to ${max}, got ${value}`);
  }
  return value;
}

function prepareRules(input: Omit<SlotInput, 'from' | 'to'>): Rules {
  const { availability } = input;
  const zone = ianaZone(availability.timezone);
  // A buffer after one meeting and before the next are both needed: they add up, whichever comes first.
  const margin = (availability.bufferBeforeMinutes + availability.bufferAfterMinutes) * MINUTE_MS;
  const bookedByDay = input.bookedCountByLocalDay ?? countByLocalDay(input.busy, zone);
  return {
    zone,
    availability,
    overrides: new Map(availability.overrides.map((override) => [override.date, override.intervals])),
    durationMs: positiveMinutes(input.meetingType.durationMinutes, 'durationMinutes', 1440) * MINUTE_MS,
    stepMinutes: positiveMinutes(input.stepMinutes ?? DEFAULT_STEP_MINUTES, 'stepMinutes', 1440),
    earliestStart: input.now.getTime() + availability.minNoticeMinutes * MINUTE_MS,
    outOfOffice: availability.outOfOffice.map((period) => [Date.parse(period.start), Date.parse(period.end)]),
    blocked: input.busy.map((busy) => [busy.start.getTime() - margin, busy.end.getTime() + margin]),
    bookedByDay,
  };
}

function countByLocalDay(busy: readonly TimeRange[], zone: IANAZone): Map<string, number> {
  const counts = new Map<string, number>();
  for (const booking of busy) {
    const day = localParts(zone, booking.start.getTime()).date;
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return counts;
}

/** The override's intervals for that date, else the weekly ones of its weekday. */
function intervalsOn(rules: Rules, date: LocalDate): readonly Interval[] {
  const override = rules.overrides.get(date);
  if (override) return override;
  const key = WEEKDAY_KEYS[isoWeekday(date) - 1];
  return key ? rules.availability.weekly[key] : [];
}

const overlaps = (start: number, end: number, ranges: readonly [number, number][]) =>
  ranges.some(([rangeStart, rangeEnd]) => start < rangeEnd && rangeStart < end);

/** Why a start that is inside the hours cannot be booked, or null when it can. */
function rejectionInsideHours(rules: Rules, start: number, day: LocalDate): SlotRejection | null {
  const end = start + rules.durationMs;
  if (start < rules.earliestStart) return 'TOO_SOON';
  if (overlaps(start, end, rules.outOfOffice)) return 'OUT_OF_OFFICE';
  if (overlaps(start, end, rules.blocked)) return 'OVERLAPS';
  const limit = rules.availability.maxPerDay;
  if (limit !== null && (rules.bookedByDay.get(day) ?? 0) >= limit) return 'DAY_FULL';
  return null;
}

/**
 * Candidate starts of a day, in wall-clock steps from each interval's start: a step that falls in a
 * spring-forward gap is skipped, one in a repeated hour is taken at its first occurrence, and the
 * meeting (real minutes) must end by the interval's end.
 */
function candidatesOn(rules: Rules, date: LocalDate): number[] {
  const starts: number[] = [];
  for (const interval of intervalsOn(rules, date)) {
    const first = parseClock(interval.start);
    const last = parseClock(interval.end);
    const intervalEnd = localTimeOrJump(rules.zone, date, last);
    for (let minute = first; minute < last; minute += rules.stepMinutes) {
      const resolved = resolveLocalTime(rules.zone, date, minute);
      if (resolved.kind === 'gap') continue;
      if (resolved.instant + rules.durationMs <= intervalEnd) starts.push(resolved.instant);
    }
  }
  return starts;
}

/**
 * Bookable slots whose start is in [from, to), sorted. See README.md ("Slot rules") for every rule;
 * pass `stepMinutes: durationMinutes` to offer back-to-back slots only (e.g. 09:00, 09:30 for 30 minutes).
 */
export function computeSlots(input: SlotInput): TimeRange[] {
  const from = input.from.getTime();
  const to = input.to.getTime();
  if (!(to > from)) return [];
  if (to - from > MAX_RANGE_DAYS * 1440 * MINUTE_MS) {
    throw new RangeError(`slot range longer than ${MAX_RANGE_DAYS} days`);
  }
  const rules = prepareRules(input);
  const lastDay = localParts(rules.zone, to).date;
  const starts = new Set<number>();
  for (let day = localParts(rules.zone, from).date; day <= lastDay; day = addDays(day, 1)) {
    for (const start of candidatesOn(rules, day)) {
      if (start >= from && start < to && rejectionInsideHours(rules, start, day) === null) starts.add(start);
    }
  }
  return [...starts]
    .sort((a, b) => a - b)
    .map((start) => ({ start: new Date(start), end: new Date(start + rules.durationMs) }));
}

/** True when `start` is one of candidatesOn(date), checked without listing them. */
function isCandidate(rules: Rules, start: number): { date: LocalDate } | null {
  const { date, minuteOfDay, second, millisecond } = localParts(rules.zone, start);
  if (second !== 0 || millisecond !== 0) return null;
  for (const interval of intervalsOn(rules, date)) {
    const first = parseClock(interval.start);
    const last = parseClock(interval.end);
    if (minuteOfDay < first || minuteOfDay >= last || (minuteOfDay - first) % rules.stepMinutes !== 0)
      continue;
    const resolved = resolveLocalTime(rules.zone, date, minuteOfDay);
    // A second occurrence of a repeated time reads the same wall clock but is not the offered instant.
    if (resolved.kind !== 'exact' || resolved.instant !== start) continue;
    if (start + rules.durationMs <= localTimeOrJump(rules.zone, date, last)) return { date };
  }
  return null;
}

/** Whether the start is one computeSlots would offer, and if not the first rule it breaks. */
export function isSlotBookable(input: BookabilityInput): Bookability {
  const rules = prepareRules(input);
  const start = input.start.getTime();
  const candidate = isCandidate(rules, start);
  if (!candidate) return { ok: false, reason: 'OUTSIDE_HOURS' };
  const reason = rejectionInsideHours(rules, start, candidate.date);
  return reason === null ? { ok: true } : { ok: false, reason };
}

/** A slot as the API returns it: ISO 8601 with the offset of `zone` at each end (e.g. the lead's). */
export function formatSlotInZone(slot: TimeRange, zone: string): { start: string; end: string } {
  const target = ianaZone(zone);
  const format = (date: Date) =>
    DateTime.fromJSDate(date, { zone: target }).toISO({ suppressMilliseconds: true, includeOffset: true }) ??
    '';
  return { start: format(slot.start), end: format(slot.end) };
}
