import { truncateText } from '../../../platform/text.ts';
import {
  type Authority,
  type BantField,
  type Budget,
  CONFIRMED_CONFIDENCE,
  type Need,
  type NeedCategory,
  type Timeline,
} from '../../qualification/index.ts';
import { extractAuthority } from './authority-extraction.ts';
import { extractBudget } from './budget-extraction.ts';
import { detectHandoffRequest } from './handoff.rules.ts';
import {
  type ClassifiedIntent,
  type Intent,
  type IntentClassifier,
  loadIntentClassifier,
  MIN_INTENT_CONFIDENCE,
} from './intent-classifier.ts';
import { reconcileIntent } from './intent-reconciliation.rules.ts';
import { detectLanguage, type Language } from './language-detection.ts';
import { extractNeed } from './need-extraction.ts';
import { detectOptOut, hasOptOutWords } from './opt-out.rules.ts';
import { warmUpRecognizers } from './recognizers-text.adapter.ts';
import { analyzeSentiment, type Sentiment } from './sentiment.rules.ts';
import { extractTimeline, type TimelineHorizon } from './timeline-extraction.ts';

export interface Slot<T> {
  value: T;
  confidence: number;
  /** The lead's words the value was read from. */
  evidence: string;
}

export interface MessageSlots {
  budget?: Slot<Budget> & { period: 'month' | 'year' | null };
  authority?: Slot<Authority>;
  need?: Slot<Need>;
  timeline?: Slot<Timeline> & { horizon: TimelineHorizon };
}

export interface MessageUnderstanding {
  language: Language;
  languageConfidence: number;
  /** The lead wrote in the other language than `options.language`: reply in the new one. */
  isLanguageSwitch: boolean;
  intent: Intent | 'unknown';
  confidence: number;
  /** Stop every message to this lead; found by rules first, so it never depends on the classifier. */
  isOptOut: boolean;
  /** The lead asks for a person (rules or the `ask_human` intent); never set together with an opt-out. */
  isHandoffRequest: boolean;
  /** The words behind an opt-out or handoff, for the audit trail. */
  evidence: string | null;
  sentiment: Sentiment;
  slots: MessageSlots;
}

export interface UnderstandOptions {
  /** The conversation's (or the lead's) language so far: the message must clearly be in the other one to switch. */
  language?: Language | null;
  now: Date;
  /** IANA zone used to read "demain", "fin du mois" and the like. */
  timezone: string;
  needCategories?: readonly NeedCategory[];
  /** Currency of an amount stated without one ("budget de 20k"); EUR when not given. */
  defaultCurrency?: string | null;
  /** The BANT field the agent's last question asked for: a bare "20k" or "3 mois" then answers it. */
  expectedSlot?: BantField | null;
  /** Defaults to the process-wide classifier trained from the shipped corpora. */
  classifier?: IntentClassifier;
}

// A need read from words of need ("on cherche") rather than a bare answer to the need question.
const NEED_STATED_CONFIDENCE = 0.75;
// The classifier alone marks an opt-out only when it is this sure (and the message speaks of stopping or messages); the rules are what must not miss.
const CLASSIFIER_OPT_OUT_CONFIDENCE = 0.8;
// Longer messages are cut: no lead writes a 4 000-character WhatsApp answer, and rules stay linear.
const MAX_LENGTH = 4000;

/**
 * What a lead's message means for the qualification dialogue: its language, intent, whether it
 * opts out or asks for a person, its tone, and the BANT values it states. Pure: no database, no
 * clock of its own (`now` is given), safe on empty, emoji-only or media-caption messages.
 */
export async function understandMessage(
  text: string | null | undefined,
  options: UnderstandOptions,
): Promise<MessageUnderstanding> {
  const message = truncateText(text ?? '', MAX_LENGTH);
  const detected = detectLanguage(message, { prior: options.language ?? null });
  const language = detected.language;
  const sentiment = analyzeSentiment(message);
  const optOut = detectOptOut(message);
  const base = {
    language,
    languageConfidence: detected.confidence,
    isLanguageSwitch: detected.isSwitch,
    sentiment,
  };
  if (optOut.isOptOut) {
    return {
      ...base,
      intent: 'stop',
      confidence: 1,
      isOptOut: true,
      isHandoffRequest: false,
      evidence: optOut.evidence,
      slots: {},
    };
  }

  const classifier = options.classifier ?? (await loadIntentClassifier());
  const classified: ClassifiedIntent = await classifier.classify(message, language);
  if (
    classified.intent === 'stop' &&
    classified.confidence >= CLASSIFIER_OPT_OUT_CONFIDENCE &&
    hasOptOutWords(message)
  ) {
    return {
      ...base,
      ...classified,
      isOptOut: true,
      isHandoffRequest: false,
      evidence: message.trim(),
      slots: {},
    };
  }
  const handoff = detectHandoffRequest(message);
  const slots = extractSlots(message, language, options);
  const intent = reconcileIntent(message, classified, {
    statesNeed: (slots.need?.confidence ?? 0) >= NEED_STATED_CONFIDENCE,
    statesBudget: (slots.budget?.confidence ?? 0) >= CONFIRMED_CONFIDENCE,
    statesTimeline: slots.timeline !== undefined,
    timelineEvidence: slots.timeline?.evidence ?? null,
    statesAuthority: slots.authority !== undefined,
    asksForPersonByRule: handoff.isHandoffRequest,
  });
  // "Vous êtes à 500 €/mois ?" quotes a price to check, not the lead's budget, unless budget words say so.
  if (intent.intent === 'ask_price' && slots.budget && slots.budget.confidence < 0.9) delete slots.budget;
  const isHandoffRequest =
    handoff.isHandoffRequest || (intent.intent === 'ask_human' && intent.confidence >= MIN_INTENT_CONFIDENCE);

  return {
    ...base,
    ...intent,
    isOptOut: false,
    isHandoffRequest,
    evidence: handoff.evidence ?? (isHandoffRequest ? message.trim() : null),
    slots,
  };
}

function extractSlots(message: string, language: Language, options: UnderstandOptions): MessageSlots {
  const slots: MessageSlots = {};
  if (!/[\p{L}\p{N}]/u.test(message)) return slots;
  const expected = options.expectedSlot ?? null;
  const budget = extractBudget(message, {
    language,
    defaultCurrency: options.defaultCurrency === undefined ? 'EUR' : options.defaultCurrency,
    isAnswerToBudgetQuestion: expected === 'budget',
  });
  if (budget) slots.budget = budget;
  const authority = extractAuthority(message);
  if (authority) slots.authority = authority;
  const need = extractNeed(message, {
    needCategories: options.needCategories ?? [],
    isAnswerToNeedQuestion: expected === 'need',
  });
  if (need) slots.need = need;
  const timeline = extractTimeline(message, {
    language,
    now: options.now,
    timezone: options.timezone,
    isAnswerToTimelineQuestion: expected === 'timeline',
  });
  if (timeline) slots.timeline = timeline;
  return slots;
}

/**
 * Trains the intent classifier and warms the Recognizers-Text models (about 6 s, mostly the
 * French currency model): call once at start-up so no lead waits for it.
 */
export async function warmUpNlu(): Promise<{ trainingMs: number; warmUpMs: number }> {
  const startedAt = performance.now();
  const classifier = await loadIntentClassifier();
  warmUpRecognizers();
  return { trainingMs: classifier.trainingMs, warmUpMs: performance.now() - startedAt };
}
