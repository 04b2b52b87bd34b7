// Arrival patterns and latency figures of the conversations bench: open-loop arrivals at a fixed rate,
// a bounded pool for "as fast as possible", nearest-rank percentiles.
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Starts `fire(index)` at `start + index / ratePerSecond`, whether or not earlier calls have finished
 * (open loop: a slow server does not slow the arrivals down); resolves when every call has settled.
 */
export async function runOpenLoop(
  count: number,
  ratePerSecond: number,
  fire: (index: number) => Promise<void>,
): Promise<void> {
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let index = 0; index < count; index++) {
    const wait = started + (index * 1000) / ratePerSecond - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(fire(index).catch(() => {}));
  }
  await Promise.all(pending);
}

/** Runs `task(index)` for every index, `concurrency` at a time. */
export async function runPool(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await task(index).catch(() => {});
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** Nearest-rank percentile; `Infinity` entries (misses) sort last, so many misses give an infinite p99. */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

export interface LatencyFigures {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latencyFigures(values: readonly number[]): LatencyFigures {
  return {
    count: values.length,
    p50: percentile(values, 0.5),
    p95: percentile(values, 0.95),
    p99: percentile(values, 0.99),
    max: percentile(values, 1),
  };
}

/** Percent of `values` at or under `limit` (100 when all are). */
export function percentWithin(values: readonly number[], limit: number): number {
  if (values.length === 0) return Number.NaN;
  return (values.filter((value) => value <= limit).length / values.length) * 100;
}

export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return '∞';
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

export function describeLatency(figures: LatencyFigures): string {
  return `p50 ${formatMs(figures.p50)}, p95 ${formatMs(figures.p95)}, p99 ${formatMs(figures.p99)}, max ${formatMs(figures.max)}`;
}

/** Resolves once `isDone()` holds, or when `stallMs` pass without `progress()` changing, or at `limitMs`. */
export async function waitForProgress(
  isDone: () => boolean,
  progress: () => number,
  stallMs: number,
  limitMs: number,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  let last = progress();
  let lastChange = Date.now();
  while (!isDone() && Date.now() < deadline && Date.now() - lastChange < stallMs) {
    await sleep(50);
    const now = progress();
    if (now !== last) {
      last = now;
      lastChange = Date.now();
    }
  }
}
