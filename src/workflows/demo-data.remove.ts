import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { deleteUsers, workspaces } from '../modules/access/index.ts';
import { deleteConversationsForLeads, messages } from '../modules/conversations/index.ts';
import { deleteLeadsWithHistory } from '../modules/leads/index.ts';
import { deleteEnrollmentsForLeads } from '../modules/nurturing/index.ts';
import { deleteConsentsForLeads } from '../modules/privacy/index.ts';
import { deleteBantValuesForLeads } from '../modules/qualification/index.ts';
import { deleteAssignmentsForLeads, deleteTeamMembershipsForUsers } from '../modules/routing/index.ts';
import {
  bookings,
  deleteAvailabilitiesForUsers,
  deleteBookingsForLeads,
  deleteMeetingTypeIfUnused,
} from '../modules/scheduling/index.ts';
import { deleteScoresForLeads } from '../modules/scoring/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { outbox } from '../platform/db/platform.tables.ts';
import {
  DEMO_MEETING_TYPE_SLUG,
  type DemoCounts,
  demoLeadIds,
  demoUserIds,
  getDemoStatus,
} from './demo-data.status.ts';

/**
 * Removes every demo lead and everything about it (each module deletes its own rows, dependants
 * first: most foreign keys to leads do not cascade), the demo reps and the demo meeting type — in
 * one transaction. Real leads and real users are not touched. Returns what was removed.
 */
export async function removeDemoData(ctx: AppContext, workspaceId: string): Promise<DemoCounts> {
  return ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .for('update');
    const removed = (await getDemoStatus(tx, workspaceId)).counts;
    const leadIds = await demoLeadIds(tx, workspaceId);
    const userIds = await demoUserIds(tx, workspaceId);
    await deletePendingEffects(tx, workspaceId, leadIds);
    await deleteEnrollmentsForLeads(tx, workspaceId, leadIds);
    await deleteBookingsForLeads(tx, workspaceId, leadIds);
    await deleteAssignmentsForLeads(tx, workspaceId, leadIds);
    await deleteConversationsForLeads(tx, workspaceId, leadIds);
    await deleteBantValuesForLeads(tx, workspaceId, leadIds);
    await deleteScoresForLeads(tx, workspaceId, leadIds);
    await deleteConsentsForLeads(tx, workspaceId, leadIds);
    await deleteLeadsWithHistory(tx, workspaceId, leadIds);
    await deleteAvailabilitiesForUsers(tx, workspaceId, userIds);
    await deleteTeamMembershipsForUsers(tx, workspaceId, userIds);
    await deleteUsers(tx, workspaceId, userIds);
    await deleteMeetingTypeIfUnused(tx, workspaceId, DEMO_MEETING_TYPE_SLUG);
    return removed;
  });
}

/** Outbox rows about demo leads, their messages or their bookings (people may act on demo leads). */
async function deletePendingEffects(tx: Database, workspaceId: string, leadIds: string[]): Promise<void> {
  if (leadIds.length === 0) return;
  const messageIds = (
    await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.workspaceId, workspaceId), inArray(messages.leadId, leadIds)))
  ).map((row) => row.id);
  const bookingIds = (
    await tx
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.workspaceId, workspaceId), inArray(bookings.leadId, leadIds)))
  ).map((row) => row.id);
  const referenced = [...leadIds, ...messageIds, ...bookingIds];
  await tx
    .delete(outbox)
    .where(
      and(
        eq(outbox.workspaceId, workspaceId),
        or(
          ...['leadId', 'messageId', 'bookingId'].map((key) =>
            inArray(sql`${outbox.payload}->>${key}`, referenced),
          ),
        ),
      ),
    );
}
