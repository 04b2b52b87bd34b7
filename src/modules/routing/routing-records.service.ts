import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { leadAssignments, teamMembers, teams } from './routing.tables.ts';

// Routing's records read and cleaned up by others: a team by its page slug, a lead's assignment
// history, and what goes when leads or users are deleted.

/**
 * The team a public booking page names. Slugs are unique within a workspace; a single-tenant install
 * (the usual case) has one of each, so the oldest team wins if two workspaces share a slug.
 */
export async function findTeamBySlug(db: Database, slug: string) {
  const [team] = await db
    .select({ id: teams.id, workspaceId: teams.workspaceId, name: teams.name, slug: teams.slug })
    .from(teams)
    .where(eq(teams.slug, slug))
    .orderBy(asc(teams.createdAt))
    .limit(1);
  return team;
}

export async function listLeadAssignments(db: Database, workspaceId: string, leadId: string) {
  const rows = await db
    .select()
    .from(leadAssignments)
    .where(and(eq(leadAssignments.workspaceId, workspaceId), eq(leadAssignments.leadId, leadId)))
    .orderBy(desc(leadAssignments.at), desc(leadAssignments.id));
  return rows.map((row) => ({
    id: row.id,
    ownerId: row.ownerId,
    previousOwnerId: row.previousOwnerId,
    decidedBy: row.decidedBy,
    trace: row.trace,
    at: row.at.toISOString(),
  }));
}

/** Deletes the assignment history of leads that are being deleted. */
export async function deleteAssignmentsForLeads(tx: Database, workspaceId: string, leadIds: string[]) {
  if (leadIds.length === 0) return;
  await tx
    .delete(leadAssignments)
    .where(and(eq(leadAssignments.workspaceId, workspaceId), inArray(leadAssignments.leadId, leadIds)));
}

/** Removes users that are being deleted from every team (rules and fallbacks naming them stay as set). */
export async function deleteTeamMembershipsForUsers(tx: Database, workspaceId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  await tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.workspaceId, workspaceId), inArray(teamMembers.userId, userIds)));
}
