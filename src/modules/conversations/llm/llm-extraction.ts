import { truncateText } from '../../../platform/text.ts';
import type { BantField, NeedCategory } from '../../qualification/index.ts';
import type { Language } from '../nlu/language-detection.ts';
import type { MessageSlots } from '../nlu/understand-message.ts';
import type { ChatMessage, LlmClient } from './llm-client.ts';
import { type RejectedSlot, validateLlmSlots } from './llm-extraction.rules.ts';
import {
  deadlineSignal,
  failureReasonOf,
  type LlmCallFailure,
  parseJsonObject,
  quoteUntrusted,
  UNTRUSTED_RULE,
} from './llm-prompt.rules.ts';

export interface LlmExtractionInput {
  /** The lead's message. */
  text: string;
  language: Language;
  now: Date;
  /** IANA zone the model reads "demain" or "fin du mois" in. */
  timezone: string;
  /** The BANT field the agent's last question asked for. */
  expectedSlot: BantField | null;
  /** Currency of an amount stated without one; EUR when not given. */
  defaultCurrency?: string | null;
  /** The workspace's need categories: a need's category is matched from them, never the model's guess. */
  needCategories?: readonly NeedCategory[];
}

export type ExtractionFallbackReason = LlmCallFailure | 'nothing_to_extract';

export interface LlmExtractionResult {
  /** Valid, grounded slots, confidence at most 0.75; merge them under the rules' with `mergeSlots`. */
  slots: MessageSlots;
  usedLlm: boolean;
  fallbackReason: ExtractionFallbackReason | null;
  /** Slots the model gave that failed a check, for logs. */
  rejected: RejectedSlot[];
}

// As in understandMessage: no lead writes more in one message, and the prompt stays small.
const MAX_LENGTH = 4000;

const FIELD_QUESTION: Record<BantField, string> = {
  budget: 'their budget',
  authority: 'who decides the purchase',
  need: 'what they need',
  timeline: 'when they want to start',
};

function localDate(now: Date, timezone: string): { date: string; weekday: string; zone: string } {
  let zone = timezone;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  return {
    date: new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(now),
    weekday: new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'long' }).format(now),
    zone,
  };
}

function systemPrompt(input: LlmExtractionInput): string {
  const today = localDate(input.now, input.timezone);
  const currency = input.defaultCurrency ?? 'EUR';
  return [
    "You extract BANT qualification facts from one message a lead sent to a company's sales assistant.",
    `Today is ${today.weekday} ${today.date} (time zone ${today.zone}). The message is probably in ${input.language === 'fr' ? 'French' : 'English'}.`,
    input.expectedSlot
      ? `The assistant has just asked the lead about ${FIELD_QUESTION[input.expectedSlot]}: a bare answer such as "20k" or "3 mois" answers that question.`
      : '',
    'Answer with a JSON object only, with exactly these four keys, each null when the message does not state it:',
    '{"budget": {"value": BUDGET, "period": "month" | "year" | null, "confidence": 0 to 1, "evidence": EVIDENCE},',
    ' "authority": {"value": "decision_maker" | "influencer" | "user" | "unknown", "confidence": 0 to 1, "evidence": EVIDENCE},',
    ' "need": {"value": {"text": "the need in one short sentence, in the language of the message"}, "confidence": 0 to 1, "evidence": EVIDENCE},',
    ' "timeline": {"value": TIMELINE, "confidence": 0 to 1, "evidence": EVIDENCE}}',
    `BUDGET is {"kind": "amount", "amount": number, "currency": "ISO 4217 code"}, {"kind": "range", "min": number, "max": number, "currency": "ISO 4217 code"}, or {"kind": "none"} when the lead says there is no budget. Amounts in main units (20k = 20000). An amount without a currency is in ${currency}.`,
    'TIMELINE is {"kind": "date", "date": "YYYY-MM-DD"} (the latest day the words allow) or {"kind": "horizon", "horizon": "lt_1m" | "1_3m" | "3_6m" | "gt_6m" | "unknown"} (under 1 month, 1-3 months, 3-6 months, over 6 months).',
    'authority: decision_maker decides or signs (CEO, founder, owner, director); influencer recommends or must ask someone else; user only uses the product.',
    'EVIDENCE is the exact words of the message the value comes from, copied character for character.',
    'State only what the message says; never guess. Use null for anything not stated.',
    UNTRUSTED_RULE,
  ]
    .filter((line) => line.length > 0)
    .join('\n');
}

/**
 * Asks the model for the BANT slots of a lead's message, as a second opinion to the rules. Only
 * values that match Chaud's schemas, quote the lead's own words and have a sane date are kept,
 * with confidence capped at 0.75. Any failure gives no slot and the reason. Never throws.
 */
export async function extractSlotsWithLlm(
  client: LlmClient,
  input: LlmExtractionInput,
  options: { timeoutMs?: number } = {},
): Promise<LlmExtractionResult> {
  const text = truncateText(input.text, MAX_LENGTH);
  const fallback = (fallbackReason: ExtractionFallbackReason): LlmExtractionResult => ({
    slots: {},
    usedLlm: false,
    fallbackReason,
    rejected: [],
  });
  if (!/[\p{L}\p{N}]/u.test(text)) return fallback('nothing_to_extract');

  const messages: ChatMessage[] = [
    { role: 'system', content: systemPrompt(input) },
    { role: 'user', content: `The lead's message:\n${quoteUntrusted('lead_message', text)}` },
  ];
  let content: string;
  try {
    content = await client.complete(messages, {
      json: true,
      temperature: 0,
      maxTokens: 600,
      signal: deadlineSignal(options.timeoutMs),
    });
  } catch (error) {
    return fallback(failureReasonOf(error));
  }
  const answer = parseJsonObject(content);
  if (!answer) return fallback('invalid_json');
  const { slots, rejected } = validateLlmSlots(answer, {
    text,
    now: input.now,
    needCategories: input.needCategories,
  });
  return { slots, usedLlm: true, fallbackReason: null, rejected };
}
