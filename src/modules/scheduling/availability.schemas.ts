import { z } from 'zod';
import { formatIssuePath } from '../../platform/issue-path.ts';
import { canonicalZoneName } from './local-time.rules.ts';

/** Keys of `weekly`, Monday first: WEEKDAY_KEYS[isoWeekday - 1]. */
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

const MAX_INTERVALS_PER_DAY = 24;
const MAX_OVERRIDES = 400;
const MAX_OUT_OF_OFFICE = 200;

export const ZTimeZone = z
  .string()
  .max(64)
  .transform((name, ctx) => {
    const canonical = canonicalZoneName(name);
    if (canonical) return canonical;
    ctx.addIssue({
      code: 'custom',
      message: `unknown time zone "${name}": use an IANA name such as Europe/Paris`,
    });
    return z.NEVER;
  });

const CLOCK_START = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const CLOCK_END = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const ZClockStart = z.string().regex(CLOCK_START, 'a time "HH:mm" from 00:00 to 23:59');
const ZClockEnd = z.string().regex(CLOCK_END, 'a time "HH:mm" from 00:01 to 24:00');

/** Wall-clock hours in the rep's zone, start included, end excluded. */
export const ZInterval = z
  .object({ start: ZClockStart, end: ZClockEnd })
  .strict()
  // Zod runs this even when a time is malformed; only well-formed times compare as text.
  .refine(
    (interval) =>
      !CLOCK_START.test(String(interval.start)) ||
      !CLOCK_END.test(String(interval.end)) ||
      interval.end > interval.start,
    { path: ['end'], message: 'must be after start' },
  );
export type Interval = z.infer<typeof ZInterval>;

/** A day's intervals: they may touch (12:00–14:00 after 09:00–12:00) but not overlap. */
export const ZDayIntervals = z
  .array(ZInterval)
  .max(MAX_INTERVALS_PER_DAY)
  .superRefine((intervals, ctx) => {
    const order = intervals
      .map((interval, index) => ({ interval, index }))
      // Refinements run on malformed input too: compare only well-formed intervals.
      .filter(
        ({ interval }) =>
          typeof interval === 'object' &&
          interval !== null &&
          CLOCK_START.test(String(interval.start)) &&
          CLOCK_END.test(String(interval.end)),
      );
    order.sort((a, b) =>
      a.interval.start < b.interval.start ? -1 : a.interval.start > b.interval.start ? 1 : 0,
    );
    for (let position = 1; position < order.length; position++) {
      const previous = order[position - 1]!;
      const current = order[position]!;
      if (current.interval.start < previous.interval.end) {
        ctx.addIssue({
          code: 'custom',
          path: [current.index, 'start'],
          message: `overlaps ${previous.interval.start}–${previous.interval.end}`,
        });
      }
    }
  });

const ZWeekly = z
  .object(
    Object.fromEntries(WEEKDAY_KEYS.map((key) => [key, ZDayIntervals])) as Record<
      WeekdayKey,
      typeof ZDayIntervals
    >,
  )
  .strict();

function isCalendarDate(text: string): boolean {
  const [year = 0, month = 0, day = 0] = text.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const ZLocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date "YYYY-MM-DD"')
  .refine(isCalendarDate, 'not a calendar date');

/** A date whose hours replace the weekly ones; no intervals is a day off. */
export const ZDateOverride = z.object({ date: ZLocalDate, intervals: ZDayIntervals }).strict();

const ZInstant = z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time with an offset or Z' });

export const ZOutOfOffice = z
  .object({ start: ZInstant, end: ZInstant, reason: z.string().trim().max(200).optional() })
  .strict()
  .refine((period) => !(Date.parse(period.end) <= Date.parse(period.start)), {
    path: ['end'],
    message: 'must be after start',
  });

const minutes = z.number().int('whole minutes').min(0).max(1440);

/** Body of `PUT /api/v1/users/:id/availability`; omitted numbers take DEFAULT_AVAILABILITY's values. */
export const ZAvailabilityInput = z
  .object({
    timezone: ZTimeZone,
    weekly: ZWeekly,
    overrides: z
      .array(ZDateOverride)
      .max(MAX_OVERRIDES)
      .default([])
      .superRefine((overrides, ctx) => {
        const seen = new Set<string>();
        overrides.forEach((override, index) => {
          if (seen.has(override.date)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'date'],
              message: `${override.date} is given twice`,
            });
          }
          seen.add(override.date);
        });
      }),
    outOfOffice: z.array(ZOutOfOffice).max(MAX_OUT_OF_OFFICE).default([]),
    bufferBeforeMinutes: minutes.default(0),
    bufferAfterMinutes: minutes.default(10),
    minNoticeMinutes: minutes.default(120),
    /** Meetings a rep takes per day of their own calendar; null for no limit. */
    maxPerDay: z.number().int('a whole number').min(1).max(50).nullable().default(8),
  })
  .strict();

export type AvailabilityInput = z.input<typeof ZAvailabilityInput>;
export type Availability = z.output<typeof ZAvailabilityInput>;
export type DateOverride = z.infer<typeof ZDateOverride>;
export type OutOfOffice = z.infer<typeof ZOutOfOffice>;

/** Monday–Friday 09:00–12:00 and 14:00–18:00, 10 minutes after each meeting, 2 hours' notice, 8 a day. */
export function DEFAULT_AVAILABILITY(timezone: string): Availability {
  const zone = canonicalZoneName(timezone);
  if (!zone) throw new RangeError(`unknown time zone "${timezone}"`);
  const workday = () => [
    { start: '09:00', end: '12:00' },
    { start: '14:00', end: '18:00' },
  ];
  return {
    timezone: zone,
    weekly: {
      mon: workday(),
      tue: workday(),
      wed: workday(),
      thu: workday(),
      fri: workday(),
      sat: [],
      sun: [],
    },
    overrides: [],
    outOfOffice: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 10,
    minNoticeMinutes: 120,
    maxPerDay: 8,
  };
}

/** One problem: where (`weekly.mon[1].end`) and what. */
export interface AvailabilityError {
  path: string;
  message: string;
}

export { formatIssuePath };

export function parseAvailability(
  input: unknown,
): { ok: true; availability: Availability } | { ok: false; errors: AvailabilityError[] } {
  const parsed = ZAvailabilityInput.safeParse(input);
  if (parsed.success) return { ok: true, availability: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      path: formatIssuePath(issue.path),
      message: issue.message,
    })),
  };
}
