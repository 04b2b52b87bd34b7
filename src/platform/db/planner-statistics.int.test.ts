import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { waitFor } from '../../../test/wait-for.ts';
import type { Database } from './database.ts';
import { rowsOfResult } from './json-bulk-insert.ts';
import { refreshPlannerStatistics } from './planner-statistics.ts';

let test: TestContext;
let db: Database;

beforeAll(async () => {
  test = await createTestContext();
  db = test.ctx.db;
  // Autovacuum kept out of the test's way: only the function under test analyses this table.
  await db.execute(
    sql`CREATE TABLE stats_test_rows (id integer PRIMARY KEY, label text) WITH (autovacuum_enabled = false)`,
  );
});
afterAll(() => test.close());

const analysedCount = async () =>
  Number(
    rowsOfResult(
      await db.execute(
        sql`SELECT analyze_count + autoanalyze_count AS n FROM pg_stat_user_tables WHERE relname = 'stats_test_rows'`,
      ),
    )[0]?.n ?? 0,
  );

describe('refreshPlannerStatistics', () => {
  it('analyses a table once half its rows are new, and leaves it alone until it grows again', async () => {
    await db.execute(sql`INSERT INTO stats_test_rows SELECT g, 'row ' || g FROM generate_series(1, 500) g`);
    expect(await refreshPlannerStatistics(db)).not.toContain('stats_test_rows'); // under 1,000 changes
    await db.execute(
      sql`INSERT INTO stats_test_rows SELECT g, 'row ' || g FROM generate_series(501, 3000) g`,
    );
    // Counters reach the statistics views when the writing backend reports them (within a second).
    await waitFor(
      async () => (await refreshPlannerStatistics(db)).includes('stats_test_rows'),
      5_000,
      'the ANALYZE',
    );
    expect(await analysedCount()).toBeGreaterThanOrEqual(1);
    const [table] = rowsOfResult(
      await db.execute(sql`SELECT reltuples FROM pg_class WHERE relname = 'stats_test_rows'`),
    );
    expect(Number(table?.reltuples)).toBe(3000);
    expect(await refreshPlannerStatistics(db)).not.toContain('stats_test_rows');
  });
});
