import { and, eq, inArray, or } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { appendEvents } from './events.service.ts';
import { collectIdentities, type Identity } from './identity.rules.ts';
import { applyEventToLeadState, EMPTY_LEAD_STATE, type LeadFieldChanges } from './lead-state.rules.ts';
import { leadStateColumns } from './lead-update.service.ts';
import { leadErrors } from './leads.errors.ts';
import { type LeadRow, stateOfRow } from './leads.mapper.ts';
import type { LeadFieldsInput } from './leads.schemas.ts';
import { leadIdentities, leads, mergeProposals, type TouchPoint } from './leads.tables.ts';

export interface CaptureLeadCommand {
  workspaceId: string;
  fields: LeadFieldsInput;
  touch?: { source?: string; utm?: TouchPoint['utm']; referrer?: string };
  /** `lead_captured` for API and import, `form_submitted` for forms. */
  eventType: 'lead_captured' | 'form_submitted' | 'lead_updated';
  eventSource: string;
  eventProperties?: Record<string, unknown>;
  occurredAt: Date;
  receivedAt: Date;
  actor?: string | null;
  defaultCountry: string;
}

export interface CaptureLeadResult {
  lead: LeadRow;
  isCreated: boolean;
  mergeProposalIds: string[];
  eventId: string | null;
}

function toFieldChanges(
  fields: LeadFieldsInput,
  normalized: ReturnType<typeof collectIdentities>,
): LeadFieldChanges {
  const changes: LeadFieldChanges = {
    firstName: fields.firstName ?? undefined,
    lastName: fields.lastName ?? undefined,
    jobTitle: fields.jobTitle ?? undefined,
    language: fields.language ?? undefined,
    country: fields.country ?? undefined,
    timezone: fields.timezone ?? undefined,
    email: normalized.email ?? undefined,
    phone: normalized.phone ?? undefined,
    whatsappId: normalized.whatsappId ?? undefined,
    companyName: fields.company?.name ?? undefined,
    companyDomain: fields.company?.domain ?? undefined,
    companySize: fields.company?.size ?? undefined,
    companyIndustry: fields.company?.industry ?? undefined,
    attributes: fields.attributes,
  };
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined && value !== ''),
  ) as LeadFieldChanges;
}

/** Lead ids that own any of the identities, following merge pointers, in identity priority order. */
async function findLeadsByIdentities(
  tx: Database,
  workspaceId: string,
  identities: Identity[],
): Promise<string[]> {
  const matches = await tx
    .select({ leadId: leadIdentities.leadId, kind: leadIdentities.kind })
    .from(leadIdentities)
    .where(
      and(
        eq(leadIdentities.workspaceId, workspaceId),
        or(
          ...identities.map((identity) =>
            and(eq(leadIdentities.kind, identity.kind), eq(leadIdentities.value, identity.value)),
          ),
        ),
      ),
    );
  if (matches.length === 0) return [];
  const priority = identities.map((identity) => identity.kind);
  matches.sort((a, b) => priority.indexOf(a.kind) - priority.indexOf(b.kind));
  const rows = await tx
    .select({ id: leads.id, mergedIntoId: leads.mergedIntoId })
    .from(leads)
    .where(inArray(leads.id, [...new Set(matches.map((match) => match.leadId))]));
  const survivor = new Map(rows.map((row) => [row.id, row.mergedIntoId ?? row.id]));
  return [...new Set(matches.map((match) => survivor.get(match.leadId) ?? match.leadId))];
}

/** The `lead_captured`/`form_submitted` event a capture records (shared with the bulk insert). */
export function buildCaptureEvent(
  command: CaptureLeadCommand,
  normalized: ReturnType<typeof collectIdentities>,
): { type: CaptureLeadCommand['eventType']; occurredAt: Date; properties: Record<string, unknown> } {
  const touch: TouchPoint | undefined = command.touch
    ? {
        source: command.touch.source ?? null,
        utm: command.touch.utm ?? {},
        referrer: command.touch.referrer ?? null,
        at: command.occurredAt.toISOString(),
      }
    : undefined;
  return {
    type: command.eventType,
    occurredAt: command.occurredAt,
    properties: {
      ...command.eventProperties,
      fields: toFieldChanges(command.fields, normalized),
      ...(touch ? { touch } : {}),
    },
  };
}

/**
 * Creates the lead or updates the one its identities point to, recording the capture as an event.
 * When the identities point to two different leads, the write goes to the first (email before phone)
 * and a merge proposal is opened: people decide merges, never the capture path.
 */
export async function upsertLeadByIdentity(
  tx: Database,
  command: CaptureLeadCommand,
): Promise<CaptureLeadResult> {
  const normalized = collectIdentities(command.fields, command.defaultCountry);
  if (normalized.identities.length === 0) throw leadErrors.noIdentity();
  const event = buildCaptureEvent(command, normalized);

  const matchedIds = await findLeadsByIdentities(tx, command.workspaceId, normalized.identities);
  let lead: LeadRow;
  let isCreated = false;
  if (matchedIds.length === 0) {
    const state = applyEventToLeadState(EMPTY_LEAD_STATE, event);
    [lead] = (await tx
      .insert(leads)
      .values({
        id: newId('lead', command.receivedAt.getTime()),
        workspaceId: command.workspaceId,
        ...leadStateColumns(state),
        createdAt: command.receivedAt,
        updatedAt: command.receivedAt,
      })
      .returning()) as [LeadRow];
    isCreated = true;
  } else {
    const [current] = await tx.select().from(leads).where(eq(leads.id, matchedIds[0]!)).for('update');
    const state = applyEventToLeadState(stateOfRow(current!), event);
    [lead] = (await tx
      .update(leads)
      .set({ ...leadStateColumns(state), updatedAt: command.receivedAt, version: current!.version + 1 })
      .where(eq(leads.id, current!.id))
      .returning()) as [LeadRow];
  }

  // Identities already owned by another lead stay there: that conflict is what the proposal is about.
  await tx
    .insert(leadIdentities)
    .values(
      normalized.identities.map((identity) => ({
        id: newId('lid'),
        workspaceId: command.workspaceId,
        leadId: lead.id,
        ...identity,
      })),
    )
    .onConflictDoNothing();

  const mergeProposalIds: string[] = [];
  for (const otherId of matchedIds.slice(1)) {
    const [proposal] = await tx
      .insert(mergeProposals)
      .values({
        id: newId('mrg'),
        workspaceId: command.workspaceId,
        leadId: lead.id,
        otherLeadId: otherId,
        reason: {
          identities: normalized.identities,
          source: command.eventSource,
          eventType: command.eventType,
        },
        createdAt: command.receivedAt,
      })
      .onConflictDoNothing()
      .returning({ id: mergeProposals.id });
    if (proposal) mergeProposalIds.push(proposal.id);
  }

  const [eventId] = await appendEvents(tx, [
    {
      workspaceId: command.workspaceId,
      leadId: lead.id,
      type: event.type,
      occurredAt: command.occurredAt,
      receivedAt: command.receivedAt,
      source: command.eventSource,
      properties: event.properties,
      actor: command.actor ?? null,
    },
  ]);
  return { lead, isCreated, mergeProposalIds, eventId: eventId ?? null };
}
