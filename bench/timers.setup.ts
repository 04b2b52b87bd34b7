// The timers bench's fixtures: Chaud's JobQueue on a bench database, built as the composition root
// builds it, with a second queue without workers (as `serve --no-workers`, or a process before a
// restart) to create the timers; and a bare LISTEN/NOTIFY round trip on the same database.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { z } from 'zod';
import type { DatabaseHandle } from '../src/platform/db/database.ts';
import { openPglite, openPostgres } from '../src/platform/db/open-database.ts';
import { type JobDefinition, JobQueue } from '../src/platform/jobs/job-queue.ts';
import { createLogger } from '../src/platform/logger.ts';
import { runOpenLoop } from './conversations.load.ts';
import { createBenchDatabase } from './databases.ts';
import { makeTempDir, onCleanup } from './processes.ts';

export type BenchDatabaseKind = 'pglite' | 'postgres';

const ZBenchJob = z.object({ index: z.number().int().nonnegative() });
type BenchJob = JobDefinition<typeof ZBenchJob>;

/** What the handlers report to the measurement in progress (replaced per measurement). */
export interface JobArrivals {
  timer(index: number): void;
  dispatch(index: number): void;
}

export interface BenchQueues {
  kind: BenchDatabaseKind;
  handle: DatabaseHandle;
  /** The PostgreSQL bench database; undefined on PGlite. */
  databaseUrl: string | undefined;
  /** Runs the workers, as `chaud worker` or `chaud serve`. */
  worker: JobQueue;
  /** No workers: the timers it creates reach the worker only through the database. */
  producer: JobQueue;
  timerJob: BenchJob;
  dispatchJob: BenchJob;
  arrivals: JobArrivals;
  close(): Promise<void>;
}

const ignore: JobArrivals = { timer: () => {}, dispatch: () => {} };

/** Opens the database and starts the queues; workers use Chaud's settings for its timer jobs. */
export async function openBenchQueues(kind: BenchDatabaseKind): Promise<BenchQueues> {
  const databaseUrl = kind === 'postgres' ? await createBenchDatabase('timers') : undefined;
  const handle = databaseUrl
    ? await openPostgres(databaseUrl, { poolSize: 4 })
    : await openPglite({ dataDir: makeTempDir('timers') }, { purpose: 'timers bench' });
  const logger = createLogger('warn', 'timers-bench');
  const worker = new JobQueue(handle, logger, databaseUrl);
  const producer = new JobQueue(handle, logger, databaseUrl);
  const arrivals: JobArrivals = { ...ignore };
  // Concurrency as `nurturing.run-step` (sequence timers) and the outbox's jobs.
  const timerJob = worker.define({
    name: 'bench.timer',
    schema: ZBenchJob,
    concurrency: 8,
    handle: async ({ index }) => arrivals.timer(index),
  });
  const dispatchJob = worker.define({
    name: 'bench.dispatch',
    schema: ZBenchJob,
    concurrency: 4,
    handle: async ({ index }) => arrivals.dispatch(index),
  });
  let isClosed = false;
  const close = async () => {
    if (isClosed) return;
    isClosed = true;
    Object.assign(arrivals, ignore);
    await Promise.allSettled([worker.stop(), producer.stop()]);
    await handle.close();
  };
  onCleanup(close);
  await worker.start();
  await worker.ensureQueues();
  await producer.start();
  await worker.startWorkers();
  return { kind, handle, databaseUrl, worker, producer, timerJob, dispatchJob, arrivals, close };
}

const CHANNEL = 'chaud_bench_round_trip';

/**
 * `pg_notify` on one connection, received by a listener on another (PGlite: its one session with
 * `listen`): ms from issuing the notify to the listener's callback, `count` at `ratePerSecond`.
 */
export async function measureNotifyRoundTrips(
  queues: BenchQueues,
  count: number,
  ratePerSecond: number,
  graceMs: number,
): Promise<number[]> {
  const sentAt: number[] = [];
  const receivedAt: number[] = [];
  const receive = (payload: string) => {
    const index = Number(payload);
    if (receivedAt[index] === undefined) receivedAt[index] = performance.now();
  };
  let stopListening: () => Promise<void>;
  const { handle, databaseUrl } = queues;
  if (handle.pglite) {
    stopListening = await handle.pglite.listen(CHANNEL, receive);
  } else {
    const listener = new pg.Client({ connectionString: databaseUrl });
    await listener.connect();
    listener.on('notification', (message) => receive(message.payload ?? ''));
    await listener.query(`LISTEN ${CHANNEL}`);
    stopListening = () => listener.end();
  }
  try {
    await runOpenLoop(count, ratePerSecond, async (index) => {
      sentAt[index] = performance.now();
      await handle.query('SELECT pg_notify($1, $2)', [CHANNEL, String(index)]);
    });
    await waitFor(() => receivedAt.filter(Number.isFinite).length >= count, graceMs);
  } finally {
    await stopListening();
  }
  return latenciesOf(sentAt, receivedAt, count);
}

/** Immediate jobs sent by the worker's own queue (as `chaud serve` does): ms from `send` to the handler. */
export async function measureDispatch(
  queues: BenchQueues,
  count: number,
  ratePerSecond: number,
  graceMs: number,
): Promise<number[]> {
  const sentAt: number[] = [];
  const receivedAt: number[] = [];
  queues.arrivals.dispatch = (index) => {
    if (receivedAt[index] === undefined) receivedAt[index] = performance.now();
  };
  await runOpenLoop(count, ratePerSecond, async (index) => {
    sentAt[index] = performance.now();
    await queues.worker.send(queues.dispatchJob, { index });
  });
  await waitFor(() => receivedAt.filter(Number.isFinite).length >= count, graceMs);
  queues.arrivals.dispatch = ignore.dispatch;
  return latenciesOf(sentAt, receivedAt, count);
}

/** Per index, received − sent; Infinity when never received. */
function latenciesOf(sentAt: number[], receivedAt: number[], count: number): number[] {
  return Array.from({ length: count }, (_, index) => {
    const sent = sentAt[index];
    const received = receivedAt[index];
    return sent === undefined || received === undefined ? Number.POSITIVE_INFINITY : received - sent;
  });
}

/** Resolves once `isDone()` holds or `limitMs` have passed. */
export async function waitFor(isDone: () => boolean, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!isDone() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}
