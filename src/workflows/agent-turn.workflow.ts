import { and, eq } from 'drizzle-orm';
import {
  type AgentDecision,
  type AgentReply,
  type ConversationRow,
  composeReply,
  conversationEffectPrefix,
  extractSlotsWithLlm,
  findConversation,
  findMessage,
  interpretTurn,
  type KnownBant,
  loadAgentSettings,
  type MessageRow,
  mergeSlots,
  parseAgentState,
  phraseReplies,
  queueOutboundMessage,
  type TurnInterpretation,
  understandLeadMessage,
  updateConversation,
  type WorkspaceAgentSettings,
} from '../modules/conversations/index.ts';
import { appendEvents, leads } from '../modules/leads/index.ts';
import { recordConsents } from '../modules/privacy/index.ts';
import {
  loadCurrentBant,
  loadQualificationSettings,
  recordBantValue,
} from '../modules/qualification/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { bookChosenSlot } from './agent-booking.ts';
import { enqueueSilenceFollowUp, notifyOwnerOfHandoff } from './conversation-jobs.ts';
import { conversationRuntime } from './conversation-runtime.ts';
import { rescoreAndReassess } from './lead-scoring.workflow.ts';
import { endEnrollmentsOnGoal } from './sequence-triggers.workflow.ts';

const DEFAULT_TIMEZONE = 'Europe/Paris';
// The handled message ids kept on the agent state: a redelivered job finds its message there.
const HANDLED_MEMORY = 20;

export interface AgentTurnOutcome {
  handled: boolean;
  reason?: string;
  decision?: AgentDecision;
  replies: MessageRow[];
}

function toKnownBant(current: Awaited<ReturnType<typeof loadCurrentBant>>, leadId: string): KnownBant {
  const entries = current.get(leadId) ?? {};
  const known: KnownBant = {};
  for (const [field, entry] of Object.entries(entries)) {
    if (entry)
      (known as Record<string, unknown>)[field] = { value: entry.value, confidence: entry.confidence };
  }
  return known;
}

function inboundText(message: MessageRow): { text: string | null; choiceId: string | null } {
  const payload = message.payload as { choiceId?: string; caption?: string };
  return { text: message.body ?? payload.caption ?? null, choiceId: payload.choiceId ?? null };
}

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
 * One turn of the qualification agent for an inbound message: understand it, record the BANT
 * values it states, rescore, decide, and queue the replies — all writes in one transaction, so a
 * crash or a redelivered job never answers twice. Silent when a person has the conversation.
 */
export async function runAgentTurn(ctx: AppContext, messageId: string): Promise<AgentTurnOutcome> {
  const message = await findMessage(ctx.db, messageId);
  if (message?.direction !== 'inbound') return { handled: false, reason: 'not_inbound', replies: [] };
  const before = await findConversation(ctx.db, message.workspaceId, message.conversationId);
  if (!before) return { handled: false, reason: 'no_conversation', replies: [] };
  const settings = await loadAgentSettings(ctx.db, message.workspaceId);
  const [lead] = await ctx.db
    .select({ firstName: leads.firstName, timezone: leads.timezone })
    .from(leads)
    .where(and(eq(leads.workspaceId, message.workspaceId), eq(leads.id, message.leadId)));
  const timezone = lead?.timezone ?? DEFAULT_TIMEZONE;
  const qualification = await loadQualificationSettings(ctx.db, message.workspaceId);
  const stateBefore = parseAgentState(before.agentState, before.language);
  const { text, choiceId } = inboundText(message);
  // Understanding is pure and takes milliseconds of CPU: done before the transaction takes its locks, in
  // the NLU thread when the process runs one.
  const understanding = await understandLeadMessage(text, {
    language: before.language,
    now: ctx.clock.now(),
    timezone,
    needCategories: qualification.needCategories,
    expectedSlot: stateBefore.expectedSlot,
  });
  const { llm } = conversationRuntime(ctx);
  if (llm && text?.trim() && !understanding.isOptOut) {
    // A second opinion for what the rules missed; guarded, capped at 0.75, skipped on any failure.
    const extracted = await extractSlotsWithLlm(llm, {
      text,
      language: understanding.language,
      now: ctx.clock.now(),
      timezone,
      expectedSlot: stateBefore.expectedSlot,
      needCategories: qualification.needCategories,
    });
    understanding.slots = mergeSlots(understanding.slots, extracted.slots);
  }

  return ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const now = ctx.clock.now();
    const conversation = await findConversation(tx, message.workspaceId, message.conversationId, {
      forUpdate: true,
    });
    if (!conversation) return { handled: false, reason: 'no_conversation', replies: [] };
    const handled = (conversation.agentState.handledMessageIds as string[] | undefined) ?? [];
    if (handled.includes(message.id)) return { handled: false, reason: 'already_handled', replies: [] };
    await appendEvents(tx, [
      {
        workspaceId: message.workspaceId,
        leadId: message.leadId,
        type: 'message_received',
        occurredAt: message.statusAt ?? now,
        receivedAt: now,
        source: conversation.channel,
        properties: { conversationId: conversation.id, messageId: message.id, kind: message.kind },
        dedupKey: `message:${message.id}`,
      },
    ]);
    // A reply on any channel is the first goal of every sequence the lead is in.
    await endEnrollmentsOnGoal(ctx, tx, message.workspaceId, [message.leadId], { on: 'reply' });
    const remember = (state: Record<string, unknown>) => ({
      ...state,
      handledMessageIds: [...handled, message.id].slice(-HANDLED_MEMORY),
    });
    if (!settings.isEnabled || conversation.mode === 'human' || conversation.needsHuman) {
      await rescoreAndReassess(tx, message.workspaceId, [message.leadId], { kind: 'event' }, now, ctx.hooks);
      await updateConversation(tx, conversation, { agentState: remember(conversation.agentState) }, now);
      return {
        handled: false,
        reason: conversation.mode === 'human' ? 'taken_over' : 'agent_off',
        replies: [],
      };
    }

    const state = parseAgentState(conversation.agentState, conversation.language);
    const knownBefore = toKnownBant(
      await loadCurrentBant(tx, message.workspaceId, [message.leadId]),
      message.leadId,
    );
    const interpretation = interpretTurn({
      state,
      understanding,
      text,
      known: knownBefore,
      choiceId,
      settings,
      timezone,
    });
    if (interpretation.event === 'opt_out') await recordOptOut(ctx, tx, conversation, message, now);
    await recordBant(tx, conversation, message, interpretation, now);
    await rescoreAndReassess(tx, message.workspaceId, [message.leadId], { kind: 'event' }, now, ctx.hooks);
    const [scored] = await tx
      .select({ temperature: leads.temperature })
      .from(leads)
      .where(and(eq(leads.workspaceId, message.workspaceId), eq(leads.id, message.leadId)));
    const temperature = (scored?.temperature ?? 'cold') as 'cold' | 'warm' | 'hot';
    const knownAfter = toKnownBant(
      await loadCurrentBant(tx, message.workspaceId, [message.leadId]),
      message.leadId,
    );
    const slots =
      temperature === 'hot'
        ? await conversationRuntime(ctx).slots({
            db: tx,
            workspaceId: message.workspaceId,
            leadId: message.leadId,
            now,
            timezone,
          })
        : [];
    const decision = composeReply({
      interpretation,
      state: interpretation.state,
      known: knownAfter,
      temperature,
      slots,
      settings,
      lead: { firstName: lead?.firstName ?? null },
      timezone,
      now,
    });
    if (interpretation.event === 'slot_chosen' && decision.state.chosenSlot) {
      const booked = await bookChosenSlot(ctx, tx, {
        workspaceId: message.workspaceId,
        leadId: message.leadId,
        start: new Date(decision.state.chosenSlot),
      });
      // No calendar to book in, or the time went meanwhile: a person confirms with the lead.
      if (booked !== 'booked') decision.handoff = { reason: 'booking_by_hand' };
    }
    if (llm && !decision.optOut && decision.replies.length > 0)
      await phraseWithLlm(ctx, decision, settings, lead?.firstName ?? null, text);
    const replies = await applyDecision(ctx, tx, {
      conversation,
      message,
      decision,
      settings,
      now,
      remember,
    });
    return { handled: true, decision, replies };
  });
}

/**
 * The model may rephrase the policy's replies (same facts, same tone, no meeting the policy did not
 * offer); on any failed guard or timeout the deterministic text stays.
 */
async function phraseWithLlm(
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

async function recordOptOut(
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
  // Whatever was queued for this conversation (replies, follow-ups) is dropped before it leaves.
  await ctx.outbox.cancelPending(tx, conversation.workspaceId, conversationEffectPrefix(conversation.id));
  await endEnrollmentsOnGoal(ctx, tx, conversation.workspaceId, [conversation.leadId], { on: 'opt_out' });
}

async function recordBant(
  tx: Database,
  conversation: ConversationRow,
  message: MessageRow,
  interpretation: TurnInterpretation,
  now: Date,
): Promise<void> {
  for (const update of interpretation.bantUpdates) {
    await recordBantValue(
      tx,
      {
        workspaceId: conversation.workspaceId,
        leadId: conversation.leadId,
        field: update.field,
        value: update.value,
        confidence: update.confidence,
        source: 'message',
        sourceRef: message.id,
        actor: 'agent',
      },
      now,
    );
  }
}

async function applyDecision(
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
