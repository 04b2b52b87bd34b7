import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { insertRowsAsJson, updateRowsAsJson } from '../../platform/db/json-bulk-insert.ts';
import { newId } from '../../platform/ids.ts';
import { stableStringify } from '../../platform/stable-json.ts';
import { appendEvents, type NewEvent } from './events.service.ts';
import { applyEventToLeadState, type LeadState, replayLeadState } from './lead-state.rules.ts';
import { leadStateColumns } from './lead-update.service.ts';
import { leadErrors } from './leads.errors.ts';
import { stateOfRow } from './leads.mapper.ts';
import { events, leadIdentities, leads, mergeProposals } from './leads.tables.ts';

export interface MergeProposalDto {
  id: string;
  leadId: string;
  otherLeadId: string;
  reason: Record<string, unknown>;
  status: string;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

function toDto(row: typeof mergeProposals.$inferSelect): MergeProposalDto {
  return {
    id: row.id,
    leadId: row.leadId,
    otherLeadId: row.otherLeadId,
    reason: row.reason,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedBy: row.decidedBy,
  };
}

export async function listMergeProposals(
  db: Database,
  actor: Actor,
  status?: 'open' | 'accepted' | 'rejected',
) {
  const rows = await db
    .select()
    .from(mergeProposals)
    .where(
      and(
        eq(mergeProposals.workspaceId, actor.workspaceId),
        status ? eq(mergeProposals.status, status) : undefined,
      ),
    )
    .orderBy(desc(mergeProposals.createdAt))
    .limit(500);
  return rows.map(toDto);
}

async function loadOpenProposal(tx: Database, actor: Actor, proposalId: string) {
  const [proposal] = await tx
    .select()
    .from(mergeProposals)
    .where(and(eq(mergeProposals.workspaceId, actor.workspaceId), eq(mergeProposals.id, proposalId)))
    .for('update');
  if (!proposal) throw leadErrors.mergeProposalNotFound(proposalId);
  if (proposal.status !== 'open') throw leadErrors.mergeProposalClosed(proposalId);
  return proposal;
}

export async function rejectMergeProposal(db: Database, actor: Actor, proposalId: string, now: Date) {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    await loadOpenProposal(tx, actor, proposalId);
    const [row] = await tx
      .update(mergeProposals)
      .set({ status: 'rejected', decidedAt: now, decidedBy: actor.userId })
      .where(eq(mergeProposals.id, proposalId))
      .returning();
    return toDto(row!);
  });
}

/**
 * Merges the other lead into the survivor: identities move, the merged lead keeps its record and
 * events (pointing at the survivor), and the survivor's timeline shows both histories.
 */
export async function acceptMergeProposal(
  db: Database,
  actor: Actor,
  proposalId: string,
  now: Date,
  keep?: string,
  // Runs in the merge's transaction with the survivor's id (rescoring: it gained fields and events).
  onMerged: (tx: Database, survivorId: string) => Promise<void> = async () => {},
) {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    const proposal = await loadOpenProposal(tx, actor, proposalId);
    const survivorId = keep === proposal.otherLeadId ? proposal.otherLeadId : proposal.leadId;
    const mergedId = survivorId === proposal.leadId ? proposal.otherLeadId : proposal.leadId;
    const rows = await tx
      .select()
      .from(leads)
      .where(
        and(eq(leads.workspaceId, actor.workspaceId), or(eq(leads.id, survivorId), eq(leads.id, mergedId))),
      )
      .for('update');
    const survivor = rows.find((row) => row.id === survivorId);
    const merged = rows.find((row) => row.id === mergedId);
    if (!survivor || !merged) throw leadErrors.notFound(!survivor ? survivorId : mergedId);
    if (merged.mergedIntoId) throw leadErrors.mergedLead(merged.id, merged.mergedIntoId);

    const mergedState = stateOfRow(merged);
    const { stage: _stage, firstTouch, lastTouch: _lastTouch, ...fields } = mergedState;
    const event = {
      type: 'lead_merged',
      occurredAt: now,
      properties: { mergedLeadId: mergedId, fields, firstTouch },
    };
    const state = applyEventToLeadState(stateOfRow(survivor), event);
    await tx
      .update(leads)
      .set({ ...leadStateColumns(state), updatedAt: now, version: survivor.version + 1 })
      .where(eq(leads.id, survivorId));
    await tx.update(leads).set({ mergedIntoId: survivorId, updatedAt: now }).where(eq(leads.id, mergedId));
    await tx.update(leadIdentities).set({ leadId: survivorId }).where(eq(leadIdentities.leadId, mergedId));
    await appendEvents(tx, [
      {
        workspaceId: actor.workspaceId,
        leadId: survivorId,
        type: 'lead_merged',
        occurredAt: now,
        receivedAt: now,
        source: 'merge',
        properties: event.properties,
        actor: actor.userId,
      },
    ]);
    const [row] = await tx
      .update(mergeProposals)
      .set({ status: 'accepted', decidedAt: now, decidedBy: actor.userId })
      .where(eq(mergeProposals.id, proposalId))
      .returning();
    await onMerged(tx, survivorId);
    return { proposal: toDto(row!), survivorId, mergedId };
  });
}

/** Rebuilds the event-derived fields of a lead from its log (the log is the source of truth). */
export async function recomputeLeadState(
  db: Database,
  workspaceId: string,
  leadId: string,
): Promise<LeadState> {
  const rows = await db
    .select({ type: events.type, occurredAt: events.occurredAt, properties: events.properties })
    .from(events)
    .where(and(eq(events.workspaceId, workspaceId), eq(events.leadId, leadId)))
    .orderBy(asc(events.sequence));
  return replayLeadState(rows);
}

/** Recomputes and writes the state back; returns whether the stored row had drifted from the log. */
export async function repairLeadState(db: Database, workspaceId: string, leadId: string, now: Date) {
  const state = await recomputeLeadState(db, workspaceId, leadId);
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, leadId)));
  if (!row) throw leadErrors.notFound(leadId);
  const hasDrifted = stableStringify(stateOfRow(row)) !== stableStringify(state);
  if (hasDrifted)
    await db
      .update(leads)
      .set({ ...leadStateColumns(state), updatedAt: now })
      .where(eq(leads.id, leadId));
  return { state, hasDrifted };
}

/**
 * Appends past events of many leads (history written after the fact: demo data, migrations) and
 * rebuilds the event-derived fields of those leads from their logs, in a few statements. Events are
 * appended in time order so the log replays them in the order they happened.
 */
export async function appendLeadHistory(
  tx: Database,
  workspaceId: string,
  items: NewEvent[],
  now: Date,
): Promise<void> {
  if (items.length === 0) return;
  const ordered = [...items]
    .filter((item) => item.workspaceId === workspaceId)
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  // One JSON parameter rather than a VALUES list: thousands of events in one cheap statement.
  await insertRowsAsJson(
    tx,
    events,
    ordered.map((item) => ({
      id: newId('evt', item.receivedAt.getTime()),
      workspaceId,
      leadId: item.leadId,
      type: item.type,
      occurredAt: item.occurredAt,
      receivedAt: item.receivedAt,
      source: item.source,
      properties: item.properties,
      actor: item.actor ?? null,
      dedupKey: item.dedupKey ?? null,
    })),
  );
  const leadIds = [...new Set(ordered.map((item) => item.leadId))];
  const rows = await tx
    .select({
      leadId: events.leadId,
      type: events.type,
      occurredAt: events.occurredAt,
      properties: events.properties,
    })
    .from(events)
    .where(and(eq(events.workspaceId, workspaceId), inArray(events.leadId, leadIds)))
    .orderBy(asc(events.leadId), asc(events.sequence));
  const logs = new Map<string, typeof rows>();
  for (const row of rows) logs.set(row.leadId, [...(logs.get(row.leadId) ?? []), row]);
  await updateRowsAsJson(
    tx,
    leads,
    [...logs].map(([id, log]) => ({ id, ...leadStateColumns(replayLeadState(log)), updatedAt: now })),
    sql`${leads.workspaceId} = ${workspaceId}`,
  );
}

/**
 * Deletes leads with their identities, events and merge proposals (on either side). Other modules
 * delete their own rows about these leads first: most foreign keys to `leads` do not cascade.
 */
export async function deleteLeadsWithHistory(tx: Database, workspaceId: string, leadIds: string[]) {
  if (leadIds.length === 0) return { leads: 0 };
  await tx
    .delete(mergeProposals)
    .where(
      and(
        eq(mergeProposals.workspaceId, workspaceId),
        or(inArray(mergeProposals.leadId, leadIds), inArray(mergeProposals.otherLeadId, leadIds)),
      ),
    );
  await tx.delete(events).where(and(eq(events.workspaceId, workspaceId), inArray(events.leadId, leadIds)));
  await tx
    .delete(leadIdentities)
    .where(and(eq(leadIdentities.workspaceId, workspaceId), inArray(leadIdentities.leadId, leadIds)));
  const deleted = await tx
    .delete(leads)
    .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, leadIds)))
    .returning({ id: leads.id });
  return { leads: deleted.length };
}
