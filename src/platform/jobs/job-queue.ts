import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss, type QueueOptions } from 'pg-boss';
import type { z } from 'zod';
import type { Database, DatabaseHandle } from '../db/database.ts';
import type { Logger } from '../logger.ts';

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

/** pg-boss on the same database as the data: LISTEN/NOTIFY wakes workers within milliseconds. */
export class JobQueue {
  readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly logger: Logger;
  private workersStarted = false;
  private readonly schedules: { name: string; cron: string; data: object }[] = [];

  constructor(handle: DatabaseHandle, logger: Logger, postgresUrl?: string) {
    this.logger = logger;
    const common = { useListenNotify: true, schema: 'pgboss', supervise: true, schedule: true } as const;
    this.boss =
      handle.kind === 'pglite'
        ? new PgBoss({ ...common, db: fromPglite(handle.pglite!) })
        : new PgBoss({ ...common, connectionString: postgresUrl!, max: 4 });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
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
    return this.boss.send(definition.name, payload, {
      ...(options.tx ? { db: fromDrizzle(options.tx as never, sql as never) } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.id ? { id: options.id } : {}),
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
          // The jobs of a batch run side by side (idempotent handlers: a failure retries both).
          const outcomes = await Promise.allSettled(
            jobs.map((job) =>
              definition.handle(definition.schema.parse(job.data), {
                id: job.id,
                retryCount: job.retryCount,
              }),
            ),
          );
          const failure = outcomes.find((outcome) => outcome.status === 'rejected');
          if (failure) throw failure.reason;
        },
      );
    }
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 5_000 });
  }
}
