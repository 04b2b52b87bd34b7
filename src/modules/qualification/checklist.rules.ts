import type { EventFact } from '../scoring/index.ts';
import { CONFIRMED_CONFIDENCE, timelineMonths } from './bant.rules.ts';
import type { Budget, CurrentBant, Timeline } from './bant.schemas.ts';

/** The lead → prospect checklist: five boxes of six make a sales-qualified lead, fewer mean nurture. */
export const CHECKLIST_KEYS = [
  'icp_fit',
  'need_confirmed',
  'budget_confirmed',
  'decision_maker_identified',
  'timeline_within_6_months',
  'active_intent_signal',
] as const;
export type ChecklistKey = (typeof CHECKLIST_KEYS)[number];

export const SQL_CHECKLIST_MIN = 5;
export const CHECKLIST_TIMELINE_MAX_MONTHS = 6;
/** Events that show an active intent to buy: asking for a demo, a meeting or a quote. */
export const INTENT_EVENT_TYPES = ['demo_requested', 'meeting_booked', 'quote_requested'] as const;

export interface ChecklistBox {
  key: ChecklistKey;
  isChecked: boolean;
  reason: string;
}

export interface Checklist {
  boxes: ChecklistBox[];
  count: number;
  verdict: 'sql' | 'nurture';
}

export interface ChecklistInput {
  fitScore: number;
  icpFitMinScore: number;
  bant: CurrentBant;
  /** The lead's events of INTENT_EVENT_TYPES (others are ignored). */
  intentEvents: readonly EventFact[];
  /** How far back an intent event still counts as active. */
  intentWindowDays: number;
  nowMs: number;
}

const DAY_MS = 86_400_000;
const round = (value: number) => Math.round(value * 100) / 100;

// A value below the confidence threshold is said, not confirmed.
function confident<T extends { confidence: number }>(
  entry: T | undefined,
): { entry: T | undefined; note: string } {
  if (!entry) return { entry: undefined, note: 'not recorded' };
  if (entry.confidence < CONFIRMED_CONFIDENCE)
    return { entry: undefined, note: `confidence ${round(entry.confidence)} < ${CONFIRMED_CONFIDENCE}` };
  return { entry, note: '' };
}

function describeBudget(budget: Budget): string {
  if (budget.kind === 'amount') return `${budget.amount} ${budget.currency}`;
  if (budget.kind === 'range') return `${budget.min}–${budget.max} ${budget.currency}`;
  return 'none';
}

function describeTimeline(timeline: Timeline): string {
  return timeline.kind === 'date' ? `by ${timeline.date}` : `horizon ${timeline.horizon}`;
}

function checkTimeline(bant: CurrentBant, nowMs: number): ChecklistBox {
  const key = 'timeline_within_6_months';
  const { entry, note } = confident(bant.timeline);
  if (!entry) return { key, isChecked: false, reason: `timeline ${note}` };
  const months = timelineMonths(entry.value, nowMs);
  if (months === null)
    return { key, isChecked: false, reason: `timeline ${describeTimeline(entry.value)} is unknown or past` };
  const isChecked = months <= CHECKLIST_TIMELINE_MAX_MONTHS;
  return {
    key,
    isChecked,
    reason: `timeline ${describeTimeline(entry.value)} (${round(months)} months) ${isChecked ? '≤' : '>'} ${CHECKLIST_TIMELINE_MAX_MONTHS}`,
  };
}

function checkIntent(input: ChecklistInput): ChecklistBox {
  const key = 'active_intent_signal';
  const since = input.nowMs - input.intentWindowDays * DAY_MS;
  const types: readonly string[] = INTENT_EVENT_TYPES;
  const latest = input.intentEvents
    .filter(
      (event) => types.includes(event.type) && event.occurredAt >= since && event.occurredAt <= input.nowMs,
    )
    .sort((a, b) => b.occurredAt - a.occurredAt)[0];
  if (!latest)
    return {
      key,
      isChecked: false,
      reason: `no demo, meeting or quote request in the last ${input.intentWindowDays} days`,
    };
  return {
    key,
    isChecked: true,
    reason: `${latest.type} on ${new Date(latest.occurredAt).toISOString().slice(0, 10)}`,
  };
}

/** Ticks the six boxes from the fit score, the current BANT values and recent intent events. */
export function evaluateChecklist(input: ChecklistInput): Checklist {
  const { bant } = input;
  const isFit = input.fitScore >= input.icpFitMinScore;
  const need = confident(bant.need);
  const budget = confident(bant.budget);
  const authority = confident(bant.authority);
  const boxes: ChecklistBox[] = [
    {
      key: 'icp_fit',
      isChecked: isFit,
      reason: `fit score ${round(input.fitScore)} ${isFit ? '≥' : '<'} ${input.icpFitMinScore}`,
    },
    need.entry
      ? {
          key: 'need_confirmed',
          isChecked: true,
          reason: need.entry.value.category
            ? `need: ${need.entry.value.category}`
            : 'need stated (no category)',
        }
      : { key: 'need_confirmed', isChecked: false, reason: `need ${need.note}` },
    budget.entry
      ? {
          key: 'budget_confirmed',
          isChecked: budget.entry.value.kind !== 'none',
          reason: `budget ${describeBudget(budget.entry.value)}`,
        }
      : { key: 'budget_confirmed', isChecked: false, reason: `budget ${budget.note}` },
    authority.entry
      ? {
          key: 'decision_maker_identified',
          isChecked: authority.entry.value === 'decision_maker',
          reason: `authority: ${authority.entry.value}`,
        }
      : { key: 'decision_maker_identified', isChecked: false, reason: `authority ${authority.note}` },
    checkTimeline(bant, input.nowMs),
    checkIntent(input),
  ];
  const count = boxes.filter((box) => box.isChecked).length;
  return { boxes, count, verdict: count >= SQL_CHECKLIST_MIN ? 'sql' : 'nurture' };
}
