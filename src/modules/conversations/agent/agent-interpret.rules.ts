import { CONFIRMED_CONFIDENCE } from '../../qualification/index.ts';
import { detectHandoffRequest } from '../nlu/handoff.rules.ts';
import type { MessageUnderstanding } from '../nlu/understand-message.ts';
import {
  type AgentLanguage,
  type AgentSettings,
  type AgentState,
  type BantUpdate,
  DEFAULT_AGENT_SETTINGS,
  type KnownBant,
  type TurnInterpretation,
} from './agent.types.ts';
import { matchSlotChoiceText, slotFromChoiceId } from './slot-choice.rules.ts';
import {
  detectFaqTopic,
  foldMessage,
  hasLaterWords,
  isCorrection,
  isQuestion,
  leadingYesNo,
  requestedLanguage,
} from './turn-signals.rules.ts';

export interface InterpretTurnInput {
  state: AgentState;
  understanding: MessageUnderstanding;
  /** The lead's message; null for media without a caption. */
  text: string | null;
  known: KnownBant;
  /** Id of the button or list row the lead tapped. */
  choiceId?: string | null;
  /** The FAQ the workspace answers (a question on another topic goes to a person); defaults to the built-in one. */
  settings?: Pick<AgentSettings, 'faq'>;
  /** Zone the offered slots were shown in, to read "mardi 10h"; UTC when left out. */
  timezone?: string;
}

// A message in the other language must be this clear (and this long) to switch without the NLU's say-so.
const SWITCH_CONFIDENCE = 0.9;
const SWITCH_MIN_WORDS = 3;
// Answers to the yes/no authority and budget questions: a plain "oui" is a fact, but a thin one.
const YES_DECIDES_CONFIDENCE = 0.8;
const NO_DECIDES_CONFIDENCE = 0.7;
const NO_BUDGET_CONFIDENCE = 0.7;
const NEED_MIN_WORDS = 3;

const DECLINED_SLOTS =
  /\b(?:aucun|aucune|none|neither|autre (?:creneau|horaire|moment|jour|date)|(?:other|another|different) (?:time|slot|day)|pas dispo\w*|not available|can't make|cannot make|ne peux pas|ne (?:me )?conv\w+ pas)\b/;

/**
 * What a lead's message means for the dialogue: the event to answer, the BANT values to record and
 * the updated state. Pure; the precedence of the rules is the policy's safety order (README).
 */
export function interpretTurn(input: InterpretTurnInput): TurnInterpretation {
  const { state, understanding } = input;
  const text = (input.text ?? '').trim();
  const folded = foldMessage(text);
  const faq = input.settings?.faq ?? DEFAULT_AGENT_SETTINGS.faq;
  const intent = understanding.intent;
  const askedLanguage = requestedLanguage(folded);
  const language = resolveLanguage(state.language, understanding, askedLanguage, folded);
  const updates = collectBantUpdates(input, text, folded);
  const confirmedUpdates = updates.filter((update) => update.confidence >= CONFIRMED_CONFIDENCE);

  const result = (
    event: TurnInterpretation['event'],
    extra: Partial<Omit<TurnInterpretation, 'event' | 'state'>> = {},
  ): TurnInterpretation => ({
    bantUpdates: [],
    event,
    handoffReason: null,
    faqTopic: null,
    chosenSlot: null,
    language,
    evidence: null,
    isLanguageChange: language !== state.language,
    declinedSlots: false,
    ...extra,
    state: {
      ...state,
      language,
      turns: state.turns + 1,
      lowConfidenceStreak: event === 'unclear' ? state.lowConfidenceStreak + 1 : 0,
      chosenSlot: extra.chosenSlot ?? state.chosenSlot,
    },
  });

  // 1. Opt-out wins over everything, and nothing the message said is recorded.
  if (understanding.isOptOut) return result('opt_out', { evidence: understanding.evidence ?? text });

  // 2. A person on request. The classifier alone can mistake "I'd rather speak English" or a
  //    plain answer for a request; the rules cannot, so only they override such messages.
  const answersExpected = updates.some((update) => update.field === state.expectedSlot);
  const isHandoffRequest =
    understanding.isHandoffRequest &&
    (detectHandoffRequest(text).isHandoffRequest || (askedLanguage === null && !answersExpected));
  if (isHandoffRequest)
    return result('handoff', {
      handoffReason: 'requested',
      evidence: understanding.evidence ?? text,
      bantUpdates: confirmedUpdates,
    });

  // 3. An annoyed lead gets a person, not the next question.
  const tappedSlot = slotFromChoiceId(input.choiceId, state.offeredSlots);
  if (understanding.sentiment.polarity === 'negative' && tappedSlot === null)
    return result('handoff', {
      handoffReason: 'negative_sentiment',
      evidence: text,
      bantUpdates: confirmedUpdates,
    });

  // 4. A booking slot: "le deuxième" reads as anything to the classifier, so this comes before intents.
  const chosenSlot = tappedSlot ?? chooseSlotByText(state, text, folded, intent, input.timezone ?? 'UTC');
  if (chosenSlot) return result('slot_chosen', { chosenSlot });

  // "I need to ask my manager" also scores as not_interested: a stated fact outweighs it.
  const statesFacts = updates.some((update) => update.field !== 'need');
  if (intent === 'not_interested' && !statesFacts) return result('not_interested', { evidence: text });

  // "dans 3 mois" answers the timeline question but scores as not_now: only words of delay mean later.
  const hasTimeline = understanding.slots.timeline !== undefined;
  const isLater =
    intent === 'not_now' && (hasLaterWords(folded) || (!hasTimeline && state.expectedSlot !== 'timeline'));
  if (isLater)
    return result('later', {
      evidence: text,
      // "Pas maintenant" itself reads as a date of today: a delay is never an imminent timeline.
      bantUpdates: updates.filter(
        (update) => update.field === 'timeline' && understanding.slots.timeline?.horizon !== 'lt_1m',
      ),
    });

  const faqTopic = detectFaqTopic(text, intent, faq);
  if (faqTopic !== null) {
    if (faq.some((entry) => entry.topic === faqTopic))
      return result('faq', { faqTopic, bantUpdates: confirmedUpdates });
    return result('handoff', {
      handoffReason: 'out_of_scope',
      faqTopic,
      evidence: text,
      bantUpdates: confirmedUpdates,
    });
  }
  if (intent === 'out_of_scope' && isQuestion(text))
    return result('handoff', {
      handoffReason: 'out_of_scope',
      evidence: text,
      bantUpdates: confirmedUpdates,
    });

  if (intent === 'greeting' && updates.length === 0) return result('greeting');

  const isUnclear =
    updates.length === 0 && askedLanguage === null && (intent === 'unknown' || intent === 'out_of_scope');
  if (isUnclear) {
    if (state.lowConfidenceStreak + 1 >= 2)
      return result('handoff', { handoffReason: 'low_confidence', evidence: text || null });
    return result('unclear');
  }

  const declinedSlots =
    state.phase === 'offered_slots' &&
    (leadingYesNo(folded) === 'no' ||
      intent === 'deny' ||
      intent === 'reschedule' ||
      DECLINED_SLOTS.test(folded));
  return result('answer', { bantUpdates: updates, declinedSlots });
}

function resolveLanguage(
  current: AgentLanguage,
  understanding: MessageUnderstanding,
  asked: AgentLanguage | null,
  folded: string,
): AgentLanguage {
  if (asked) return asked;
  if (understanding.isLanguageSwitch) return understanding.language;
  const words = folded.split(' ').filter((word) => /\p{L}/u.test(word)).length;
  const isClearlyOther =
    understanding.language !== current &&
    understanding.languageConfidence >= SWITCH_CONFIDENCE &&
    words >= SWITCH_MIN_WORDS;
  return isClearlyOther ? understanding.language : current;
}

function chooseSlotByText(
  state: AgentState,
  text: string,
  folded: string,
  intent: MessageUnderstanding['intent'],
  timezone: string,
): string | null {
  if (state.phase !== 'offered_slots' || state.chosenSlot !== null) return null;
  const matched = matchSlotChoiceText(text, state.offeredSlots, timezone);
  if (matched) return matched;
  // A single slot offered: "oui" / "ok" takes it.
  const isYes = leadingYesNo(folded) === 'yes' || intent === 'affirm';
  return state.offeredSlots.length === 1 && isYes ? state.offeredSlots[0]! : null;
}

/**
 * The values this message states that are worth recording: a field still unknown, a more
 * confident value, or an explicit correction ("non, plutôt 20 000 €"). Never a value the lead did
 * not state: a bare sentence counts as the need only when nothing else explains it.
 */
function collectBantUpdates(input: InterpretTurnInput, text: string, folded: string): BantUpdate[] {
  const { understanding, state, known } = input;
  const { slots, intent } = understanding;
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

  if (slots.need && isStatedNeed(understanding, text, folded))
    consider({ field: 'need', ...slotFields(slots.need) });
  if (slots.timeline) consider({ field: 'timeline', ...slotFields(slots.timeline) });
  if (slots.budget) consider({ field: 'budget', ...slotFields(slots.budget) });
  if (slots.authority) consider({ field: 'authority', ...slotFields(slots.authority) });

  // A bare yes or no answers the pending question; "non, plutôt 20 000 €" corrects something else.
  const statesValues = updates.length > 0 || !!slots.budget || !!slots.timeline || !!slots.authority;
  const yesNo = statesValues
    ? null
    : (leadingYesNo(folded) ?? (intent === 'affirm' ? 'yes' : intent === 'deny' ? 'no' : null));
  if (state.expectedSlot === 'authority' && yesNo) {
    consider(
      yesNo === 'yes'
        ? { field: 'authority', value: 'decision_maker', confidence: YES_DECIDES_CONFIDENCE, evidence: text }
        : { field: 'authority', value: 'influencer', confidence: NO_DECIDES_CONFIDENCE, evidence: text },
    );
  }
  if (state.expectedSlot === 'budget' && yesNo === 'no')
    consider({ field: 'budget', value: { kind: 'none' }, confidence: NO_BUDGET_CONFIDENCE, evidence: text });
  return updates;
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
  const words = folded.split(' ').filter((word) => /\p{L}/u.test(word)).length;
  return (
    (understanding.intent === 'inform' || understanding.intent === 'unknown') &&
    !budget &&
    !timeline &&
    !authority &&
    !isQuestion(text) &&
    leadingYesNo(folded) === null &&
    !hasLaterWords(folded) &&
    words >= NEED_MIN_WORDS
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
