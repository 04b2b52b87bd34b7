import { and, eq } from 'drizzle-orm';
import {
  type AgentDecision,
  composeReply,
  conversations,
  extractSlotsWithLlm,
  findConversation,
  interpretTurn,
  type KnownBant,
  loadAgentSettingsCached,
  type MessageRow,
  mergeSlots,
  messages,
  parseAgentState,
  understandLeadMessage,
  updateConversation,
} from '../modules/conversations/index.ts';
import { appendEvents, leads } from '../modules/leads/index.ts';
import {
  type CurrentBant,
  loadCurrentBant,
  loadQualificationSettingsCached,
  withRecordedValues,
} from '../modules/qualification/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { bookChosenSlot } from './agent-booking.ts';
import { applyDecision, phraseWithLlm, recordBant, recordOptOut } from './agent-turn.effects.ts';
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

function toKnownBant(current: CurrentBant): KnownBant {
  const known: KnownBant = {};
  for (const [field, entry] of Object.entries(current)) {
    if (entry)
      (known as Record<string, unknown>)[field] = { value: entry.value, confidence: entry.confidence };
  }
  return known;
}

/** The message, its conversation and the lead's name and timezone, in one query (before the transaction). */
async function findTurnSubject(db: Database, messageId: string) {
  const [row] = await db
    .select({
      message: messages,
      conversation: conversations,
      lead: { firstName: leads.firstName, timezone: leads.timezone },
    })
    .from(messages)
    .leftJoin(
      conversations,
      and(eq(conversations.workspaceId, messages.workspaceId), eq(conversations.id, messages.conversationId)),
    )
    .leftJoin(leads, and(eq(leads.workspaceId, messages.workspaceId), eq(leads.id, messages.leadId)))
    .where(eq(messages.id, messageId));
  return (
    row && { message: row.message, conversation: row.conversation ?? undefined, lead: row.lead ?? undefined }
  );
}

function inboundText(message: MessageRow): { text: string | null; choiceId: string | null } {
  const payload = message.payload as { choiceId?: string; caption?: string };
  return { text: message.body ?? payload.caption ?? null, choiceId: payload.choiceId ?? null };
}

/**
 * One turn of the qualification agent for an inbound message: understand it, record the BANT
 * values it states, rescore, decide, and queue the replies — all writes in one transaction, so a
 * crash or a redelivered job never answers twice. Silent when a person has the conversation.
 */
export async function runAgentTurn(ctx: AppContext, messageId: string): Promise<AgentTurnOutcome> {
  const found = await findTurnSubject(ctx.db, messageId);
  const message = found?.message;
  if (message?.direction !== 'inbound') return { handled: false, reason: 'not_inbound', replies: [] };
  const before = found?.conversation;
  if (!before) return { handled: false, reason: 'no_conversation', replies: [] };
  const settings = await loadAgentSettingsCached(ctx.db, message.workspaceId);
  const lead = found?.lead;
  const timezone = lead?.timezone ?? DEFAULT_TIMEZONE;
  const qualification = await loadQualificationSettingsCached(ctx.db, message.workspaceId);
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
      await rescoreAndReassess(tx, message.workspaceId, [message.leadId], { kind: 'event' }, now, ctx.hooks, {
        settings: qualification,
      });
      await updateConversation(tx, conversation, { agentState: remember(conversation.agentState) }, now);
      return {
        handled: false,
        reason: conversation.mode === 'human' ? 'taken_over' : 'agent_off',
        replies: [],
      };
    }

    const state = parseAgentState(conversation.agentState, conversation.language);
    const bantBefore =
      (await loadCurrentBant(tx, message.workspaceId, [message.leadId])).get(message.leadId) ?? {};
    const knownBefore = toKnownBant(bantBefore);
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
    const recorded = await recordBant(
      tx,
      conversation,
      message,
      interpretation,
      now,
      qualification.needCategories,
    );
    // What was just recorded is added to what was read: the reassessment and the reply need no second read.
    const bantAfter = withRecordedValues(bantBefore, recorded);
    const { temperatures } = await rescoreAndReassess(
      tx,
      message.workspaceId,
      [message.leadId],
      { kind: 'event' },
      now,
      ctx.hooks,
      { settings: qualification, bant: new Map([[message.leadId, bantAfter]]) },
    );
    const temperature = temperatures.get(message.leadId) ?? 'cold';
    const knownAfter = toKnownBant(bantAfter);
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
