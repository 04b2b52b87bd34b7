import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { conversationEffectPrefix } from './conversations.service.ts';
import { messages } from './conversations.tables.ts';

export type QueuedMessageCancelReason = 'taken_over' | 'opted_out';

/**
 * Drops what a conversation still has waiting to leave: the outbox effects and the messages they carry,
 * so a message never stays "queued" once its send is cancelled. `agentOnly` keeps a person's own queued
 * messages (a takeover stops the agent, not the human).
 */
export async function cancelQueuedMessages(
  ctx: AppContext,
  tx: Database,
  conversation: { id: string; workspaceId: string },
  reason: QueuedMessageCancelReason,
  options: { agentOnly?: boolean } = {},
): Promise<void> {
  await ctx.outbox.cancelPending(tx, conversation.workspaceId, conversationEffectPrefix(conversation.id));
  await tx
    .update(messages)
    .set({ status: 'cancelled', statusAt: ctx.clock.now(), error: { reason } })
    .where(
      and(
        eq(messages.workspaceId, conversation.workspaceId),
        eq(messages.conversationId, conversation.id),
        eq(messages.status, 'queued'),
        options.agentOnly ? eq(messages.author, 'agent') : undefined,
      ),
    );
}
