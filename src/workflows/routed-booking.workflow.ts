import { and, eq } from 'drizzle-orm';
import { users } from '../modules/access/index.ts';
import { linkSigningSecret } from '../modules/conversations/index.ts';
import { changeLeadStage, type LeadDto } from '../modules/leads/index.ts';
import {
  evaluateRoutingCondition,
  isRoutingConfigured,
  type RoutableLead,
  type RoutingCondition,
  routeLead,
  routingFactsOf,
} from '../modules/routing/index.ts';
import { signLeadBookingToken } from '../modules/scheduling/index.ts';
import { type AppContext, systemActor } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { noticeAssignment } from './assignment-notices.ts';
import { greetNewLeads } from './first-contact.workflow.ts';
import { captureLeadThen, type LeadIntake, type LeadIntakeResult } from './lead-intake.workflow.ts';

/** How a routing form or a team page ends for the visitor. */
export type RoutedBookingResult =
  | { outcome: 'booking'; leadId: string; ownerId: string; bookingPath: string }
  | { outcome: 'no_owner'; leadId: string; message: string | null }
  | { outcome: 'disqualified' | 'not_now'; leadId: string; ending: string; message: string | null };

export interface RoutingFormSetup {
  id: string;
  name: string;
  routing: {
    meetingType: string | null;
    endings: { name: string; when: unknown; outcome: 'disqualified' | 'not_now'; message: string | null }[];
    noOwnerMessage: string | null;
  };
}

export interface BookingPageOptions {
  language: 'fr' | 'en';
  /** The visitor's time zone, when known: the rep's page shows the times in it. */
  timezone?: string | null;
  meetingType?: string | null;
}

// The booking link handed to the visitor: long enough to come back to it the same week.
const LEAD_LINK_LIFETIME_MS = 7 * 86_400_000;
// A disqualifying answer demotes a lead that sales has not taken up yet, never a deal in progress.
const STAGES_A_FORM_MAY_DISQUALIFY = new Set(['subscriber', 'lead', 'mql', 'recycled']);

/**
 * A routing form's submission: the capture (answers and UTM kept on the lead whatever follows),
 * then its endings in order (the first that holds shows its message; `disqualified` also closes the
 * lead), else routing by the workspace's rules with the answers, ending on the owner's booking page.
 * One transaction; the first contact is sent unless the lead was disqualified.
 */
export async function submitRoutingForm(
  ctx: AppContext,
  form: RoutingFormSetup,
  intake: LeadIntake,
  options: BookingPageOptions,
): Promise<RoutedBookingResult> {
  const answers = intake.formAnswers ?? {};
  return captureLeadThen(ctx, { ...intake, isRoutedByCaller: true }, async (tx, captured) => {
    const now = ctx.clock.now();
    const { workspaceId } = intake;
    const lead = captured.lead;
    const facts = routingFactsOf(lead as unknown as RoutableLead, answers);
    const ending = form.routing.endings.find(
      (item) => evaluateRoutingCondition(item.when as RoutingCondition, facts).matched,
    );
    if (ending?.outcome === 'disqualified' && STAGES_A_FORM_MAY_DISQUALIFY.has(lead.stage)) {
      await changeLeadStage(
        tx,
        systemActor(workspaceId),
        lead.id,
        'disqualified',
        `routing form "${form.name}": ${ending.name}`,
        now,
        { automatic: true },
      );
    }
    if (ending?.outcome !== 'disqualified') await greet(ctx, tx, intake, captured);
    if (ending)
      return { outcome: ending.outcome, leadId: lead.id, ending: ending.name, message: ending.message };

    let ownerId = lead.ownerId;
    if (await isRoutingConfigured(tx, workspaceId)) {
      const routed = await routeLead(tx, workspaceId, lead.id, now, { formAnswers: answers });
      await noticeAssignment(ctx, tx, { workspaceId: workspaceId, leadId: lead.id, ...routed });
      ownerId = routed.ownerId;
    }
    const meetingType = form.routing.meetingType ?? options.meetingType ?? null;
    return bookingOutcome(
      ctx,
      tx,
      workspaceId,
      lead,
      ownerId,
      { ...options, meetingType },
      form.routing.noOwnerMessage,
    );
  });
}

/**
 * A team booking page's visitor: captured, then routed within that team (a sticky owner keeps the
 * lead; nobody eligible → the fallback owner), ending on the chosen rep's booking page.
 */
export async function routeTeamPageVisitor(
  ctx: AppContext,
  teamId: string,
  intake: LeadIntake,
  options: BookingPageOptions,
): Promise<RoutedBookingResult> {
  return captureLeadThen(ctx, { ...intake, isRoutedByCaller: true }, async (tx, captured) => {
    const { workspaceId } = intake;
    const lead = captured.lead;
    const routed = await routeLead(tx, workspaceId, lead.id, ctx.clock.now(), { teamId });
    await noticeAssignment(ctx, tx, { workspaceId: workspaceId, leadId: lead.id, ...routed });
    await greet(ctx, tx, intake, captured);
    return bookingOutcome(ctx, tx, workspaceId, lead, routed.ownerId, options, null);
  });
}

async function greet(ctx: AppContext, tx: Database, intake: LeadIntake, captured: LeadIntakeResult) {
  const { workspaceId, eventSource: source } = intake;
  await greetNewLeads(ctx, tx, workspaceId, [
    { leadId: captured.lead.id, isCreated: captured.isCreated, source },
  ]);
}

/** The owner's booking page for this lead, or the no-owner message (an owner without a page counts). */
async function bookingOutcome(
  ctx: AppContext,
  tx: Database,
  workspaceId: string,
  lead: LeadDto,
  ownerId: string | null,
  options: BookingPageOptions,
  noOwnerMessage: string | null,
): Promise<RoutedBookingResult> {
  const [owner] = ownerId
    ? await tx
        .select({ id: users.id, slug: users.slug })
        .from(users)
        .where(and(eq(users.id, ownerId), eq(users.isActive, true)))
    : [];
  if (!owner?.slug) return { outcome: 'no_owner', leadId: lead.id, message: noOwnerMessage };
  const token = signLeadBookingToken(
    {
      workspaceId: workspaceId,
      leadId: lead.id,
      userId: owner.id,
      expiresAt: new Date(ctx.clock.now().getTime() + LEAD_LINK_LIFETIME_MS),
    },
    linkSigningSecret(ctx.config),
  );
  const query = new URLSearchParams({ lead: token, lang: options.language });
  if (options.timezone) query.set('tz', options.timezone);
  if (options.meetingType) query.set('type', options.meetingType);
  return {
    outcome: 'booking',
    leadId: lead.id,
    ownerId: owner.id,
    bookingPath: `/book/${encodeURIComponent(owner.slug)}?${query.toString()}`,
  };
}
