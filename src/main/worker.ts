import type { Config } from '../config/env.ts';
import { startNluThread } from '../modules/conversations/index.ts';
import { closeAppContext, createAppContext } from './context.ts';

/** `chaud worker`: runs job handlers only (several copies may share one PostgreSQL). */
export async function runWorker(config: Config): Promise<void> {
  const ctx = await createAppContext(config, { purpose: 'chaud worker' });
  // Messages are understood in a thread of their own; it trains its classifier now, not in the first turn.
  startNluThread();
  await ctx.jobs.startWorkers();
  ctx.logger.info({ database: config.database.kind }, 'Chaud worker started');
  const shutdown = async () => {
    await closeAppContext(ctx);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}
