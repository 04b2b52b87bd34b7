import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { createTestJobQueue } from './job-queue.fixtures.ts';
import type { JobQueue } from './job-queue.ts';

// A NOTIFY wakes one idle worker of the queue, not all of them: every extra worker would fetch for
// nothing. Jobs must still never wait for the backstop poll (5 s), whatever the burst.
let t: TestContext;
let queue: JobQueue;
const handled = new Set<number>();
const fetches = { count: 0 };
const ZJob = z.object({ index: z.number().int() });
const definition = {
  name: 'test.wake',
  schema: ZJob,
  // Two pg-boss workers of batches of two (job-queue.ts), as most of Chaud's queues.
  concurrency: 4,
  handle: async ({ index }: z.infer<typeof ZJob>) => {
    await new Promise((resolve) => setTimeout(resolve, index % 3 === 0 ? 30 : 1));
    handled.add(index);
  },
};

async function until(condition: () => boolean, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}

beforeAll(async () => {
  t = await createTestContext();
  queue = createTestJobQueue(t);
  const db = queue.boss.getDb() as { executeSql(text: string, values?: unknown[]): Promise<unknown> };
  const executeSql = db.executeSql.bind(db);
  db.executeSql = (text, values) => {
    if (text.includes("j.name = 'test.wake'") && text.includes('SKIP LOCKED')) fetches.count++;
    return executeSql(text, values);
  };
  queue.define(definition);
  await queue.start();
  await queue.ensureQueues();
  await queue.startWorkers();
});

afterAll(async () => {
  await queue?.stop();
  await t?.close();
});

describe('JobQueue wake-ups', () => {
  it('answers a job sent to an idle queue with one fetch, not one per worker', async () => {
    // Let the workers' start-up fetches pass.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let index = 0; index < 5; index++) {
      const before = fetches.count;
      await queue.send(definition, { index: 1000 + index });
      await until(() => handled.has(1000 + index), 2_000);
      expect(handled.has(1000 + index)).toBe(true);
      // Let the woken worker finish its loop (pg-boss completes the job after the handler).
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(fetches.count - before).toBe(1);
    }
  });

  it('handles a burst larger than the workers at once, none left for the backstop poll', async () => {
    const sentAt = Date.now();
    await Promise.all(Array.from({ length: 60 }, (_, index) => queue.send(definition, { index })));
    await until(
      () => Array.from({ length: 60 }, (_, index) => index).every((index) => handled.has(index)),
      4_000,
    );
    const missing = Array.from({ length: 60 }, (_, index) => index).filter((index) => !handled.has(index));
    expect(missing).toEqual([]);
    // Well under the 5 s backstop poll: each job was fetched on a wake-up.
    expect(Date.now() - sentAt).toBeLessThan(4_000);
  });
});
