import type { PGlite, Results } from '@electric-sql/pglite';

// pg-boss sends the same few statements over and over (insert, fetch, complete: one text per queue),
// and PGlite parses, analyses and plans each one every time: measured on this machine, the insert
// took 1.5–2.5 ms through `query` and 0.5–0.7 ms as `EXECUTE` of a prepared statement, the fetch
// 2.3 ms against 1.2 ms. Those two are a job's whole path from `send` to its handler, on the one
// thread the embedded database shares with requests. PGlite's API has no named statements, so this
// prepares with SQL (`PREPARE`) and runs `EXECUTE name(literals)`.
//
// A prepared statement keeps its plan, and PGlite has no autovacuum to refresh statistics: a fetch
// planned while the job table was empty kept scanning it whole once it held 10,000 timers (measured:
// lateness p99 from 84 ms to 10 s). So each statement is prepared again after a number of runs or
// seconds, which follows the table as it grows for one parse and plan per refresh (measured without
// refreshes: dispatch p50 from 2.4 to 5.1 ms within a minute of jobs).

/** Statements kept prepared at most; later texts run as they come (a text that embeds a value would
 * otherwise fill the session). */
const DEFAULT_MAX_STATEMENTS = 200;
/** Texts seen once, remembered to prepare on their second run; forgotten in bulk past this. */
const MAX_SEEN = 2_000;
/** A prepared statement is planned afresh after this many runs or this age, whichever comes first. */
const REFRESH_AFTER_RUNS = 200;
const REFRESH_AFTER_MS = 10_000;
// Names are unique in the process: several wrappers (two JobQueues in tests) may share one session.
let lastStatementId = 0;

// SQLSTATEs after which a prepared statement is dropped and the text runs as it came: the statement
// no longer exists (a session reset) or its result shape changed under it (DDL).
const STALE_STATEMENT_CODES = new Set(['26000', '0A000']);

interface Prepared {
  name: string;
  /** Parameter types as PostgreSQL inferred them (`text`, `uuid[]`, `jsonb`, …). */
  types: string[];
  runs: number;
  preparedAt: number;
  isRetired: boolean;
  isRefreshing: boolean;
}

/** The PGlite calls pg-boss's `fromPglite` adapter makes. */
export type BossPglite = Pick<PGlite, 'query' | 'exec' | 'listen'>;

function quote(text: string): string {
  return `E'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return arrayText(value);
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function arrayText(values: unknown[]): string {
  return `{${values.map(arrayElement).join(',')}}`;
}

/** A parameter as the literal PostgreSQL would read for `type`, as PGlite's own serialisers write it. */
export function toLiteral(value: unknown, type: string): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value) && type.endsWith('[]')) return quote(arrayText(value));
  if (type === 'json' || type === 'jsonb')
    return quote(typeof value === 'string' ? value : JSON.stringify(value));
  if (value instanceof Date) return quote(value.toISOString());
  if (value instanceof Uint8Array) return quote(`\\x${Buffer.from(value).toString('hex')}`);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') return quote(JSON.stringify(value));
  return quote(String(value));
}

function sqlStateOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}

/**
 * Wraps PGlite for pg-boss: a statement text run a second time is prepared, and every later run is
 * an `EXECUTE`. Only single statements are prepared (`PREPARE` goes through the extended protocol,
 * which refuses several commands), so a multi-statement block always runs as written.
 */
export function withPreparedStatements(
  pglite: PGlite,
  options: { maxStatements?: number; refreshAfterRuns?: number; refreshAfterMs?: number } = {},
): BossPglite {
  const maxStatements = options.maxStatements ?? DEFAULT_MAX_STATEMENTS;
  const refreshAfterRuns = options.refreshAfterRuns ?? REFRESH_AFTER_RUNS;
  const refreshAfterMs = options.refreshAfterMs ?? REFRESH_AFTER_MS;
  /** By text: its statement (being prepared, or null when it is not to be prepared). Concurrent runs
   * of a new text wait for the one PREPARE rather than each preparing it. */
  const statements = new Map<string, Promise<Prepared | null>>();
  const seen = new Set<string>();
  let preparedCount = 0;

  async function prepare(text: string): Promise<Prepared | null> {
    if (preparedCount >= maxStatements) return null;
    preparedCount += 1;
    lastStatementId += 1;
    const name = `chaud_boss_${lastStatementId}`;
    try {
      await pglite.query(`PREPARE ${name} AS ${text}`);
    } catch {
      preparedCount -= 1;
      return null;
    }
    const described = await pglite.query<{ types: string[] }>(
      'SELECT parameter_types::text[] AS types FROM pg_prepared_statements WHERE name = $1',
      [name],
    );
    return {
      name,
      types: described.rows[0]?.types ?? [],
      runs: 0,
      preparedAt: Date.now(),
      isRetired: false,
      isRefreshing: false,
    };
  }

  /** The statement to run `text` with, preparing it on its second run; null to run it as it is. */
  function statementFor(text: string): Promise<Prepared | null> {
    const known = statements.get(text);
    if (known !== undefined) return known;
    if (!seen.has(text)) {
      if (seen.size >= MAX_SEEN) seen.clear();
      seen.add(text);
      return Promise.resolve(null);
    }
    seen.delete(text);
    const prepared = prepare(text);
    statements.set(text, prepared);
    return prepared;
  }

  /** Drops a statement; its text runs as written next, and is prepared (planned) again after. */
  async function retire(text: string, prepared: Prepared): Promise<void> {
    if (prepared.isRetired) return;
    prepared.isRetired = true;
    preparedCount -= 1;
    const current = statements.get(text);
    if (current && (await current) === prepared) statements.delete(text);
    // A run that took this statement before it retired and executes after gets 26000 and runs as written.
    await pglite.exec(`DEALLOCATE ${prepared.name}`).catch(() => {});
  }

  /**
   * Replaces a statement by a fresh one (planned again on its first run), after the run that found it
   * due has returned: one PREPARE and one DEALLOCATE, off the path of the job that triggered it.
   */
  async function refresh(text: string, old: Prepared): Promise<void> {
    if (old.isRetired || old.isRefreshing) return;
    old.isRefreshing = true;
    lastStatementId += 1;
    const name = `chaud_boss_${lastStatementId}`;
    try {
      await pglite.exec(`PREPARE ${name} AS ${text}; DEALLOCATE ${old.name}`);
    } catch {
      await retire(text, old);
      return;
    }
    // Retired without counting: the fresh statement takes its place. A run that took the old one and
    // executes now gets 26000 and runs as written.
    old.isRetired = true;
    const fresh: Prepared = {
      ...old,
      name,
      runs: 0,
      preparedAt: Date.now(),
      isRetired: false,
      isRefreshing: false,
    };
    statements.set(text, Promise.resolve(fresh));
  }

  async function runPrepared<T>(
    text: string,
    prepared: Prepared,
    values: unknown[],
    runAsWritten: () => Promise<T>,
    fromResults: (results: Results[]) => T,
  ): Promise<T> {
    const literals = values.map((value, index) => toLiteral(value, prepared.types[index] ?? 'text'));
    const args = literals.length > 0 ? `(${literals.join(', ')})` : '';
    let results: Results[];
    try {
      results = await pglite.exec(`EXECUTE ${prepared.name}${args}`);
    } catch (error) {
      if (!STALE_STATEMENT_CODES.has(sqlStateOf(error) ?? '')) throw error;
      await retire(text, prepared);
      return runAsWritten();
    }
    prepared.runs += 1;
    if (prepared.runs >= refreshAfterRuns || Date.now() - prepared.preparedAt >= refreshAfterMs)
      void refresh(text, prepared);
    return fromResults(results);
  }

  const emptyResults: Results = { rows: [], fields: [], affectedRows: 0 };

  return {
    async query(text, params, queryOptions) {
      const runAsWritten = () => pglite.query(text, params, queryOptions);
      // Options (row mode, parsers) change how rows come back: only the plain form is prepared. A
      // text without parameters is a one-off here (the adapter sends those through `exec`).
      if (queryOptions || !params || params.length === 0) return runAsWritten();
      const prepared = await statementFor(text);
      if (!prepared) return runAsWritten();
      return runPrepared(text, prepared, params, runAsWritten, (results) => results[0] ?? emptyResults);
    },
    async exec(text, queryOptions) {
      const runAsWritten = () => pglite.exec(text, queryOptions);
      if (queryOptions) return runAsWritten();
      const prepared = await statementFor(text);
      if (!prepared) return runAsWritten();
      return runPrepared(text, prepared, [], runAsWritten, (results) => results);
    },
    listen: (channel, callback, tx) => pglite.listen(channel, callback, tx),
  } as BossPglite;
}
