import { describe, expect, it } from 'vitest';
import { compileSafePattern, MAX_MATCHED_TEXT, testSafePattern } from './safe-pattern.rules.ts';

const reasonOf = (pattern: string) => {
  const check = compileSafePattern(pattern);
  return check.ok ? null : check.reason;
};

describe('compileSafePattern', () => {
  it('accepts everyday patterns, case-insensitive', () => {
    for (const pattern of [
      '^(vp|head|director) of (sales|marketing)',
      '@(acme|globex)\\.(fr|com)$',
      '^\\+33\\s?\\d{9}$',
      '^.*@.*\\.fr$',
      '(?:ceo|cto)',
      '(?<title>chief) \\w+ officer',
      '[(+*]',
      '(ab)+',
    ]) {
      expect(reasonOf(pattern), pattern).toBeNull();
    }
    const check = compileSafePattern('^ACME');
    expect(check.ok && check.regex.test('acme inc')).toBe(true);
  });

  it('refuses nested quantifiers and repeated alternatives (exponential backtracking)', () => {
    for (const pattern of ['(a+)+$', '(a*)*', '(\\w+\\s?)*$', '(a|aa)+$', '((ab)*c)+', '(?:x+y?){2,}']) {
      expect(reasonOf(pattern), pattern).toMatch(/^a repeated group must not contain/);
    }
  });

  it('refuses back-references, too many open repetitions, long and invalid patterns', () => {
    expect(reasonOf('(a)\\1')).toBe('back-references are not supported');
    expect(reasonOf('(?<x>a)\\k<x>')).toBe('back-references are not supported');
    expect(reasonOf('\\d*\\d*\\d*x')).toBe('at most 2 open-ended repetitions (*, + or {n,})');
    expect(reasonOf('a?'.repeat(11))).toBe('at most 10 quantifiers');
    expect(reasonOf('a'.repeat(201))).toBe('at most 200 characters');
    expect(reasonOf('(unclosed')).toMatch(/^not a valid regular expression/);
  });

  it('keeps the worst accepted pattern fast on a hostile value', () => {
    const check = compileSafePattern('\\w+\\s?\\w+!');
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    const started = performance.now();
    expect(testSafePattern(check.regex, 'a'.repeat(100_000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it(`tests the first ${MAX_MATCHED_TEXT} characters only`, () => {
    const check = compileSafePattern('needle');
    if (!check.ok) throw new Error(check.reason);
    expect(testSafePattern(check.regex, `${'x'.repeat(MAX_MATCHED_TEXT - 6)}needle`)).toBe(true);
    expect(testSafePattern(check.regex, `${'x'.repeat(MAX_MATCHED_TEXT)}needle`)).toBe(false);
  });
});
