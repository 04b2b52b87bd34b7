// Bench databases: a throwaway PostgreSQL database per run, and COPY FROM STDIN without extra packages.
import pg from 'pg';
import { onCleanup } from './processes.ts';

export const ADMIN_DATABASE_URL =
  process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

function databaseUrlFor(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates `chaud_bench_<pid>_<label>` and registers its DROP; returns its URL. */
export async function createBenchDatabase(label: string): Promise<string> {
  const name = `chaud_bench_${process.pid}_${label}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  onCleanup(async () => {
    const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  });
  return databaseUrlFor(name);
}

const COPY_CHUNK_BYTES = 64 * 1024;

/**
 * `COPY … FROM STDIN` over node-postgres: pg's Query answers a CopyInResponse with CopyFail unless a
 * subclass sends the data, which is all pg-copy-streams does too (not installed, so done here).
 */
class CopyFromStdinQuery extends pg.Query {
  private readonly payload: Buffer;

  constructor(text: string, payload: Buffer) {
    super(text);
    this.payload = payload;
  }

  handleCopyInResponse(connection: unknown): void {
    const wire = connection as { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void };
    for (let offset = 0; offset < this.payload.length; offset += COPY_CHUNK_BYTES)
      wire.sendCopyFromChunk(this.payload.subarray(offset, offset + COPY_CHUNK_BYTES));
    wire.endCopyFrom();
  }
}

/** Sends `payload` (COPY text format) through one connection; resolves with the rows COPY reports. */
export async function copyFromStdin(client: pg.Client, text: string, payload: Buffer): Promise<number> {
  const query = new CopyFromStdinQuery(text, payload);
  const done = new Promise<number>((resolve, reject) => {
    query.on('end', (result: pg.QueryResult) => resolve(result.rowCount ?? 0));
    query.on('error', reject);
  });
  client.query(query);
  return done;
}

/** One value in COPY text format: `\N` for null, backslash escapes for the separators. */
export function toCopyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return text.replace(/[\\\t\n\r]/g, (char) =>
    char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r',
  );
}
