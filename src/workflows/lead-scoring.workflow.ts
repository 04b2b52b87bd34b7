import {
  type KnownForReassessment,
  type QualificationChange,
  reassessLeads,
} from '../modules/qualification/index.ts';
import {
  type LeadScoreOutcome,
  loadGridCached,
  rescoreLeads,
  type ScoreCause,
  type Temperature,
} from '../modules/scoring/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { DomainHooks } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';

export interface RescoreAndReassessResult {
  scores: LeadScoreOutcome[];
  changes: QualificationChange[];
  /** Every lead's temperature after the reassessment, changed or not. */
  temperatures: Map<string, Temperature>;
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
  hooks?: Pick<DomainHooks, 'afterQualificationChanged'>,
  /** Settings and BANT values the caller read in this transaction already (an agent turn has both). */
  known: Omit<KnownForReassessment, 'grid'> = {},
): Promise<RescoreAndReassessResult> {
  if (leadIds.length === 0) return { scores: [], changes: [], temperatures: new Map() };
  // Read once: scoring and the temperature decision both follow the grid.
  const grid = await loadGridCached(tx, workspaceId);
  const scores = await rescoreLeads(tx, workspaceId, [...new Set(leadIds)], cause, now, grid);
  const { changes, temperatures } = await reassessLeads(tx, workspaceId, scores, now, { ...known, grid });
  if (hooks?.afterQualificationChanged && changes.length > 0) {
    await hooks.afterQualificationChanged(
      tx,
      workspaceId,
      changes.map((change) => ({
        leadId: change.leadId,
        temperatureTo: change.temperature?.to ?? null,
        stagesEntered: change.stages.map((step) => step.to),
      })),
    );
  }
  return { scores, changes, temperatures };
}

/** The domain hooks that keep scores, temperatures and stages current after captures and events. */
export function leadScoringHooks(
  clock: Clock,
  /** The hooks told about temperature and stage moves (read when called: the root builds them after). */
  downstream: () => Pick<DomainHooks, 'afterQualificationChanged'> = () => ({}),
): Required<Pick<DomainHooks, 'afterEventsRecorded' | 'afterLeadCaptured' | 'afterLeadsCaptured'>> {
  return {
    afterEventsRecorded: async (tx, workspaceId, leadIds) => {
      await rescoreAndReassess(tx, workspaceId, leadIds, { kind: 'event' }, clock.now(), downstream());
    },
    afterLeadCaptured: async (tx, workspaceId, capture) => {
      await rescoreAndReassess(
        tx,
        workspaceId,
        [capture.leadId],
        { kind: 'capture' },
        clock.now(),
        downstream(),
      );
    },
    afterLeadsCaptured: async (tx, workspaceId, captures) => {
      const leadIds = captures.map((capture) => capture.leadId);
      await rescoreAndReassess(tx, workspaceId, leadIds, { kind: 'capture' }, clock.now(), downstream());
    },
  };
}
