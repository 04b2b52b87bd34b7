import type { TestContext } from '../../../test/harness.ts';
import { createLogger } from '../logger.ts';
import { JobQueue } from './job-queue.ts';

/** A job queue of its own on a test context's database, for tests of the queue itself. */
export function createTestJobQueue(t: TestContext): JobQueue {
  return new JobQueue(
    t.ctx.handle,
    createLogger('silent'),
    t.config.database.kind === 'postgres' ? t.config.database.url : undefined,
  );
}
