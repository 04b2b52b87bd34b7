import { CONFIRMED_CONFIDENCE } from '../../qualification/index.ts';
import { detectHandoffRequest } from '../nlu/handoff.rules.ts';
import type { MessageUnderstanding } from '../nlu/understand-message.ts';
import {
  type AgentLanguage,
  type AgentSettings,
  type AgentState,
  DEFAULT_AGENT_SETTINGS,
  type KnownBant,
  type TurnInterpretation,
} from './agent.types.ts';
import { readSlotReply, type SlotReply, slotFromChoiceId } from './slot-choice.rules.ts';
import { collectBantUpdates, readYesNo } from './turn-bant-updates.rules.ts';
import {
  detectFaqTopic,
  foldMessage,
  hasLaterWords,
  isQuestion,
  mentionsTimeSpan,
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
// A lead who names a time that is not offered this many times gets a person to find one.
const MAX_SLOT_CHOICE_MISSES = 2;
// "Ça ne m'intéresse pas" must be said: the classifier also files "on a besoin d'un outil pour…" there.
const REFUSAL =
  /\b(?:(?:pas|plus|not|no longer|not really) interess\w*|interess\w* (?:pas|plus)|not interested|aucun interet|no interest|pas besoin|no need|don't need|do not need|pas pour nous|not for us|deja (?:un|une|des|equipe|equipes)|already (?:have|use|using|got|equipped)|non merci|no thanks?|no thank you|pas la peine|not looking|ne cherche\w* (?:pas|plus)|laissez-moi tranquille|leave me alone|pas concerne\w*|not relevant)\b/;

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
  const slotReply = readOfferedSlotReply(input, text, folded);
  // "Vendredi 10h" while slots are offered picks a meeting time: it is not the project's timeline.
  const updates = collectBantUpdates({ ...input, text, folded }).filter(
    (update) => slotReply.kind === 'none' || update.field !== 'timeline',
  );
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
    slotChoiceMissed: false,
    ...extra,
    state: {
      ...state,
      language,
      turns: state.turns + 1,
      lowConfidenceStreak: event === 'unclear' ? state.lowConfidenceStreak + 1 : 0,
      chosenSlot: extra.chosenSlot ?? state.chosenSlot,
      slotChoiceMisses: state.slotChoiceMisses + (extra.slotChoiceMissed ? 1 : 0),
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

  // 3. An annoyed lead gets a person, not the next question. "Sorry, could we continue in English?
  //    My French is not great" reads negative: a language request is not annoyance.
  const tappedSlot = slotFromChoiceId(input.choiceId, state.offeredSlots);
  const isAnnoyed = understanding.sentiment.polarity === 'negative' && askedLanguage === null;
  if (isAnnoyed && tappedSlot === null)
    return result('handoff', {
      handoffReason: 'negative_sentiment',
      evidence: text,
      bantUpdates: confirmedUpdates,
    });

  // 4. A booking slot: "le deuxième" reads as anything to the classifier, so this comes before intents.
  const chosenSlot = tappedSlot ?? (slotReply.kind === 'chosen' ? slotReply.slot : null);
  if (chosenSlot) return result('slot_chosen', { chosenSlot });

  // 5. A refusal must be said: "I need to ask my manager" (a fact) or "on a besoin d'un outil pour…"
  //    (a need the NLU is sure of) also score as not_interested.
  const statesFacts = updates.some((update) => update.field !== 'need');
  const statesNeed = updates.some(
    (update) => update.field === 'need' && update.confidence >= CONFIRMED_CONFIDENCE,
  );
  const isRefusal = intent === 'not_interested' && !statesFacts && (!statesNeed || REFUSAL.test(folded));
  if (isRefusal) return result('not_interested', { evidence: text });

  // 6. Slots offered, and the lead turns them down or names a time that is not one of them: the
  //    first miss shows them again, a second one (or a refusal) leaves the booking to a person.
  if (slotReply.kind === 'declined' || slotReply.kind === 'missed') {
    const isSecondMiss = slotReply.kind === 'missed' && state.slotChoiceMisses + 1 >= MAX_SLOT_CHOICE_MISSES;
    const declinedSlots = slotReply.kind === 'declined' || isSecondMiss;
    return result('answer', {
      bantUpdates: updates,
      declinedSlots,
      slotChoiceMissed: !declinedSlots,
      evidence: text,
    });
  }

  // 7. Only a bare delay is "later": "dans 4 à 5 mois" or "probably in 5 months" answer the
  //    timeline question even when they score as not_now. Words of delay with a date ("pas
  //    maintenant, recontactez-moi dans 6 mois") are a delay that records the date.
  const hasTimeline = understanding.slots.timeline !== undefined;
  const statesSlot = hasTimeline || updates.length > 0 || mentionsTimeSpan(folded);
  const isLater =
    intent === 'not_now' && (hasLaterWords(folded) || (!statesSlot && state.expectedSlot !== 'timeline'));
  if (isLater)
    return result('later', {
      evidence: text,
      // "Pas maintenant" itself reads as a date of today: a delay is never an imminent timeline.
      bantUpdates: updates.filter(
        (update) => update.field === 'timeline' && understanding.slots.timeline?.horizon !== 'lt_1m',
      ),
    });

  // 8. FAQ, then questions outside it.
  const faqTopic = detectFaqTopic(text, intent, faq, { statesFacts: updates.length > 0 });
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
    state.phase === 'offered_slots' && state.chosenSlot === null && readYesNo(intent, folded) === 'no';
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

/** What the message says about the offered slots, when some are offered and none is booked yet. */
function readOfferedSlotReply(input: InterpretTurnInput, text: string, folded: string): SlotReply {
  const { state, understanding } = input;
  if (state.phase !== 'offered_slots' || state.chosenSlot !== null || text === '') return { kind: 'none' };
  return readSlotReply({
    text,
    offered: state.offeredSlots,
    timezone: input.timezone ?? 'UTC',
    isYes: readYesNo(understanding.intent, folded) === 'yes',
    isReschedule: understanding.intent === 'reschedule',
  });
}
