import { describe, expect, it } from 'vitest';
import { truncateText } from './text.ts';

describe('truncateText', () => {
  it('never leaves half of a surrogate pair', () => {
    const emoji = '😀'.repeat(10);
    for (let max = 0; max <= 21; max++) {
      const cut = truncateText(emoji, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.isWellFormed()).toBe(true);
    }
    expect(truncateText('abc', 2)).toBe('ab');
    expect(truncateText('abc', 5)).toBe('abc');
  });
});
