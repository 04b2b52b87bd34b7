import { and, eq, inArray } from 'drizzle-orm';
import {
  findLeadConversation,
  findPendingDelivery,
  initialAgentState,
  markDeliveryProcessed,
  messages,
  openConversation,
  parseInboundEmail,
  recordInboundMessage,
  storeInboundDelivery,
  threadCandidates,
} from '../modules/conversations/index.ts';
import { leads, normalizeEmail } from '../modules/leads/index.ts';
import { recordConsents } from '../modules/privacy/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { enqueueAgentTurn, enqueueDeliveryProcessing } from './conversation-jobs.ts';
import { captureLead } from './lead-intake.workflow.ts';
import { endEnrollmentsOnGoal } from './sequence-triggers.workflow.ts';

/** Keeps a raw MIME message (base64, so any byte survives a text column) and enqueues its processing. */
export async function receiveInboundEmail(
  ctx: AppContext,
  workspaceId: string,
  raw: Buffer,
): Promise<string> {
  // Parsed once here so a message that is not an e-mail at all is refused with a 400 at once.
  await parseInboundEmail(raw);
  return ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const deliveryId = await storeInboundDelivery(tx, {
      workspaceId,
      provider: 'email',
      body: raw.toString('base64'),
      now: ctx.clock.now(),
    });
    await enqueueDeliveryProcessing(ctx, tx, deliveryId);
    return deliveryId;
  });
}

async function suppress(
  ctx: AppContext,
  tx: Database,
  workspaceId: string,
  address: string | null,
  why: 'hard bounce' | 'spam complaint',
  now: Date,
) {
  if (!address) return;
  const [lead] = await tx
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.email, normalizeEmail(address) ?? address)));
  if (!lead) return;
  await recordConsents(
    tx,
    workspaceId,
    lead.id,
    [{ purpose: 'marketing_email', channel: 'email', granted: false, text: why }],
    { method: 'message' },
    now,
  );
  await endEnrollmentsOnGoal(ctx, tx, workspaceId, [lead.id], {
    on: why === 'hard bounce' ? 'hard_bounce' : 'opt_out',
  });
}

/** The one-click unsubscribe: the consent ledger first, then every sequence with the opt-out goal ends. */
export async function recordUnsubscribe(ctx: AppContext, workspaceId: string, leadId: string): Promise<void> {
  await ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    await recordConsents(
      tx,
      workspaceId,
      leadId,
      [{ purpose: 'marketing_email', channel: 'email', granted: false, text: 'One-click unsubscribe link' }],
      { method: 'unsubscribe_link' },
      ctx.clock.now(),
    );
    await endEnrollmentsOnGoal(ctx, tx, workspaceId, [leadId], { on: 'opt_out' });
  });
}

/**
 * One inbound e-mail: a hard bounce or a complaint suppresses the address; a reply is threaded to
 * its conversation by In-Reply-To/References (else by the sender's address) and answered by the agent.
 */
export async function processInboundEmail(ctx: AppContext, deliveryId: string): Promise<void> {
  const delivery = await findPendingDelivery(ctx.db, deliveryId);
  if (!delivery) return;
  const email = await parseInboundEmail(Buffer.from(delivery.body, 'base64'));
  const workspaceId = delivery.workspaceId;
  await ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const now = ctx.clock.now();
    if (email.bounce?.kind === 'hard')
      await suppress(ctx, tx, workspaceId, email.bounce.recipient, 'hard bounce', now);
    if (email.complaint)
      await suppress(ctx, tx, workspaceId, email.complaint.recipient, 'spam complaint', now);
    if (email.bounce || email.complaint || !email.from) return markDeliveryProcessed(tx, delivery, now);

    const candidates = threadCandidates(email);
    const [threaded] = candidates.length
      ? await tx
          .select({ conversationId: messages.conversationId, leadId: messages.leadId })
          .from(messages)
          .where(and(eq(messages.workspaceId, workspaceId), inArray(messages.providerMessageId, candidates)))
          .limit(1)
      : [];
    let leadId = threaded?.leadId;
    if (!leadId) {
      const captured = await captureLead(
        ctx,
        {
          workspaceId,
          fields: {
            email: email.from.address,
            ...(email.from.name ? { firstName: email.from.name.split(' ')[0] } : {}),
          },
          touch: { source: 'email' },
          eventType: 'lead_captured',
          eventSource: 'email_inbound',
          occurredAt: email.date ?? now,
          proof: { method: 'message', messageId: email.messageId },
        },
        tx,
      );
      leadId = captured.lead.id;
    }
    const conversation =
      (await findLeadConversation(tx, workspaceId, leadId, 'email')) ??
      (await openConversation(tx, {
        workspaceId,
        leadId,
        channel: 'email',
        contactAddress: email.from.address,
        language: 'fr',
        agentState: initialAgentState('fr') as unknown as Record<string, unknown>,
        now,
      }));
    const recorded = await recordInboundMessage(tx, {
      conversation,
      kind: 'email',
      body: email.replyText || email.text,
      payload: { subject: email.subject, isAutoReply: email.isAutoReply },
      providerMessageId: email.messageId,
      sentAt: email.date ?? now,
      now,
    });
    if (!recorded.isDuplicate && !email.isAutoReply) await enqueueAgentTurn(ctx, tx, recorded.message.id);
    await markDeliveryProcessed(tx, delivery, now);
  });
}
