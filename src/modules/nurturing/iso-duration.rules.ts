import { DateTime, Duration } from 'luxon';
import { resolveZone } from './time-zone.rules.ts';

// PnYnMnWnDTnHnMnS; only the seconds may carry a fraction ("PT1.5S", comma or dot).
const ISO_DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** The longest wait a sequence may hold (Luxon's casual year: 365 days). */
export const MAX_DURATION_MS = Duration.fromObject({ years: 1 }).toMillis();

export type IsoDurationResult = { ok: true; duration: Duration; ms: number } | { ok: false; message: string };

/**
 * Parses an ISO-8601 duration such as "PT2H", "P1DT30M" or "PT5S". Rejects the empty "P"/"PT",
 * negative or zero durations and anything longer than a year; `ms` is the casual length
 * (a month is 30 days) for ordering and limits — add calendar units with `addDuration`.
 */
export function parseIsoDuration(text: string): IsoDurationResult {
  const invalid = { ok: false as const, message: `invalid duration "${text}"` };
  if (typeof text !== 'string') return invalid;
  const match = ISO_DURATION.exec(text.trim().toUpperCase());
  // "P" and "PT" match the pattern with no part at all; "P1DT" has a T with nothing after it.
  if (!match || match.slice(1).every((part) => part === undefined) || /T$/i.test(text.trim())) {
    return invalid;
  }
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  const duration = Duration.fromObject({
    years: Number(years ?? 0),
    months: Number(months ?? 0),
    weeks: Number(weeks ?? 0),
    days: Number(days ?? 0),
    hours: Number(hours ?? 0),
    minutes: Number(minutes ?? 0),
    seconds: Number((seconds ?? '0').replace(',', '.')),
  });
  const ms = duration.toMillis();
  if (!Number.isFinite(ms) || ms > MAX_DURATION_MS) {
    return { ok: false, message: `invalid duration "${text}": longer than one year` };
  }
  // Below a millisecond the scheduler cannot tell the wait from none.
  if (ms < 1) return { ok: false, message: `invalid duration "${text}": must be longer than zero` };
  return { ok: true, duration, ms };
}

/** Like `parseIsoDuration`, for durations already validated (a stored definition): throws on a bad one. */
export function toDuration(text: string): Duration {
  const parsed = parseIsoDuration(text);
  if (!parsed.ok) throw new RangeError(parsed.message);
  return parsed.duration;
}

/** The duration's casual length in milliseconds (a day is 24 h, a month 30 days). */
export function durationMs(text: string): number {
  return toDuration(text).toMillis();
}

/**
 * `instant` plus `duration`, reading calendar units in `zone`: P1D is the same local time the next
 * day (23 or 25 hours across a DST change), PT24H is exactly 24 hours. A local time that does not
 * exist that day (the spring-forward gap) moves forward by the gap. An unknown zone reads as Paris.
 */
export function addDuration(instant: Date, duration: Duration | string, zone: string): Date {
  const amount = typeof duration === 'string' ? toDuration(duration) : duration;
  return DateTime.fromJSDate(instant, { zone: resolveZone(zone) })
    .plus(amount)
    .toJSDate();
}
