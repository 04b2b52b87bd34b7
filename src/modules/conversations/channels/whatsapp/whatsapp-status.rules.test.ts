import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeliveryStatus, StatusUpdate } from './whatsapp-inbound.types.ts';
import { type DeliveryState, mergeStatus } from './whatsapp-status.rules.ts';

const update = (status: DeliveryStatus, seconds: number, code?: number): StatusUpdate => ({
  messageId: 'wamid.1',
  status,
  at: new Date(seconds * 1000),
  errors: code === undefined ? [] : [{ code, details: `error ${code}` }],
});

function apply(updates: StatusUpdate[]): DeliveryState | undefined {
  return updates.reduce<DeliveryState | undefined>(
    (state, item) => mergeStatus(state, item).state,
    undefined,
  );
}

describe('mergeStatus', () => {
  it('moves forward sent → delivered → read and records each time', () => {
    const state = apply([update('sent', 10), update('delivered', 11), update('read', 12)]);
    expect(state).toEqual({
      status: 'read',
      sentAt: new Date(10_000),
      deliveredAt: new Date(11_000),
      readAt: new Date(12_000),
      errors: [],
    });
  });

  it('never moves back when webhooks arrive out of order, but still fills in the earlier times', () => {
    const read = mergeStatus(undefined, update('read', 12)).state;
    const late = mergeStatus(read, update('sent', 10));
    expect(late.isAdvanced).toBe(false);
    expect(late.state).toMatchObject({ status: 'read', sentAt: new Date(10_000), readAt: new Date(12_000) });
  });

  it('treats a redelivered webhook as no change', () => {
    const delivered = apply([update('sent', 10), update('delivered', 11)])!;
    const again = mergeStatus(delivered, update('delivered', 11));
    expect(again.isAdvanced).toBe(false);
    expect(again.state).toEqual(delivered);
  });

  it('lets failed replace sent, keeping the error codes', () => {
    const result = mergeStatus(apply([update('sent', 10)]), update('failed', 20, 131026));
    expect(result.isAdvanced).toBe(true);
    expect(result.state).toMatchObject({
      status: 'failed',
      failedAt: new Date(20_000),
      errors: [{ code: 131026 }],
    });
    expect(mergeStatus(result.state, update('sent', 10)).state.status).toBe('failed');
  });

  it('keeps proof of delivery over a failure report, whichever comes first', () => {
    const failedThenRead = apply([update('failed', 20, 131000), update('read', 21)])!;
    const readThenFailed = apply([update('read', 21), update('failed', 20, 131000)])!;
    expect(failedThenRead.status).toBe('read');
    expect(readThenFailed.status).toBe('read');
    expect(readThenFailed.errors).toEqual([{ code: 131000, details: 'error 131000' }]);
  });

  it('reaches the same status whatever the order and duplication of the webhooks', () => {
    const statuses: DeliveryStatus[] = ['sent', 'delivered', 'read', 'played', 'failed'];
    const rank = (status: DeliveryStatus) =>
      ['sent', 'failed', 'delivered', 'read', 'played'].indexOf(status);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...statuses), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (list, seed) => {
          const updates = list.map((status, index) => update(status, 100 + index));
          const shuffled = [...updates].sort(
            (left, right) =>
              ((left.at.getTime() * 7919 + seed) % 13) - ((right.at.getTime() * 7919 + seed) % 13),
          );
          const highest = list.reduce((best, status) => (rank(status) > rank(best) ? status : best));
          expect(apply(updates)!.status).toBe(highest);
          expect(apply([...shuffled, ...updates])!.status).toBe(highest);
        },
      ),
    );
  });
});
