import { LIFECYCLE_STAGES } from '../leads/index.ts';
import { SQL_CHECKLIST_MIN } from './checklist.rules.ts';
import { qualificationErrors } from './qualification.errors.ts';

export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** The forward path; `disqualified` and `recycled` sit beside it. */
export const STAGE_LADDER = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer'] as const;

// Stages the automatic rules may move a lead out of; later stages belong to people.
const AUTO_PROMOTABLE: readonly string[] = ['subscriber', 'lead', 'recycled', 'mql'];
// Stages a sales rep's confirmation may turn into SQL.
const CONFIRMABLE: readonly string[] = ['subscriber', 'lead', 'recycled', 'mql'];

export function isLifecycleStage(value: string): value is LifecycleStage {
  return (LIFECYCLE_STAGES as readonly string[]).includes(value);
}

/** A move down the ladder, or out of it to `recycled`/`disqualified`. */
export function isBackwardMove(from: string, to: string): boolean {
  if (to === 'recycled' || to === 'disqualified') return true;
  const fromRank = STAGE_LADDER.indexOf(from as (typeof STAGE_LADDER)[number]);
  const toRank = STAGE_LADDER.indexOf(to as (typeof STAGE_LADDER)[number]);
  return fromRank >= 0 && toRank >= 0 && toRank < fromRank;
}

/** Checks a manual move (any direction): a known stage, another stage than the current one, and a reason. */
export function validateManualMove(
  from: string,
  to: string,
  reason: string | undefined,
): { to: LifecycleStage; reason: string } {
  if (!isLifecycleStage(to)) throw qualificationErrors.unknownStage(to, LIFECYCLE_STAGES);
  const trimmed = reason?.trim() ?? '';
  if (trimmed.length === 0) throw qualificationErrors.reasonRequired();
  if (from === to) throw qualificationErrors.alreadyAtStage(to);
  return { to, reason: trimmed };
}

/** Whether a sales rep's confirmation moves the lead to SQL (`move`) or it is there already (`none`). */
export function decideSqlConfirmation(from: string): 'move' | 'none' {
  if (from === 'sql') return 'none';
  if (!CONFIRMABLE.includes(from)) throw qualificationErrors.confirmationNotAllowed(from);
  return 'move';
}

export interface AutomaticStageInput {
  stage: string;
  score: number;
  /** The score before the change being assessed. */
  previousScore: number;
  thresholds: { mql: number; sql: number };
  checklistCount: number;
  /**
   * The lead was last moved backward (by a person or a recycling policy): the rules then wait for
   * new evidence — the score crossing a threshold now — instead of undoing that decision at once.
   */
  isHeld: boolean;
}

export interface StageStep {
  from: LifecycleStage;
  to: LifecycleStage;
  reason: string;
}

const show = (value: number) => String(Math.round(value * 100) / 100);

/**
 * Automatic upward moves: MQL at score ≥ the MQL threshold, SQL at score ≥ the SQL threshold with
 * at least 5 of the 6 checklist boxes. Never moves a lead down. A lead that qualifies for both
 * passes through MQL (two steps) so the funnel sees each stage.
 */
export function decideAutomaticSteps(input: AutomaticStageInput): StageStep[] {
  if (!AUTO_PROMOTABLE.includes(input.stage) || !isLifecycleStage(input.stage)) return [];
  const reaches = (threshold: number) =>
    input.score >= threshold && (!input.isHeld || input.previousScore < threshold);
  const { mql, sql } = input.thresholds;
  const steps: StageStep[] = [];
  let current: LifecycleStage = input.stage;
  if (current !== 'mql' && reaches(mql)) {
    steps.push({
      from: current,
      to: 'mql',
      reason: `score ${show(input.score)} ≥ MQL threshold ${show(mql)}`,
    });
    current = 'mql';
  }
  if (current === 'mql' && reaches(sql) && input.checklistCount >= SQL_CHECKLIST_MIN) {
    steps.push({
      from: current,
      to: 'sql',
      reason: `score ${show(input.score)} ≥ SQL threshold ${show(sql)} and ${input.checklistCount}/6 checklist boxes`,
    });
  }
  return steps;
}
