import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import {
  composeFollowUp,
  findConversation,
  isWindowOpen,
  loadAgentSettingsCached,
  parseAgentState,
  queueOutboundMessage,
  updateConversation,
} from '../modules/conversations/index.ts';
import { leads } from '../modules/leads/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { enqueueSilenceFollowUp, type ZSilenceFollowUpJob } from './conversation-jobs.ts';

/** The second nudge comes a day after the first; after it the nurture sequences take over. */
const SECOND_FOLLOW_UP_DELAY_MS = 24 * 60 * 60_000;

/**
 * A planned nudge for a lead who stopped answering mid-qualification. It fires only if nothing was
 * said since it was planned (any message, either way, bumps the conversation's activity counter),
 * the agent still has the conversation and the lead is still being qualified.
 */
export async function runSilenceFollowUp(
  ctx: AppContext,
  job: z.infer<typeof ZSilenceFollowUpJob>,
): Promise<'sent' | 'skipped'> {
  const settings = await loadAgentSettingsCached(ctx.db, job.workspaceId);
  return ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const conversation = await findConversation(tx, job.workspaceId, job.conversationId, { forUpdate: true });
    if (!conversation || conversation.activitySequence !== job.activitySequence) return 'skipped';
    if (!settings.isEnabled || conversation.mode === 'human' || conversation.needsHuman) return 'skipped';
    if (conversation.status === 'closed') return 'skipped';
    const state = parseAgentState(conversation.agentState, conversation.language);
    if (state.phase !== 'qualifying') return 'skipped';
    const [lead] = await tx
      .select({ firstName: leads.firstName })
      .from(leads)
      .where(and(eq(leads.workspaceId, job.workspaceId), eq(leads.id, conversation.leadId)));
    const now = ctx.clock.now();
    const reply = composeFollowUp({
      state,
      settings,
      lead: { firstName: lead?.firstName ?? null },
      language: conversation.language,
      attempt: job.attempt as 1 | 2,
    });
    const isFreeForm =
      conversation.channel !== 'whatsapp' || isWindowOpen(conversation.lastInboundAt ?? undefined, now);
    const content =
      conversation.channel === 'email'
        ? {
            kind: 'email' as const,
            subject: conversation.language === 'fr' ? 'Votre demande' : 'Your request',
            text: reply.text,
          }
        : isFreeForm
          ? { kind: 'text' as const, text: reply.text }
          : {
              kind: 'template' as const,
              purpose: 'follow_up' as const,
              parameters: [lead?.firstName ?? (conversation.language === 'fr' ? 'Bonjour' : 'Hello')],
              text: reply.text,
            };
    await queueOutboundMessage(tx, ctx.outbox, {
      conversation,
      content,
      author: 'agent',
      now,
      purpose: 'follow_up',
    });
    const updated = await updateConversation(
      tx,
      conversation,
      { agentState: { ...conversation.agentState, followUpsSent: state.followUpsSent + 1 } },
      now,
    );
    if (job.attempt === 1)
      await enqueueSilenceFollowUp(ctx, tx, updated, {
        attempt: 2,
        startAfter: new Date(now.getTime() + SECOND_FOLLOW_UP_DELAY_MS),
      });
    return 'sent';
  });
}
