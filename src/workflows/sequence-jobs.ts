import { z } from 'zod';
import type { EnrollmentRow } from '../modules/nurturing/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import type { JobDefinition, JobQueue } from '../platform/jobs/job-queue.ts';

export const ZRunStepJob = z.object({ enrollmentId: z.string(), stepToken: z.number().int() });

const definitions = new WeakMap<JobQueue, JobDefinition<typeof ZRunStepJob>>();

/** Declares `nurturing.run-step`; the handler comes from the composition root. */
export function registerSequenceJobs(
  jobs: JobQueue,
  handle: (data: z.infer<typeof ZRunStepJob>) => Promise<void>,
): void {
  definitions.set(
    jobs,
    jobs.define({
      name: 'nurturing.run-step',
      schema: ZRunStepJob,
      concurrency: 8,
      handle: (data) => handle(data),
    }),
  );
}

/**
 * Plans the enrolment's next run in `tx`, with the token of its new position: the job exists
 * exactly when the move does, and a timer due while the process was down runs right after start.
 */
export async function scheduleEnrollmentStep(
  ctx: AppContext,
  tx: Database,
  enrollment: Pick<EnrollmentRow, 'id' | 'stepToken'>,
  at: Date | null,
): Promise<void> {
  const definition = definitions.get(ctx.jobs);
  if (!definition)
    throw new Error('nurturing.run-step is not defined: call defineSequenceJobs in the composition root');
  await ctx.jobs.send(
    definition,
    { enrollmentId: enrollment.id, stepToken: enrollment.stepToken },
    { tx, ...(at && at.getTime() > ctx.clock.now().getTime() ? { startAfter: at } : {}) },
  );
}
