// Issue 6's dispatch figure: immediate jobs, send → handler, against a bare LISTEN/NOTIFY round trip on
// the same database, at the target's load and at a stress load where PGlite's one thread saturates.
import { describeLatency, formatMs, latencyFigures, percentWithin } from './conversations.load.ts';
import { type CpuShare, startCpuCount } from './cpu.ts';
import { type BenchResult, summarize } from './stats.ts';
import {
  type BenchDatabaseKind,
  type BenchQueues,
  measureDispatch,
  measureNotifyRoundTrips,
} from './timers.setup.ts';

export const DISPATCH_TARGET = 5;
const DISPATCH_GRACE_MS = 10_000;

export interface DispatchLoad {
  count: number;
  /** Jobs (and bare notifies) per second, open loop. */
  rate: number;
  /** The load the target is judged at; the other is printed for information. */
  isTarget: boolean;
}

export function describeOwnCpu(share: CpuShare, kind: BenchDatabaseKind): string {
  const inside = kind === 'pglite' ? 'JobQueue, workers and PGlite' : 'JobQueue and workers';
  return `CPU bench process (${inside}) ${share.loadGenerator}%, PostgreSQL ${share.postgres}%, other processes ${share.others}%`;
}

const missedOf = (values: number[]) => values.filter((value) => !Number.isFinite(value)).length;

/** Bare notifies then jobs at one load; the target row (≥ 99 % within 5 × NOTIFY p99) and the p99 row. */
export async function benchDispatch(
  queues: BenchQueues,
  load: DispatchLoad,
  log: (line: string) => void,
): Promise<BenchResult[]> {
  const { kind } = queues;
  const label = kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
  let cpu = startCpuCount(undefined);
  const notifies = await measureNotifyRoundTrips(queues, load.count, load.rate, DISPATCH_GRACE_MS);
  const notifyCpu = cpu();
  cpu = startCpuCount(undefined);
  const dispatches = await measureDispatch(queues, load.count, load.rate, DISPATCH_GRACE_MS);
  const dispatchCpu = cpu();
  const bare = latencyFigures(notifies);
  const jobs = latencyFigures(dispatches);
  const ratio = jobs.p99 / bare.p99;
  const budget = bare.p99 * DISPATCH_TARGET;
  const arrivals = `${load.count.toLocaleString('en-US')} at ${load.rate}/s`;
  log(
    `  bare LISTEN/NOTIFY round trip, ${arrivals}: ${describeLatency(bare)}; ${missedOf(notifies)} missed (${describeOwnCpu(notifyCpu, kind)})`,
  );
  log(
    `  immediate jobs, send → handler, ${arrivals}: ${describeLatency(jobs)}; ${missedOf(dispatches)} missed (${describeOwnCpu(dispatchCpu, kind)})`,
  );
  const verdict = load.isTarget
    ? `target ≤ ${DISPATCH_TARGET}×: ${ratio <= DISPATCH_TARGET ? 'PASS' : 'MISS'}`
    : 'stress load, for information';
  const line = `p99 ratio ${formatMs(jobs.p99)} / ${formatMs(bare.p99)} = ${ratio.toFixed(1)}×; ${verdict}`;
  log(`  ${line}`);
  const notes = [`${arrivals}, open loop`, line, describeOwnCpu(dispatchCpu, kind)];
  const p99Row: BenchResult = {
    id: `jobs-dispatch-p99-${kind}-${load.rate}`,
    title: `Job dispatch on ${label} at ${load.rate} jobs/s: send → handler p99 vs bare NOTIFY p99 (information)`,
    unit: 'ms',
    figure: summarize([jobs.p99]),
    baselineTitle: 'bare LISTEN/NOTIFY round trip p99 (ms)',
    baseline: summarize([bare.p99]),
    targetRatio: null,
    notes: [`jobs ${describeLatency(jobs)}; NOTIFY ${describeLatency(bare)}`, ...notes.slice(1)],
  };
  if (!load.isTarget) return [p99Row];
  return [
    {
      id: `jobs-dispatch-${kind}`,
      title: `Job dispatch on ${label} at ${load.rate} jobs/s: send → handler within ${DISPATCH_TARGET} × bare NOTIFY p99 (target p99 within, i.e. ≥ 99 %)`,
      unit: '%',
      figure: summarize([percentWithin(dispatches, budget)]),
      baselineTitle: `bare LISTEN/NOTIFY round trip within the same ${formatMs(budget)} (%)`,
      baseline: summarize([percentWithin(notifies, budget)]),
      targetRatio: 0.99,
      otherCpuPercent: dispatchCpu.others,
      notes,
    },
    p99Row,
  ];
}
