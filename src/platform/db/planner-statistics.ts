import { sql } from 'drizzle-orm';
import type { Database } from './database.ts';
import { rowsOfResult } from './json-bulk-insert.ts';

// PostgreSQL plans from the statistics ANALYZE collects. A table that grows from nothing within a
// minute — the first import into a new install — has none: autovacuum's first pass may be a minute
// away (PGlite has no autovacuum at all), and until then the planner takes it for a few rows. Measured
// on a new PostgreSQL database: looking a batch's 500 identities up scanned the workspace's whole
// index range, and importing 30,000 rows ran at 871 rows/s, 6,463 rows/s for the first 3,000.

/** Fewer changed rows than this never make a table worth analysing here (autovacuum's business). */
const MIN_CHANGED_ROWS = 1_000;

/**
 * ANALYZEs the tables of the current schema of which at least half the rows changed since their
 * statistics were taken (at least 1,000): a growing table is analysed each time it about doubles,
 * a few times over a whole import. Returns the tables analysed.
 */
export async function refreshPlannerStatistics(db: Database): Promise<string[]> {
  const stale = rowsOfResult(
    await db.execute(sql`
      SELECT relname FROM pg_stat_user_tables
      WHERE schemaname = current_schema()
        AND n_mod_since_analyze >= ${MIN_CHANGED_ROWS}
        AND n_mod_since_analyze * 2 >= n_live_tup`),
  ).map((row) => String(row.relname));
  for (const table of stale) await db.execute(sql`ANALYZE ${sql.identifier(table)}`);
  return stale;
}
