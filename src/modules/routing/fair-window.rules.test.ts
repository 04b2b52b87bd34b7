import { describe, expect, it } from 'vitest';
import { firstFairCandidate, windowBounds } from './fair-window.rules.ts';

const repeat = (userId: string, times: number) => Array.from({ length: times }, () => userId);

describe('windowBounds', () => {
  it('allows the weighted share of 100 picks ± 1, rounded inwards', () => {
    expect(windowBounds(1, 3)).toEqual({ min: 33, max: 34 });
    expect(windowBounds(1, 4)).toEqual({ min: 24, max: 26 });
    expect(windowBounds(1, 200)).toEqual({ min: 0, max: 1 });
    expect(windowBounds(5, 5)).toEqual({ min: 99, max: 101 });
  });
});

describe('firstFairCandidate', () => {
  const even = new Map([
    ['a', 1],
    ['b', 1],
    ['c', 1],
  ]);

  it('takes the first candidate when any pick keeps the windows fair', () => {
    expect(firstFairCandidate(['b', 'a', 'c'], even, [])).toBe('b');
  });

  it('passes over a candidate that would exceed its share + 1 in the window it closes', () => {
    const pair = new Map([
      ['a', 1],
      ['b', 1],
    ]);
    const recent = [...repeat('b', 48), ...repeat('a', 51)];
    expect(firstFairCandidate(['a', 'b'], pair, recent)).toBe('b');
    expect(firstFairCandidate(['a'], pair, recent)).toBeUndefined();
  });

  it('takes the member that would otherwise fall under its share − 1', () => {
    // The window closing now already holds 99 picks: c has 32 and needs 33.
    const recent = [...repeat('a', 34), ...repeat('b', 33), ...repeat('c', 32)];
    expect(firstFairCandidate(['a', 'b', 'c'], even, recent)).toBe('c');
  });

  it('looks ahead while the stretch is young: the first full window must still reach every minimum', () => {
    // 70 picks so far: the first window of 100 closes 29 picks after this one and c needs 30 more.
    const recent = [...repeat('a', 34), ...repeat('b', 33), ...repeat('c', 3)];
    expect(firstFairCandidate(['b', 'c'], even, recent)).toBe('c');
    expect(firstFairCandidate(['b'], even, recent)).toBeUndefined();
  });
});
