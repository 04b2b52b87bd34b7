import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { type MeetingTypeInput, ZMeetingTypeInput } from './meeting-type.schemas.ts';
import { issuesToError, schedulingErrors } from './scheduling.errors.ts';
import { meetingTypes } from './scheduling.tables.ts';

export type MeetingTypeRow = typeof meetingTypes.$inferSelect;

export async function createMeetingType(
  db: Database,
  actor: Actor,
  input: unknown,
  now: Date,
): Promise<{ id: string }> {
  const parsed = ZMeetingTypeInput.safeParse(input);
  if (!parsed.success) throw issuesToError(parsed.error.issues, 'MEETING_TYPE_INVALID');
  const meetingType: MeetingTypeInput = parsed.data;
  const id = newId('mtt');
  try {
    await db.insert(meetingTypes).values({
      id,
      workspaceId: actor.workspaceId,
      name: meetingType.name,
      slug: meetingType.slug,
      durationMinutes: meetingType.durationMinutes,
      location: meetingType.location as unknown as Record<string, unknown>,
      description: meetingType.description ?? null,
      createdAt: now,
    });
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === '23505')
      throw schedulingErrors.meetingTypeSlugTaken(meetingType.slug);
    throw error;
  }
  return { id };
}

export async function findMeetingType(
  db: Database,
  workspaceId: string,
  id: string,
): Promise<MeetingTypeRow> {
  const [row] = await db
    .select()
    .from(meetingTypes)
    .where(and(eq(meetingTypes.workspaceId, workspaceId), eq(meetingTypes.id, id)));
  if (!row) throw schedulingErrors.meetingTypeNotFound(id);
  return row;
}

/** The workspace's first meeting type (what the agent and booking pages offer by default). */
export async function defaultMeetingType(
  db: Database,
  workspaceId: string,
): Promise<MeetingTypeRow | undefined> {
  const [row] = await db
    .select()
    .from(meetingTypes)
    .where(eq(meetingTypes.workspaceId, workspaceId))
    .orderBy(asc(meetingTypes.createdAt), asc(meetingTypes.id))
    .limit(1);
  return row;
}

export async function listMeetingTypes(db: Database, workspaceId: string): Promise<MeetingTypeRow[]> {
  return db
    .select()
    .from(meetingTypes)
    .where(eq(meetingTypes.workspaceId, workspaceId))
    .orderBy(asc(meetingTypes.createdAt));
}
