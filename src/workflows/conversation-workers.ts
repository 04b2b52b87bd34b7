import { and, eq, inArray } from 'drizzle-orm';
import { users } from '../modules/access/index.ts';
import {
  dispatchOutboundMessage,
  SEND_MESSAGE_EFFECT,
  sendOwnerNotice,
} from '../modules/conversations/index.ts';
import { leads } from '../modules/leads/index.ts';
import type { AppContext } from '../platform/context.ts';
import { runAgentTurn } from './agent-turn.workflow.ts';
import { runSilenceFollowUp } from './conversation-follow-up.workflow.ts';
import { NOTIFY_OWNER_EFFECT, registerConversationJobs } from './conversation-jobs.ts';
import { conversationRuntime } from './conversation-runtime.ts';
import { processInboundEmail } from './email-inbound.workflow.ts';
import { processWhatsAppDelivery } from './whatsapp-inbound.workflow.ts';

/** Declares the conversation jobs and outbox handlers (composition root, before the queues start). */
export function defineConversationJobs(ctx: AppContext): void {
  registerConversationJobs(ctx.jobs, {
    processDelivery: async ({ deliveryId }) => {
      if (deliveryId.startsWith('whd_')) await processWhatsAppDelivery(ctx, deliveryId);
      else await processInboundEmail(ctx, deliveryId);
    },
    runAgentTurn: async ({ messageId }) => {
      await runAgentTurn(ctx, messageId);
    },
    followUpSilence: async (data) => {
      await runSilenceFollowUp(ctx, data);
    },
  });
  ctx.outbox.registerHandler(SEND_MESSAGE_EFFECT, async (item) =>
    dispatchOutboundMessage(
      {
        db: ctx.db,
        outbox: ctx.outbox,
        clock: ctx.clock,
        logger: ctx.logger,
        channels: conversationRuntime(ctx).channels,
      },
      String(item.payload.messageId),
    ),
  );
  ctx.outbox.registerHandler(NOTIFY_OWNER_EFFECT, async (item) => {
    const payload = item.payload as { conversationId: string; leadId: string; reason: string };
    const [lead] = await ctx.db
      .select({
        ownerId: leads.ownerId,
        firstName: leads.firstName,
        lastName: leads.lastName,
        email: leads.email,
      })
      .from(leads)
      .where(and(eq(leads.workspaceId, item.workspaceId), eq(leads.id, payload.leadId)));
    // No owner yet: the workspace admins are told instead.
    const recipients = await ctx.db
      .select({ email: users.email, name: users.name })
      .from(users)
      .where(
        and(
          eq(users.workspaceId, item.workspaceId),
          lead?.ownerId ? eq(users.id, lead.ownerId) : inArray(users.role, ['admin']),
        ),
      );
    return sendOwnerNotice({
      channels: conversationRuntime(ctx).channels,
      logger: ctx.logger,
      publicUrl: ctx.config.publicUrl,
      recipients,
      lead: {
        id: payload.leadId,
        name: [lead?.firstName, lead?.lastName].filter(Boolean).join(' ') || lead?.email || payload.leadId,
      },
      conversationId: payload.conversationId,
      reason: payload.reason,
      effectId: item.id,
    });
  });
}
