import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { users } from '../access/index.ts';
import { type Availability, DEFAULT_AVAILABILITY, ZAvailabilityInput } from './availability.schemas.ts';
import { externalBusyOf } from './calendar-provider.ts';
import { findMeetingType } from './meeting-types.service.ts';
import { issuesToError, schedulingErrors } from './scheduling.errors.ts';
import { availabilities, bookings, meetingTypes } from './scheduling.tables.ts';
import { computeSlots, isSlotBookable, type TimeRange } from './slots.rules.ts';

export type BookingRow = typeof bookings.$inferSelect;
export type { MeetingTypeRow } from './meeting-types.service.ts';

export async function findWorkspaceUser(db: Database, workspaceId: string, userId: string) {
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      timezone: users.timezone,
      slug: users.slug,
      isActive: users.isActive,
    })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
  if (!user) throw schedulingErrors.userNotFound(userId);
  return user;
}

/** The rep's stored availability, or the default working week in the rep's own zone. */
export async function getAvailability(
  db: Database,
  workspaceId: string,
  userId: string,
): Promise<Availability> {
  const user = await findWorkspaceUser(db, workspaceId, userId);
  const [row] = await db.select().from(availabilities).where(eq(availabilities.userId, user.id));
  return row ? (row.availability as unknown as Availability) : DEFAULT_AVAILABILITY(user.timezone);
}

export async function saveAvailability(
  db: Database,
  actor: Actor,
  userId: string,
  input: unknown,
  now: Date,
): Promise<Availability> {
  const user = await findWorkspaceUser(db, actor.workspaceId, userId);
  // A rep sets their own hours; admins set anyone's.
  if (actor.role !== 'admin' && actor.userId !== user.id) throw schedulingErrors.notYours();
  const parsed = ZAvailabilityInput.safeParse(input);
  if (!parsed.success) throw issuesToError(parsed.error.issues, 'AVAILABILITY_INVALID');
  const availability = parsed.data as unknown as Record<string, unknown>;
  await db
    .insert(availabilities)
    .values({ userId: user.id, workspaceId: actor.workspaceId, availability, updatedAt: now })
    .onConflictDoUpdate({ target: availabilities.userId, set: { availability, updatedAt: now } });
  return parsed.data;
}

async function busyOf(db: Database, userId: string, from: Date, to: Date) {
  return db
    .select({ start: bookings.startAt, end: bookings.endAt })
    .from(bookings)
    .where(
      and(
        eq(bookings.userId, userId),
        eq(bookings.status, 'confirmed'),
        lt(bookings.startAt, to),
        gt(bookings.endAt, from),
      ),
    );
}

function countByLocalDay(busy: { start: Date }[], zone: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of busy) {
    const day = DateTime.fromJSDate(item.start).setZone(zone).toISODate()!;
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return counts;
}

/**
 * Free slots of a rep for a meeting type between two instants. With `calendarOf`, the rep's busy
 * times in that context's external calendar count as bookings too (buffers included, not the daily
 * limit: they are busy blocks, not meetings); a calendar that fails or is slow is left out (logged).
 */
export async function listSlots(
  db: Database,
  workspaceId: string,
  input: { userId: string; meetingTypeId: string; from: Date; to: Date; now: Date },
  calendarOf?: AppContext,
): Promise<{ start: Date; end: Date }[]> {
  const availability = await getAvailability(db, workspaceId, input.userId);
  const meetingType = await findMeetingType(db, workspaceId, input.meetingTypeId);
  // A day's limit counts the whole local day: read bookings a day around the range.
  const around = {
    from: new Date(input.from.getTime() - 86_400_000),
    to: new Date(input.to.getTime() + 86_400_000),
  };
  const [busy, externalBusy] = await Promise.all([
    busyOf(db, input.userId, around.from, around.to),
    calendarOf ? externalBusyOf(calendarOf, { workspaceId, userId: input.userId, ...around }) : [],
  ]);
  return computeSlots({
    availability,
    meetingType: { durationMinutes: meetingType.durationMinutes },
    busy: [...busy, ...externalBusy],
    from: input.from,
    to: input.to,
    now: input.now,
    bookedCountByLocalDay: countByLocalDay(busy, availability.timezone),
  });
}

/**
 * Books a slot in `tx`. The rules are checked first (hours, notice, out of office, buffers, daily
 * limit); the database's exclusion constraint then refuses an overlap that a concurrent request
 * booked in between — in a savepoint, so the caller's transaction survives the refusal.
 * `externalBusy`: the rep's external calendar busy times, read by the caller before its transaction
 * (`externalBusyAround`); overlapping one is BOOKING_SLOT_TAKEN like overlapping a Chaud booking.
 */
export async function insertBooking(
  tx: Database,
  input: {
    workspaceId: string;
    leadId: string;
    userId: string;
    meetingTypeId: string;
    start: Date;
    leadTimezone: string;
    source: string;
    now: Date;
    externalBusy?: readonly TimeRange[];
  },
): Promise<BookingRow> {
  const user = await findWorkspaceUser(tx, input.workspaceId, input.userId);
  if (!user.isActive) throw schedulingErrors.userNotFound(input.userId);
  const meetingType = await findMeetingType(tx, input.workspaceId, input.meetingTypeId);
  const availability = await getAvailability(tx, input.workspaceId, input.userId);
  const end = new Date(input.start.getTime() + meetingType.durationMinutes * 60_000);
  const busy = await busyOf(
    tx,
    input.userId,
    new Date(input.start.getTime() - 86_400_000),
    new Date(end.getTime() + 86_400_000),
  );
  const verdict = isSlotBookable({
    availability,
    meetingType: { durationMinutes: meetingType.durationMinutes },
    busy: [...busy, ...(input.externalBusy ?? [])],
    now: input.now,
    bookedCountByLocalDay: countByLocalDay(busy, availability.timezone),
    start: input.start,
  });
  if (!verdict.ok) {
    if (verdict.reason === 'OVERLAPS' || verdict.reason === 'DAY_FULL')
      throw schedulingErrors.slotTaken(verdict.reason);
    throw schedulingErrors.slotUnavailable(verdict.reason);
  }
  try {
    return await tx.transaction(async (savepoint) => {
      const [row] = await (savepoint as unknown as Database)
        .insert(bookings)
        .values({
          id: newId('bkg'),
          workspaceId: input.workspaceId,
          leadId: input.leadId,
          userId: input.userId,
          meetingTypeId: input.meetingTypeId,
          startAt: input.start,
          endAt: end,
          leadTimezone: input.leadTimezone,
          source: input.source,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .returning();
      return row!;
    });
  } catch (error) {
    const code =
      (error as { cause?: { code?: string }; code?: string }).cause?.code ??
      (error as { code?: string }).code;
    // 23P01: exclusion_violation — another booking of this rep took the time first.
    if (code === '23P01') throw schedulingErrors.slotTaken('OVERLAPS');
    throw error;
  }
}

export async function findBooking(
  db: Database,
  workspaceId: string,
  id: string,
  forUpdate = false,
): Promise<BookingRow> {
  const query = db
    .select()
    .from(bookings)
    .where(and(eq(bookings.workspaceId, workspaceId), eq(bookings.id, id)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw schedulingErrors.bookingNotFound(id);
  return row;
}

export async function updateBooking(
  tx: Database,
  booking: BookingRow,
  changes: Partial<Pick<BookingRow, 'status' | 'startAt' | 'endAt'>>,
  now: Date,
): Promise<BookingRow> {
  const [row] = await tx
    .update(bookings)
    .set({ ...changes, sequence: sql`${bookings.sequence} + 1`, updatedAt: now })
    .where(eq(bookings.id, booking.id))
    .returning();
  return row!;
}

/** A rep's confirmed meetings, for the private ICS feed (the last 30 days and everything ahead). */
export async function listFeedBookings(db: Database, workspaceId: string, userId: string, now: Date) {
  return db
    .select()
    .from(bookings)
    .where(
      and(
        eq(bookings.workspaceId, workspaceId),
        eq(bookings.userId, userId),
        eq(bookings.status, 'confirmed'),
        gt(bookings.endAt, new Date(now.getTime() - 30 * 86_400_000)),
      ),
    )
    .orderBy(asc(bookings.startAt));
}

/** A lead's meetings, every status, newest start first, with the meeting type's name (the lead screen). */
export async function listLeadBookings(db: Database, workspaceId: string, leadId: string) {
  const rows = await db
    .select({ booking: bookings, meetingTypeName: meetingTypes.name })
    .from(bookings)
    .leftJoin(
      meetingTypes,
      and(eq(meetingTypes.workspaceId, bookings.workspaceId), eq(meetingTypes.id, bookings.meetingTypeId)),
    )
    .where(and(eq(bookings.workspaceId, workspaceId), eq(bookings.leadId, leadId)))
    .orderBy(desc(bookings.startAt), desc(bookings.id));
  return rows.map(({ booking, meetingTypeName }) => ({ ...booking, meetingTypeName }));
}
