import type { Config } from '../../config/env.ts';
import { applyMigrations } from '../../platform/db/migrate.ts';
import { openDatabase } from '../context.ts';

export async function runMigrateCommand(config: Config): Promise<number> {
  const handle = await openDatabase(config, 'chaud migrate');
  try {
    await applyMigrations(handle);
    process.stdout.write(`Migrations applied (${config.database.kind}).\n`);
    return 0;
  } finally {
    await handle.close();
  }
}
