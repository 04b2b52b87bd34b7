import { eq, sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import type { Database } from './database.ts';
import { insertRowsSql, updateRowsSql, writeRowsTogether } from './json-bulk-insert.ts';

// Tables of this test only: the helpers are the platform's, whatever module writes with them.
const parents = pgTable('bulk_test_parents', {
  id: text('id').primaryKey(),
  scope: text('scope').notNull(),
  label: text('label'),
  details: jsonb('details').$type<{ tags: string[] }>(),
  counter: integer('counter').notNull().default(7),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
const children = pgTable('bulk_test_children', {
  id: text('id').primaryKey(),
  parentId: text('parent_id')
    .notNull()
    .references(() => parents.id),
  note: text('note').notNull(),
});

let test: TestContext;
let db: Database;

beforeAll(async () => {
  test = await createTestContext();
  db = test.ctx.db;
  await db.execute(sql`CREATE TABLE bulk_test_parents (id text PRIMARY KEY, scope text NOT NULL, label text,
    details jsonb, counter integer NOT NULL DEFAULT 7, created_at timestamptz NOT NULL DEFAULT now())`);
  await db.execute(sql`CREATE TABLE bulk_test_children (id text PRIMARY KEY,
    parent_id text NOT NULL REFERENCES bulk_test_parents(id), note text NOT NULL)`);
});
afterAll(() => test.close());

describe('writeRowsTogether', () => {
  it('inserts parents and their children in one statement and returns the parents as a select would', async () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    const written = await writeRowsTogether(
      db,
      [
        insertRowsSql(children, [
          { id: 'c1', parentId: 'p1', note: 'child of a parent of the same statement' },
        ]),
      ],
      {
        table: parents,
        writes: [
          insertRowsSql(parents, [
            { id: 'p1', scope: 'a', label: 'first', details: { tags: ['x', 'y'] }, createdAt: at },
            { id: 'p2', scope: 'a', label: null, details: null, createdAt: at },
          ]),
        ],
      },
    );
    const selected = await db.select().from(parents).where(eq(parents.scope, 'a'));
    expect(written.sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      selected.sort((x, y) => x.id.localeCompare(y.id)),
    );
    expect(written[0]).toEqual({
      id: 'p1',
      scope: 'a',
      label: 'first',
      details: { tags: ['x', 'y'] },
      counter: 7, // the column's default, absent from the rows
      createdAt: at,
    });
    expect(await db.select().from(children)).toEqual([
      { id: 'c1', parentId: 'p1', note: 'child of a parent of the same statement' },
    ]);
  });

  it('returns updated rows with the table columns only, inserted and updated together', async () => {
    await writeRowsTogether(db, [insertRowsSql(parents, [{ id: 'u1', scope: 'b', label: 'before' }])]);
    const written = await writeRowsTogether(db, [], {
      table: parents,
      writes: [
        insertRowsSql(parents, [{ id: 'u2', scope: 'b', label: 'new' }]),
        updateRowsSql(parents, [{ id: 'u1', label: 'after', counter: 8 }], sql`${parents.scope} = 'b'`),
      ],
    });
    expect(
      written
        .map(({ id, label, counter }) => ({ id, label, counter }))
        .sort((x, y) => x.id.localeCompare(y.id)),
    ).toEqual([
      { id: 'u1', label: 'after', counter: 8 },
      { id: 'u2', label: 'new', counter: 7 },
    ]);
    expect(Object.keys(written[0]!).sort()).toEqual([
      'counter',
      'createdAt',
      'details',
      'id',
      'label',
      'scope',
    ]);
  });

  it('writes nothing when one write fails (a child without its parent)', async () => {
    const attempt = writeRowsTogether(
      db,
      [insertRowsSql(children, [{ id: 'c9', parentId: 'nobody', note: 'x' }])],
      {
        table: parents,
        writes: [insertRowsSql(parents, [{ id: 'p9', scope: 'c' }])],
      },
    );
    await expect(attempt).rejects.toThrow();
    expect(await db.select().from(parents).where(eq(parents.scope, 'c'))).toEqual([]);
  });

  it('runs nothing for no rows', async () => {
    expect(
      await writeRowsTogether(db, [insertRowsSql(children, [])], { table: parents, writes: [null] }),
    ).toEqual([]);
  });
});
