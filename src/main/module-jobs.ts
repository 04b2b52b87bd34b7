import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db/database.ts';
import type { JobQueue } from '../platform/jobs/job-queue.ts';
import type { Logger } from '../platform/logger.ts';
import { defineGridRescoreJobs } from '../workflows/grid-rescore.workflow.ts';

export interface ModuleJobDeps {
  db: Database;
  jobs: JobQueue;
  clock: Clock;
  logger: Logger;
}

/**
 * Declares the jobs of modules and workflows on the queue. Runs before `jobs.ensureQueues()` so their
 * queues exist, in every process (serve, worker, CLI): a process that only enqueues needs the
 * definitions too, and `chaud worker` starts their handlers.
 */
export function defineModuleJobs(deps: ModuleJobDeps): void {
  defineGridRescoreJobs(deps);
}
