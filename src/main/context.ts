import type { Config } from '../config/env.ts';
import { type Clock, systemClock } from '../platform/clock.ts';
import { type AppContext, type DomainHooks, noDomainHooks } from '../platform/context.ts';
import type { DatabaseHandle } from '../platform/db/database.ts';
import { applyMigrations } from '../platform/db/migrate.ts';
import { openPglite, openPostgres } from '../platform/db/open-database.ts';
import { JobQueue } from '../platform/jobs/job-queue.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { Notifications } from '../platform/notifications.ts';
import { Outbox } from '../platform/outbox/outbox.ts';
import { forgetSettingsOnNotice } from '../platform/settings-cache.ts';
import { firstContactHooks } from '../workflows/first-contact.workflow.ts';
import { routingHooks } from '../workflows/lead-routing.workflow.ts';
import { leadScoringHooks } from '../workflows/lead-scoring.workflow.ts';
import { sequenceHooks } from '../workflows/sequence-workers.ts';
import { defineModuleJobs } from './module-jobs.ts';

export interface ContextOptions {
  clock?: Clock;
  logger?: Logger;
  /** Why the process opens the database (shown to another process finding the embedded folder locked). */
  purpose?: string;
  /** An already open database (tests hand in a copy of the template). */
  handle?: DatabaseHandle;
  skipMigrations?: boolean;
}

export async function openDatabase(config: Config, purpose: string): Promise<DatabaseHandle> {
  return config.database.kind === 'postgres'
    ? openPostgres(config.database.url)
    : openPglite({ dataDir: config.database.dataDir }, { purpose });
}

/** The composition root shared by serve, worker and CLI commands: database, jobs, outbox, hooks. */
export async function createAppContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const handle = options.handle ?? (await openDatabase(config, options.purpose ?? 'chaud'));
  try {
    if (!options.skipMigrations) await applyMigrations(handle);
    const jobs = new JobQueue(
      handle,
      logger,
      config.database.kind === 'postgres' ? config.database.url : undefined,
    );
    const outbox = new Outbox(handle.db, jobs, clock, logger);
    const ctx: AppContext = {
      config,
      handle,
      db: handle.db,
      clock,
      logger,
      jobs,
      outbox,
      notifications: new Notifications(handle, logger),
      hooks: noDomainHooks,
    };
    ctx.hooks = domainHooks(ctx);
    // Without the notices, cached settings still expire within seconds: a warning, not a failure.
    await forgetSettingsOnNotice(ctx.notifications).catch((error: unknown) =>
      logger.warn({ err: error }, 'settings change notices unavailable; cached settings expire on their own'),
    );
    defineModuleJobs(ctx);
    await jobs.start();
    await jobs.ensureQueues();
    return ctx;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Scoring first (the opener reads the new temperature), then the first contact. */
function domainHooks(ctx: AppContext): DomainHooks {
  const sequences = sequenceHooks(ctx);
  const scoring = leadScoringHooks(ctx.clock, () => sequences);
  const firstContact = firstContactHooks(ctx);
  const routing = routingHooks(ctx);
  return {
    ...noDomainHooks,
    afterEventsRecorded: async (tx, workspaceId, leadIds, events) => {
      await scoring.afterEventsRecorded(tx, workspaceId, leadIds, events);
      await sequences.afterEventsRecorded(tx, workspaceId, leadIds, events);
    },
    afterLeadCaptured: async (tx, workspaceId, capture) => {
      await scoring.afterLeadCaptured(tx, workspaceId, capture);
      await routing.afterLeadCaptured(tx, workspaceId, capture);
      await firstContact.afterLeadCaptured(tx, workspaceId, capture);
      await sequences.afterLeadCaptured(tx, workspaceId, capture);
    },
    // The same stages as one capture's, for captures written together (API batches, file imports).
    afterLeadsCaptured: async (tx, workspaceId, captures) => {
      await scoring.afterLeadsCaptured(tx, workspaceId, captures);
      await routing.afterLeadsCaptured(tx, workspaceId, captures);
      await firstContact.afterLeadsCaptured(tx, workspaceId, captures);
      await sequences.afterLeadsCaptured(tx, workspaceId, captures);
    },
    afterQualificationChanged: sequences.afterQualificationChanged,
  };
}

export async function closeAppContext(ctx: AppContext): Promise<void> {
  await ctx.jobs.stop().catch(() => {});
  await ctx.notifications.close().catch(() => {});
  await ctx.handle.close();
}
