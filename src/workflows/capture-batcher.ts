import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { GroupCommit } from '../platform/db/group-commit.ts';
import { captureLeadsInBulk } from './lead-bulk-intake.workflow.ts';
import { captureLead, type LeadIntake, type LeadIntakeResult } from './lead-intake.workflow.ts';

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

  constructor(ctx: AppContext, options: CaptureBatcherOptions = {}) {
    this.group = new GroupCommit({
      keyOf: (intake) => intake.workspaceId,
      writeMany: (workspaceId, intakes) =>
        ctx.db.transaction((tx) => captureLeadsInBulk(ctx, workspaceId, intakes, tx as unknown as Database)),
      writeOne: (intake) => captureLead(ctx, intake),
      maxBatch: options.maxBatch ?? 100,
      maxConcurrent: options.maxConcurrent ?? (ctx.handle.kind === 'pglite' ? 1 : 3),
    });
  }

  capture(intake: LeadIntake): Promise<LeadIntakeResult> {
    return this.group.submit(intake);
  }
}
