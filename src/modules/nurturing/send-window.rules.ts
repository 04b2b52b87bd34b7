import { DateTime } from 'luxon';
import { addDuration } from './iso-duration.rules.ts';
import { isPublicHoliday } from './public-holidays.rules.ts';
import type { SendWindow, WaitStep } from './sequence-definition.schemas.ts';
import { resolveZone } from './time-zone.rules.ts';

export type { SendWindow };

/** Luxon's weekday 1 is Monday: WEEKDAYS[weekday - 1]. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Weekdays 09:00–19:00 in the lead's time zone, for a definition that sets no window. */
export const DEFAULT_SEND_WINDOW: SendWindow = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '09:00',
  end: '19:00',
};

function localNow(now: Date, zone: string): DateTime {
  return DateTime.fromJSDate(now, { zone: resolveZone(zone) });
}

/** That day at "HH:MM"; a time inside a spring-forward gap moves forward by the gap. */
function atTime(day: DateTime, time: string): DateTime {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

function isOpenDay(day: DateTime, window: SendWindow): boolean {
  const weekday = WEEKDAYS[day.weekday - 1];
  return weekday !== undefined && window.days.includes(weekday);
}

/** True when `now` is inside the window in `zone`: from `start` included to `end` excluded. */
export function isInsideWindow(now: Date, window: SendWindow | null, zone: string): boolean {
  if (!window) return true;
  const local = localNow(now, zone);
  return (
    isOpenDay(local, window) && local >= atTime(local, window.start) && local < atTime(local, window.end)
  );
}

/**
 * When a message due at `now` may go out: `now` inside the window (or with no window), else the
 * next opening in `zone` (an unknown zone reads as Paris). Friday 19:30 → Monday 09:00.
 */
export function nextSendTime(now: Date, window: SendWindow | null, zone: string): Date {
  if (!window || isInsideWindow(now, window, zone)) return now;
  const local = localNow(now, zone);
  let day = local.startOf('day');
  // Eight days: today's opening may have passed, and the same weekday comes back a week later.
  for (let offset = 0; offset <= 7; offset++, day = day.plus({ days: 1 })) {
    if (!isOpenDay(day, window)) continue;
    const opening = atTime(day, window.start);
    if (opening > local) return opening.toJSDate();
  }
  // Unreachable with a valid window (at least one day, start before end).
  throw new RangeError(`send window never opens: ${JSON.stringify(window)}`);
}

/** Whether one more message fits today; no cap (null or undefined) always fits. */
export function isUnderDailyCap(sentToday: number, cap: number | null | undefined): boolean {
  return cap === null || cap === undefined || sentToday < cap;
}

/** Midnight starting the local day after `now`'s in `zone`. */
export function startOfNextLocalDay(now: Date, zone: string): Date {
  return localNow(now, zone).startOf('day').plus({ days: 1 }).toJSDate();
}

/**
 * When a message due at `now` goes out given the window and a daily cap (`sentToday` counts the
 * local day of `now`): the next opening, or the first opening of a later day once today is full.
 */
export function plannedSendTime(
  now: Date,
  window: SendWindow | null,
  zone: string,
  cap: { sentToday: number; dailyCap: number | null | undefined },
): Date {
  const candidate = nextSendTime(now, window, zone);
  const sameDay = localNow(candidate, zone).hasSame(localNow(now, zone), 'day');
  if (!sameDay || isUnderDailyCap(cap.sentToday, cap.dailyCap)) return candidate;
  return nextSendTime(startOfNextLocalDay(now, zone), window, zone);
}

/**
 * `count` working days after `now`, at the same local time: Monday to Friday, skipping the public holidays
 * of `country` (the lead's) where they are known (see public-holidays.rules.ts).
 */
export function addBusinessDays(now: Date, count: number, zone: string, country: string | null = null): Date {
  let day = localNow(now, zone);
  for (let counted = 0; counted < count; ) {
    day = day.plus({ days: 1 });
    if (day.weekday <= 5 && !isPublicHoliday(day, country)) counted++;
  }
  return day.toJSDate();
}

/** The next "HH:MM" in `zone` strictly after `now`: today if still ahead, else tomorrow. */
export function nextLocalTime(now: Date, time: string, zone: string): Date {
  const local = localNow(now, zone);
  const today = atTime(local, time);
  return (today > local ? today : atTime(local.startOf('day').plus({ days: 1 }), time)).toJSDate();
}

/** When a wait step that starts at `now` ends, in the lead's zone (business days: the lead's country). */
export function waitUntil(step: WaitStep, now: Date, zone: string, country: string | null = null): Date {
  if (step.duration !== undefined) return addDuration(now, step.duration, zone);
  if (step.businessDays !== undefined) return addBusinessDays(now, step.businessDays, zone, country);
  if (step.until !== undefined) return nextLocalTime(now, step.until, zone);
  throw new RangeError('a wait step needs duration, businessDays or until');
}
