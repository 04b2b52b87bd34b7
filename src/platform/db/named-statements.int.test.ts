import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNamingEnabled, NamingClient, statementNameFor } from './named-statements.ts';

// Named statements are a node-postgres matter (PGlite runs statements in process): the client is tested
// on the PostgreSQL server whichever project runs the file.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
if (!onPostgres) console.warn('NamingClient tests skipped: TEST_DATABASE_URL is not set (no PostgreSQL)');

describe('statementNameFor', () => {
  it('names a text from its second sight on, always with the same name', () => {
    const text = `SELECT $1::int AS first_sight_${Date.now()}`;
    expect(statementNameFor(text)).toBeUndefined();
    const name = statementNameFor(text);
    expect(name).toMatch(/^chaud_[\w-]{20}$/);
    expect(statementNameFor(text)).toBe(name);
    expect(statementNameFor(`${text} `)).toBeUndefined();
  });

  it('is on unless CHAUD_DB_NAMED_STATEMENTS=off', () => {
    expect(isNamingEnabled({})).toBe(true);
    expect(isNamingEnabled({ CHAUD_DB_NAMED_STATEMENTS: 'OFF' })).toBe(false);
    expect(isNamingEnabled({ CHAUD_DB_NAMED_STATEMENTS: 'on' })).toBe(true);
  });
});

describe.skipIf(!onPostgres)('NamingClient on PostgreSQL', () => {
  let client: NamingClient;
  const prepared = async () => {
    const { rows } = await client.query('SELECT statement FROM pg_prepared_statements');
    return (rows as { statement: string }[]).map((row) => row.statement);
  };

  beforeAll(async () => {
    client = new NamingClient({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
  });
  afterAll(async () => client?.end());

  it('prepares a repeated parameterised statement once and answers like an unnamed one', async () => {
    const text = `SELECT $1::int + 1 AS next, $2::text AS label -- ${Date.now()}`;
    const first = await client.query({ text, values: [1, 'a'] });
    expect(await prepared()).not.toContain(text);
    const second = await client.query({ text, values: [2, 'b'] });
    const third = await client.query(text, [41, 'c']);
    // The callback form, as pg-pool calls it for pg-boss.
    const fourth = await new Promise((resolve, reject) =>
      client.query(text, [9, 'd'], (error: Error | null, result: { rows: unknown[] }) =>
        error ? reject(error) : resolve(result.rows),
      ),
    );
    expect(await prepared()).toContain(text);
    expect([first.rows, second.rows, third.rows, fourth]).toEqual([
      [{ next: 2, label: 'a' }],
      [{ next: 3, label: 'b' }],
      [{ next: 42, label: 'c' }],
      [{ next: 10, label: 'd' }],
    ]);
  });

  it('leaves statements without parameters to the simple protocol (several statements in one text)', async () => {
    const script = `SELECT 1 AS one; SELECT 2 AS two -- ${Date.now()}`;
    await client.query(script);
    await client.query(script);
    expect(await prepared()).not.toContain(script);
  });

  it('prepares a statement again under a new name once a migration changed its result shape', async () => {
    const table = `named_shape_${Date.now()}`;
    await client.query(`CREATE TEMP TABLE ${table} (a int)`);
    await client.query(`INSERT INTO ${table} VALUES (1)`);
    const text = `SELECT * FROM ${table} WHERE a = $1`;
    await client.query(text, [1]);
    expect((await client.query(text, [1])).rows).toEqual([{ a: 1 }]);
    await client.query(`ALTER TABLE ${table} ADD COLUMN b int DEFAULT 2`);
    await expect(client.query(text, [1])).rejects.toMatchObject({ code: '0A000' });
    expect((await client.query(text, [1])).rows).toEqual([{ a: 1, b: 2 }]);
    expect((await client.query(text, [1])).rows).toEqual([{ a: 1, b: 2 }]);
  });

  it('reports a failing named statement as the error it is, and the connection stays usable', async () => {
    const text = `SELECT 1 / $1::int AS ratio -- ${Date.now()}`;
    await client.query(text, [1]);
    await expect(client.query(text, [0])).rejects.toMatchObject({ code: '22012' });
    expect((await client.query(text, [2])).rows).toEqual([{ ratio: 0 }]);
  });
});
