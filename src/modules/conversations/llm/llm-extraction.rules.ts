import { z } from 'zod';
import {
  type BantField,
  matchNeedCategory,
  type NeedCategory,
  type Timeline,
  timelineMonths,
  ZAuthority,
  ZBudget,
  ZNeedInput,
  ZTimeline,
} from '../../qualification/index.ts';
import type { TimelineHorizon } from '../nlu/timeline-extraction.ts';
import type { MessageSlots } from '../nlu/understand-message.ts';

/** The model is a second opinion: its values never reach the rules' confirmed level on their own. */
export const MAX_LLM_CONFIDENCE = 0.75;
// When the model gives no confidence, it is a lead to check, not a fact.
const DEFAULT_LLM_CONFIDENCE = 0.5;
const MAX_YEARS_FROM_NOW = 5;
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

export type SlotRejection = 'invalid_shape' | 'invalid_value' | 'evidence_not_in_text' | 'date_out_of_range';

export interface RejectedSlot {
  field: BantField;
  reason: SlotRejection;
}

// The envelope is lenient (models add keys); the value inside must match Chaud's schema exactly.
const ZEnvelope = z.object({
  value: z.unknown(),
  confidence: z.number().min(0).max(1).nullish(),
  evidence: z.string(),
  period: z.unknown().optional(),
});
const ZPeriod = z.enum(['month', 'year']).nullable().catch(null);

/** Lower case, one space between words, plain apostrophes: how evidence is looked up in the text. */
export function normalizeForEvidence(value: string): string {
  return value.normalize('NFC').toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
}

/** Whether the evidence is the lead's own words (case- and whitespace-insensitive). */
export function isEvidenceInText(evidence: string, text: string): boolean {
  const needle = normalizeForEvidence(evidence);
  // A single letter or a lone punctuation mark is "in" every message and proves nothing.
  return needle.length >= 2 && /[\p{L}\p{N}]/u.test(needle) && normalizeForEvidence(text).includes(needle);
}

/** Whether an ISO date lies within five years of now, either way. */
export function isDateNearNow(isoDate: string, now: Date): boolean {
  const dateMs = Date.parse(`${isoDate}T00:00:00Z`);
  return !Number.isNaN(dateMs) && Math.abs(dateMs - now.getTime()) <= MAX_YEARS_FROM_NOW * YEAR_MS;
}

const HORIZON_BY_MONTHS: [number, TimelineHorizon][] = [
  [1, 'lt_1m'],
  [3, '1_3m'],
  [6, '3_6m'],
];

// The same buckets as the rule-based timeline extraction, so merged slots read alike.
function horizonOf(value: Timeline, now: Date): TimelineHorizon {
  if (value.kind === 'horizon') return value.horizon;
  const months = timelineMonths(value, now.getTime());
  if (months === null) return 'unknown';
  return HORIZON_BY_MONTHS.find(([limit]) => months < limit)?.[1] ?? 'gt_6m';
}

export interface SlotValidationContext {
  text: string;
  now: Date;
  needCategories?: readonly NeedCategory[];
}

/**
 * The slots of a model's answer that pass every check: the value matches Chaud's schema, the
 * evidence is in the lead's text, a date is within five years, and the confidence is capped.
 */
export function validateLlmSlots(
  answer: Record<string, unknown>,
  context: SlotValidationContext,
): { slots: MessageSlots; rejected: RejectedSlot[] } {
  const slots: MessageSlots = {};
  const rejected: RejectedSlot[] = [];

  const envelopeOf = (field: BantField) => {
    const raw = answer[field];
    if (raw === null || raw === undefined) return null;
    const parsed = ZEnvelope.safeParse(raw);
    if (!parsed.success) {
      rejected.push({ field, reason: 'invalid_shape' });
      return null;
    }
    if (!isEvidenceInText(parsed.data.evidence, context.text)) {
      rejected.push({ field, reason: 'evidence_not_in_text' });
      return null;
    }
    return {
      period: parsed.data.period,
      value: parsed.data.value,
      confidence: Math.min(parsed.data.confidence ?? DEFAULT_LLM_CONFIDENCE, MAX_LLM_CONFIDENCE),
      evidence: parsed.data.evidence.trim(),
    };
  };
  const reject = (field: BantField, reason: SlotRejection): void => {
    rejected.push({ field, reason });
  };

  const budget = envelopeOf('budget');
  if (budget) {
    const value = ZBudget.safeParse(budget.value);
    if (value.success) {
      const { confidence, evidence } = budget;
      slots.budget = { value: value.data, confidence, evidence, period: ZPeriod.parse(budget.period) };
    } else reject('budget', 'invalid_value');
  }

  const authority = envelopeOf('authority');
  if (authority) {
    const value = ZAuthority.safeParse(authority.value);
    if (value.success) {
      slots.authority = { value: value.data, confidence: authority.confidence, evidence: authority.evidence };
    } else reject('authority', 'invalid_value');
  }

  const need = envelopeOf('need');
  if (need) {
    const value = ZNeedInput.safeParse(need.value);
    if (value.success) {
      // The model's category is a guess from no list: only the workspace's own categories count.
      const category = context.needCategories
        ? matchNeedCategory(value.data.text, context.needCategories)
        : null;
      slots.need = {
        value: { text: value.data.text, category },
        confidence: need.confidence,
        evidence: need.evidence,
      };
    } else reject('need', 'invalid_value');
  }

  const timeline = envelopeOf('timeline');
  if (timeline) {
    const value = ZTimeline.safeParse(timeline.value);
    if (!value.success) reject('timeline', 'invalid_value');
    else if (value.data.kind === 'date' && !isDateNearNow(value.data.date, context.now)) {
      reject('timeline', 'date_out_of_range');
    } else {
      slots.timeline = {
        value: value.data,
        confidence: timeline.confidence,
        evidence: timeline.evidence,
        horizon: horizonOf(value.data, context.now),
      };
    }
  }
  return { slots, rejected };
}

/**
 * The rule-based slots, completed by the model's for the fields the rules missed: a rule value
 * is never replaced, since the rules are tested and the model is a second opinion.
 */
export function mergeSlots(ruleSlots: MessageSlots, llmSlots: MessageSlots): MessageSlots {
  const merged: MessageSlots = { ...ruleSlots };
  if (!merged.budget && llmSlots.budget) merged.budget = llmSlots.budget;
  if (!merged.authority && llmSlots.authority) merged.authority = llmSlots.authority;
  if (!merged.need && llmSlots.need) merged.need = llmSlots.need;
  if (!merged.timeline && llmSlots.timeline) merged.timeline = llmSlots.timeline;
  return merged;
}
