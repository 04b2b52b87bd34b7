import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { ConflictError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { appendEvents } from './events.service.ts';
import { collectIdentities } from './identity.rules.ts';
import { applyEventToLeadState, type LeadState } from './lead-state.rules.ts';
import { leadErrors } from './leads.errors.ts';
import { type LeadRow, stateOfRow } from './leads.mapper.ts';
import type { LeadFieldsInput } from './leads.schemas.ts';
import { visibleLeadsCondition } from './leads.service.ts';
import { leadIdentities, leads } from './leads.tables.ts';

export function leadStateColumns(state: LeadState) {
  return { ...state };
}

async function lockVisibleLead(tx: Database, actor: Actor, leadId: string): Promise<LeadRow> {
  const [row] = await tx
    .select()
    .from(leads)
    .where(and(visibleLeadsCondition(actor), eq(leads.id, leadId)))
    .for('update');
  if (!row) throw leadErrors.notFound(leadId);
  if (row.mergedIntoId) throw leadErrors.mergedLead(row.id, row.mergedIntoId);
  return row;
}

/** Applies one state-changing event to a locked lead and stores both the event and the new state. */
export async function applyLeadEvent(
  tx: Database,
  row: LeadRow,
  event: { type: string; source: string; properties: Record<string, unknown>; actor: string | null },
  now: Date,
): Promise<LeadRow> {
  const state = applyEventToLeadState(stateOfRow(row), {
    type: event.type,
    occurredAt: now,
    properties: event.properties,
  });
  const [updated] = await tx
    .update(leads)
    .set({ ...leadStateColumns(state), updatedAt: now, version: row.version + 1 })
    .where(eq(leads.id, row.id))
    .returning();
  await appendEvents(tx, [
    { workspaceId: row.workspaceId, leadId: row.id, occurredAt: now, receivedAt: now, ...event },
  ]);
  return updated!;
}

/** Edits lead fields by hand or through the API; new identities must not belong to another lead. */
export async function updateLeadFields(
  db: Database,
  actor: Actor,
  leadId: string,
  fields: LeadFieldsInput,
  now: Date,
  defaultCountry: string,
  // Runs in the same transaction after the change (rescoring: fit rules read these fields).
  onUpdated: (tx: Database) => Promise<void> = async () => {},
): Promise<LeadRow> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    const row = await lockVisibleLead(tx, actor, leadId);
    const normalized = collectIdentities(
      { ...fields, country: fields.country ?? row.country },
      defaultCountry,
    );
    for (const identity of normalized.identities) {
      const [owner] = await tx
        .select({ leadId: leadIdentities.leadId })
        .from(leadIdentities)
        .where(
          and(
            eq(leadIdentities.workspaceId, actor.workspaceId),
            eq(leadIdentities.kind, identity.kind),
            eq(leadIdentities.value, identity.value),
          ),
        );
      if (owner && owner.leadId !== leadId) {
        throw new ConflictError(
          'LEAD_IDENTITY_TAKEN',
          `The ${identity.kind} ${identity.value} belongs to another lead.`,
          { leadId: owner.leadId, kind: identity.kind },
        );
      }
    }
    const {
      company,
      email: _email,
      phone: _phone,
      whatsappId: _whatsappId,
      whatsappUserId: _whatsappUserId,
      ...rest
    } = fields;
    const changes = {
      ...rest,
      email: normalized.email ?? undefined,
      phone: normalized.phone ?? undefined,
      whatsappId: normalized.whatsappId ?? undefined,
      companyName: company?.name ?? undefined,
      companyDomain: company?.domain ?? undefined,
      companySize: company?.size ?? undefined,
      companyIndustry: company?.industry ?? undefined,
    };
    const cleaned = Object.fromEntries(
      Object.entries(changes).filter(([, value]) => value !== undefined && value !== null),
    );
    const updated = await applyLeadEvent(
      tx,
      row,
      {
        type: 'lead_updated',
        source: actor.via === 'api_key' ? 'api' : 'app',
        properties: { fields: cleaned },
        actor: actor.userId,
      },
      now,
    );
    if (normalized.identities.length > 0) {
      await tx
        .insert(leadIdentities)
        .values(
          normalized.identities.map((identity) => ({
            id: newId('lid'),
            workspaceId: actor.workspaceId,
            leadId,
            ...identity,
          })),
        )
        .onConflictDoNothing();
    }
    await onUpdated(tx);
    return updated;
  });
}

/** Sets or clears the owner, recording who did it and why (routing and people both use this). */
export async function assignLeadOwner(
  tx: Database,
  actor: Actor,
  leadId: string,
  ownerId: string | null,
  reason: string,
  now: Date,
  extra: Record<string, unknown> = {},
): Promise<LeadRow> {
  const row = await lockVisibleLead(tx, actor, leadId);
  if (row.ownerId === ownerId) return row;
  return applyLeadEvent(
    tx,
    row,
    {
      type: 'owner_assigned',
      source: actor.via,
      properties: { from: row.ownerId, to: ownerId, reason, ...extra },
      actor: actor.userId,
    },
    now,
  );
}

/**
 * Moves a lead to another lifecycle stage as a `stage_changed` event with who and why
 * (qualification decides the move; leads records it). Moving to the current stage records nothing.
 */
export async function changeLeadStage(
  tx: Database,
  actor: Actor,
  leadId: string,
  to: string,
  reason: string,
  now: Date,
  extra: Record<string, unknown> = {},
): Promise<LeadRow> {
  const row = await lockVisibleLead(tx, actor, leadId);
  if (row.stage === to) return row;
  return applyLeadEvent(
    tx,
    row,
    {
      type: 'stage_changed',
      source: actor.via,
      properties: { from: row.stage, to, reason, automatic: actor.via === 'system', ...extra },
      actor: actor.userId,
    },
    now,
  );
}
