import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { LoopHeadroom } from './loop-headroom.ts';

function busyFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Holds the event loop, as PGlite's queries do.
  }
}

let headroom: LoopHeadroom | null = null;
afterEach(() => headroom?.stop());

describe('LoopHeadroom', () => {
  it('lets a job start at once on an idle loop', async () => {
    headroom = new LoopHeadroom({ busyAbove: 0.7, windowMs: 20, maxWaitMs: 1_000 });
    await headroom.wait();
    await new Promise((resolve) => setTimeout(resolve, 60));
    const started = performance.now();
    await headroom.wait();
    expect(headroom.utilization).toBeLessThan(0.7);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('holds a job while the loop is saturated, and lets it go once the loop has room', async () => {
    headroom = new LoopHeadroom({ busyAbove: 0.7, windowMs: 20, maxWaitMs: 5_000 });
    await headroom.wait();
    // Saturate the loop in 15 ms slices for ~200 ms, yielding only briefly between them.
    let saturating = true;
    const saturate = async () => {
      while (saturating) {
        busyFor(15);
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const load = saturate();
    setTimeout(() => {
      saturating = false;
    }, 200);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(headroom.utilization).toBeGreaterThan(0.7);
    const started = performance.now();
    let released = false;
    const waiting = headroom.wait().then(() => {
      released = true;
    });
    expect(headroom.waiting).toBe(1);
    await load;
    expect(released).toBe(false);
    await waiting;
    expect(performance.now() - started).toBeGreaterThan(100);
    expect(headroom.waiting).toBe(0);
  });

  it('never holds a job longer than the bound', async () => {
    headroom = new LoopHeadroom({ busyAbove: 0.7, windowMs: 20, maxWaitMs: 100 });
    await headroom.wait();
    let saturating = true;
    const load = (async () => {
      while (saturating) {
        busyFor(15);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 60));
    const started = performance.now();
    await headroom.wait();
    const waited = performance.now() - started;
    saturating = false;
    await load;
    expect(waited).toBeGreaterThanOrEqual(90);
    expect(waited).toBeLessThan(1_000);
  });
});
