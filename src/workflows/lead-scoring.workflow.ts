import { type QualificationChange, reassessLeads } from '../modules/qualification/index.ts';
import { type LeadScoreOutcome, rescoreLeads, type ScoreCause } from '../modules/scoring/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { DomainHooks } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';

export interface RescoreAndReassessResult {
  scores: LeadScoreOutcome[];
  changes: QualificationChange[];
}

/**
 * Something happened to these leads: rescore them, then decide temperature and lifecycle stage from
 * the new scores — in the caller's transaction, so the change and what it implies commit together.
 */
export async function rescoreAndReassess(
  tx: Database,
  workspaceId: string,
  leadIds: string[],
  cause: Omit<ScoreCause, 'gridVersion'>,
  now: Date,
): Promise<RescoreAndReassessResult> {
  const scores = await rescoreLeads(tx, workspaceId, [...new Set(leadIds)], cause, now);
  const changes = await reassessLeads(tx, workspaceId, scores, now);
  return { scores, changes };
}

/** The domain hooks that keep scores, temperatures and stages current after captures and events. */
export function leadScoringHooks(
  clock: Clock,
): Pick<DomainHooks, 'afterEventsRecorded' | 'afterLeadCaptured' | 'afterLeadsCaptured'> {
  return {
    afterEventsRecorded: async (tx, workspaceId, leadIds) => {
      await rescoreAndReassess(tx, workspaceId, leadIds, { kind: 'event' }, clock.now());
    },
    afterLeadCaptured: async (tx, workspaceId, capture) => {
      await rescoreAndReassess(tx, workspaceId, [capture.leadId], { kind: 'capture' }, clock.now());
    },
    afterLeadsCaptured: async (tx, workspaceId, captures) => {
      const leadIds = captures.map((capture) => capture.leadId);
      await rescoreAndReassess(tx, workspaceId, leadIds, { kind: 'capture' }, clock.now());
    },
  };
}
