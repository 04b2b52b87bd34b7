import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextSendAt, retryDelayFor } from './send-pacing.rules.ts';

const t = (milliseconds: number) => new Date(1_800_000_000_000 + milliseconds);

describe('nextSendAt', () => {
  it('sends at once when nothing limits', () => {
    expect(nextSendAt({ now: t(0), recentNumberSends: [] })).toEqual(t(0));
  });

  it('waits 6 s after the previous message to the same user', () => {
    expect(nextSendAt({ now: t(1_000), lastSentToRecipientAt: t(0), recentNumberSends: [] })).toEqual(
      t(6_000),
    );
    expect(nextSendAt({ now: t(7_000), lastSentToRecipientAt: t(0), recentNumberSends: [] })).toEqual(
      t(7_000),
    );
  });

  it('respects a backoff deadline', () => {
    expect(nextSendAt({ now: t(0), recentNumberSends: [], notBefore: t(30_000) })).toEqual(t(30_000));
  });

  it('holds the number to its throughput within any one-second window', () => {
    const sends = Array.from({ length: 80 }, (_, index) => t(index * 5));
    expect(nextSendAt({ now: t(400), recentNumberSends: sends })).toEqual(t(1_000));
    expect(nextSendAt({ now: t(400), recentNumberSends: sends, throughputPerSecond: 100 })).toEqual(t(400));
    expect(nextSendAt({ now: t(0), recentNumberSends: [t(0), t(10)], throughputPerSecond: 2 })).toEqual(
      t(1_000),
    );
  });

  it('never schedules a send that would put more than the limit in one second', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 3_000 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 3_000 }),
        (limit, offsets, now) => {
          // Start from a history that itself respects the limit, as the sender would have kept it.
          const history: number[] = [];
          for (const offset of [...offsets].sort((a, b) => a - b)) {
            if (history.filter((time) => time > offset - 1_000 && time <= offset).length < limit)
              history.push(offset);
          }
          const next = nextSendAt({
            now: t(now),
            recentNumberSends: history.map(t),
            throughputPerSecond: limit,
          });
          const at = next.getTime() - t(0).getTime();
          expect(at).toBeGreaterThanOrEqual(now);
          const all = [...history, at];
          for (const time of all) {
            expect(all.filter((other) => other > time - 1_000 && other <= time).length).toBeLessThanOrEqual(
              limit,
            );
          }
        },
      ),
    );
  });
});

describe('retryDelayFor', () => {
  it('backs off exponentially for rate limits, within bounds', () => {
    const error = { kind: 'rate_limited' as const, permanent: false, retryAfterMs: undefined };
    expect(retryDelayFor(error, 1, () => 0)).toBe(1_000);
    expect(retryDelayFor(error, 4, () => 0.999)).toBeLessThanOrEqual(8_000);
    expect(retryDelayFor(error, 4, () => 0.999)).toBeGreaterThan(7_000);
    expect(retryDelayFor(error, 30, () => 0.999)).toBeLessThanOrEqual(5 * 60_000);
  });

  it('waits at least the pair gap or what Meta asks', () => {
    expect(
      retryDelayFor({ kind: 'pair_rate_limited', permanent: false, retryAfterMs: 6_000 }, 1, () => 0),
    ).toBe(6_000);
    expect(retryDelayFor({ kind: 'rate_limited', permanent: false, retryAfterMs: 60_000 }, 1, () => 0)).toBe(
      60_000,
    );
  });

  it('does not retry permanent errors', () => {
    for (const kind of [
      're_engagement_required',
      'undeliverable',
      'template',
      'auth',
      'permanent',
    ] as const) {
      expect(retryDelayFor({ kind, permanent: true, retryAfterMs: undefined }, 1)).toBeUndefined();
    }
  });
});
