import type { AppContext } from '../platform/context.ts';
import { defineAssignmentNotices } from '../workflows/assignment-notices.ts';
import { defineBookingJobs } from '../workflows/booking-jobs.ts';
import { defineConversationJobs } from '../workflows/conversation-workers.ts';
import { defineGridRescoreJobs } from '../workflows/grid-rescore.workflow.ts';
import { defineSequenceJobs } from '../workflows/sequence-workers.ts';

/**
 * Declares the jobs (and outbox handlers) of modules and workflows. Runs before
 * `jobs.ensureQueues()` so their queues exist, in every process (serve, worker, CLI): a process
 * that only enqueues needs the definitions too, and `chaud worker` starts their handlers.
 */
export function defineModuleJobs(ctx: AppContext): void {
  defineGridRescoreJobs(ctx);
  defineConversationJobs(ctx);
  defineSequenceJobs(ctx);
  defineBookingJobs(ctx);
  defineAssignmentNotices(ctx);
}
