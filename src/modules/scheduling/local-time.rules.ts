import { IANAZone } from 'luxon';

// Wall-clock arithmetic in a rep's zone, written out rather than left to Luxon: Luxon resolves an
// ambiguous (fall-back) time to the later offset, and the scheduling rules need the earlier one.

export const MINUTE_MS = 60_000;
export const DAY_MINUTES = 1440;
const DAY_MS = DAY_MINUTES * MINUTE_MS;
// Further than any UTC offset (−12:00 … +14:00), so offsets read there bracket every candidate.
const OFFSET_REACH_MS = 15 * 60 * MINUTE_MS;

/** A calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

/** A wall-clock time: exists once (`exact`, the earlier instant when it exists twice) or not at all (`gap`). */
export type LocalResolution = { kind: 'exact'; instant: number } | { kind: 'gap'; next: number };

/** The zone, or a RangeError naming it: an unknown zone must not silently read as UTC. */
export function ianaZone(name: string): IANAZone {
  if (!IANAZone.isValidZone(name)) throw new RangeError(`unknown time zone "${name}"`);
  return IANAZone.create(name);
}

/** `Europe/Paris` for `europe/paris`, `UTC` for `Etc/UTC`: the name Intl reports, or null if unknown. */
export function canonicalZoneName(name: string): string | null {
  if (!IANAZone.isValidZone(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function offsetMinutes(zone: IANAZone, instant: number): number {
  return zone.offset(instant);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Wall-clock fields of an instant in the zone. */
export function localParts(zone: IANAZone, instant: number) {
  const shifted = new Date(instant + offsetMinutes(zone, instant) * MINUTE_MS);
  const year = shifted.getUTCFullYear();
  const month = shifted.getUTCMonth() + 1;
  const day = shifted.getUTCDate();
  return {
    date: `${pad(year, 4)}-${pad(month)}-${pad(day)}` as LocalDate,
    year,
    month,
    day,
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    minuteOfDay: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

function dateToUtcMs(date: LocalDate): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(dateToUtcMs(date) + days * DAY_MS);
  return `${pad(moved.getUTCFullYear(), 4)}-${pad(moved.getUTCMonth() + 1)}-${pad(moved.getUTCDate())}`;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return ((new Date(dateToUtcMs(date)).getUTCDay() + 6) % 7) + 1;
}

/** "09:30" → 570; "24:00" → 1440. */
export function parseClock(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * The first minute-aligned instant in (after, until] whose offset differs from the offset at `after`.
 * Callers pass a bracket whose ends have different offsets.
 */
export function findOffsetChange(zone: IANAZone, after: number, until: number): number {
  const before = offsetMinutes(zone, after);
  let low = Math.floor(after / MINUTE_MS);
  let high = Math.ceil(until / MINUTE_MS);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetMinutes(zone, middle * MINUTE_MS) === before) low = middle;
    else high = middle;
  }
  return high * MINUTE_MS;
}

/**
 * The instant of the wall-clock time `minuteOfDay` minutes after midnight on `date` (1440 is the next
 * midnight). A time that exists twice resolves to the earlier instant; one skipped by a spring-forward
 * change is a `gap`, with `next` the instant the clocks jump (the first time that exists after it).
 */
export function resolveLocalTime(zone: IANAZone, date: LocalDate, minuteOfDay: number): LocalResolution {
  const wall = dateToUtcMs(date) + minuteOfDay * MINUTE_MS;
  const offsets = new Set([
    offsetMinutes(zone, wall - OFFSET_REACH_MS),
    offsetMinutes(zone, wall),
    offsetMinutes(zone, wall + OFFSET_REACH_MS),
  ]);
  let earliest: number | null = null;
  for (const offset of offsets) {
    const instant = wall - offset * MINUTE_MS;
    if (offsetMinutes(zone, instant) !== offset) continue;
    if (earliest === null || instant < earliest) earliest = instant;
  }
  if (earliest !== null) return { kind: 'exact', instant: earliest };
  // In a gap the offset before (small) and after (large) bracket the jump: wall − after ≤ jump ≤ wall − before.
  const sorted = [...offsets].sort((a, b) => a - b);
  const largest = sorted[sorted.length - 1] ?? 0;
  const smallest = sorted[0] ?? 0;
  return {
    kind: 'gap',
    next: findOffsetChange(zone, wall - largest * MINUTE_MS, wall - smallest * MINUTE_MS),
  };
}

/** Like resolveLocalTime, with a gap read as the moment the clocks jump (for the bounds of an interval). */
export function localTimeOrJump(zone: IANAZone, date: LocalDate, minuteOfDay: number): number {
  const resolved = resolveLocalTime(zone, date, minuteOfDay);
  return resolved.kind === 'exact' ? resolved.instant : resolved.next;
}
