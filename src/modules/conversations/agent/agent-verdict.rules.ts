/**
 * The agent's conclusion for the sales team when qualification ends without a meeting. The score's
 * temperature says how engaged the lead is; what the lead said (BANT) can say more: a lead with a
 * need, money set aside and a project within six months is worth a salesperson's follow-up even
 * when the score is still cold, and one whose project is more than six months away is not, however
 * engaged.
 */
import { CONFIRMED_CONFIDENCE, timelineMonths } from '../../qualification/index.ts';
import { ANSWERED_CONFIDENCE, type KnownBant, type Temperature } from './agent.types.ts';

/** A project further away than this is cold, whatever the score. */
export const WARM_MAX_TIMELINE_MONTHS = 6;

export interface VerdictInput {
  temperature: Temperature;
  /** BANT values after this turn's updates. */
  known: KnownBant;
  now: Date;
  /** The lead put the talk off ("pas maintenant"): engagement alone no longer makes them warm. */
  isDelay?: boolean;
}

/**
 * `hot` when the score says so (and the lead did not put the talk off); `cold` when the confirmed
 * timeline is more than 6 months away; `warm` for a lead qualified by BANT (stated need, confirmed
 * budget other than "none", confirmed timeline within 6 months) or warm by score; `cold` otherwise.
 */
export function decideVerdict(input: VerdictInput): Temperature {
  const { temperature, known, now, isDelay = false } = input;
  if (temperature === 'hot' && !isDelay) return 'hot';
  const months = confirmedTimelineMonths(known, now);
  if (months !== null && months > WARM_MAX_TIMELINE_MONTHS) return 'cold';
  if (isQualifiedByBant(known, months)) return 'warm';
  return temperature === 'warm' && !isDelay ? 'warm' : 'cold';
}

function confirmedTimelineMonths(known: KnownBant, now: Date): number | null {
  const timeline = known.timeline;
  if (!timeline || timeline.confidence < CONFIRMED_CONFIDENCE) return null;
  return timelineMonths(timeline.value, now.getTime());
}

function isQualifiedByBant(known: KnownBant, months: number | null): boolean {
  const hasNeed = (known.need?.confidence ?? 0) >= ANSWERED_CONFIDENCE;
  const budget = known.budget;
  const hasBudget = !!budget && budget.confidence >= CONFIRMED_CONFIDENCE && budget.value.kind !== 'none';
  return hasNeed && hasBudget && months !== null && months <= WARM_MAX_TIMELINE_MONTHS;
}
