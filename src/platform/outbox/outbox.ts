import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { outbox } from '../db/platform.tables.ts';
import { newId } from '../ids.ts';
import type { JobDefinition, JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';

/** Sends one outbound effect. `dedupKey` must be passed to the provider when it supports idempotency. */
export type OutboxHandler = (item: {
  id: string;
  workspaceId: string;
  kind: string;
  dedupKey: string;
  payload: Record<string, unknown>;
  attempt: number;
}) => Promise<Record<string, unknown> | undefined>;

export interface OutboundEffect {
  workspaceId: string;
  kind: string;
  dedupKey: string;
  payload: Record<string, unknown>;
  availableAt?: Date;
}

/**
 * The outbox: a decision writes its effect here in its own transaction, and a job dispatches it
 * afterwards. A replayed decision hits the unique dedup key and adds nothing.
 */
export class Outbox {
  private readonly handlers = new Map<string, OutboxHandler>();
  readonly dispatchJob: JobDefinition<z.ZodObject<{ outboxId: z.ZodString }>>;

  private readonly db: Database;
  private readonly jobs: JobQueue;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(db: Database, jobs: JobQueue, clock: Clock, logger: Logger) {
    this.db = db;
    this.jobs = jobs;
    this.clock = clock;
    this.logger = logger;
    this.dispatchJob = jobs.define({
      name: 'outbox.dispatch-effect',
      schema: z.object({ outboxId: z.string() }),
      concurrency: 4,
      handle: (data, job) => this.dispatch(data.outboxId, job.retryCount),
    });
  }

  registerHandler(kind: string, handler: OutboxHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Writes the effect and its dispatch job in `tx`. Returns the outbox id, or null when already recorded. */
  async enqueue(tx: Database, effect: OutboundEffect): Promise<string | null> {
    const id = newId('obx');
    const inserted = await tx
      .insert(outbox)
      .values({
        id,
        workspaceId: effect.workspaceId,
        kind: effect.kind,
        dedupKey: effect.dedupKey,
        payload: effect.payload,
        availableAt: effect.availableAt ?? this.clock.now(),
      })
      .onConflictDoNothing()
      .returning({ id: outbox.id });
    if (inserted.length === 0) return null;
    await this.jobs.send(
      this.dispatchJob,
      { outboxId: id },
      { tx, ...(effect.availableAt ? { startAfter: effect.availableAt } : {}) },
    );
    return id;
  }

  /** Marks pending effects matching a dedup-key prefix as cancelled (opt-out, reply, unenrolment). */
  async cancelPending(tx: Database, workspaceId: string, dedupKeyPrefix: string): Promise<number> {
    const rows = await tx
      .update(outbox)
      .set({ status: 'cancelled' })
      .where(
        and(
          eq(outbox.workspaceId, workspaceId),
          eq(outbox.status, 'pending'),
          sql`${outbox.dedupKey} LIKE ${`${dedupKeyPrefix}%`}`,
        ),
      )
      .returning({ id: outbox.id });
    return rows.length;
  }

  async dispatch(outboxId: string, attempt: number): Promise<void> {
    const [item] = await this.db.select().from(outbox).where(eq(outbox.id, outboxId));
    if (item?.status !== 'pending') return;
    const handler = this.handlers.get(item.kind);
    if (!handler) throw new Error(`No outbox handler for ${item.kind}`);
    await this.db
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1` })
      .where(eq(outbox.id, outboxId));
    try {
      const result = await handler({ ...item, attempt });
      await this.db
        .update(outbox)
        .set({ status: 'sent', dispatchedAt: this.clock.now(), result: result ?? null, lastError: null })
        .where(and(eq(outbox.id, outboxId), eq(outbox.status, 'pending')));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ outboxId, kind: item.kind, attempt, err: message }, 'outbound effect failed');
      const isPermanent = (error as { permanent?: boolean }).permanent === true;
      await this.db
        .update(outbox)
        .set({ lastError: message, ...(isPermanent ? { status: 'failed' as const } : {}) })
        .where(eq(outbox.id, outboxId));
      if (!isPermanent) throw error;
    }
  }
}
