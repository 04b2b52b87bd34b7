import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database.ts';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function toJsonValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * Inserts many rows as ONE bound parameter (a JSON array read by `jsonb_to_recordset`): building a
 * multi-row VALUES list costs Drizzle ~10 µs per value, which dominates bulk writes of a few hundred
 * rows × 25 columns, while PostgreSQL parses the JSON in a fraction of that. Rows use the table's
 * property names (as for `insert().values()`); columns absent from the first row take their default.
 * Values must be JSON-serialisable (Dates become ISO strings). Returns nothing: read back if needed.
 */
export async function insertRowsAsJson<T extends PgTable>(
  tx: Database,
  table: T,
  rows: readonly Partial<T['$inferInsert']>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in first);
  const names = columns.map(([, column]) => quote(column.name)).join(', ');
  const recordType = columns.map(([, column]) => `${quote(column.name)} ${column.getSQLType()}`).join(', ');
  const json = JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(
        columns.map(([key, column]) => [column.name, toJsonValue((row as Record<string, unknown>)[key])]),
      ),
    ),
  );
  await tx.execute(
    sql`INSERT INTO ${sql.raw(quote(getTableName(table)))} (${sql.raw(names)}) SELECT ${sql.raw(names)} FROM jsonb_to_recordset(${json}::jsonb) AS r(${sql.raw(recordType)})`,
  );
}
