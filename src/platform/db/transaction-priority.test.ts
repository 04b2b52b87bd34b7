import { describe, expect, it } from 'vitest';
import {
  isBackground,
  PriorityGate,
  prioritizeTransactions,
  runAsBackground,
} from './transaction-priority.ts';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('PriorityGate', () => {
  it('lets waiting requests in before waiting background work, each kind in arrival order', async () => {
    const gate = new PriorityGate();
    const order: string[] = [];
    const first = deferred();
    const holder = gate.run(false, async () => {
      order.push('holder');
      await first.promise;
    });
    const queued = [
      gate.run(false, async () => void order.push('background 1')),
      gate.run(true, async () => void order.push('request 1')),
      gate.run(false, async () => void order.push('background 2')),
      gate.run(true, async () => void order.push('request 2')),
    ];
    expect(gate.waiting).toEqual({ urgent: 2, deferred: 2 });
    first.resolve();
    await Promise.all([holder, ...queued]);
    expect(order).toEqual(['holder', 'request 1', 'request 2', 'background 1', 'background 2']);
  });

  it('lets the event loop turn before the next background transaction, so a request read then goes first', async () => {
    const gate = new PriorityGate();
    const order: string[] = [];
    const first = deferred();
    const holder = gate.run(false, async () => {
      await first.promise;
    });
    const queued = gate.run(false, async () => void order.push('background'));
    first.resolve();
    // A webhook the event loop reads right after the holder's last query.
    const request = new Promise<void>((resolve) =>
      setImmediate(() => void gate.run(true, async () => void order.push('request')).then(resolve)),
    );
    await Promise.all([holder, queued, request]);
    expect(order).toEqual(['request', 'background']);
  });

  it('passes the gate on when the holder fails', async () => {
    const gate = new PriorityGate();
    await expect(gate.run(true, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(true, async () => 'next')).resolves.toBe('next');
    expect(gate.waiting).toEqual({ urgent: 0, deferred: 0 });
  });
});

describe('prioritizeTransactions', () => {
  it('marks work started by a job as background and runs transactions through the gate', async () => {
    const seen: boolean[] = [];
    const db = prioritizeTransactions({
      transaction: async (work: () => Promise<string>) => {
        seen.push(isBackground());
        return work();
      },
    });
    expect(await db.transaction(async () => 'request')).toBe('request');
    expect(await runAsBackground(() => db.transaction(async () => 'job'))).toBe('job');
    expect(seen).toEqual([false, true]);
  });
});
