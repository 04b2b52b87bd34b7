import { describe, expect, it } from 'vitest';
import { isoWeekStart, pivotWeekly, rateOf, resolvePeriod, weekStartsOf } from './analytics.rules.ts';

const now = new Date('2026-11-29T12:00:00Z');

describe('resolvePeriod', () => {
  it('defaults to the 90 days before now, or before the given end', () => {
    expect(resolvePeriod({}, now)).toEqual({ from: new Date('2026-08-31T12:00:00Z'), to: now });
    expect(resolvePeriod({ to: '2026-03-31T00:00:00Z' }, now).from).toEqual(new Date('2025-12-31T00:00:00Z'));
  });

  it('refuses a period that does not move forward or spans more than two years', () => {
    expect(() => resolvePeriod({ from: '2026-11-29T12:00:00Z' }, now)).toThrow(
      expect.objectContaining({ code: 'ANALYTICS_PERIOD_NOT_ORDERED', status: 400 }),
    );
    expect(() => resolvePeriod({ from: '2024-11-27T00:00:00Z', to: '2026-11-29T00:00:00Z' }, now)).toThrow(
      expect.objectContaining({ code: 'ANALYTICS_PERIOD_TOO_LONG' }),
    );
    expect(resolvePeriod({ from: '2024-11-29T00:00:00Z', to: '2026-11-29T00:00:00Z' }, now).from).toEqual(
      new Date('2024-11-29T00:00:00Z'),
    );
  });
});

describe('weeks', () => {
  it('starts ISO weeks on Monday in UTC', () => {
    expect(isoWeekStart(new Date('2026-11-29T23:59:59Z'))).toBe('2026-11-23'); // a Sunday
    expect(isoWeekStart(new Date('2026-11-30T00:00:00Z'))).toBe('2026-11-30');
    expect(isoWeekStart(new Date('2027-01-01T10:00:00Z'))).toBe('2026-12-28');
  });

  it('lists every week the half-open period touches', () => {
    const period = { from: new Date('2026-11-18T00:00:00Z'), to: new Date('2026-11-30T00:00:00Z') };
    expect(weekStartsOf(period)).toEqual(['2026-11-16', '2026-11-23']);
  });

  it('pivots rows into zero-filled weeks, known keys first', () => {
    const pivot = pivotWeekly(
      [
        { weekStart: '2026-11-23', key: 'zapier', count: 2 },
        { weekStart: '2026-11-16', key: 'hot', count: 1 },
      ],
      ['2026-11-16', '2026-11-23'],
      ['cold', 'hot'],
    );
    expect(pivot.keys).toEqual(['cold', 'hot', 'zapier']);
    expect(pivot.weeks).toEqual([
      { weekStart: '2026-11-16', counts: { cold: 0, hot: 1, zapier: 0 } },
      { weekStart: '2026-11-23', counts: { cold: 0, hot: 0, zapier: 2 } },
    ]);
  });

  it('gives no rate out of an empty stage', () => {
    expect(rateOf(1, 4)).toBe(0.25);
    expect(rateOf(0, 0)).toBeNull();
  });
});
