import { eq, sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { waitFor } from '../../test/wait-for.ts';
import type { Database } from './db/database.ts';
import { mapRowsOf } from './db/json-bulk-insert.ts';
import { writeAndNotify } from './notifications.ts';

const counters = pgTable('notify_test_counters', {
  id: text('id').primaryKey(),
  hits: integer('hits').notNull(),
});
const CHANNEL = 'notify_test_channel';

let test: TestContext;
let db: Database;
const received: unknown[] = [];

beforeAll(async () => {
  test = await createTestContext();
  db = test.ctx.db;
  await db.execute(sql`CREATE TABLE notify_test_counters (id text PRIMARY KEY, hits integer NOT NULL)`);
  await db.insert(counters).values([{ id: 'a', hits: 0 }]);
  await test.ctx.notifications.subscribe(CHANNEL, (payload) => received.push(payload));
});
afterAll(() => test.close());

describe('writeAndNotify', () => {
  it('writes, returns the written rows and notifies once the write committed', async () => {
    const rows = await writeAndNotify(
      db,
      db
        .update(counters)
        .set({ hits: sql`${counters.hits} + 1` })
        .where(eq(counters.id, 'a'))
        .returning(),
      CHANNEL,
      { counter: 'a' },
    );
    expect(mapRowsOf(counters, rows)).toEqual([{ id: 'a', hits: 1 }]);
    await waitFor(() => received.length === 1, 5_000, 'the notification');
    expect(received).toEqual([{ counter: 'a' }]);
  });

  it('notifies nobody when the write touched no row, or when its transaction rolled back', async () => {
    const before = received.length;
    const none = await writeAndNotify(
      db,
      db.update(counters).set({ hits: 9 }).where(eq(counters.id, 'missing')).returning({ id: counters.id }),
      CHANNEL,
      { counter: 'missing' },
    );
    expect(none).toEqual([]);
    await expect(
      db.transaction(async (tx) => {
        await writeAndNotify(
          tx as unknown as Database,
          tx.update(counters).set({ hits: 50 }).where(eq(counters.id, 'a')).returning({ id: counters.id }),
          CHANNEL,
          { counter: 'rolled back' },
        );
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // A later notification proves the channel still delivers, and that the two above never came.
    await writeAndNotify(
      db,
      db.update(counters).set({ hits: 2 }).where(eq(counters.id, 'a')).returning({ id: counters.id }),
      CHANNEL,
      { counter: 'later' },
    );
    await waitFor(() => received.length > before, 5_000, 'the later notification');
    expect(received.slice(before)).toEqual([{ counter: 'later' }]);
    expect((await db.select().from(counters).where(eq(counters.id, 'a')))[0]!.hits).toBe(2);
  });
});
