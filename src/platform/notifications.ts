import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { Database, DatabaseHandle } from './db/database.ts';
import type { Logger } from './logger.ts';

/**
 * Sends `payload` to every process listening on `channel` when `tx` commits (PostgreSQL NOTIFY:
 * delivered on commit, dropped on rollback). Payloads must stay under 8 000 bytes: send ids, not rows.
 */
export async function notifyOnCommit(tx: Database, channel: string, payload: object): Promise<void> {
  await tx.execute(sql`SELECT pg_notify(${channel}, ${JSON.stringify(payload)})`);
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
