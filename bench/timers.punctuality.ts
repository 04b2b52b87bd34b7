// Timer punctuality: pg-boss jobs with `startAfter` at their due time, created up front, against plain
// setTimeout for the same due times in the same process; lateness = handler start − due time.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type CpuShare, startCpuCount } from './cpu.ts';
import { type BenchQueues, waitFor } from './timers.setup.ts';

/** Timers created per batch (sent side by side, then awaited together). */
const CREATE_BATCH = 250;
/** The first timer is due this long after the last is created (plus a margin for a slow creation). */
const LEAD_MS = 5_000;
/** Past the last due time, a timer not yet handled counts as missed. */
const GRACE_MS = 30_000;

export interface TimerRun {
  /** ms late per timer (Date.now() at the handler − due time); Infinity when never handled. */
  jobs: number[];
  /** ms late per setTimeout with the same due time. */
  timeouts: number[];
  creationSeconds: number;
  /** Seconds between the last creation and the first due time. */
  leadSeconds: number;
  /** Timers whose batch was created after their due time (they are measured all the same). */
  createdLate: number;
  /** Event loop delay while the timers were due (ms). */
  loopDelay: { p99: number; max: number };
  cpu: CpuShare;
}

/** Never due during the run: the calibration's timers. */
const FAR_FUTURE_MS = 24 * 3_600_000;

/**
 * ms per timer created in batches, from one batch of timers due tomorrow (immediate jobs would
 * wake the workers, which then share the connections with the sends and slow them down).
 */
async function calibrateCreation(queues: BenchQueues, count: number): Promise<number> {
  const startAfter = new Date(Date.now() + FAR_FUTURE_MS);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CREATE_BATCH }, (_, index) =>
      queues.producer.send(queues.timerJob, { index: count + index }, { startAfter }),
    ),
  );
  return (performance.now() - started) / CREATE_BATCH;
}

/**
 * `count` timers due uniformly over `seconds`, created by the producer queue (no workers) and run by
 * the worker queue; the setTimeout baseline fires alongside in the same event loop.
 */
export async function measureTimers(queues: BenchQueues, count: number, seconds: number): Promise<TimerRun> {
  const perTimerMs = await calibrateCreation(queues, count);
  const creationStarted = Date.now();
  // Wall-clock ms: pg-boss compares start_after with the database's now(), on the same machine clock.
  const firstDue = creationStarted + Math.ceil(perTimerMs * count * 1.25) + LEAD_MS;
  const spacingMs = (seconds * 1000) / count;
  const dueAt = Array.from({ length: count }, (_, index) => Math.round(firstDue + index * spacingMs));
  const jobLateness: (number | undefined)[] = new Array(count);
  let handled = 0;
  queues.arrivals.timer = (index) => {
    if (index >= count || jobLateness[index] !== undefined) return;
    jobLateness[index] = Date.now() - dueAt[index]!;
    handled += 1;
  };

  let createdLate = 0;
  for (let start = 0; start < count; start += CREATE_BATCH) {
    const indexes = Array.from({ length: Math.min(CREATE_BATCH, count - start) }, (_, i) => start + i);
    await Promise.all(
      indexes.map((index) =>
        queues.producer.send(queues.timerJob, { index }, { startAfter: new Date(dueAt[index]!) }),
      ),
    );
    const createdAt = Date.now();
    createdLate += indexes.filter((index) => dueAt[index]! <= createdAt).length;
  }
  const creationEnded = Date.now();

  const timeoutLateness: (number | undefined)[] = new Array(count);
  let fired = 0;
  for (let index = 0; index < count; index++) {
    const due = dueAt[index]!;
    setTimeout(
      () => {
        timeoutLateness[index] = Date.now() - due;
        fired += 1;
      },
      Math.max(0, due - Date.now()),
    );
  }
  const cpu = startCpuCount(undefined);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const lastDue = dueAt.at(-1) ?? firstDue;
  await waitFor(() => handled >= count && fired >= count, lastDue + GRACE_MS - Date.now());
  loop.disable();
  queues.arrivals.timer = () => {};
  const orMissed = (value: number | undefined) => value ?? Number.POSITIVE_INFINITY;
  return {
    jobs: Array.from(jobLateness, orMissed),
    timeouts: Array.from(timeoutLateness, orMissed),
    creationSeconds: (creationEnded - creationStarted) / 1000,
    leadSeconds: (firstDue - creationEnded) / 1000,
    createdLate,
    loopDelay: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
    cpu: cpu(),
  };
}
