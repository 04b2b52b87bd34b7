import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

// A fake writer that records each write and can be told to fail: the seam here is the batching.
function recorder(options: { failManyWhen?: (items: number[]) => boolean; delayMs?: number } = {}) {
  const writes: { kind: 'many' | 'one'; items: number[] }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const pause = () => new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 5));
  const group = (maxConcurrent = 1) =>
    new GroupCommit<number, string>({
      keyOf: (item) => (item >= 1000 ? 'other' : 'main'),
      writeMany: async (_key, items) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await pause();
        inFlight--;
        if (options.failManyWhen?.(items)) throw new Error('batch failed');
        writes.push({ kind: 'many', items });
        return items.map((item) => `ok ${item}`);
      },
      writeOne: async (item) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await pause();
        inFlight--;
        if (item < 0) throw new Error(`bad ${item}`);
        writes.push({ kind: 'one', items: [item] });
        return `ok ${item}`;
      },
      maxBatch: 10,
      maxConcurrent,
    });
  return { writes, group, maxInFlight: () => maxInFlight };
}

describe('GroupCommit', () => {
  it('writes a lone item at once, alone', async () => {
    const { writes, group } = recorder();
    expect(await group().submit(1)).toBe('ok 1');
    expect(writes).toEqual([{ kind: 'one', items: [1] }]);
  });

  it('writes items arriving together in one write, each with its own answer', async () => {
    const { writes, group } = recorder();
    const commit = group();
    const answers = await Promise.all([1, 2, 3, 4, 5].map((item) => commit.submit(item)));
    expect(answers).toEqual(['ok 1', 'ok 2', 'ok 3', 'ok 4', 'ok 5']);
    expect(writes).toEqual([{ kind: 'many', items: [1, 2, 3, 4, 5] }]);
  });

  it('cuts batches at maxBatch and keeps one write in flight per key', async () => {
    const { writes, group, maxInFlight } = recorder();
    const commit = group(1);
    const items = Array.from({ length: 25 }, (_, index) => index);
    await Promise.all(items.map((item) => commit.submit(item)));
    expect(writes.map((write) => write.items.length)).toEqual([10, 10, 5]);
    expect(writes.flatMap((write) => write.items)).toEqual(items);
    expect(maxInFlight()).toBe(1);
  });

  it('never mixes keys in one write', async () => {
    const { writes, group } = recorder();
    const commit = group();
    await Promise.all([1, 1001, 2, 1002].map((item) => commit.submit(item)));
    for (const write of writes) {
      const keys = new Set(write.items.map((item) => (item >= 1000 ? 'other' : 'main')));
      expect(keys.size).toBe(1);
    }
    expect(writes.flatMap((write) => write.items).sort((a, b) => a - b)).toEqual([1, 2, 1001, 1002]);
  });

  it('retries a failed batch item by item: a bad item fails alone', async () => {
    const { writes, group } = recorder({ failManyWhen: (items) => items.includes(-1) });
    const commit = group();
    const outcomes = await Promise.allSettled([1, -1, 2].map((item) => commit.submit(item)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('bad -1');
    expect(writes).toEqual([
      { kind: 'one', items: [1] },
      { kind: 'one', items: [2] },
    ]);
  });
});
