import { analyticsErrors } from './analytics.errors.ts';

const DAY_MS = 86_400_000;
export const DEFAULT_PERIOD_DAYS = 90;
/** Two years, leap day included: the weekly series stay under ~105 points. */
export const MAX_PERIOD_DAYS = 731;

/** The lifecycle stages the funnel follows, in order (subscriber, recycled and disqualified sit outside). */
export const FUNNEL_STAGES = ['lead', 'mql', 'sql', 'opportunity', 'customer'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Speed-to-lead buckets: [lower, upper) in seconds; `never` is counted apart. */
export const SPEED_BUCKETS = [
  { key: 'under_1m', lower: 0, upper: 60 },
  { key: '1m_5m', lower: 60, upper: 300 },
  { key: '5m_30m', lower: 300, upper: 1800 },
  { key: '30m_2h', lower: 1800, upper: 7200 },
  { key: '2h_24h', lower: 7200, upper: 86_400 },
  { key: 'over_24h', lower: 86_400, upper: null },
] as const;
export type SpeedBucketKey = (typeof SPEED_BUCKETS)[number]['key'] | 'never';

export interface Period {
  from: Date;
  to: Date;
}

/**
 * The dashboard period: both ends optional (defaults: the last 90 days up to now), `from` strictly
 * before `to`, at most two years so one request stays a bounded scan.
 */
export function resolvePeriod(input: { from?: string; to?: string }, now: Date): Period {
  const to = input.to ? new Date(input.to) : now;
  const from = input.from ? new Date(input.from) : new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime())
    throw analyticsErrors.periodNotOrdered(from.toISOString(), to.toISOString());
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  if (days > MAX_PERIOD_DAYS) throw analyticsErrors.periodTooLong(Math.ceil(days), MAX_PERIOD_DAYS);
  return { from, to };
}

/** Monday 00:00 UTC of the ISO week holding `instant`, as YYYY-MM-DD. */
export function isoWeekStart(instant: Date): string {
  const day = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

/** Every ISO week start touched by the period [from, to), so weeks without data still show as zeros. */
export function weekStartsOf(period: Period): string[] {
  const weeks: string[] = [];
  const last = period.to.getTime() - 1;
  for (
    let week = new Date(`${isoWeekStart(period.from)}T00:00:00Z`).getTime();
    week <= last;
    week += 7 * DAY_MS
  ) {
    weeks.push(new Date(week).toISOString().slice(0, 10));
  }
  return weeks;
}

/** `part / whole`, or null when there is nothing to convert from (a rate of an empty stage means nothing). */
export function rateOf(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export interface WeeklyCount {
  weekStart: string;
  key: string;
  count: number;
}

/** Pivots (week, key, count) rows into one row per week of the period with a count for every key. */
export function pivotWeekly(
  rows: WeeklyCount[],
  weeks: string[],
  knownKeys: readonly string[] = [],
): { keys: string[]; weeks: { weekStart: string; counts: Record<string, number> }[] } {
  const extra = [...new Set(rows.map((row) => row.key))].filter((key) => !knownKeys.includes(key)).sort();
  const keys = [...knownKeys, ...extra];
  const byWeek = new Map(weeks.map((week) => [week, Object.fromEntries(keys.map((key) => [key, 0]))]));
  for (const row of rows) {
    const counts = byWeek.get(row.weekStart);
    if (counts) counts[row.key] = (counts[row.key] ?? 0) + row.count;
  }
  return { keys, weeks: [...byWeek].map(([weekStart, counts]) => ({ weekStart, counts })) };
}
