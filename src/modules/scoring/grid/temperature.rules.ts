import { DAY_MS, type EventFact } from './grid.engine.ts';
import type { ScoringSettings } from './grid.schemas.ts';

export type Temperature = 'cold' | 'warm' | 'hot';

export interface QualificationSignals {
  /** Budget confirmed (an amount or range, not "none"). */
  hasConfirmedBudget: boolean;
  /** Upper bound of the decision timeline in months, null when unknown. */
  timelineMonths: number | null;
}

export interface TemperatureDecision {
  temperature: Temperature;
  /** Why: the band, or the signal that overrode it. */
  reason: string;
}

/** Bands from the score, overridden to hot by explicit buying signals (demo/quote request, short timeline with budget). */
export function decideTemperature(
  total: number,
  settings: ScoringSettings,
  events: readonly EventFact[],
  signals: QualificationSignals,
  nowMs: number,
): TemperatureDecision {
  const since = nowMs - settings.hotSignalDays * DAY_MS;
  const signal = events.find(
    (event) =>
      settings.hotSignalEvents.includes(event.type) && event.occurredAt >= since && event.occurredAt <= nowMs,
  );
  if (signal) return { temperature: 'hot', reason: `signal:${signal.type}` };
  if (signals.hasConfirmedBudget && signals.timelineMonths !== null && signals.timelineMonths < 3) {
    return { temperature: 'hot', reason: 'signal:bant_budget_and_timeline_under_3_months' };
  }
  if (total >= settings.bands.hot) return { temperature: 'hot', reason: `score>=${settings.bands.hot}` };
  if (total >= settings.bands.warm) return { temperature: 'warm', reason: `score>=${settings.bands.warm}` };
  return { temperature: 'cold', reason: `score<${settings.bands.warm}` };
}
