import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsBackground, yieldBeforeBackgroundStatements } from './transaction-priority.ts';

// A real in-memory PGlite: the point is how its statements share the event loop with everything else.

let pglite: PGlite;

beforeAll(async () => {
  pglite = yieldBeforeBackgroundStatements(await PGlite.create());
  await pglite.query('SELECT 1');
});

afterAll(async () => {
  await pglite?.close();
});

/** Runs `count` statements in a row and tells how many had run when a timer due at once fired. */
async function statementsBeforeTimer(count: number, asBackground: boolean): Promise<number> {
  let done = 0;
  let seenByTimer = -1;
  setTimeout(() => {
    seenByTimer = done;
  }, 0);
  const run = async () => {
    for (let index = 0; index < count; index++) {
      await pglite.query('SELECT $1::int AS n', [index]);
      done++;
    }
  };
  await (asBackground ? runAsBackground(run) : run());
  await new Promise((resolve) => setTimeout(resolve, 5));
  return seenByTimer;
}

describe('yieldBeforeBackgroundStatements', () => {
  it("lets the event loop serve timers and sockets between a job's statements", async () => {
    expect(await statementsBeforeTimer(200, true)).toBeLessThan(5);
  });

  it("runs a request's statements back to back", async () => {
    // Without the yield PGlite never lets the loop turn during a chain of statements: this is the
    // starvation the background yield exists for.
    expect(await statementsBeforeTimer(200, false)).toBe(200);
  });

  it('keeps transactions working, background or not', async () => {
    const inTransaction = () =>
      pglite.transaction(async (tx) => {
        await tx.query('CREATE TEMP TABLE IF NOT EXISTS t (n int)');
        await tx.query('INSERT INTO t VALUES (1)');
        return (await tx.query<{ c: number }>('SELECT count(*)::int AS c FROM t')).rows[0]!.c;
      });
    expect(await inTransaction()).toBe(1);
    expect(await runAsBackground(inTransaction)).toBe(2);
  });
});
