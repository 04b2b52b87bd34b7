import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  containsText,
  foldText,
  isEqual,
  isPresent,
  readBoolean,
  readNumber,
} from './condition-values.rules.ts';

describe('readNumber', () => {
  it('reads numeric text, grouped thousands and decimal commas', () => {
    expect(readNumber(' 120 ', 'exact')).toBe(120);
    expect(readNumber('1 000', 'exact')).toBe(1000);
    expect(readNumber('1\u202f000', 'exact')).toBe(1000);
    expect(readNumber('1,000', 'exact')).toBe(1000);
    expect(readNumber('12,345.5', 'exact')).toBe(12345.5);
    expect(readNumber('2,5', 'exact')).toBe(2.5);
    expect(readNumber('-3', 'exact')).toBe(-3);
    expect(readNumber('abc', 'exact')).toBeNull();
    expect(readNumber(true, 'exact')).toBeNull();
    expect(readNumber(Number.NaN, 'exact')).toBeNull();
  });

  it('reads a range by its lower bound only when asked', () => {
    for (const [text, lower] of [
      ['50-200', 50],
      ['50 – 200', 50],
      ['1000+', 1000],
      ['10 to 50', 10],
      ['10 à 50', 10],
      ['1,000-5,000', 1000],
    ] as const) {
      expect(readNumber(text, 'lowerBound'), text).toBe(lower);
      expect(readNumber(text, 'exact'), text).toBeNull();
    }
    expect(readNumber('10k', 'lowerBound')).toBeNull();
  });

  it('reads back any integer written as text', () => {
    fc.assert(
      fc.property(fc.integer(), (value) => {
        expect(readNumber(String(value), 'exact')).toBe(value);
      }),
    );
  });
});

describe('comparisons', () => {
  it('folds case and accents', () => {
    expect(foldText('  Œuvre Santé ')).toBe('oeuvre sante');
    expect(isEqual('ÉLODIE', 'elodie')).toBe(true);
    expect(containsText('Directrice Générale', 'generale')).toBe(true);
  });

  it('compares by the type of the expected value', () => {
    expect(isEqual('120', 120)).toBe(true);
    expect(isEqual(120, '120')).toBe(true);
    expect(isEqual('oui', true)).toBe(true);
    expect(isEqual(false, 'no')).toBe(true);
    expect(isEqual(null, 'x')).toBe(false);
    expect(isEqual(['a', 'b'], 'B')).toBe(true);
    expect(readBoolean('maybe')).toBeNull();
  });

  it('calls blank text and empty lists missing', () => {
    expect(isPresent('  ')).toBe(false);
    expect(isPresent([])).toBe(false);
    expect(isPresent(0)).toBe(true);
    expect(isPresent(false)).toBe(true);
  });
});
