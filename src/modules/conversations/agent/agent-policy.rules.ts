import type { BantField } from '../../qualification/index.ts';
import {
  type AgentDecision,
  type AgentLead,
  type AgentReply,
  type AgentSettings,
  type AgentState,
  ANSWERED_CONFIDENCE,
  type KnownBant,
  type Temperature,
  type TurnInterpretation,
} from './agent.types.ts';
import { formatSlotLong, formatSlotTitle, summarizeBant, zoneLabel } from './agent-format.ts';
import type { DateContext, PhraseContext } from './agent-phrases.shared.ts';
import { phrasesFor } from './agent-phrases.ts';
import { buildChoicesReply, cleanFirstName, finishText } from './agent-reply.rules.ts';
import { decideVerdict } from './agent-verdict.rules.ts';
import { acknowledgeUpdates } from './bant-acknowledgement.rules.ts';
import { slotChoiceId } from './slot-choice.rules.ts';

export interface ComposeReplyInput {
  interpretation: TurnInterpretation;
  /** The interpretation's state. */
  state: AgentState;
  /** Current BANT values, after the interpretation's updates were recorded. */
  known: KnownBant;
  temperature: Temperature;
  /** Bookable slots from the booking service; only offered to a hot lead, once. */
  slots: Date[];
  settings: AgentSettings;
  lead: AgentLead;
  timezone: string;
  now: Date;
}

/** What the agent asks, in this order: what they need, when, how much, who decides. */
export const QUESTION_ORDER: readonly BantField[] = ['need', 'timeline', 'budget', 'authority'];
/** A field is asked at most twice (the second time rephrased), then left to the salesperson. */
export const MAX_ASKS_PER_FIELD = 2;
export { ANSWERED_CONFIDENCE };
/** Booking slots offered at once: three fit WhatsApp reply buttons. */
export const MAX_OFFERED_SLOTS = 3;

const NO_DECISION = {
  verdict: null,
  verdictReason: null,
  handoff: null,
  optOut: false,
  scheduleFollowUp: false,
  closeConversation: false,
} as const;

/** The agent's answer to one interpreted lead message: messages, next state, verdict and flags. */
export function composeReply(input: ComposeReplyInput): AgentDecision {
  const { interpretation: turn, state, settings } = input;
  const phrases = phrasesFor(state.language);
  const ctx: PhraseContext = {
    tone: settings.tone,
    style: settings.style,
    firstName: cleanFirstName(input.lead.firstName),
    variant: state.turns,
  };
  const text = (value: string): AgentReply => ({ kind: 'text', text: finishText(value, state.language) });

  if (turn.event === 'opt_out') {
    return {
      ...NO_DECISION,
      replies: [text(phrases.optOut(ctx))],
      state: { ...state, phase: 'closed', expectedSlot: null, closedBy: 'opt_out' },
      optOut: true,
      closeConversation: true,
    };
  }
  // Guards: never message a closed conversation (a person looks at what came in), nor one a person
  // took over. Only a lead who declined, not one who opted out, still gets a person on request.
  const isRequestAfterDecline =
    state.closedBy === 'not_interested' && turn.event === 'handoff' && turn.handoffReason === 'requested';
  if (state.phase === 'closed' && !isRequestAfterDecline)
    return { ...NO_DECISION, replies: [], state, handoff: { reason: 'message_after_close' } };
  if (state.phase === 'handoff') return { ...NO_DECISION, replies: [], state };

  switch (turn.event) {
    case 'handoff': {
      const reason = turn.handoffReason ?? 'requested';
      return {
        ...NO_DECISION,
        replies: [text(phrases.handoff(reason, ctx))],
        state: { ...state, phase: 'handoff', expectedSlot: null },
        handoff: { reason },
      };
    }
    case 'not_interested':
      return {
        ...NO_DECISION,
        replies: [text(phrases.notInterestedClose(ctx))],
        state: { ...state, phase: 'closed', expectedSlot: null, closedBy: 'not_interested' },
        verdict: 'not_interested',
        verdictReason: turn.evidence,
        closeConversation: true,
      };
    case 'later':
      return {
        ...NO_DECISION,
        replies: [text(phrases.laterAck({ ...ctx, firstName: null }))],
        state: { ...state, phase: 'nurture', expectedSlot: null },
        verdict: decideVerdict({ ...input, isDelay: true }),
        verdictReason: turn.evidence,
      };
    case 'slot_chosen': {
      const slot = turn.chosenSlot ?? state.chosenSlot;
      if (slot === null) break;
      const long = formatSlotLong(new Date(slot), state.language, input.timezone);
      return {
        ...NO_DECISION,
        replies: [text(phrases.slotConfirmed(long, ctx))],
        state: { ...state, phase: 'slot_chosen', chosenSlot: slot, expectedSlot: null },
        verdict: 'hot',
        verdictReason: `slot chosen: ${slot}; ${summarizeBant(input.known)}`,
      };
    }
    default:
      break;
  }
  return continueDialogue(input, ctx);
}

/** FAQ, greeting, answer or unclear turn: acknowledge, then book, ask the next question, or wrap up. */
function continueDialogue(input: ComposeReplyInput, ctx: PhraseContext): AgentDecision {
  const { interpretation: turn, state, settings, known, temperature } = input;
  const language = state.language;
  const phrases = phrasesFor(language);
  const plain = { ...ctx, firstName: null };
  const dates: DateContext = { now: input.now, timezone: input.timezone };
  const parts: string[] = [];
  const done = (
    next: Partial<AgentDecision> & { state: AgentState },
    choices?: AgentReply,
  ): AgentDecision => ({
    ...NO_DECISION,
    replies: [choices ?? { kind: 'text', text: finishText(parts.join(' '), language) }],
    ...next,
  });

  if (turn.event === 'faq') {
    const entry = settings.faq.find((faq) => faq.topic === turn.faqTopic);
    if (!entry) {
      // The workspace has no answer for it: a person does.
      return done({
        replies: [{ kind: 'text', text: finishText(phrases.handoff('out_of_scope', ctx), language) }],
        state: { ...state, phase: 'handoff', expectedSlot: null },
        handoff: { reason: 'out_of_scope' },
      });
    }
    parts.push(entry.answer[language]);
  }
  if (turn.event === 'greeting') {
    parts.push(phrases.hello(ctx));
    // The lead wrote first: say who is answering.
    if (state.turns <= 1 && state.expectedSlot === null)
      parts.push(phrases.introduce(settings.agentName, settings.companyName, ctx));
  }
  if (turn.event === 'unclear') parts.push(phrases.notUnderstood(plain));
  const acknowledgement = acknowledgeUpdates(turn.bantUpdates, language, plain, dates);
  if (acknowledgement) parts.push(acknowledgement);

  if (state.phase === 'slot_chosen' && state.chosenSlot) {
    parts.push(
      phrases.afterBooking(formatSlotLong(new Date(state.chosenSlot), language, input.timezone), plain),
    );
    return done({ state });
  }
  const slotChoices = (slots: readonly Date[]): AgentReply =>
    buildChoicesReply(
      finishText(parts.join(' '), language),
      slots.map((slot) => ({
        id: slotChoiceId(slot.toISOString()),
        title: formatSlotTitle(slot, language, input.timezone),
      })),
    );
  if (state.phase === 'offered_slots') {
    // A time named that is not offered: the same slots again, while some are still ahead.
    const stillOffered = turn.slotChoiceMissed
      ? upcomingSlots(
          state.offeredSlots.map((slot) => new Date(slot)),
          input.now,
        )
      : [];
    if (turn.declinedSlots || (turn.slotChoiceMissed && stillOffered.length === 0)) {
      parts.push(phrases.scheduleByHand(plain));
      return done({
        state: { ...state, phase: 'handoff', expectedSlot: null },
        handoff: { reason: 'booking_by_hand' },
        verdict: 'hot',
        verdictReason: summarizeBant(known),
      });
    }
    if (turn.slotChoiceMissed) {
      parts.push(phrases.slotNotFound(plain), phrases.slotReminder(plain));
      return done({ state, scheduleFollowUp: true }, slotChoices(stillOffered));
    }
    parts.push(phrases.slotReminder(plain));
    return done({ state, scheduleFollowUp: true });
  }

  const upcoming = upcomingSlots(input.slots, input.now);
  const offerSlots = (): AgentDecision => {
    const offered = upcoming.map((slot) => slot.toISOString());
    parts.push(phrases.offerSlots(zoneLabel(input.timezone), acknowledgement ? plain : ctx));
    return done(
      {
        state: { ...state, phase: 'offered_slots', offeredSlots: offered, expectedSlot: null },
        verdict: 'hot',
        verdictReason: summarizeBant(known),
        scheduleFollowUp: true,
      },
      slotChoices(upcoming),
    );
  };
  // Never before the lead is hot, and only once per conversation.
  const canOffer = temperature === 'hot' && upcoming.length > 0 && state.offeredSlots.length === 0;
  if (canOffer) return offerSlots();

  const next = nextQuestion(state, known);
  if (next) {
    const isInterruption =
      turn.event === 'faq' ||
      turn.event === 'greeting' ||
      (turn.isLanguageChange && turn.bantUpdates.length === 0);
    // After a greeting, an FAQ answer or a language switch the same question is repeated as it was: no answer was missed.
    const isRepeat = isInterruption && next === state.expectedSlot && state.askedCount[next] >= 1;
    const count = isRepeat ? state.askedCount[next] : state.askedCount[next] + 1;
    parts.push(phrases.question(next, count >= 2 ? 2 : 1, plain));
    return done({
      state: {
        ...state,
        phase: 'qualifying',
        expectedSlot: next,
        askedCount: { ...state.askedCount, [next]: count },
      },
      scheduleFollowUp: true,
    });
  }

  const wrapped = { ...state, expectedSlot: null };
  if (temperature === 'hot') {
    parts.push(phrases.salesWillCall(acknowledgement ? plain : ctx));
    return done({
      state: { ...wrapped, phase: 'handoff' },
      handoff: { reason: 'hot_lead' },
      verdict: 'hot',
      verdictReason: summarizeBant(known),
    });
  }
  // Back in nurture with nothing new: a short reply, not the closing message again.
  if (state.phase === 'nurture' && turn.bantUpdates.length === 0) {
    if (turn.event !== 'faq') parts.push(phrases.nurtureAck(plain));
    return done({ state: wrapped });
  }
  const offer = settings.contentOffer
    ? { title: settings.contentOffer.title[language], url: settings.contentOffer.url }
    : null;
  // Not hot here: the verdict weighs what the lead said as well as the score (agent-verdict.rules.ts).
  const verdict = decideVerdict({ temperature, known, now: input.now });
  parts.push(verdict === 'warm' ? phrases.warmClose(offer, ctx) : phrases.coldClose(ctx));
  return done({
    state: { ...wrapped, phase: 'nurture' },
    verdict,
    verdictReason: summarizeBant(known),
  });
}

/** The first field, in QUESTION_ORDER, still unanswered and not yet asked twice. */
export function nextQuestion(state: AgentState, known: KnownBant): BantField | null {
  for (const field of QUESTION_ORDER) {
    const isAnswered = (known[field]?.confidence ?? 0) >= ANSWERED_CONFIDENCE;
    if (!isAnswered && state.askedCount[field] < MAX_ASKS_PER_FIELD) return field;
  }
  return null;
}

/** Future slots, earliest first, without duplicates, at most MAX_OFFERED_SLOTS. */
export function upcomingSlots(slots: readonly Date[], now: Date): Date[] {
  const times = [...new Set(slots.map((slot) => slot.getTime()))]
    .filter((time) => Number.isFinite(time) && time > now.getTime())
    .sort((a, b) => a - b);
  return times.slice(0, MAX_OFFERED_SLOTS).map((time) => new Date(time));
}
