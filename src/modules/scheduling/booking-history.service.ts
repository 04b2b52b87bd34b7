import { and, eq, inArray, notExists, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { insertRowsAsJson } from '../../platform/db/json-bulk-insert.ts';
import { newId } from '../../platform/ids.ts';
import { availabilities, bookings, meetingTypes } from './scheduling.tables.ts';

// Bookings written as history in bulk (the demo data) and removed with their leads and reps: apart from the
// live path of scheduling.service.ts, since nothing here checks the booking rules or sends an invitation.

/**
 * The meeting type with this slug, created when missing (in the caller's transaction, without the
 * checks of the API: the caller passes a fixed, valid definition).
 */
export async function ensureMeetingType(
  tx: Database,
  workspaceId: string,
  definition: { slug: string; name: string; durationMinutes: number; location: Record<string, unknown> },
  now: Date,
): Promise<string> {
  await tx
    .insert(meetingTypes)
    .values({ id: newId('mtt'), workspaceId, ...definition, description: null, createdAt: now })
    .onConflictDoNothing();
  const [row] = await tx
    .select({ id: meetingTypes.id })
    .from(meetingTypes)
    .where(and(eq(meetingTypes.workspaceId, workspaceId), eq(meetingTypes.slug, definition.slug)));
  return row!.id;
}

/**
 * Stores bookings as history (past meetings held or missed, upcoming ones) without invitations or
 * reminders. A confirmed booking overlapping another of the same rep is skipped (exclusion
 * constraint). Returns how many were stored.
 */
export async function recordBookingHistory(
  tx: Database,
  items: Omit<typeof bookings.$inferInsert, 'id' | 'sequence'>[],
): Promise<number> {
  if (items.length === 0) return 0;
  const before = await countBookings(tx, items[0]!.workspaceId);
  await insertRowsAsJson(
    tx,
    bookings,
    items.map((item) => ({ id: newId('bkg', item.createdAt.getTime()), ...item })),
    { onConflictDoNothing: true },
  );
  return (await countBookings(tx, items[0]!.workspaceId)) - before;
}

async function countBookings(tx: Database, workspaceId: string): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(bookings)
    .where(eq(bookings.workspaceId, workspaceId));
  return row?.count ?? 0;
}

/** Deletes the bookings of leads that are being deleted. */
export async function deleteBookingsForLeads(tx: Database, workspaceId: string, leadIds: string[]) {
  if (leadIds.length === 0) return;
  await tx
    .delete(bookings)
    .where(and(eq(bookings.workspaceId, workspaceId), inArray(bookings.leadId, leadIds)));
}

/** Deletes the availability of users that are being deleted. */
export async function deleteAvailabilitiesForUsers(tx: Database, workspaceId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  await tx
    .delete(availabilities)
    .where(and(eq(availabilities.workspaceId, workspaceId), inArray(availabilities.userId, userIds)));
}

/** Deletes a meeting type when no booking uses it any more; returns whether it was deleted. */
export async function deleteMeetingTypeIfUnused(tx: Database, workspaceId: string, slug: string) {
  const deleted = await tx
    .delete(meetingTypes)
    .where(
      and(
        eq(meetingTypes.workspaceId, workspaceId),
        eq(meetingTypes.slug, slug),
        notExists(
          tx.select({ id: bookings.id }).from(bookings).where(eq(bookings.meetingTypeId, meetingTypes.id)),
        ),
      ),
    )
    .returning({ id: meetingTypes.id });
  return deleted.length > 0;
}
