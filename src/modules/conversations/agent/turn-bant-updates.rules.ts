/**
 * The BANT values a lead's message states that are worth recording: what the NLU read, filtered
 * (never a value the lead did not state), plus the bare answers to the pending question ("oui",
 * "non", "c'est mon associé qui décide").
 */
import { type BantField, CONFIRMED_CONFIDENCE } from '../../qualification/index.ts';
import type { MessageUnderstanding } from '../nlu/understand-message.ts';
import type { AgentState, BantUpdate, KnownBant } from './agent.types.ts';
import {
  declinesOffer,
  hasLaterWords,
  isCorrection,
  isQuestion,
  leadingYesNo,
  namesOtherDecider,
} from './turn-signals.rules.ts';

// Answers to the yes/no authority and budget questions: a plain "oui" is a fact, but a thin one.
const YES_DECIDES_CONFIDENCE = 0.8;
const NO_DECIDES_CONFIDENCE = 0.7;
const NO_BUDGET_CONFIDENCE = 0.7;
const NEED_MIN_WORDS = 3;
// The classifier's affirm/deny stands for a yes/no only on a reply this short ("je pense que oui"):
// on a longer one it reads "none of these work for me" as a yes.
const YES_NO_INTENT_MAX_WORDS = 4;

export interface BantUpdatesInput {
  state: AgentState;
  understanding: MessageUnderstanding;
  known: KnownBant;
  /** The lead's message, trimmed, and its folded form (turn-signals' `foldMessage`). */
  text: string;
  folded: string;
}

function countWords(folded: string): number {
  return folded.split(' ').filter((word) => /\p{L}/u.test(word)).length;
}

/**
 * The values this message states that are worth recording: a field still unknown, a more
 * confident value, or an explicit correction ("non, plutôt 20 000 €"). Never a value the lead did
 * not state: a bare sentence counts as the need only when nothing else explains it.
 */
export function collectBantUpdates(input: BantUpdatesInput): BantUpdate[] {
  const { understanding, state, known, text, folded } = input;
  const { slots } = understanding;
  const isCorrecting = isCorrection(folded);
  const updates: BantUpdate[] = [];
  const consider = (update: BantUpdate) => {
    const current = known[update.field];
    const isNewer =
      !current ||
      update.confidence > current.confidence ||
      (isCorrecting && !isSameValue(current.value, update.value));
    if (isNewer) updates.push(update);
  };

  // "Non, c'est mon manager qui décide" never makes the lead the decider, whatever the NLU read.
  const authority =
    slots.authority?.value === 'decision_maker' && leadingYesNo(folded) === 'no' && namesOtherDecider(folded)
      ? undefined
      : slots.authority;
  if (slots.need && isStatedNeed(understanding, text, folded))
    consider({ field: 'need', ...slotFields(slots.need) });
  if (slots.timeline) consider({ field: 'timeline', ...slotFields(slots.timeline) });
  if (slots.budget) consider({ field: 'budget', ...slotFields(slots.budget) });
  if (authority) consider({ field: 'authority', ...slotFields(authority) });

  // A bare yes or no answers the pending question; "non, plutôt 20 000 €" corrects something else.
  const statesValues = updates.length > 0 || !!slots.budget || !!slots.timeline || !!authority;
  if (statesValues) return updates;
  const answer = pendingAnswer(state.expectedSlot, understanding.intent, text, folded);
  if (answer) consider(answer);
  return updates;
}

/**
 * A reply to the pending question that the NLU reads no value in: "oui"/"non" to the authority
 * question, "c'est mon associé qui décide" (someone else named: an influencer, never the decider,
 * even after a "oui"), "non" to the budget question.
 */
function pendingAnswer(
  expected: BantField | null,
  intent: MessageUnderstanding['intent'],
  text: string,
  folded: string,
): BantUpdate | null {
  const yesNo = readYesNo(intent, folded);
  if (expected === 'authority') {
    const influencer = {
      field: 'authority',
      value: 'influencer',
      confidence: NO_DECIDES_CONFIDENCE,
      evidence: text,
    } as const;
    if (namesOtherDecider(folded)) return yesNo === 'yes' ? null : influencer;
    if (yesNo === 'no') return influencer;
    if (yesNo === 'yes')
      return {
        field: 'authority',
        value: 'decision_maker',
        confidence: YES_DECIDES_CONFIDENCE,
        evidence: text,
      };
  }
  if (expected === 'budget' && yesNo === 'no')
    return { field: 'budget', value: { kind: 'none' }, confidence: NO_BUDGET_CONFIDENCE, evidence: text };
  return null;
}

/** A yes or no opening the message, else the classifier's affirm/deny on a short reply that refuses nothing else. */
export function readYesNo(intent: MessageUnderstanding['intent'], folded: string): 'yes' | 'no' | null {
  const leading = leadingYesNo(folded);
  if (leading) return leading;
  if (intent !== 'affirm' && intent !== 'deny') return null;
  if (countWords(folded) > YES_NO_INTENT_MAX_WORDS || declinesOffer(folded) || isQuestion(folded))
    return null;
  return intent === 'affirm' ? 'yes' : 'no';
}

function slotFields<T>(slot: { value: T; confidence: number; evidence: string }) {
  return { value: slot.value, confidence: slot.confidence, evidence: slot.evidence };
}

/**
 * The NLU takes any sentence after the need question as the need (confidence 0.6). That is only
 * right for a plain statement: not for "non c'est mon associé", "pas intéressé", a question, a
 * message that states a budget or a date instead, or two words.
 */
function isStatedNeed(understanding: MessageUnderstanding, text: string, folded: string): boolean {
  const need = understanding.slots.need;
  if (!need) return false;
  if (need.confidence >= CONFIRMED_CONFIDENCE) return true;
  const { budget, timeline, authority } = understanding.slots;
  return (
    (understanding.intent === 'inform' || understanding.intent === 'unknown') &&
    !budget &&
    !timeline &&
    !authority &&
    !isQuestion(text) &&
    leadingYesNo(folded) === null &&
    !hasLaterWords(folded) &&
    countWords(folded) >= NEED_MIN_WORDS
  );
}

function canonical(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  return JSON.stringify(
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key]]),
  );
}

function isSameValue(left: unknown, right: unknown): boolean {
  return canonical(left) === canonical(right);
}
