const HOUR_MS = 3_600_000;

export type ReminderKind = '24h' | '1h';

export interface Reminder {
  kind: ReminderKind;
  at: Date;
}

const REMINDER_LEADS: readonly { kind: ReminderKind; beforeMs: number }[] = [
  { kind: '24h', beforeMs: 24 * HOUR_MS },
  { kind: '1h', beforeMs: HOUR_MS },
];

/**
 * Reminders for a meeting starting at `start`, 24 h and 1 h before (real hours, so across a DST
 * change the 24 h one is not at the same wall-clock time), keeping only those strictly after `now`:
 * a meeting booked 3 hours ahead gets only the 1 h reminder.
 */
export function reminderTimes(start: Date, now: Date): Reminder[] {
  return REMINDER_LEADS.map(({ kind, beforeMs }) => ({
    kind,
    at: new Date(start.getTime() - beforeMs),
  })).filter((reminder) => reminder.at.getTime() > now.getTime());
}
