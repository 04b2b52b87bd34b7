import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss, type QueueOptions } from 'pg-boss';
import type { z } from 'zod';
import type { Database, DatabaseHandle } from '../db/database.ts';
import { isNamingEnabled, NamingClient } from '../db/named-statements.ts';
import { runAsBackground } from '../db/transaction-priority.ts';
import type { Logger } from '../logger.ts';
import { LoopHeadroom, PGLITE_LOOP_HEADROOM } from './loop-headroom.ts';
import { withPreparedStatements } from './pglite-prepared.ts';

/** A named, payload-checked job. Handlers must be idempotent: pg-boss delivers at least once. */
export interface JobDefinition<TSchema extends z.ZodType = z.ZodType> {
  /** `<module>.<verb-noun>` */
  name: string;
  schema: TSchema;
  queue?: Omit<QueueOptions, 'name'>;
  /** Jobs of this queue handled at once by one process. */
  concurrency?: number;
  handle(data: z.infer<TSchema>, job: { id: string; retryCount: number }): Promise<void>;
}

export interface SendJobOptions {
  /** Enqueue inside this transaction so the job exists exactly when the change it follows does. */
  tx?: Database;
  startAfter?: Date;
  singletonKey?: string;
  id?: string;
}

// A job whose startAfter arrives sends no NOTIFY: idle workers would find it on their next poll, up
// to notifyPollingIntervalSeconds (5 s) late. A worker process wakes them at the due times it knows:
// its own sends, and the timers a scan of the job table finds due within the horizon.
const WAKE_HORIZON_MS = 10_000;
const WAKE_SCAN_MS = 4_000;
const WAKE_SCAN_LIMIT = 10_000;

/** pg-boss on the same database as the data: LISTEN/NOTIFY wakes workers within milliseconds. */
export class JobQueue {
  readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly handle: DatabaseHandle;
  private readonly logger: Logger;
  private workersStarted = false;
  private isStopped = false;
  private readonly schedules: { name: string; cron: string; data: object }[] = [];
  /** Wake-up timers by `<queue> <due ms>`. */
  private readonly wakeTimers = new Map<string, NodeJS.Timeout>();
  private wakeScan: NodeJS.Timeout | null = null;
  /** Per worker id, its last fetch time when a NOTIFY woke it. */
  private readonly wokenAfterFetch = new Map<string, number>();
  /** PGlite only: jobs start when the shared event loop has room for requests (see LoopHeadroom). */
  private readonly headroom: LoopHeadroom | null;

  constructor(handle: DatabaseHandle, logger: Logger, postgresUrl?: string) {
    this.handle = handle;
    this.logger = logger;
    const common = { useListenNotify: true, schema: 'pgboss', supervise: true, schedule: true } as const;
    this.boss =
      handle.kind === 'pglite'
        ? // pg-boss's statements prepared once and executed after (see pglite-prepared.ts).
          new PgBoss({ ...common, db: fromPglite(withPreparedStatements(handle.pglite!) as PGlite) })
        : new PgBoss({
            ...common,
            connectionString: postgresUrl!,
            max: 4,
            // Handed to pg.Pool: pg-boss's few statements, run for every job, are prepared once per connection.
            ...((isNamingEnabled() ? { Client: NamingClient } : {}) as object),
          });
    this.headroom = handle.kind === 'pglite' ? new LoopHeadroom(PGLITE_LOOP_HEADROOM) : null;
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
    this.wakeOneWorkerPerNotification();
  }

  /**
   * pg-boss wakes every worker of a queue on each NOTIFY, and each one fetches: with two workers,
   * every job costs an empty fetch besides the one that gets it (1 ms of PGlite's one thread). The
   * listener is the database adapter's `listen`, so wrapping it lets a NOTIFY wake one idle worker
   * not already woken; when none is, every worker is told, as pg-boss does, so busy workers fetch
   * again as soon as they finish and no job waits for the backstop poll.
   */
  private wakeOneWorkerPerNotification(): void {
    type Listen = (
      channel: string,
      onNotification: (payload: string) => void,
      onReconnect?: () => void,
    ) => Promise<unknown>;
    const db = this.boss.getDb() as { listen?: Listen };
    if (typeof db.listen !== 'function') return;
    const listen = db.listen.bind(db);
    db.listen = (channel, onNotification, onReconnect) =>
      listen(
        channel,
        (name) => {
          if (!this.wakeOneIdleWorker(name)) onNotification(name);
        },
        onReconnect,
      );
  }

  /** Wakes one idle worker of `name` not woken since its last fetch; false when there is none. */
  private wakeOneIdleWorker(name: string): boolean {
    for (const worker of this.boss.getWipData()) {
      if (worker.name !== name || worker.count > 0) continue;
      const fetchedOn = worker.lastFetchedOn ?? 0;
      // Woken already and not fetched since: the job it was woken for may still be unclaimed.
      if (this.wokenAfterFetch.get(worker.id) === fetchedOn) continue;
      this.wokenAfterFetch.set(worker.id, fetchedOn);
      this.boss.notifyWorker(worker.id);
      return true;
    }
    return false;
  }

  async start(): Promise<void> {
    await this.boss.start();
  }

  /** Declares a job type; its queue is created on `ensureQueues`. */
  define<TSchema extends z.ZodType>(definition: JobDefinition<TSchema>): JobDefinition<TSchema> {
    if (this.definitions.has(definition.name)) throw new Error(`Job ${definition.name} is defined twice`);
    this.definitions.set(definition.name, definition as unknown as JobDefinition);
    return definition;
  }

  /** Runs a defined job on a cron (UTC), for periodic set-based work such as score decay. */
  defineSchedule(definition: JobDefinition, cron: string, data: object = {}): void {
    this.schedules.push({ name: definition.name, cron, data });
  }

  async ensureQueues(): Promise<void> {
    for (const definition of this.definitions.values()) {
      await this.boss.createQueue(definition.name, {
        retryLimit: 8,
        retryDelay: 2,
        retryBackoff: true,
        retryDelayMax: 600,
        ...definition.queue,
        notify: true,
      });
    }
    // Stored in the database and keyed by queue name: every process may declare the same schedule.
    for (const schedule of this.schedules)
      await this.boss.schedule(schedule.name, schedule.cron, schedule.data, { tz: 'UTC' });
  }

  async send<TSchema extends z.ZodType>(
    definition: JobDefinition<TSchema>,
    data: z.input<TSchema>,
    options: SendJobOptions = {},
  ): Promise<string | null> {
    const payload = definition.schema.parse(data) as object;
    const id = await this.boss.send(definition.name, payload, {
      ...(options.tx ? { db: fromDrizzle(options.tx as never, sql as never) } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.id ? { id: options.id } : {}),
    });
    // Before a transaction commits too: a wake that finds nothing costs one fetch.
    if (options.startAfter) {
      const dueMs = options.startAfter.getTime();
      this.wakeWorkersAt(definition.name, dueMs, dueMs - Date.now());
    }
    return id;
  }

  /** Enqueues several jobs of one type in one statement (one NOTIFY), inside `tx` when given. */
  async sendMany<TSchema extends z.ZodType>(
    definition: JobDefinition<TSchema>,
    payloads: z.input<TSchema>[],
    options: Pick<SendJobOptions, 'tx'> = {},
  ): Promise<void> {
    if (payloads.length === 0) return;
    const jobs = payloads.map((data) => ({ data: definition.schema.parse(data) as object }));
    await this.boss.insert(definition.name, jobs, {
      ...(options.tx ? { db: fromDrizzle(options.tx as never, sql as never) } : {}),
    });
  }

  async cancel(name: string, id: string): Promise<void> {
    await this.boss.cancel(name, id);
  }

  /** Starts handlers for every defined job (not done by `chaud serve --no-workers`). */
  async startWorkers(): Promise<void> {
    if (this.workersStarted) return;
    this.workersStarted = true;
    for (const definition of this.definitions.values()) {
      const concurrency = definition.concurrency ?? 2;
      await this.boss.work(
        definition.name,
        {
          // pg-boss wakes an idle worker on NOTIFY, but a worker that finishes a job sleeps until the
          // next NOTIFY or the backstop poll: a burst larger than the concurrency would wait there
          // (measured: 48 of 60 webhooks stalled 30 s). Batches of 2 with burstWhenBatchFull keep a
          // worker fetching while fetches come back full, so a backlog drains at once.
          localConcurrency: Math.max(1, Math.ceil(concurrency / 2)),
          batchSize: 2,
          burstWhenBatchFull: true,
          pollingIntervalSeconds: 2,
          notifyPollingIntervalSeconds: 5,
        },
        async (jobs) => {
          await this.headroom?.wait();
          // The jobs of a batch run side by side (idempotent handlers: a failure retries both).
          const outcomes = await Promise.allSettled(
            jobs.map((job) =>
              runAsBackground(() =>
                definition.handle(definition.schema.parse(job.data), {
                  id: job.id,
                  retryCount: job.retryCount,
                }),
              ),
            ),
          );
          const failure = outcomes.find((outcome) => outcome.status === 'rejected');
          if (failure) throw failure.reason;
        },
      );
    }
    await this.scanUpcomingTimers();
    if (this.isStopped) return;
    this.wakeScan = setInterval(() => void this.scanUpcomingTimers(), WAKE_SCAN_MS);
    this.wakeScan.unref();
  }

  /** Arms wake-ups for the timers of this process's queues due within the horizon (any sender). */
  private async scanUpcomingTimers(): Promise<void> {
    try {
      // Delays measured by the database's clock, which is the one start_after is compared with.
      const rows = await this.handle.query<{ name: string; due_ms: number; in_ms: number }>(
        `SELECT name, (extract(epoch FROM start_after) * 1000)::float8 AS due_ms,
                ceil(extract(epoch FROM start_after - now()) * 1000)::float8 AS in_ms
         FROM pgboss.job
         WHERE name = ANY($1::text[]) AND state < 'active' AND start_after > now()
           AND start_after <= now() + $2::int * interval '1 millisecond'
         ORDER BY start_after LIMIT ${WAKE_SCAN_LIMIT}`,
        [[...this.definitions.keys()], WAKE_HORIZON_MS],
      );
      for (const row of rows) this.wakeWorkersAt(row.name, Math.round(row.due_ms), row.in_ms);
    } catch (error) {
      // The backstop poll still finds the timers; the next scan tries again.
      this.logger.debug({ err: error }, 'job queue: timer scan failed');
    }
  }

  /** Wakes this process's workers of `name` in `inMs` (once per due time), as a NOTIFY would. */
  private wakeWorkersAt(name: string, dueMs: number, inMs: number): void {
    const key = `${name} ${dueMs}`;
    const isWatched = this.workersStarted && !this.isStopped && this.definitions.has(name);
    if (!isWatched || inMs <= 0 || inMs > WAKE_HORIZON_MS || this.wakeTimers.has(key)) return;
    const wakeAt = Date.now() + inMs;
    const fire = () => {
      // Node may fire up to a millisecond early; a fetch before start_after would find nothing.
      const left = wakeAt - Date.now();
      if (left > 0) {
        this.wakeTimers.set(key, setTimeout(fire, left).unref());
        return;
      }
      this.wakeTimers.delete(key);
      for (const worker of this.boss.getWipData())
        if (worker.name === name) this.boss.notifyWorker(worker.id);
    };
    this.wakeTimers.set(key, setTimeout(fire, inMs).unref());
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    if (this.wakeScan) clearInterval(this.wakeScan);
    for (const timer of this.wakeTimers.values()) clearTimeout(timer);
    this.wakeTimers.clear();
    this.headroom?.stop();
    await this.boss.stop({ graceful: true, timeout: 5_000 });
  }
}
