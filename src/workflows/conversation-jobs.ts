import { z } from 'zod';
import type { ConversationRow } from '../modules/conversations/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import type { JobDefinition, JobQueue } from '../platform/jobs/job-queue.ts';

export const ZProcessDeliveryJob = z.object({ deliveryId: z.string() });
export const ZAgentTurnJob = z.object({ messageId: z.string() });
export const ZSilenceFollowUpJob = z.object({
  workspaceId: z.string(),
  conversationId: z.string(),
  // The conversation's activity counter when the follow-up was planned: any message since cancels it.
  activitySequence: z.number().int(),
  attempt: z.number().int().min(1).max(2),
});

export interface ConversationJobHandlers {
  processDelivery(data: z.infer<typeof ZProcessDeliveryJob>): Promise<void>;
  runAgentTurn(data: z.infer<typeof ZAgentTurnJob>): Promise<void>;
  followUpSilence(data: z.infer<typeof ZSilenceFollowUpJob>): Promise<void>;
}

interface ConversationJobs {
  processDelivery: JobDefinition<typeof ZProcessDeliveryJob>;
  runAgentTurn: JobDefinition<typeof ZAgentTurnJob>;
  followUpSilence: JobDefinition<typeof ZSilenceFollowUpJob>;
}

/** Outbox kind of the "a person is needed" notice to the lead's owner. */
export const NOTIFY_OWNER_EFFECT = 'conversations.notify-owner';

const definitions = new WeakMap<JobQueue, ConversationJobs>();

/** Declares the conversation jobs on the queue; handlers come from conversation-workers.ts. */
export function registerConversationJobs(jobs: JobQueue, handlers: ConversationJobHandlers): void {
  definitions.set(jobs, {
    processDelivery: jobs.define({
      name: 'conversations.process-delivery',
      schema: ZProcessDeliveryJob,
      concurrency: 4,
      handle: (data) => handlers.processDelivery(data),
    }),
    runAgentTurn: jobs.define({
      name: 'conversations.run-agent-turn',
      schema: ZAgentTurnJob,
      concurrency: 8,
      handle: (data) => handlers.runAgentTurn(data),
    }),
    followUpSilence: jobs.define({
      name: 'conversations.follow-up-silence',
      schema: ZSilenceFollowUpJob,
      concurrency: 2,
      handle: (data) => handlers.followUpSilence(data),
    }),
  });
}

function jobsOf(ctx: AppContext): ConversationJobs {
  const found = definitions.get(ctx.jobs);
  if (!found)
    throw new Error('Conversation jobs are not defined: call defineConversationJobs in the composition root');
  return found;
}

export async function enqueueDeliveryProcessing(
  ctx: AppContext,
  tx: Database,
  deliveryId: string,
): Promise<void> {
  await ctx.jobs.send(jobsOf(ctx).processDelivery, { deliveryId }, { tx });
}

export async function enqueueDeliveriesProcessing(
  ctx: AppContext,
  tx: Database,
  deliveryIds: string[],
): Promise<void> {
  await ctx.jobs.sendMany(
    jobsOf(ctx).processDelivery,
    deliveryIds.map((deliveryId) => ({ deliveryId })),
    { tx },
  );
}

export async function enqueueAgentTurn(ctx: AppContext, tx: Database, messageId: string): Promise<void> {
  await ctx.jobs.send(jobsOf(ctx).runAgentTurn, { messageId }, { tx, singletonKey: messageId });
}

export async function enqueueSilenceFollowUp(
  ctx: AppContext,
  tx: Database,
  conversation: ConversationRow,
  options: { attempt: 1 | 2; startAfter: Date },
): Promise<void> {
  await ctx.jobs.send(
    jobsOf(ctx).followUpSilence,
    {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      activitySequence: conversation.activitySequence,
      attempt: options.attempt,
    },
    { tx, startAfter: options.startAfter },
  );
}

/** Tells the lead's owner (or the workspace admins) that a person must answer; sent through the outbox. */
export async function notifyOwnerOfHandoff(
  ctx: AppContext,
  tx: Database,
  conversation: ConversationRow,
  reason: string,
  messageId: string,
): Promise<void> {
  await ctx.outbox.enqueue(tx, {
    workspaceId: conversation.workspaceId,
    kind: NOTIFY_OWNER_EFFECT,
    dedupKey: `handoff:${conversation.id}:${messageId}`,
    payload: { conversationId: conversation.id, leadId: conversation.leadId, reason },
  });
}
