import { describe, expect, it } from 'vitest';
import { JS_WHITESPACE } from './grid-conditions.sql.ts';

describe('the SQL folding constants', () => {
  it('lists exactly the characters JavaScript trims and matches with \\s', () => {
    const trimmed: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (char.trim() === '') trimmed.push(char);
      expect(/\s/.test(char), `U+${code.toString(16)}`).toBe(char.trim() === '');
    }
    expect(trimmed.sort()).toEqual([...JS_WHITESPACE].sort());
  });
});
