import type { CurrentBant, Timeline, TimelineHorizon } from './bant.schemas.ts';
import type { NeedCategory } from './qualification.tables.ts';

const DAY_MS = 86_400_000;
// An average month (365.25 / 12 days): precise enough for a buying timeline.
const MONTH_MS = 30.4375 * DAY_MS;

/** Values below this confidence are leads to check, not facts: they tick no box and make no lead hot. */
export const CONFIRMED_CONFIDENCE = 0.7;

/**
 * Months until the decision a horizon stands for. Horizons are half-open buckets ("1–3 months"
 * is [1, 3)), so each maps to the middle of its bucket: "under 3 months" then holds for the
 * whole of `1_3m` and "at most 6 months" for the whole of `3_6m`. An open-ended `gt_6m` reads as a year.
 */
export const HORIZON_MONTHS: Record<TimelineHorizon, number | null> = {
  lt_1m: 0.5,
  '1_3m': 2,
  '3_6m': 4.5,
  gt_6m: 12,
  unknown: null,
};

/** Months from now until the decision; null when unknown or when a stated date has already passed. */
export function timelineMonths(timeline: Timeline, nowMs: number): number | null {
  if (timeline.kind === 'horizon') return HORIZON_MONTHS[timeline.horizon];
  const dateMs = Date.parse(`${timeline.date}T00:00:00Z`);
  const todayMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
  // A date in the past is stale information, not an imminent purchase.
  if (Number.isNaN(dateMs) || dateMs < todayMs) return null;
  return Math.max(0, (dateMs - nowMs) / MONTH_MS);
}

/** What BANT tells the temperature rules: a confirmed budget and the timeline in months. */
export function bantSignals(
  bant: CurrentBant,
  nowMs: number,
): { hasConfirmedBudget: boolean; timelineMonths: number | null } {
  const budget = bant.budget;
  const timeline = bant.timeline;
  return {
    hasConfirmedBudget: !!budget && budget.confidence >= CONFIRMED_CONFIDENCE && budget.value.kind !== 'none',
    timelineMonths:
      timeline && timeline.confidence >= CONFIRMED_CONFIDENCE ? timelineMonths(timeline.value, nowMs) : null,
  };
}

/** Lower-case without accents: "Génération" → "generation", "cœur" → "coeur". */
export function foldText(value: string): string {
  return value
    .toLowerCase()
    .replaceAll('œ', 'oe')
    .replaceAll('æ', 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

function words(value: string): string[] {
  return foldText(value)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

// "lead" matches "leads", "prospect" matches "prospection"; words under 3 letters must match exactly.
function isWordMatch(textWord: string, keywordWord: string): boolean {
  return textWord === keywordWord || (keywordWord.length >= 3 && textWord.startsWith(keywordWord));
}

function containsPhrase(text: string[], phrase: string[]): boolean {
  if (phrase.length === 0) return false;
  for (let start = 0; start + phrase.length <= text.length; start++) {
    if (phrase.every((word, offset) => isWordMatch(text[start + offset]!, word))) return true;
  }
  return false;
}

/**
 * The workspace category a need's text is about: the one whose name or keywords appear most
 * often in it (accent- and case-insensitive), the first listed on a tie, null when none appears.
 */
export function matchNeedCategory(text: string, categories: readonly NeedCategory[]): string | null {
  const textWords = words(text);
  let best: { name: string; hits: number } | null = null;
  for (const category of categories) {
    const hits = [category.name, ...category.keywords].filter((keyword) =>
      containsPhrase(textWords, words(keyword)),
    ).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { name: category.name, hits };
  }
  return best?.name ?? null;
}

/** The workspace's spelling of a category a client named, null when the list has no such category. */
export function findNeedCategory(name: string, categories: readonly NeedCategory[]): string | null {
  const folded = foldText(name.trim());
  return categories.find((category) => foldText(category.name) === folded)?.name ?? null;
}
