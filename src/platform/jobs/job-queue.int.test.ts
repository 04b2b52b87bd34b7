import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { createTestJobQueue } from './job-queue.fixtures.ts';
import type { JobQueue } from './job-queue.ts';

// A delayed job sends no NOTIFY when it falls due: without the wake-up, idle workers would find it
// on their backstop poll, seconds late.
let t: TestContext;
let queue: JobQueue;
const handled: { id: string; at: number }[] = [];

beforeAll(async () => {
  t = await createTestContext();
  queue = createTestJobQueue(t);
  queue.define({
    name: 'test.timer',
    schema: z.object({ id: z.string() }),
    handle: async ({ id }) => {
      handled.push({ id, at: Date.now() });
    },
  });
  await queue.start();
  await queue.ensureQueues();
  await queue.startWorkers();
});

afterAll(async () => {
  await queue?.stop();
  await t?.close();
});

describe('JobQueue timers', () => {
  it('runs a job due in a second within half a second of its time, not at the next poll', async () => {
    const definition = { name: 'test.timer', schema: z.object({ id: z.string() }), handle: async () => {} };
    const dueAt = Date.now() + 1_000;
    await queue.send(definition, { id: 'soon' }, { startAfter: new Date(dueAt) });
    const deadline = Date.now() + 8_000;
    while (!handled.some((item) => item.id === 'soon') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const run = handled.find((item) => item.id === 'soon');
    expect(run).toBeDefined();
    expect(run!.at - dueAt).toBeGreaterThanOrEqual(-50);
    expect(run!.at - dueAt).toBeLessThan(500);
  });
});
