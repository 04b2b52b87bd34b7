import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { captureLeadsInBulk } from './lead-bulk-intake.workflow.ts';
import { captureLead, type LeadIntake, type LeadIntakeResult } from './lead-intake.workflow.ts';

interface Pending {
  intake: LeadIntake;
  resolve(result: LeadIntakeResult): void;
  reject(error: unknown): void;
}

interface WorkspaceQueue {
  waiting: Pending[];
  running: number;
}

export interface CaptureBatcherOptions {
  /** Captures of one workspace written together at most. */
  maxBatch?: number;
  /** Batches of one workspace in flight at once (PGlite has one connection: 1). */
  maxConcurrent?: number;
}

/**
 * Group commit for API captures. A capture that finds its workspace idle is written at once, alone;
 * captures arriving while a write is in flight wait for it and are then written together in one
 * transaction (one bulk upsert, one rescore), so latency stays minimal when quiet and throughput
 * grows with load. When a batch fails, its captures are retried one by one so each gets its own
 * answer — a bad capture never fails its neighbours.
 */
export class CaptureBatcher {
  private readonly queues = new Map<string, WorkspaceQueue>();
  private readonly ctx: AppContext;
  private readonly maxBatch: number;
  private readonly maxConcurrent: number;

  constructor(ctx: AppContext, options: CaptureBatcherOptions = {}) {
    this.ctx = ctx;
    this.maxBatch = options.maxBatch ?? 100;
    this.maxConcurrent = options.maxConcurrent ?? (ctx.handle.kind === 'pglite' ? 1 : 3);
  }

  capture(intake: LeadIntake): Promise<LeadIntakeResult> {
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(intake.workspaceId);
      if (!queue) {
        queue = { waiting: [], running: 0 };
        this.queues.set(intake.workspaceId, queue);
      }
      queue.waiting.push({ intake, resolve, reject });
      this.drain(intake.workspaceId, queue);
    });
  }

  private drain(workspaceId: string, queue: WorkspaceQueue): void {
    while (queue.running < this.maxConcurrent && queue.waiting.length > 0) {
      queue.running += 1;
      void this.writeNextBatch(workspaceId, queue).finally(() => {
        queue.running -= 1;
        if (queue.waiting.length > 0) this.drain(workspaceId, queue);
        else if (queue.running === 0) this.queues.delete(workspaceId);
      });
    }
  }

  private async writeNextBatch(workspaceId: string, queue: WorkspaceQueue): Promise<void> {
    // Let requests already received reach the queue before cutting the batch: PGlite answers
    // queries through microtasks only, so without this turn of the event loop no request
    // would ever arrive while another is being written.
    await new Promise((resolve) => setImmediate(resolve));
    const batch = queue.waiting.splice(0, this.maxBatch);
    if (batch.length > 0) await this.write(workspaceId, batch);
  }

  private async write(workspaceId: string, batch: Pending[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const results = await this.ctx.db.transaction((tx) =>
          captureLeadsInBulk(
            this.ctx,
            workspaceId,
            batch.map((item) => item.intake),
            tx as unknown as Database,
          ),
        );
        for (const [index, item] of batch.entries()) item.resolve(results[index]!);
        return;
      } catch {
        // One capture was invalid or raced another writer: fall through to one transaction each.
      }
    }
    for (const item of batch) {
      try {
        item.resolve(await captureLead(this.ctx, item.intake));
      } catch (error) {
        item.reject(error);
      }
    }
  }
}
