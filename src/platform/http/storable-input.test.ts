import { describe, expect, it } from 'vitest';
import { findUnstorableInput, isStorableInstant, MAX_NESTING_DEPTH } from './storable-input.ts';

describe('findUnstorableInput', () => {
  it('accepts ordinary text in any script, emoji and combining marks', () => {
    expect(findUnstorableInput({ name: 'Zoë 🔥 مرحبا e\u0301', tags: ['a', { b: 'c' }] }, 'body')).toBeNull();
  });

  it('names the path of a NUL character in a value or a key', () => {
    expect(findUnstorableInput({ company: { name: 'Acme\u0000' } }, 'body')?.path).toBe('body.company.name');
    expect(findUnstorableInput({ attributes: { 'a\u0000': 1 } }, 'body')).toMatchObject({
      path: 'body.attributes',
      message: expect.stringContaining('key'),
    });
    expect(findUnstorableInput(['ok', 'x\u0000'], 'querystring')?.path).toBe('querystring.1');
  });

  it('refuses unpaired surrogates but keeps paired ones', () => {
    expect(findUnstorableInput('\uD83D\uDE00', 'params')).toBeNull();
    expect(findUnstorableInput('\uD83D', 'params')?.message).toContain('surrogate');
    expect(findUnstorableInput({ x: 'a\uDE00' }, 'body')?.path).toBe('body.x');
  });

  it('refuses nesting deeper than the limit without overflowing the stack itself', () => {
    const nest = (depth: number) => {
      let value: unknown = 'leaf';
      for (let level = 0; level < depth; level++) value = [value];
      return value;
    };
    expect(findUnstorableInput(nest(MAX_NESTING_DEPTH), 'body')).toBeNull();
    expect(findUnstorableInput(nest(MAX_NESTING_DEPTH + 1), 'body')?.message).toContain('deeper');
    expect(findUnstorableInput(nest(200_000), 'body')?.message).toContain('deeper');
  });
});

describe('isStorableInstant', () => {
  it('takes the years 1 to 9999 in UTC, whatever the offset written', () => {
    expect(isStorableInstant('2026-06-01T12:00:00+02:00')).toBe(true);
    expect(isStorableInstant('0001-01-01T00:00:00Z')).toBe(true);
    expect(isStorableInstant('9999-12-31T23:59:59.999Z')).toBe(true);
    expect(isStorableInstant('0000-06-01T00:00:00Z')).toBe(false);
    expect(isStorableInstant('0001-01-01T00:00:00+14:00')).toBe(false);
    expect(isStorableInstant('9999-12-31T23:59:59-14:00')).toBe(false);
    expect(isStorableInstant('not a date')).toBe(false);
    expect(isStorableInstant(new Date(Number.NaN))).toBe(false);
  });
});
