import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock.ts';
import type { Database, DatabaseHandle } from './database.ts';
import { isNamingEnabled, NamingClient } from './named-statements.ts';
import { prioritizeTransactions, yieldBeforeBackgroundStatements } from './transaction-priority.ts';

// btree_gist lets an exclusion constraint mix equality and range overlap (one rep, no two bookings at once).
const EXTENSIONS = { btree_gist };

// Return bigint columns (COUNT(*)) as numbers and timestamps as Date through node-postgres as PGlite does.
pg.types.setTypeParser(20, (value) => Number(value));

export interface OpenOptions {
  /** Why this process opens the embedded folder, shown to another process that finds it locked. */
  purpose?: string;
  poolSize?: number;
}

export async function openPostgres(url: string, options: OpenOptions = {}): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(isNamingEnabled() ? { Client: NamingClient } : {}),
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const db = drizzlePostgres({ client: pool }) as unknown as Database;
  return {
    kind: 'postgres',
    db,
    pool,
    async query(text, params) {
      const result = await pool.query(text, params as unknown[]);
      return result.rows;
    },
    close: () => pool.end(),
  };
}

/** Opens PGlite from a folder (persisted) or in memory, or from a dumped tarball (test templates). */
export async function openPglite(
  location: { dataDir: string } | { memory: true; loadDataDir?: Blob },
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  let release: () => void = () => {};
  let pglite: PGlite;
  if ('dataDir' in location) {
    release = acquireDataDirLock(location.dataDir, options.purpose ?? 'chaud');
    try {
      const pgdata = path.join(location.dataDir, 'pgdata');
      fs.mkdirSync(pgdata, { recursive: true });
      pglite = await PGlite.create({ dataDir: pgdata, extensions: EXTENSIONS });
    } catch (error) {
      release();
      throw error;
    }
  } else {
    pglite = await PGlite.create({
      extensions: EXTENSIONS,
      ...(location.loadDataDir ? { loadDataDir: location.loadDataDir } : {}),
    });
  }
  // Requests' transactions go before background ones, and background statements let the event loop
  // read requests between them (see transaction-priority.ts).
  yieldBeforeBackgroundStatements(pglite);
  const db = prioritizeTransactions(drizzlePglite({ client: pglite }) as unknown as Database);
  return {
    kind: 'pglite',
    db,
    pglite,
    async query(text, params) {
      const result = await pglite.query(text, params as unknown[]);
      return result.rows as never[];
    },
    async close() {
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        release();
      }
    },
  };
}
