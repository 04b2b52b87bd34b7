import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * node-postgres sends every statement unnamed, so PostgreSQL parses, analyses and plans it on each
 * run. An agent turn is ~70 short statements, and measured with pg_stat_statements their execution
 * was under a third of the backends' CPU: the rest was that per-statement work. A text seen twice is
 * given a name derived from it, so each connection parses it once and reuses the prepared statement.
 *
 * Off with `CHAUD_DB_NAMED_STATEMENTS=off` (PgBouncer before 1.21 in transaction mode cannot keep
 * a prepared statement with a connection).
 */
const MAX_NAMED = 500;
// Texts seen once are remembered up to this many; a run of one-off texts (bulk writes with a row count
// in the text) must not push the frequent ones out.
const MAX_SEEN = 5_000;

const names = new Map<string, string>();
const seenOnce = new Set<string>();
// Texts whose prepared statement went stale, with how many times: their next name differs, so each
// connection parses them again.
const retirements = new Map<string, number>();
// SQLSTATEs of a prepared statement that no longer fits: its result shape changed under it (a
// migration while this process runs: "cached plan must not change result type"), or it is gone.
const STALE_STATEMENT_CODES = new Set(['0A000', '26000']);

/** The name a statement runs under, or undefined to run it unnamed (first sight, or too many names). */
export function statementNameFor(text: string): string | undefined {
  const known = names.get(text);
  if (known) return known;
  if (!seenOnce.has(text)) {
    if (seenOnce.size >= MAX_SEEN) seenOnce.clear();
    seenOnce.add(text);
    return undefined;
  }
  if (names.size >= MAX_NAMED) return undefined;
  const retired = retirements.get(text) ?? 0;
  const source = retired === 0 ? text : `${text}\u0000${retired}`;
  const name = `chaud_${createHash('sha1').update(source).digest('base64url').slice(0, 20)}`;
  names.set(text, name);
  seenOnce.delete(text);
  return name;
}

/** Forgets the name of a text whose statement went stale; the text is named anew from its next run. */
export function retireStatementName(text: string): void {
  if (!names.delete(text)) return;
  retirements.set(text, (retirements.get(text) ?? 0) + 1);
  // The failed run counts as the first sight of the new name.
  seenOnce.add(text);
}

function retireWhenStale(text: string, error: unknown): void {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && STALE_STATEMENT_CODES.has(code)) retireStatementName(text);
}

interface QueryConfigLike {
  text?: unknown;
  name?: unknown;
  values?: unknown;
}

/** A node-postgres client that names its repeated parameterised statements (see above). */
export class NamingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: node-postgres' overloads take any config and callback shape.
  override query(config: any, values?: any, callback?: any): any {
    // Called as query(text, values, callback) (pg-boss) or query({ text, values, … }) (Drizzle).
    const query: QueryConfigLike | null =
      typeof config === 'string' ? { text: config } : (config as QueryConfigLike | null);
    const parameters = query?.values ?? values;
    if (
      query &&
      typeof query === 'object' &&
      typeof query.text === 'string' &&
      query.name === undefined &&
      // Only the extended protocol can name a statement; texts without parameters (BEGIN, SAVEPOINT,
      // a script of several statements) keep the simple protocol.
      Array.isArray(parameters) &&
      parameters.length > 0 &&
      typeof (query as { submit?: unknown }).submit !== 'function'
    ) {
      const name = statementNameFor(query.text);
      if (name) {
        // biome-ignore lint/suspicious/noExplicitAny: see above.
        const named: any = { ...query, values: parameters, name };
        const text = query.text;
        const done = typeof values === 'function' ? values : callback;
        if (done)
          return super.query(named, (error: unknown, result: unknown) => {
            if (error) retireWhenStale(text, error);
            done(error, result);
          });
        return (super.query(named) as Promise<unknown>).catch((error: unknown) => {
          retireWhenStale(text, error);
          throw error;
        });
      }
    }
    return super.query(config, values, callback);
  }
}

export function isNamingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.CHAUD_DB_NAMED_STATEMENTS ?? 'on').toLowerCase() !== 'off';
}
