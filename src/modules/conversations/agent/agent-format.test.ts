import { describe, expect, it } from 'vitest';
import {
  applyFrenchTypography,
  formatDeadline,
  formatMoney,
  formatSlotLong,
  formatSlotTitle,
  joinList,
  summarizeBant,
} from './agent-format.ts';

const now = new Date('2026-11-24T09:00:00Z');

describe('agent-format', () => {
  it('formats amounts in the reader’s language', () => {
    expect(formatMoney(15_000, 'EUR', 'fr')).toMatch(/^15\s000\s€$/u);
    expect(formatMoney(15_000, 'EUR', 'en')).toBe('€15,000');
    expect(formatMoney(1_250.5, 'USD', 'en')).toBe('$1,250.50');
  });

  it('reads a month-end date as "fin …" and adds the year only when it is not this one', () => {
    expect(formatDeadline('2026-12-31', 'fr', now, 'Europe/Paris')).toBe('fin décembre');
    expect(formatDeadline('2027-03-31', 'fr', now, 'Europe/Paris')).toBe('fin mars 2027');
    expect(formatDeadline('2027-01-01', 'fr', now, 'Europe/Paris')).toBe('le 1er janvier 2027');
    expect(formatDeadline('2026-12-15', 'en', now, 'Europe/Paris')).toBe('15 December');
    expect(formatDeadline('2026-12-31', 'en', now, 'Europe/Paris')).toBe('the end of December');
  });

  it('shows slots in the given zone, not the server’s', () => {
    const slot = new Date('2026-12-01T09:00:00Z');
    expect(formatSlotTitle(slot, 'fr', 'Europe/Paris')).toBe('mar. 1 déc. 10:00');
    expect(formatSlotTitle(slot, 'en', 'America/New_York')).toBe('Tue 1 Dec 04:00');
    expect(formatSlotLong(slot, 'en', 'America/New_York')).toBe(
      'Tuesday 1 December at 04:00 (New York time)',
    );
    expect(formatSlotLong(slot, 'fr', 'UTC')).toBe('mardi 1er décembre à 09:00 (heure UTC)');
  });

  it('joins lists the way each language does', () => {
    expect(joinList(['a', 'b', 'c'], 'fr')).toBe('a, b et c');
    expect(joinList(['a', 'b'], 'en')).toBe('a and b');
  });

  it('applies French spacing but leaves links alone', () => {
    expect(applyFrenchTypography('Noté : oui ? Super ! https://x.test/a?b=1 « guide »')).toBe(
      'Noté\u00a0: oui\u00a0? Super\u00a0! https://x.test/a?b=1 «\u00a0guide\u00a0»',
    );
  });

  it('summarises BANT for the sales team', () => {
    expect(
      summarizeBant({
        budget: { value: { kind: 'range', min: 10_000, max: 20_000, currency: 'EUR' }, confidence: 0.8 },
        timeline: { value: { kind: 'horizon', horizon: '1_3m' }, confidence: 0.8 },
        authority: { value: 'decision_maker', confidence: 0.85 },
      }),
    ).toBe('timeline: 1_3m · budget: 10000-20000 EUR · authority: decision_maker');
    expect(summarizeBant({})).toBe('no BANT answer yet');
  });
});
