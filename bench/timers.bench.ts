// Issue 6's job-queue figures, on PGlite and PostgreSQL, with Chaud's JobQueue in the bench process:
// (1) timer punctuality, pg-boss `startAfter` jobs against setTimeout for the same due times;
// (2) dispatch latency of immediate jobs, send → handler, against a bare LISTEN/NOTIFY round trip
// (timers.dispatch.ts).
import {
  describeLatency,
  formatMs,
  type LatencyFigures,
  latencyFigures,
  percentWithin,
} from './conversations.load.ts';
import { type BenchResult, summarize } from './stats.ts';
import { benchDispatch, type DispatchLoad, describeOwnCpu } from './timers.dispatch.ts';
import { measureTimers, type TimerRun } from './timers.punctuality.ts';
import {
  type BenchDatabaseKind,
  measureDispatch,
  measureNotifyRoundTrips,
  openBenchQueues,
} from './timers.setup.ts';

export interface TimersBenchOptions {
  /** Timers due uniformly over `timerSeconds`. */
  timerCount: number;
  timerSeconds: number;
  /** Immediate jobs (and bare notifies): the target's load first, then a stress load. */
  dispatchLoads: DispatchLoad[];
  log(line: string): void;
}

const PUNCTUALITY_TARGET = 20;
/** setTimeout's p99 is often 0–1 ms at Date.now()'s 1 ms resolution: the ratio divides by no less. */
const TIMEOUT_FLOOR_MS = 1;
const DISPATCH_GRACE_MS = 10_000;
const WARM_UP = 50;
/** Idle pg-boss workers fetch this often when NOTIFY is on (job-queue.ts, notifyPollingIntervalSeconds). */
const BACKSTOP_POLL_MS = 5_000;

function missedOf(values: number[]): number {
  return values.filter((value) => !Number.isFinite(value)).length;
}

function verdict(ratio: number, target: number): string {
  return `target ≤ ${target}×: ${ratio <= target ? 'PASS' : 'MISS'}`;
}

interface Punctuality {
  jobs: LatencyFigures;
  timeouts: LatencyFigures;
  denominator: number;
  ratio: number;
  budget: number;
  line: string;
}

function judgePunctuality(run: TimerRun): Punctuality {
  const jobs = latencyFigures(run.jobs);
  const timeouts = latencyFigures(run.timeouts);
  const denominator = Math.max(timeouts.p99, TIMEOUT_FLOOR_MS);
  const ratio = jobs.p99 / denominator;
  const line = `p99 ratio ${formatMs(jobs.p99)} / max(setTimeout p99 ${formatMs(timeouts.p99)}, ${TIMEOUT_FLOOR_MS} ms floor) = ${ratio.toFixed(1)}×; ${verdict(ratio, PUNCTUALITY_TARGET)}`;
  return { jobs, timeouts, denominator, ratio, budget: denominator * PUNCTUALITY_TARGET, line };
}

/** setTimeout's own p99 past this means the event loop was held, which makes the ratio lenient. */
const HELD_LOOP_MS = 10;

function describeHeldLoop(punctuality: Punctuality, kind: BenchDatabaseKind): string | null {
  if (!(punctuality.timeouts.p99 > HELD_LOOP_MS)) return null;
  const by = kind === 'pglite' ? 'PGlite runs in it' : 'see the CPU of other processes';
  return `setTimeout p99 ${formatMs(punctuality.timeouts.p99)}: the event loop was held (${by}), so the ratio is lenient; pg-boss p99 alone is ${formatMs(punctuality.jobs.p99)}`;
}

/** Why the lateness is what it is, when it is of the order of the backstop poll. */
function explainLateness(jobs: LatencyFigures): string | null {
  if (!(jobs.p99 > BACKSTOP_POLL_MS / 10)) return null;
  return `lateness of the order of the backstop poll (${BACKSTOP_POLL_MS / 1000} s): a job whose startAfter arrives sends no NOTIFY, so an idle worker finds it on its next poll`;
}

async function benchDatabase(kind: BenchDatabaseKind, options: TimersBenchOptions): Promise<BenchResult[]> {
  const { log } = options;
  const label = kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
  log(`\n### ${label}`);
  const queues = await openBenchQueues(kind);
  try {
    const warmUp = { count: WARM_UP, rate: options.dispatchLoads[0]?.rate ?? 50, isTarget: false };
    await measureNotifyRoundTrips(queues, warmUp.count, warmUp.rate, DISPATCH_GRACE_MS);
    await measureDispatch(queues, warmUp.count, warmUp.rate, DISPATCH_GRACE_MS);

    const run = await measureTimers(queues, options.timerCount, options.timerSeconds);
    const punctuality = judgePunctuality(run);
    const created = `${options.timerCount.toLocaleString('en-US')} timers created by a queue without workers in ${run.creationSeconds.toFixed(1)} s (batches of 250), first due ${run.leadSeconds.toFixed(1)} s later, spread over ${options.timerSeconds} s${run.createdLate > 0 ? `; ${run.createdLate} created after their due time` : ''}`;
    log(`  ${created}`);
    log(`  pg-boss timers, lateness: ${describeLatency(punctuality.jobs)}; ${missedOf(run.jobs)} missed`);
    log(
      `  setTimeout, same due times, same process: ${describeLatency(punctuality.timeouts)}; event loop delay p99 ${formatMs(run.loopDelay.p99)}, max ${formatMs(run.loopDelay.max)}`,
    );
    log(`  ${punctuality.line} (${describeOwnCpu(run.cpu, kind)})`);
    const explanations = [explainLateness(punctuality.jobs), describeHeldLoop(punctuality, kind)].filter(
      (line): line is string => line !== null,
    );
    for (const line of explanations) log(`  ${line}`);

    const dispatch: BenchResult[] = [];
    for (const load of options.dispatchLoads) dispatch.push(...(await benchDispatch(queues, load, log)));

    return [
      {
        id: `timers-punctuality-${kind}`,
        title: `Timer punctuality on ${label}: pg-boss startAfter lateness within ${PUNCTUALITY_TARGET} × setTimeout p99 (floor ${TIMEOUT_FLOOR_MS} ms) (target p99 within, i.e. ≥ 99 %)`,
        unit: '%',
        figure: summarize([percentWithin(run.jobs, punctuality.budget)]),
        baselineTitle: `setTimeout, same due times, within the same ${formatMs(punctuality.budget)} (%)`,
        baseline: summarize([percentWithin(run.timeouts, punctuality.budget)]),
        targetRatio: 0.99,
        otherCpuPercent: run.cpu.others,
        notes: [created, punctuality.line, ...explanations],
      },
      {
        id: `timers-lateness-p99-${kind}`,
        title: `Timer lateness on ${label}: pg-boss p99 vs setTimeout p99 (information)`,
        unit: 'ms',
        figure: summarize([punctuality.jobs.p99]),
        baselineTitle: 'setTimeout p99, same due times (ms)',
        baseline: summarize([punctuality.timeouts.p99]),
        targetRatio: null,
        notes: [
          `pg-boss ${describeLatency(punctuality.jobs)}; setTimeout ${describeLatency(punctuality.timeouts)}`,
          describeOwnCpu(run.cpu, kind),
        ],
      },
      ...dispatch,
    ];
  } finally {
    await queues.close();
  }
}

/** Both databases, one after the other; the queues run in this process and nothing else runs meanwhile. */
export async function runTimersBench(options: TimersBenchOptions): Promise<BenchResult[]> {
  options.log('\n## Timers and job dispatch (pg-boss via JobQueue, in the bench process)');
  return [...(await benchDatabase('pglite', options)), ...(await benchDatabase('postgres', options))];
}
