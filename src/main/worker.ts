import type { Config } from '../config/env.ts';
import { warmUpNlu } from '../modules/conversations/index.ts';
import { closeAppContext, createAppContext } from './context.ts';

/** `chaud worker`: runs job handlers only (several copies may share one PostgreSQL). */
export async function runWorker(config: Config): Promise<void> {
  const ctx = await createAppContext(config, { purpose: 'chaud worker' });
  // The agent's intent classifier trains in a few seconds: before the first turn, not during it.
  await warmUpNlu();
  await ctx.jobs.startWorkers();
  ctx.logger.info({ database: config.database.kind }, 'Chaud worker started');
  const shutdown = async () => {
    await closeAppContext(ctx);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}
