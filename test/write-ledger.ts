import type { DatabaseHandle } from '../src/platform/db/database.ts';

/** Net row changes per table since the ledger was installed: `{ 'leads.rows': 3, 'leads.updates': 1, … }`. */
export type WriteCounts = Record<string, number>;

export interface WriteLedger {
  read(): Promise<WriteCounts>;
}

/**
 * Counts row inserts, updates and deletes of every application table with triggers on the test's own
 * database copy, so a test can prove a request wrote nothing: a rolled-back transaction rolls the
 * counts back too. Reading it is one small query, where counting every table would cost one scan each.
 * Updates that change only `last_used_at` (authentication stamps an API key's last use) are not writes.
 */
export async function installWriteLedger(handle: DatabaseHandle): Promise<WriteLedger> {
  const tables = (
    await handle.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  ).map((table) => table.name);
  await handle.query(`CREATE TABLE test_write_ledger (
    table_name text PRIMARY KEY,
    inserted integer NOT NULL DEFAULT 0,
    updated integer NOT NULL DEFAULT 0,
    deleted integer NOT NULL DEFAULT 0
  )`);
  await handle.query(`CREATE FUNCTION test_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND (to_jsonb(OLD) - 'last_used_at') = (to_jsonb(NEW) - 'last_used_at') THEN
        RETURN NULL;
      END IF;
      UPDATE test_write_ledger SET
        inserted = inserted + (TG_OP = 'INSERT')::int,
        updated = updated + (TG_OP = 'UPDATE')::int,
        deleted = deleted + (TG_OP = 'DELETE')::int
      WHERE table_name = TG_TABLE_NAME;
      RETURN NULL;
    END $$`);
  for (const table of tables) {
    await handle.query('INSERT INTO test_write_ledger (table_name) VALUES ($1)', [table]);
    await handle.query(
      `CREATE TRIGGER test_count_write AFTER INSERT OR UPDATE OR DELETE ON "${table}"
       FOR EACH ROW EXECUTE FUNCTION test_count_write()`,
    );
  }
  return {
    async read() {
      const rows = await handle.query<{
        table_name: string;
        inserted: number;
        updated: number;
        deleted: number;
      }>('SELECT table_name, inserted, updated, deleted FROM test_write_ledger');
      const counts: WriteCounts = {};
      for (const row of rows) {
        counts[`${row.table_name}.rows`] = row.inserted - row.deleted;
        counts[`${row.table_name}.updates`] = row.updated;
      }
      return counts;
    },
  };
}
