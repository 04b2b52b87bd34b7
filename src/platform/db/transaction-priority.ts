import { AsyncLocalStorage } from 'node:async_hooks';

// The embedded database runs one transaction at a time. Without an order, a webhook's two-statement
// transaction waits behind every queued background transaction (agent turns, sends), and WhatsApp's
// acknowledgement budget is blown under load (measured: ack p99 2.5 s at 23 turns/s). Work started by a job
// is marked as background; transactions of requests go first, background ones keep their FIFO order.

const background = new AsyncLocalStorage<true>();

/** Runs `work` (a job handler) so that its transactions yield to requests' on the embedded database. */
export function runAsBackground<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

export function isBackground(): boolean {
  return background.getStore() === true;
}

interface Waiter {
  resolve: () => void;
}

/**
 * One holder at a time; waiting requests before waiting background work, each in arrival order.
 * Between two background transactions the gate lets the event loop turn once (`setImmediate`): PGlite
 * runs queries on this thread and a transaction's queries follow each other as promise continuations, so
 * without that turn no request would even be read while background work is queued.
 */
export class PriorityGate {
  private isHeld = false;
  private isYielding = false;
  private readonly urgent: Waiter[] = [];
  private readonly deferred: Waiter[] = [];

  get waiting(): { urgent: number; deferred: number } {
    return { urgent: this.urgent.length, deferred: this.deferred.length };
  }

  async run<T>(isUrgent: boolean, work: () => Promise<T>): Promise<T> {
    await this.acquire(isUrgent);
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(isUrgent: boolean): Promise<void> {
    const isFree = !this.isHeld && (isUrgent || (!this.isYielding && this.deferred.length === 0));
    if (isFree) {
      this.isHeld = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => (isUrgent ? this.urgent : this.deferred).push({ resolve }));
  }

  private release(): void {
    this.isHeld = false;
    const request = this.urgent.shift();
    if (request) {
      this.grant(request);
      return;
    }
    if (this.deferred.length === 0 || this.isYielding) return;
    this.isYielding = true;
    setImmediate(() => {
      this.isYielding = false;
      if (this.isHeld) return;
      const next = this.urgent.shift() ?? this.deferred.shift();
      if (next) this.grant(next);
    });
  }

  private grant(waiter: Waiter): void {
    this.isHeld = true;
    waiter.resolve();
  }
}

/**
 * Routes every top-level transaction of `db` through a priority gate. Nested transactions (savepoints)
 * are opened on the transaction object, not on `db`, so they never reach the gate.
 */
export function prioritizeTransactions<D extends { transaction: (...args: never[]) => Promise<unknown> }>(
  db: D,
  gate = new PriorityGate(),
): D {
  const original = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
  (db as { transaction: unknown }).transaction = (...args: unknown[]) =>
    gate.run(!isBackground(), () => original(...args));
  return db;
}

type StatementRunner = (...args: never[]) => Promise<unknown>;

/**
 * PGlite runs each statement synchronously on this thread, and the statements of a job follow each
 * other as promise continuations, which all run before the event loop polls sockets again (measured:
 * 300 queries in a row and not one timer or socket served in between). So a burst of background work
 * kept every request unread until it ended. A background statement first waits one turn of the loop
 * (`setImmediate` runs after pending I/O), so a request is read within about one statement's time.
 * Requests' own statements do not wait.
 */
export function yieldBeforeBackgroundStatements<C extends { execProtocolStream: StatementRunner }>(
  client: C,
): C {
  const original = client.execProtocolStream.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as { execProtocolStream: unknown }).execProtocolStream = async (...args: unknown[]) => {
    if (isBackground()) await new Promise<void>((resolve) => setImmediate(resolve));
    return original(...args);
  };
  return client;
}
