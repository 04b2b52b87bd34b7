import {
  type KnownForReassessment,
  type QualificationChange,
  reassessLeads,
} from '../modules/qualification/index.ts';
import {
  type EventFact,
  eventTypesRead,
  type GridDocument,
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
  /**
   * Settings and BANT values the caller read in this transaction already (an agent turn has both);
   * `createdLeads`: leads this transaction created, by the type of their one event (captures).
   */
  known: Omit<KnownForReassessment, 'grid'> & { createdLeads?: ReadonlyMap<string, string> } = {},
): Promise<RescoreAndReassessResult> {
  if (leadIds.length === 0) return { scores: [], changes: [], temperatures: new Map() };
  const { createdLeads, ...reassessment } = known;
  // Read once: scoring and the temperature decision both follow the grid.
  const grid = await loadGridCached(tx, workspaceId);
  const history = createdLeads ? historyOfCreatedLeads(createdLeads, grid) : undefined;
  const scores = await rescoreLeads(
    tx,
    workspaceId,
    [...new Set(leadIds)],
    cause,
    now,
    grid,
    history?.events,
  );
  const { changes, temperatures } = await reassessLeads(tx, workspaceId, scores, now, {
    ...(history ? { bant: history.bant } : {}),
    ...reassessment,
    grid,
  });
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

/**
 * What scoring would read back of leads the transaction has just created: nothing but their capture
 * event, which the grid may not read at all, and no BANT value. Two statements of a capture batch's
 * ten, and of a new lead's first WhatsApp message.
 */
function historyOfCreatedLeads(createdLeads: ReadonlyMap<string, string>, grid: GridDocument) {
  const read = new Set(eventTypesRead(grid));
  const events = new Map<string, EventFact[]>();
  for (const [leadId, eventType] of createdLeads) if (!read.has(eventType)) events.set(leadId, []);
  const bant = new Map([...createdLeads.keys()].map((leadId) => [leadId, {}]));
  return { events, bant };
}

type CapturedLead = Parameters<DomainHooks['afterLeadCaptured']>[2];

/** Captures that created their lead, recorded no BANT answer, and are the only capture of it here. */
function createdLeadsOf(captures: readonly (Omit<CapturedLead, 'source'> & { source?: string })[]) {
  const counts = new Map<string, number>();
  for (const { leadId } of captures) counts.set(leadId, (counts.get(leadId) ?? 0) + 1);
  const created = new Map<string, string>();
  for (const capture of captures)
    if (capture.isCreated && !capture.hasBantAnswers && capture.eventType && counts.get(capture.leadId) === 1)
      created.set(capture.leadId, capture.eventType);
  return created;
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
        { createdLeads: createdLeadsOf([capture]) },
      );
    },
    afterLeadsCaptured: async (tx, workspaceId, captures) => {
      const leadIds = captures.map((capture) => capture.leadId);
      await rescoreAndReassess(tx, workspaceId, leadIds, { kind: 'capture' }, clock.now(), downstream(), {
        createdLeads: createdLeadsOf(captures),
      });
    },
  };
}
