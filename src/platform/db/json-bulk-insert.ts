import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database.ts';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function toJsonValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** Columns named by the first row, and the rows as one JSON array keyed by column name. */
function toJsonRecords<T extends PgTable>(table: T, rows: readonly Partial<T['$inferInsert']>[]) {
  const first = rows[0] ?? {};
  const columns = Object.entries(getTableColumns(table))
    .filter(([key]) => key in first)
    .map(([key, column]) => ({ key, name: column.name, type: column.getSQLType() }));
  const json = JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(
        columns.map(({ key, name }) => [name, toJsonValue((row as Record<string, unknown>)[key])]),
      ),
    ),
  );
  const recordType = sql.raw(columns.map(({ name, type }) => `${quote(name)} ${type}`).join(', '));
  return { columns, source: sql`jsonb_to_recordset(${json}::jsonb) AS r(${recordType})` };
}

/** The INSERT of `insertRowsAsJson` as SQL, to run alone or with other writes (`writeRowsTogether`). */
export function insertRowsSql<T extends PgTable>(
  table: T,
  rows: readonly Partial<T['$inferInsert']>[],
  options: { onConflictDoNothing?: boolean } = {},
): SQL | null {
  if (rows.length === 0) return null;
  const { columns, source } = toJsonRecords(table, rows);
  const names = sql.raw(columns.map(({ name }) => quote(name)).join(', '));
  const conflict = options.onConflictDoNothing ? sql` ON CONFLICT DO NOTHING` : sql``;
  return sql`INSERT INTO ${sql.raw(quote(getTableName(table)))} (${names}) SELECT ${names} FROM ${source}${conflict}`;
}

/**
 * Inserts many rows as ONE bound parameter (a JSON array read by `jsonb_to_recordset`): building a
 * multi-row VALUES list costs Drizzle ~10 µs per value, which dominates bulk writes of a few hundred
 * rows × 25 columns, while PostgreSQL parses the JSON in a fraction of that (and one parameter has
 * no 65,535-parameter limit). Rows use the table's property names (as for `insert().values()`);
 * columns absent from the first row take their default. Dates become ISO strings.
 */
export async function insertRowsAsJson<T extends PgTable>(
  tx: Database,
  table: T,
  rows: readonly Partial<T['$inferInsert']>[],
  options: { onConflictDoNothing?: boolean } = {},
): Promise<void> {
  const statement = insertRowsSql(table, rows, options);
  if (statement) await tx.execute(statement);
}

/** The UPDATE of `updateRowsAsJson` as SQL, to run alone or with other writes (`writeRowsTogether`). */
export function updateRowsSql<T extends PgTable>(
  table: T,
  rows: readonly (Partial<T['$inferInsert']> & { id: string })[],
  scope: SQL,
): SQL | null {
  if (rows.length === 0) return null;
  const { columns, source } = toJsonRecords(table, rows);
  const target = quote(getTableName(table));
  const assignments = sql.raw(
    columns
      .filter(({ name }) => name !== 'id')
      .map(({ name }) => `${quote(name)} = r.${quote(name)}`)
      .join(', '),
  );
  return sql`UPDATE ${sql.raw(target)} SET ${assignments} FROM ${source} WHERE ${sql.raw(target)}."id" = r."id" AND ${scope}`;
}

/**
 * Updates many rows by `id` from ONE JSON parameter (see insertRowsAsJson): every column the first
 * row names, other than `id`, is set from it. `scope` narrows the target rows (workspace).
 */
export async function updateRowsAsJson<T extends PgTable>(
  tx: Database,
  table: T,
  rows: readonly (Partial<T['$inferInsert']> & { id: string })[],
  scope: SQL,
): Promise<void> {
  const statement = updateRowsSql(table, rows, scope);
  if (statement) await tx.execute(statement);
}

/** The rows of `execute`'s result, whichever driver answered (PGlite and node-postgres differ). */
export function rowsOfResult(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as Record<
    string,
    unknown
  >[];
}

/** Raw rows (column names, driver values) as a Drizzle select of the whole table returns them. */
export function mapRowsOf<T extends PgTable>(
  table: T,
  raw: readonly Record<string, unknown>[],
): T['$inferSelect'][] {
  const columns = Object.entries(getTableColumns(table));
  return raw.map((row) => {
    const mapped: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = row[column.name];
      mapped[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return mapped as T['$inferSelect'];
  });
}

/**
 * Several bulk writes as ONE statement, each a data-modifying CTE: one round trip, one parse and one
 * write to the socket instead of one per write — a capture batch's inserts into three tables were
 * four statements with the read-back, each a quarter of the batch's database time on the server's
 * thread. The rows written by `returning.writes` (inserts or updates of `returning.table`) come back
 * as a select of that table would return them, with every column's value after the write (defaults
 * and columns other modules own included).
 *
 * PostgreSQL runs the CTEs on one snapshot: a write cannot see another's rows (a foreign key to a row
 * inserted by a sibling CTE is checked at the end of the statement, and holds), and no two writes may
 * touch the same row. Any failure fails them all.
 */
export async function writeRowsTogether<T extends PgTable>(
  tx: Database,
  writes: readonly (SQL | null)[],
  returning?: { table: T; writes: readonly (SQL | null)[] },
): Promise<T['$inferSelect'][]> {
  const ctes: SQL[] = [];
  const returned: string[] = [];
  // The table's columns only: `RETURNING *` of an UPDATE … FROM would add the source's.
  const everyColumn = returning ? sql.raw(`${quote(getTableName(returning.table))}.*`) : sql``;
  for (const write of returning?.writes ?? []) {
    if (!write) continue;
    const name = `w${ctes.length}`;
    ctes.push(sql`${sql.raw(name)} AS (${write} RETURNING ${everyColumn})`);
    returned.push(name);
  }
  for (const write of writes) if (write) ctes.push(sql`${sql.raw(`w${ctes.length}`)} AS (${write})`);
  if (ctes.length === 0) return [];
  const select =
    returned.length > 0 ? returned.map((name) => `SELECT * FROM ${name}`).join(' UNION ALL ') : 'SELECT 1';
  const result = await tx.execute(sql`WITH ${sql.join(ctes, sql`, `)} ${sql.raw(select)}`);
  if (!returning) return [];
  return mapRowsOf(returning.table, rowsOfResult(result));
}
