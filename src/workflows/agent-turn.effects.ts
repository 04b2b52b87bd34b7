import {
  type AgentDecision,
  type AgentReply,
  type ConversationRow,
  cancelQueuedMessages,
  type MessageRow,
  phraseReplies,
  queueOutboundMessage,
  type TurnInterpretation,
  updateConversation,
  type WorkspaceAgentSettings,
} from '../modules/conversations/index.ts';
import { appendEvents } from '../modules/leads/index.ts';
import { recordConsents } from '../modules/privacy/index.ts';
import { type BantEntry, type NeedCategory, recordBantValues } from '../modules/qualification/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { enqueueSilenceFollowUp, notifyOwnerOfHandoff } from './conversation-jobs.ts';
import { conversationRuntime } from './conversation-runtime.ts';
import { endEnrollmentsOnGoal } from './sequence-triggers.workflow.ts';

// What an agent turn writes once it has decided: the opt-out, the BANT values, the (optionally rephrased)
// replies, the conversation's new state, the verdict, the handoff notice and the follow-up.

function toContent(reply: AgentReply, conversation: ConversationRow, subject: string) {
  if (conversation.channel === 'email') {
    const text =
      reply.kind === 'choices'
        ? [reply.text, '', ...reply.choices.map((choice, index) => `${index + 1}. ${choice.title}`)].join(
            '\n',
          )
        : reply.text;
    return { kind: 'email' as const, subject, text };
  }
  return reply.kind === 'choices'
    ? { kind: 'choices' as const, text: reply.text, choices: reply.choices }
    : { kind: 'text' as const, text: reply.text };
}

/**
 * The model may rephrase the policy's replies (same facts, same tone, no meeting the policy did not
 * offer); on any failed guard or timeout the deterministic text stays.
 */
export async function phraseWithLlm(
  ctx: AppContext,
  decision: AgentDecision,
  settings: WorkspaceAgentSettings,
  firstName: string | null,
  leadText: string | null,
): Promise<void> {
  const llm = conversationRuntime(ctx).llm;
  if (!llm) return;
  const phrased = await phraseReplies(llm, {
    replies: decision.replies.map((reply) => reply.text),
    language: decision.state.language,
    tone: settings.tone,
    style: settings.style,
    companyName: settings.companyName,
    leadFirstName: firstName,
    conversation: leadText ? [{ author: 'lead', text: leadText }] : [],
  });
  if (!phrased.usedLlm) {
    ctx.logger.debug({ reason: phrased.fallbackReason }, 'LLM phrasing not used');
    return;
  }
  decision.replies = decision.replies.map((reply, index) => ({
    ...reply,
    text: phrased.replies[index] ?? reply.text,
  }));
}

export async function recordOptOut(
  ctx: AppContext,
  tx: Database,
  conversation: ConversationRow,
  message: MessageRow,
  now: Date,
): Promise<void> {
  const channel = conversation.channel === 'email' ? 'email' : 'whatsapp';
  const purpose = channel === 'email' ? 'marketing_email' : 'whatsapp';
  await recordConsents(
    tx,
    conversation.workspaceId,
    conversation.leadId,
    [{ purpose, channel, granted: false, text: message.body ?? undefined }],
    { method: 'message', messageId: message.id },
    now,
  );
  // Whatever was queued for this conversation (replies, follow-ups) is dropped before it leaves, and its
  // messages say so rather than staying "queued".
  await cancelQueuedMessages(ctx, tx, conversation, 'opted_out');
  await endEnrollmentsOnGoal(ctx, tx, conversation.workspaceId, [conversation.leadId], { on: 'opt_out' });
}

/** The turn's BANT values, each with the message it came from; returns what was recorded. */
export async function recordBant(
  tx: Database,
  conversation: ConversationRow,
  message: MessageRow,
  interpretation: TurnInterpretation,
  now: Date,
  needCategories: NeedCategory[],
): Promise<BantEntry[]> {
  return recordBantValues(
    tx,
    conversation.workspaceId,
    interpretation.bantUpdates.map((update) => ({
      leadId: conversation.leadId,
      field: update.field,
      value: update.value,
      confidence: update.confidence,
      source: 'message' as const,
      sourceRef: message.id,
      actor: 'agent',
    })),
    now,
    { needCategories },
  );
}

export async function applyDecision(
  ctx: AppContext,
  tx: Database,
  input: {
    conversation: ConversationRow;
    message: MessageRow;
    decision: AgentDecision;
    settings: WorkspaceAgentSettings;
    now: Date;
    remember: (state: Record<string, unknown>) => Record<string, unknown>;
  },
): Promise<MessageRow[]> {
  const { conversation, decision, now } = input;
  const subject = conversation.language === 'fr' ? 'Votre demande' : 'Your request';
  const queued: MessageRow[] = [];
  for (const reply of decision.replies) {
    queued.push(
      await queueOutboundMessage(tx, ctx.outbox, {
        conversation,
        content: toContent(reply, conversation, subject),
        author: 'agent',
        now,
        ...(decision.optOut ? { purpose: 'opt_out_confirmation' } : {}),
      }),
    );
  }
  const updated = await updateConversation(
    tx,
    conversation,
    {
      agentState: input.remember(decision.state as unknown as Record<string, unknown>),
      language: decision.state.language,
      ...(decision.verdict ? { verdict: decision.verdict, verdictReason: decision.verdictReason } : {}),
      ...(decision.handoff ? { needsHuman: true, handoffReason: decision.handoff.reason } : {}),
      ...(decision.closeConversation || decision.optOut ? { status: 'closed' as const } : {}),
    },
    now,
  );
  if (decision.verdict) {
    await appendEvents(tx, [
      {
        workspaceId: conversation.workspaceId,
        leadId: conversation.leadId,
        type: 'agent_verdict',
        occurredAt: now,
        receivedAt: now,
        source: 'agent',
        properties: {
          verdict: decision.verdict,
          reason: decision.verdictReason,
          conversationId: conversation.id,
        },
        dedupKey: `verdict:${input.message.id}`,
      },
    ]);
  }
  if (decision.handoff)
    await notifyOwnerOfHandoff(ctx, tx, updated, decision.handoff.reason, input.message.id);
  if (decision.scheduleFollowUp) {
    await enqueueSilenceFollowUp(ctx, tx, updated, {
      attempt: 1,
      startAfter: new Date(now.getTime() + input.settings.followUpAfterMinutes * 60_000),
    });
  }
  return queued;
}
