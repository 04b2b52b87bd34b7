import { DateTime, IANAZone } from 'luxon';

export type SkipReason = 'out_of_office' | 'outside_hours' | 'at_capacity' | 'inactive';

/** Whether a rep can take a lead now, and if not the first reason found. */
export type Eligibility = { eligible: true } | { eligible: false; reason: SkipReason };

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

/** Wall-clock hours, `HH:mm`, start included, end excluded (`24:00` ends at midnight). */
export interface ClockInterval {
  start: string;
  end: string;
}

/** A rep's working hours: the weekly shape of scheduling availability, in its zone. */
export interface WorkingHours {
  timezone: string;
  weekly: Partial<Record<WeekdayKey, readonly ClockInterval[]>>;
  /** Dates (`YYYY-MM-DD`) whose intervals replace the weekly ones; none is a day off. */
  overrides?: readonly { date: string; intervals: readonly ClockInterval[] }[];
}

export interface CapacityLimit {
  maxOpenLeads: number;
  /** Open leads assigned within this many days count (see capacityPeriodStart). */
  periodDays: number;
}

export interface EligibilityInput {
  user: { isActive: boolean };
  outOfOffice: readonly { start: Date | string; end: Date | string }[];
  workingHours: WorkingHours | null;
  /** The team's setting: false ignores working hours. */
  respectWorkingHours: boolean;
  /** Open leads owned by the rep and assigned since capacityPeriodStart(now, capacity.periodDays). */
  openLeads: number;
  capacity: CapacityLimit | null;
  now: Date;
}

/** Hours without a valid zone are read in the workspace default, Paris. */
export const DEFAULT_ZONE = 'Europe/Paris';

function instant(value: Date | string): number {
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}

/** Out of office from `start` included to `end` excluded. */
export function isOutOfOffice(periods: EligibilityInput['outOfOffice'], now: Date): boolean {
  const at = now.getTime();
  return periods.some((period) => instant(period.start) <= at && at < instant(period.end));
}

function minutesOf(clock: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(clock);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

/** Whether `now` falls in the rep's hours for that local day (an override replaces the weekday). */
export function isWithinWorkingHours(hours: WorkingHours, now: Date): boolean {
  const zone = IANAZone.isValidZone(hours.timezone) ? hours.timezone : DEFAULT_ZONE;
  const local = DateTime.fromJSDate(now, { zone });
  const date = local.toISODate();
  const override = hours.overrides?.find((candidate) => candidate.date === date);
  const weekday = WEEKDAY_KEYS[local.weekday - 1]!;
  const intervals = override ? override.intervals : (hours.weekly[weekday] ?? []);
  // Seconds count so that 17:59:59 is inside 09:00–18:00 and 18:00:00 is not.
  const minute = local.hour * 60 + local.minute + local.second / 60;
  return intervals.some((interval) => {
    const start = minutesOf(interval.start);
    const end = minutesOf(interval.end);
    return start !== null && end !== null && start <= minute && minute < end;
  });
}

/** Start of the rolling period whose assigned open leads count toward capacity. */
export function capacityPeriodStart(now: Date, periodDays: number): Date {
  return new Date(now.getTime() - periodDays * 24 * 60 * 60 * 1000);
}

/**
 * Whether a rep can receive a lead now. Checked in this order, the first failing one is the reason:
 * inactive user, out of office, outside working hours (only when the team respects them and the rep
 * has hours), at capacity (open leads of the period reached the maximum).
 */
export function decideEligibility(input: EligibilityInput): Eligibility {
  if (!input.user.isActive) return { eligible: false, reason: 'inactive' };
  if (isOutOfOffice(input.outOfOffice, input.now)) return { eligible: false, reason: 'out_of_office' };
  if (
    input.respectWorkingHours &&
    input.workingHours &&
    !isWithinWorkingHours(input.workingHours, input.now)
  ) {
    return { eligible: false, reason: 'outside_hours' };
  }
  if (input.capacity && input.openLeads >= input.capacity.maxOpenLeads) {
    return { eligible: false, reason: 'at_capacity' };
  }
  return { eligible: true };
}
