import { describe, expect, it } from 'vitest';
import { LabelError, parseLabels } from './label.rules.ts';

describe('parseLabels', () => {
  it.each([
    [['1', '0', '1'], '1'],
    [['yes', 'No', 'yes'], 'yes'],
    [['true', 'false', 'false'], 'true'],
    [['Won', 'Lost', 'Lost'], 'Won'],
    [['Oui', 'Non', 'Non'], 'Oui'],
    [['Closed Won', 'Closed Lost', 'closed_lost', 'Closed Lost'], 'Closed Won'],
  ])('infers the positive value of %j from the words', (values, positive) => {
    const parsed = parseLabels(values);
    expect(parsed.positive).toBe(positive);
    expect(parsed.reason).toBe('inferred from the value names');
  });

  it('maps rows to 1, 0 and -1 for a missing label, case-insensitively', () => {
    const parsed = parseLabels(['Won', 'lost', null, 'won']);
    expect(Array.from(parsed.labels)).toEqual([1, 0, -1, 1]);
    expect(parsed.positive).toBe('Won');
    expect(parsed.missing).toBe(1);
  });

  it('takes --positive as given, whatever the words say', () => {
    const parsed = parseLabels(['yes', 'no', 'no'], 'NO');
    expect(Array.from(parsed.labels)).toEqual([0, 1, 1]);
    expect(parsed.reason).toBe('given with --positive');
  });

  it('makes --positive the positive class and every other value negative', () => {
    const parsed = parseLabels(['Signed', 'Lost', 'Nurture', 'Signed'], 'Signed');
    expect(Array.from(parsed.labels)).toEqual([1, 0, 0, 1]);
    expect(parsed.negatives).toEqual(['Lost', 'Nurture']);
  });

  it('takes the rarer of two unknown values as positive and says so', () => {
    const parsed = parseLabels(['A', 'B', 'B', 'B']);
    expect(parsed.positive).toBe('A');
    expect(parsed.reason).toBe('inferred as the rarer of the two values');
  });

  it('refuses a label with a single value, an unknown --positive, or many unknown values', () => {
    expect(() => parseLabels(['1', '1'])).toThrow(LabelError);
    expect(() => parseLabels(['1', '0'], 'maybe')).toThrow(/not a value/);
    expect(() => parseLabels(['a', 'b', 'c'])).toThrow(/pass --positive/);
  });
});
