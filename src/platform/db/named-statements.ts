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
  const name = `chaud_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
  names.set(text, name);
  seenOnce.delete(text);
  return name;
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
    const query = config as QueryConfigLike | null;
    if (
      query &&
      typeof query === 'object' &&
      typeof query.text === 'string' &&
      query.name === undefined &&
      // Only the extended protocol can name a statement; texts without parameters (BEGIN, SAVEPOINT,
      // a script of several statements) keep the simple protocol.
      Array.isArray(query.values ?? values) &&
      ((query.values ?? values) as unknown[]).length > 0 &&
      typeof (query as { submit?: unknown }).submit !== 'function'
    ) {
      const name = statementNameFor(query.text);
      // biome-ignore lint/suspicious/noExplicitAny: see above.
      if (name) return super.query({ ...query, name } as any, values, callback);
    }
    return super.query(config, values, callback);
  }
}

export function isNamingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.CHAUD_DB_NAMED_STATEMENTS ?? 'on').toLowerCase() !== 'off';
}
