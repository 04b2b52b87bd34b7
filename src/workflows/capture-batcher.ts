import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { GroupCommit } from '../platform/db/group-commit.ts';
import { refreshPlannerStatistics } from '../platform/db/planner-statistics.ts';
import { captureLeadsInBulk } from './lead-bulk-intake.workflow.ts';
import { captureLead, type LeadIntake, type LeadIntakeResult } from './lead-intake.workflow.ts';

/** Captures between two checks of the planner statistics. */
const STATISTICS_CHECK_CAPTURES = 5_000;

export interface CaptureBatcherOptions {
  /** Captures of one workspace written together at most. */
  maxBatch?: number;
  /** Batches of one workspace in flight at once (PGlite has one connection: 1). */
  maxConcurrent?: number;
}

/**
 * Group commit for API captures (see group-commit.ts): concurrent captures of one workspace are
 * written in one transaction (one bulk upsert, one rescore); a failed batch is retried capture by
 * capture, so a bad capture never fails its neighbours.
 */
export class CaptureBatcher {
  private readonly group: GroupCommit<LeadIntake, LeadIntakeResult>;
  private capturedSinceCheck = 0;

  constructor(ctx: AppContext, options: CaptureBatcherOptions = {}) {
    this.group = new GroupCommit({
      keyOf: (intake) => intake.workspaceId,
      writeMany: async (workspaceId, intakes) => {
        const results = await ctx.db.transaction((tx) =>
          captureLeadsInBulk(ctx, workspaceId, intakes, tx as unknown as Database),
        );
        await this.keepStatisticsFresh(ctx, intakes.length);
        return results;
      },
      writeOne: (intake) => captureLead(ctx, intake),
      maxBatch: options.maxBatch ?? 100,
      maxConcurrent: options.maxConcurrent ?? (ctx.handle.kind === 'pglite' ? 1 : 3),
    });
  }

  /**
   * Every few thousand captures, after their commit: the tables a burst of captures grows get fresh
   * planner statistics (PGlite has no autovacuum; see planner-statistics.ts).
   */
  private async keepStatisticsFresh(ctx: AppContext, captured: number): Promise<void> {
    this.capturedSinceCheck += captured;
    if (this.capturedSinceCheck < STATISTICS_CHECK_CAPTURES) return;
    this.capturedSinceCheck = 0;
    await refreshPlannerStatistics(ctx.db).catch((error: unknown) =>
      ctx.logger.warn({ err: error }, 'planner statistics not refreshed'),
    );
  }

  capture(intake: LeadIntake): Promise<LeadIntakeResult> {
    return this.group.submit(intake);
  }
}
