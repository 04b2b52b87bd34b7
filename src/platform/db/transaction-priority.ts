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

/** One holder at a time; waiting requests before waiting background work, each in arrival order. */
export class PriorityGate {
  private isHeld = false;
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
    if (!this.isHeld) {
      this.isHeld = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => (isUrgent ? this.urgent : this.deferred).push({ resolve }));
  }

  private release(): void {
    const next = this.urgent.shift() ?? this.deferred.shift();
    if (next) next.resolve();
    else this.isHeld = false;
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
