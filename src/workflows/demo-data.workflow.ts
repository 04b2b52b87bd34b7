import { and, eq } from 'drizzle-orm';
import { insertUsersWithoutLogin, users, workspaces } from '../modules/access/index.ts';
import {
  type ConversationHistoryInput,
  initialAgentState,
  recordConversationHistory,
} from '../modules/conversations/index.ts';
import { appendLeadHistory, leads, type NewEvent, upsertLeadsInBulk } from '../modules/leads/index.ts';
import { recordConsentHistory } from '../modules/privacy/index.ts';
import { recordBantHistory } from '../modules/qualification/index.ts';
import { ensureMeetingType, recordBookingHistory } from '../modules/scheduling/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { DEMO_REP_NAMES, slugify } from './demo-data.catalogue.ts';
import { type PlannedLead, planDemoLeads } from './demo-data.generate.ts';
import {
  DEFAULT_DEMO_LEADS,
  DEMO_EVENT_SOURCE,
  DEMO_MEETING_TYPE_SLUG,
  DEMO_USER_EMAIL_SUFFIX,
  type DemoCounts,
  demoErrors,
  getDemoStatus,
  isDemoLead,
} from './demo-data.status.ts';
import { rescoreAndReassess } from './lead-scoring.workflow.ts';

export { removeDemoData } from './demo-data.remove.ts';
export {
  DEFAULT_DEMO_LEADS,
  DEMO_MEETING_TYPE_SLUG,
  DEMO_USER_EMAIL_SUFFIX,
  type DemoCounts,
  type DemoStatus,
  demoErrors,
  getDemoStatus,
} from './demo-data.status.ts';

export type DemoProgress = (step: string, done: number, total: number) => void;

/**
 * Loads a deterministic demo data set into the workspace, in one transaction: leads spread over the
 * last 90 days with their sources, events, consents, BANT answers, lifecycle moves, conversations
 * and meetings, all written as history (nothing is sent, no job is queued), then scored by the real
 * scoring. Every demo lead carries `attributes.demo = true`. Refused when demo data is already there.
 */
export async function loadDemoData(
  ctx: AppContext,
  workspaceId: string,
  options: { leads?: number; now?: Date; onProgress?: DemoProgress } = {},
): Promise<DemoCounts> {
  const now = options.now ?? ctx.clock.now();
  const progress = options.onProgress ?? (() => {});
  await ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    // One loader at a time per workspace: a second concurrent load waits, then sees the first.
    await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .for('update');
    const [existing] = await tx.select({ id: leads.id }).from(leads).where(isDemoLead(workspaceId)).limit(1);
    if (existing) throw demoErrors.alreadyLoaded();
    const owners = await demoOwners(tx, workspaceId, now);
    const plan = planDemoLeads({
      count: options.leads ?? DEFAULT_DEMO_LEADS,
      now,
      ownerCount: owners.length,
    });
    progress('leads', 0, plan.length);
    const captured = await captureLeads(tx, workspaceId, plan);
    progress('events', captured.length, plan.length);
    await appendLeadHistory(tx, workspaceId, historyEvents(workspaceId, captured, owners), now);
    progress('consents and BANT', captured.length, plan.length);
    await recordConsentHistory(
      tx,
      workspaceId,
      captured.flatMap(({ lead, id }) =>
        lead.consents.map((consent) => ({
          leadId: id,
          consent,
          proof: { method: 'form' as const },
          at: lead.createdAt,
        })),
      ),
    );
    await recordBantHistory(
      tx,
      workspaceId,
      captured.flatMap(({ lead, id }) =>
        lead.bant.map((answer) => ({
          leadId: id,
          field: answer.field,
          value: answer.value,
          source: lead.conversation ? ('agent' as const) : ('user' as const),
          recordedAt: answer.at,
        })),
      ),
    );
    progress('conversations and meetings', captured.length, plan.length);
    await recordConversationHistory(tx, conversationHistory(workspaceId, captured, owners));
    await recordMeetings(tx, workspaceId, captured, owners, now);
    progress('scores', captured.length, plan.length);
    // Without the downstream hooks: sequences must not enrol (and message) demo leads.
    await rescoreAndReassess(
      tx,
      workspaceId,
      captured.map(({ id }) => id),
      { kind: 'capture' },
      now,
    );
  });
  return (await getDemoStatus(ctx.db, workspaceId)).counts;
}

/** The workspace's sales reps own the demo leads; a workspace without any gets three demo reps. */
async function demoOwners(tx: Database, workspaceId: string, now: Date): Promise<string[]> {
  const reps = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.role, 'sales_rep'), eq(users.isActive, true)))
    .orderBy(users.createdAt, users.id);
  if (reps.length > 0) return reps.map((rep) => rep.id);
  const tag = slugify(workspaceId).slice(-8);
  const created = await insertUsersWithoutLogin(
    tx,
    workspaceId,
    DEMO_REP_NAMES.map((rep) => ({
      email: `${slugify(rep.first)}.${slugify(rep.last)}-${tag}${DEMO_USER_EMAIL_SUFFIX}`,
      name: `${rep.first} ${rep.last} (démo)`,
      role: 'sales_rep' as const,
      timezone: 'Europe/Paris',
      createdAt: new Date(now.getTime() - 91 * 86_400_000),
    })),
  );
  return created.map((user) => user.id);
}

interface CapturedLead {
  lead: PlannedLead;
  id: string;
}

async function captureLeads(tx: Database, workspaceId: string, plan: PlannedLead[]): Promise<CapturedLead[]> {
  const results = await upsertLeadsInBulk(
    tx,
    plan.map((lead) => ({
      workspaceId,
      fields: lead.fields,
      touch: {
        source: lead.source.source,
        utm: lead.source.utm,
        referrer: lead.source.referrer ?? undefined,
      },
      eventType: 'lead_captured' as const,
      eventSource: DEMO_EVENT_SOURCE,
      occurredAt: lead.createdAt,
      receivedAt: lead.createdAt,
      defaultCountry: lead.fields.country,
    })),
  );
  // Only leads the bulk path created: one whose address already belonged to a lead is left out.
  return plan.flatMap((lead, index) => {
    const result = results[index];
    return result?.isCreated ? [{ lead, id: result.lead.id }] : [];
  });
}

function historyEvents(workspaceId: string, captured: CapturedLead[], owners: string[]): NewEvent[] {
  return captured.flatMap(({ lead, id }) => {
    const ownerId = lead.owner ? owners[lead.owner.index]! : null;
    const event = (
      type: string,
      at: Date,
      properties: Record<string, unknown>,
      actor: string | null = null,
    ) => ({
      workspaceId,
      leadId: id,
      type,
      occurredAt: at,
      receivedAt: at,
      source: DEMO_EVENT_SOURCE,
      properties,
      actor,
    });
    return [
      ...lead.events.map((item) => event(item.type, item.at, item.properties)),
      ...(lead.owner
        ? [event('owner_assigned', lead.owner.at, { from: null, to: ownerId, reason: 'round robin' })]
        : []),
      ...lead.stageMoves.map((move) =>
        event(
          'stage_changed',
          move.at,
          { from: move.from, to: move.to, reason: move.reason, automatic: false },
          ownerId,
        ),
      ),
    ];
  });
}

function conversationHistory(
  workspaceId: string,
  captured: CapturedLead[],
  owners: string[],
): ConversationHistoryInput[] {
  return captured.flatMap(({ lead, id }) => {
    const planned = lead.conversation;
    if (!planned) return [];
    return [
      {
        workspaceId,
        leadId: id,
        channel: planned.channel,
        contactAddress: planned.channel === 'whatsapp' ? lead.fields.whatsappId! : id,
        language: lead.fields.language,
        agentState: initialAgentState(lead.fields.language) as unknown as Record<string, unknown>,
        mode: planned.mode,
        needsHuman: planned.needsHuman,
        handoffReason: planned.handoffReason,
        assignedUserId: planned.needsHuman && lead.owner ? owners[lead.owner.index]! : null,
        status: planned.status,
        createdAt: planned.createdAt,
        messages: planned.messages,
      },
    ];
  });
}

async function recordMeetings(
  tx: Database,
  workspaceId: string,
  captured: CapturedLead[],
  owners: string[],
  now: Date,
): Promise<void> {
  const booked = captured.filter(({ lead }) => lead.booking && lead.owner);
  if (booked.length === 0) return;
  const meetingTypeId = await ensureMeetingType(
    tx,
    workspaceId,
    {
      slug: DEMO_MEETING_TYPE_SLUG,
      name: 'Découverte (démo)',
      durationMinutes: 30,
      location: { kind: 'phone' },
    },
    now,
  );
  await recordBookingHistory(
    tx,
    booked.map(({ lead, id }) => ({
      workspaceId,
      leadId: id,
      userId: owners[lead.owner!.index]!,
      meetingTypeId,
      startAt: lead.booking!.start,
      endAt: new Date(lead.booking!.start.getTime() + 30 * 60_000),
      leadTimezone: lead.fields.timezone,
      status: lead.booking!.status,
      source: DEMO_EVENT_SOURCE,
      createdAt: lead.booking!.bookedAt,
      updatedAt: lead.booking!.status === 'confirmed' ? lead.booking!.bookedAt : lead.booking!.start,
    })),
  );
}
