import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toLiteral, withPreparedStatements } from './pglite-prepared.ts';

// A real in-memory PGlite: what matters is that an EXECUTE gives back exactly what the statement as
// written gives, for every kind of value pg-boss (or anyone) passes.

let pglite: PGlite;

beforeAll(async () => {
  pglite = await PGlite.create();
  await pglite.exec(`
    CREATE TABLE sample (
      id serial PRIMARY KEY, label text UNIQUE, amount integer, ids uuid[], tags text[], body jsonb,
      at timestamptz, flag boolean, raw bytea
    );
    CREATE TABLE counter (n integer);
  `);
});

afterAll(async () => {
  await pglite?.close();
});

beforeEach(async () => {
  await pglite.exec('DEALLOCATE ALL; TRUNCATE sample RESTART IDENTITY; TRUNCATE counter');
});

async function preparedNames(): Promise<string[]> {
  const result = await pglite.query<{ name: string }>(
    'SELECT name FROM pg_prepared_statements ORDER BY name',
  );
  return result.rows.map((row) => row.name);
}

const INSERT = `INSERT INTO sample (label, amount, ids, tags, body, at, flag, raw)
  VALUES ($1, $2, $3::uuid[], $4, $5, $6, $7, $8) RETURNING *`;

const awkward = [
  "it's a \\ backslash, a 'quote' and E'\\n' — élan 🚀",
  'line one\nline two\ttab',
  '{"looks":"like json"}',
  '',
];

function valuesFor(index: number): unknown[] {
  return [
    awkward[index % awkward.length]! + index,
    index * 7 - 3,
    ['6f1d3c2e-8a4b-4c5d-9e6f-0a1b2c3d4e5f', '00000000-0000-4000-8000-000000000000'],
    ['a,b', 'say "hi"', 'back\\slash', null, '{braces}', 'NULL'],
    index % 2 === 0 ? { nested: { quote: "l'été", list: [1, null, 'x'] } } : '{"already":"text"}',
    new Date(Date.UTC(2026, 10, 25, 8, 30, index)),
    index % 3 === 0,
    new Uint8Array([0, 1, 2, 255, 39, 92]),
  ];
}

describe('withPreparedStatements', () => {
  it('prepares a text on its second run and returns what the statement as written returns', async () => {
    const boss = withPreparedStatements(pglite);
    for (let index = 0; index < 5; index++) {
      const viaWrapper = await boss.query(INSERT, valuesFor(index));
      await pglite.exec('DELETE FROM sample');
      const asWritten = await pglite.query(INSERT, valuesFor(index));
      const { id: _a, ...wrapped } = viaWrapper.rows[0] as Record<string, unknown>;
      const { id: _b, ...direct } = asWritten.rows[0] as Record<string, unknown>;
      expect(wrapped).toEqual(direct);
      expect(viaWrapper.affectedRows).toBe(1);
    }
    expect(await preparedNames()).toHaveLength(1);
  });

  it('passes null and missing values as SQL NULL', async () => {
    const boss = withPreparedStatements(pglite);
    const text = 'INSERT INTO sample (label, amount, body) VALUES ($1, $2, $3) RETURNING label, amount, body';
    for (let index = 0; index < 3; index++) {
      const result = await boss.query(text, [`null-${index}`, null, undefined]);
      expect(result.rows[0]).toEqual({ label: `null-${index}`, amount: null, body: null });
    }
    expect(await preparedNames()).toHaveLength(1);
  });

  it('never prepares a multi-statement block: each run runs every statement once', async () => {
    const boss = withPreparedStatements(pglite);
    const block = 'INSERT INTO counter VALUES (1); INSERT INTO counter VALUES (2)';
    for (let index = 0; index < 3; index++) await boss.exec(block);
    const count = await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM counter');
    expect(count.rows[0]!.n).toBe(6);
    expect(await preparedNames()).toEqual([]);
  });

  it('runs a parameterless single statement through exec as EXECUTE, with the same rows', async () => {
    const boss = withPreparedStatements(pglite);
    await pglite.exec("INSERT INTO sample (label) VALUES ('a'), ('b')");
    const results = [];
    for (let index = 0; index < 3; index++)
      results.push(await boss.exec('SELECT label FROM sample ORDER BY label'));
    for (const result of results)
      expect(result.flatMap((r) => r.rows)).toEqual([{ label: 'a' }, { label: 'b' }]);
    expect(await preparedNames()).toHaveLength(1);
  });

  it("raises the statement's own errors from the prepared form", async () => {
    const boss = withPreparedStatements(pglite);
    const text = 'INSERT INTO sample (label) VALUES ($1)';
    await boss.query(text, ['dup-1']);
    await boss.query(text, ['dup-2']);
    expect(await preparedNames()).toHaveLength(1);
    await expect(boss.query(text, ['dup-1'])).rejects.toMatchObject({ code: '23505' });
  });

  it('runs the text as written when its statement was deallocated, and prepares it again later', async () => {
    const boss = withPreparedStatements(pglite);
    const text = 'SELECT $1::int + 1 AS next';
    await boss.query(text, [1]);
    await boss.query(text, [2]);
    await pglite.exec('DEALLOCATE ALL');
    expect((await boss.query(text, [3])).rows).toEqual([{ next: 4 }]);
    await boss.query(text, [4]);
    expect((await boss.query(text, [5])).rows).toEqual([{ next: 6 }]);
    expect(await preparedNames()).toHaveLength(1);
  });

  it('follows a change of the result shape (DDL) instead of failing', async () => {
    await pglite.exec('CREATE TABLE shape (a int); INSERT INTO shape VALUES (1)');
    try {
      const boss = withPreparedStatements(pglite);
      const text = 'SELECT * FROM shape WHERE a = $1';
      await boss.query(text, [1]);
      await boss.query(text, [1]);
      await pglite.exec('ALTER TABLE shape ADD COLUMN b text DEFAULT $$new$$');
      expect((await boss.query(text, [1])).rows).toEqual([{ a: 1, b: 'new' }]);
    } finally {
      await pglite.exec('DROP TABLE shape');
    }
  });

  it('prepares a statement afresh after refreshAfterRuns runs, so a plan made on an empty table does not stay', async () => {
    const boss = withPreparedStatements(pglite, { refreshAfterRuns: 3 });
    const text = 'SELECT count(*)::int AS n FROM sample WHERE amount = $1';
    const names: string[][] = [];
    for (let run = 0; run < 8; run++) {
      await pglite.query('INSERT INTO sample (label, amount) VALUES ($1, 1)', [`grow-${run}`]);
      expect((await boss.query(text, [1])).rows).toEqual([{ n: run + 1 }]);
      names.push(await preparedNames());
    }
    // Run 1 as written, then prepared; every third run replaces the statement by a new one.
    expect(names[0]).toEqual([]);
    for (const list of names.slice(1)) expect(list).toHaveLength(1);
    expect(new Set(names.slice(1).map((list) => list[0])).size).toBeGreaterThanOrEqual(2);
  });

  it('keeps at most maxStatements prepared, and never prepares a text run only once', async () => {
    const boss = withPreparedStatements(pglite, { maxStatements: 1 });
    for (let index = 0; index < 3; index++) {
      await boss.query('SELECT $1::int AS one', [index]);
      await boss.query('SELECT $1::int AS two', [index]);
      await boss.query(`SELECT $1::int AS once_${index}`, [index]);
    }
    expect(await preparedNames()).toHaveLength(1);
    expect((await boss.query('SELECT $1::int AS two', [9])).rows).toEqual([{ two: 9 }]);
  });
});

describe('toLiteral', () => {
  it('writes arrays, JSON, dates, booleans and bytes as PostgreSQL reads them', () => {
    expect(toLiteral(['a"b', null, 'c\\d'], 'text[]')).toBe(`E'{"a\\\\"b",NULL,"c\\\\\\\\d"}'`);
    expect(toLiteral({ a: "l'x" }, 'jsonb')).toBe(`E'{"a":"l''x"}'`);
    expect(toLiteral('{"a":1}', 'json')).toBe(`E'{"a":1}'`);
    expect(toLiteral(new Date(Date.UTC(2026, 0, 2)), 'timestamp with time zone')).toBe(
      "E'2026-01-02T00:00:00.000Z'",
    );
    expect(toLiteral(true, 'boolean')).toBe('true');
    expect(toLiteral(null, 'text')).toBe('NULL');
    expect(toLiteral(new Uint8Array([1, 255]), 'bytea')).toBe("E'\\\\x01ff'");
  });
});
