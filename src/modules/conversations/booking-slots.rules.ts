import { DateTime } from 'luxon';
import type { Database } from '../../platform/db/database.ts';

/**
 * Where the agent gets meeting times to offer a hot lead (the booking workflow provides the real
 * one). `db` is the agent turn's transaction: read through it, never beside it.
 */
export type SlotProvider = (input: {
  db: Database;
  workspaceId: string;
  leadId: string;
  now: Date;
  timezone: string;
}) => Promise<Date[]>;

// Start times offered on a working day, in the lead's zone: late morning and afternoon.
const OFFERED_TIMES = [
  { hour: 10, minute: 0 },
  { hour: 14, minute: 0 },
  { hour: 16, minute: 30 },
];
/** A lead is not offered a meeting that starts within the next two hours. */
const MIN_NOTICE_HOURS = 2;

/**
 * Until calendars are connected: the next three working-day slots (Monday–Friday, 10:00, 14:00,
 * 16:30 in the lead's time zone), at least two hours ahead, at most one per day so the lead
 * chooses between days.
 */
export function proposeDefaultSlots(now: Date, timezone: string, count = 3): Date[] {
  const zone = DateTime.fromJSDate(now).setZone(timezone).isValid ? timezone : 'Europe/Paris';
  const earliest = DateTime.fromJSDate(now).setZone(zone).plus({ hours: MIN_NOTICE_HOURS });
  const slots: Date[] = [];
  let day = earliest.startOf('day');
  for (let guard = 0; slots.length < count && guard < 30; guard++, day = day.plus({ days: 1 })) {
    if (day.weekday > 5) continue;
    const time = OFFERED_TIMES.map((at) => day.set(at)).find((candidate) => candidate >= earliest);
    if (time) slots.push(time.toJSDate());
  }
  return slots;
}

export const defaultSlotProvider: SlotProvider = async ({ now, timezone }) =>
  proposeDefaultSlots(now, timezone);
