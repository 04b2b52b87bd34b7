import { EventEmitter } from 'node:events';
import { type SQLWrapper, sql } from 'drizzle-orm';
import type { Database, DatabaseHandle } from './db/database.ts';
import { rowsOfResult } from './db/json-bulk-insert.ts';
import type { Logger } from './logger.ts';

/**
 * Sends `payload` to every process listening on `channel` when `tx` commits (PostgreSQL NOTIFY:
 * delivered on commit, dropped on rollback). Payloads must stay under 8 000 bytes: send ids, not rows.
 */
export async function notifyOnCommit(tx: Database, channel: string, payload: object): Promise<void> {
  await tx.execute(sql`SELECT pg_notify(${channel}, ${JSON.stringify(payload)})`);
}

/**
 * A write and its NOTIFY as ONE statement: `write` is an INSERT, UPDATE or DELETE builder with
 * `.returning(…)`, and the notification goes out when it wrote a row, on commit (at once outside a
 * transaction). Each statement is a round trip that wakes the database, a large share of an agent
 * turn's cost; a separate `SELECT pg_notify` after each write was four of them. Returns the written
 * rows as the database returned them (column names, driver values: see `mapRowsOf`).
 */
export async function writeAndNotify(
  db: Database,
  write: SQLWrapper,
  channel: string,
  payload: object,
): Promise<Record<string, unknown>[]> {
  // One notification per row; PostgreSQL folds identical ones of a transaction into one.
  const result = await db.execute(
    sql`WITH written AS ${write} SELECT written.*, pg_notify(${channel}, ${JSON.stringify(payload)}) AS notified FROM written`,
  );
  return rowsOfResult(result);
}

type Handler = (payload: unknown) => void;

/**
 * One LISTEN connection per process, fanned out to in-process subscribers (server-sent event
 * streams). Works the same on PGlite and on PostgreSQL, so N server copies all see every change.
 */
export class Notifications {
  private readonly handle: DatabaseHandle;
  private readonly logger: Logger;
  private readonly emitter = new EventEmitter();
  private readonly stops = new Map<string, Promise<() => Promise<void>>>();

  constructor(handle: DatabaseHandle, logger: Logger) {
    this.handle = handle;
    this.logger = logger;
    this.emitter.setMaxListeners(0);
  }

  /** Calls `handler` for each notification on `channel` until the returned function is called. */
  async subscribe(channel: string, handler: Handler): Promise<() => void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid channel name ${channel}`);
    if (!this.stops.has(channel)) this.stops.set(channel, this.listen(channel));
    await this.stops.get(channel);
    this.emitter.on(channel, handler);
    return () => this.emitter.off(channel, handler);
  }

  private async listen(channel: string): Promise<() => Promise<void>> {
    const emit = (raw: string) => {
      try {
        this.emitter.emit(channel, JSON.parse(raw));
      } catch (error) {
        this.logger.warn({ err: error, channel }, 'unreadable notification');
      }
    };
    if (this.handle.pglite) {
      const unlisten = await this.handle.pglite.listen(channel, emit);
      return unlisten;
    }
    const client = await this.handle.pool!.connect();
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) emit(message.payload);
    });
    await client.query(`LISTEN ${channel}`);
    return async () => {
      await client.query(`UNLISTEN ${channel}`).catch(() => {});
      client.release();
    };
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    const stops = [...this.stops.values()];
    this.stops.clear();
    for (const stop of stops) await (await stop)().catch(() => {});
  }
}
