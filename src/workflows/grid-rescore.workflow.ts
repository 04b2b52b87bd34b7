import { z } from 'zod';
import { workspaces } from '../modules/access/index.ts';
import { reassessLeads } from '../modules/qualification/index.ts';
import {
  countScorableLeads,
  editGrid,
  type GridDocument,
  type GridProposal,
  type LeadScoreOutcome,
  loadEventFacts,
  loadGrid,
  type RescoredLead,
  rescoreWorkspace,
  type WorkspaceRescoreOptions,
} from '../modules/scoring/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Actor, AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import type { JobDefinition, JobQueue } from '../platform/jobs/job-queue.ts';
import type { Logger } from '../platform/logger.ts';
import { rescoreAndReassess } from './lead-scoring.workflow.ts';

/**
 * Up to this many leads, a grid change rescores in the request's own transaction; above it a job does
 * it in batches and the API answers 202 with the job id, so no request holds row locks on a large
 * workspace. Measured with ~5 events per lead (`npm run bench`): ~6k leads/s on PostgreSQL, ~2–3k/s
 * on PGlite, so 2,000 leads stay under about a second on either.
 */
export const SYNC_RESCORE_MAX_LEADS = 2_000;
/** Leads per statement (and transaction) when a job rescores a large workspace. */
export const RESCORE_BATCH_LEADS = 20_000;
const REASSESS_CHUNK = 1_000;

export interface RescoreSummary {
  mode: 'sync' | 'queued';
  jobId: string | null;
  scored: number | null;
  changed: number | null;
  reassessed: number | null;
}

/**
 * A set-based rescore, then qualification for the leads whose band or stage may have moved — in the
 * caller's transaction. Leads skipped because another transaction changed them meanwhile are rescored
 * lead by lead, so none keeps a score from the previous grid.
 */
export async function rescoreWorkspaceAndReassess(
  tx: Database,
  workspaceId: string,
  cause: { kind: 'grid_change' | 'decay' },
  now: Date,
  options: WorkspaceRescoreOptions = {},
) {
  const grid = options.grid ?? (await loadGrid(tx, workspaceId));
  const result = await rescoreWorkspace(tx, workspaceId, cause, now, { ...options, grid });
  let reassessed = 0;
  for (let start = 0; start < result.toReassess.length; start += REASSESS_CHUNK) {
    const chunk = result.toReassess.slice(start, start + REASSESS_CHUNK);
    reassessed += chunk.length;
    await reassessLeads(tx, workspaceId, await toOutcomes(tx, workspaceId, grid, chunk), now, { grid });
  }
  if (result.skipped.length > 0) await rescoreAndReassess(tx, workspaceId, result.skipped, cause, now);
  return { ...result, reassessed: reassessed + result.skipped.length };
}

// Qualification reads the total, fit, previous total and the hot-signal events; contributions are
// not loaded again for it (they are in score_changes).
async function toOutcomes(
  tx: Database,
  workspaceId: string,
  grid: GridDocument,
  rescored: RescoredLead[],
): Promise<LeadScoreOutcome[]> {
  const eventsByLead = await loadEventFacts(
    tx,
    workspaceId,
    rescored.map((lead) => lead.leadId),
    grid.settings.hotSignalEvents,
  );
  return rescored.map((lead) => ({
    ...lead,
    contributions: [],
    events: eventsByLead.get(lead.leadId) ?? [],
    hasChanged: lead.total !== lead.previousTotal,
  }));
}

const ZRescoreWorkspaceJob = z.object({
  workspaceId: z.string().min(1),
  gridVersion: z.number().int().min(0),
  cause: z.enum(['grid_change', 'decay']).default('grid_change'),
});

const definitions = new WeakMap<JobQueue, JobDefinition<typeof ZRescoreWorkspaceJob>>();

/** Declares `scoring.rescore-workspace` (call before `jobs.ensureQueues()`). */
export function defineGridRescoreJobs(deps: {
  db: Database;
  jobs: JobQueue;
  clock: Clock;
  logger: Logger;
}): void {
  const definition = deps.jobs.define({
    name: 'scoring.rescore-workspace',
    schema: ZRescoreWorkspaceJob,
    concurrency: 1,
    // Idempotent: a second run finds the scores already written and changes nothing.
    handle: async ({ workspaceId, gridVersion, cause }) => {
      const current = await loadGrid(deps.db, workspaceId);
      // A later grid version has its own rescore (job or synchronous): this one is superseded.
      if (cause === 'grid_change' && current.version > gridVersion) return;
      let afterLeadId: string | null = null;
      let totals = { scored: 0, changed: 0 };
      for (;;) {
        const batch = await deps.db.transaction((tx) =>
          rescoreWorkspaceAndReassess(
            tx as unknown as Database,
            workspaceId,
            { kind: cause },
            deps.clock.now(),
            { scope: { afterLeadId, limit: RESCORE_BATCH_LEADS } },
          ),
        );
        totals = { scored: totals.scored + batch.scored, changed: totals.changed + batch.changed };
        if (batch.scored < RESCORE_BATCH_LEADS || !batch.lastLeadId) break;
        afterLeadId = batch.lastLeadId;
      }
      deps.logger.info({ workspaceId, gridVersion, cause, ...totals }, 'workspace rescored');
    },
  });
  definitions.set(deps.jobs, definition);

  // Engagement points decay with time: once a day every workspace is rescored set-based, so bands
  // and lifecycle follow the decay even when nothing happens to a lead.
  const decay = deps.jobs.define({
    name: 'scoring.decay-scores',
    schema: z.object({}).passthrough(),
    concurrency: 1,
    handle: async () => {
      const rows = await deps.db.select({ id: workspaces.id }).from(workspaces);
      for (const row of rows) {
        const grid = await loadGrid(deps.db, row.id);
        await deps.jobs.send(definition, { workspaceId: row.id, gridVersion: grid.version, cause: 'decay' });
      }
    },
  });
  deps.jobs.defineSchedule(decay, '17 3 * * *');
}

/** Enqueues a workspace rescore in `tx`, so the job exists exactly when the grid change does. */
export async function enqueueWorkspaceRescore(
  jobs: JobQueue,
  tx: Database,
  payload: z.input<typeof ZRescoreWorkspaceJob>,
): Promise<string | null> {
  const definition = definitions.get(jobs);
  if (!definition)
    throw new Error(
      'scoring.rescore-workspace is not defined: call defineGridRescoreJobs in the composition root',
    );
  return jobs.send(definition, payload, { tx });
}

/**
 * A grid edit end to end: save the new version, then rescore the workspace set-based in the same
 * transaction when it is small, or enqueue the rescore job (same transaction) when it is large.
 */
export async function applyGridChange(
  ctx: AppContext,
  actor: Actor,
  edit: (current: GridDocument) => GridProposal,
): Promise<{ grid: GridDocument; rescore: RescoreSummary }> {
  return ctx.db.transaction(async (inner) => {
    const tx = inner as unknown as Database;
    const now = ctx.clock.now();
    const grid = await editGrid(tx, actor.workspaceId, actor.userId, edit, now);
    if ((await countScorableLeads(tx, actor.workspaceId)) > SYNC_RESCORE_MAX_LEADS) {
      const jobId = await enqueueWorkspaceRescore(ctx.jobs, tx, {
        workspaceId: actor.workspaceId,
        gridVersion: grid.version,
        cause: 'grid_change',
      });
      return { grid, rescore: { mode: 'queued', jobId, scored: null, changed: null, reassessed: null } };
    }
    const result = await rescoreWorkspaceAndReassess(tx, actor.workspaceId, { kind: 'grid_change' }, now, {
      grid,
    });
    return {
      grid,
      rescore: {
        mode: 'sync',
        jobId: null,
        scored: result.scored,
        changed: result.changed,
        reassessed: result.reassessed,
      },
    };
  });
}
