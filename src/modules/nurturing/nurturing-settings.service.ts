import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Database } from '../../platform/db/database.ts';
import { enrollmentSteps, enrollments, nurturingSettings } from './nurturing.tables.ts';
import { DEFAULT_ZONE } from './time-zone.rules.ts';

export interface NurturingSettings {
  /** Sequence messages one lead may receive per local day, all sequences together. */
  dailyCapPerLead: number;
  /** The zone of leads whose own is unknown. */
  timezone: string;
}

/** Two sequence messages a day at most per lead: enough for a reminder, never a flood. */
export const DEFAULT_DAILY_CAP = 2;

export async function loadNurturingSettings(db: Database, workspaceId: string): Promise<NurturingSettings> {
  const [row] = await db
    .select()
    .from(nurturingSettings)
    .where(eq(nurturingSettings.workspaceId, workspaceId));
  return row
    ? { dailyCapPerLead: row.dailyCapPerLead, timezone: row.timezone }
    : { dailyCapPerLead: DEFAULT_DAILY_CAP, timezone: DEFAULT_ZONE };
}

export async function saveNurturingSettings(
  db: Database,
  workspaceId: string,
  settings: NurturingSettings,
  now: Date,
): Promise<NurturingSettings> {
  const values = { dailyCapPerLead: settings.dailyCapPerLead, timezone: settings.timezone, updatedAt: now };
  await db
    .insert(nurturingSettings)
    .values({ workspaceId, ...values })
    .onConflictDoUpdate({ target: nurturingSettings.workspaceId, set: values });
  return loadNurturingSettings(db, workspaceId);
}

/** Midnight of `now`'s day in `zone`, as an instant. */
export function startOfLocalDay(now: Date, zone: string): Date {
  const local = DateTime.fromJSDate(now).setZone(zone);
  return (local.isValid ? local : DateTime.fromJSDate(now).setZone(DEFAULT_ZONE)).startOf('day').toJSDate();
}

/** Sequence messages sent to a lead since `since`, all sequences together (the daily cap). */
export async function countSequenceSendsSince(
  db: Database,
  workspaceId: string,
  leadId: string,
  since: Date,
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(enrollmentSteps)
    .where(
      and(
        eq(enrollmentSteps.workspaceId, workspaceId),
        eq(enrollmentSteps.kind, 'sent'),
        gte(enrollmentSteps.at, since),
        inArray(
          enrollmentSteps.enrollmentId,
          db
            .select({ id: enrollments.id })
            .from(enrollments)
            .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.leadId, leadId))),
        ),
      ),
    );
  return row?.count ?? 0;
}
