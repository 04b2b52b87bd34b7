import { describe, expect, it } from 'vitest';
import { bantSignals, foldText, matchNeedCategory, timelineMonths } from './bant.rules.ts';
import type { BantEntry, CurrentBant } from './bant.schemas.ts';

const NOW = Date.parse('2026-01-05T09:00:00Z');

const categories = [
  { name: 'Lead generation', keywords: ['prospection', 'génération de leads', 'rendez-vous'] },
  { name: 'CRM', keywords: ['pipeline', 'suivi commercial'] },
  { name: 'Formation', keywords: [] },
];

describe('matchNeedCategory', () => {
  it('finds a category by keyword whatever the accents and the case', () => {
    expect(matchNeedCategory('Nous voulons externaliser notre PROSPECTION', categories)).toBe(
      'Lead generation',
    );
    expect(matchNeedCategory('besoin de generation de leads qualifiés', categories)).toBe('Lead generation');
    expect(matchNeedCategory('Un outil pour le Suivi Commercial', categories)).toBe('CRM');
  });

  it('matches the category name itself and word prefixes (plurals)', () => {
    expect(matchNeedCategory('des formations pour nos commerciaux', categories)).toBe('Formation');
    expect(matchNeedCategory('we need a better crm', categories)).toBe('CRM');
  });

  it('prefers the category with most keyword hits', () => {
    expect(
      matchNeedCategory('un CRM pour suivre la prospection, le pipeline et le suivi commercial', categories),
    ).toBe('CRM');
  });

  it('answers null when no category appears, or matches only inside another word', () => {
    expect(matchNeedCategory('réduire nos coûts logistiques', categories)).toBeNull();
    expect(matchNeedCategory('anything', [])).toBeNull();
    // "crm" is a prefix test on whole words: "acrm" does not contain the word.
    expect(matchNeedCategory('acrm tool', [{ name: 'CRM', keywords: [] }])).toBeNull();
  });
});

describe('foldText', () => {
  it('removes accents and ligatures', () => {
    expect(foldText('Génération Cœur')).toBe('generation coeur');
  });
});

describe('timelineMonths', () => {
  it('reads each horizon as the middle of its bucket', () => {
    expect(timelineMonths({ kind: 'horizon', horizon: 'lt_1m' }, NOW)).toBeLessThan(1);
    const oneToThree = timelineMonths({ kind: 'horizon', horizon: '1_3m' }, NOW)!;
    expect(oneToThree).toBeGreaterThanOrEqual(1);
    expect(oneToThree).toBeLessThan(3);
    const threeToSix = timelineMonths({ kind: 'horizon', horizon: '3_6m' }, NOW)!;
    expect(threeToSix).toBeGreaterThanOrEqual(3);
    expect(threeToSix).toBeLessThanOrEqual(6);
    expect(timelineMonths({ kind: 'horizon', horizon: 'gt_6m' }, NOW)).toBeGreaterThan(6);
    expect(timelineMonths({ kind: 'horizon', horizon: 'unknown' }, NOW)).toBeNull();
  });

  it('counts months from now to a date, and treats a past date as unknown', () => {
    expect(timelineMonths({ kind: 'date', date: '2026-02-05' }, NOW)).toBeCloseTo(1, 0);
    expect(timelineMonths({ kind: 'date', date: '2026-07-05' }, NOW)).toBeCloseTo(5.9, 1);
    expect(timelineMonths({ kind: 'date', date: '2026-01-05' }, NOW)).toBe(0);
    expect(timelineMonths({ kind: 'date', date: '2026-01-04' }, NOW)).toBeNull();
  });
});

const entry = <F extends keyof CurrentBant>(field: F, value: unknown, confidence = 1) =>
  ({
    id: `bnt_${field}`,
    field,
    value,
    confidence,
    source: 'user',
    sourceRef: null,
    actor: null,
    recordedAt: new Date(NOW),
  }) as BantEntry as NonNullable<CurrentBant[F]>;

describe('bantSignals', () => {
  it('sees a confirmed budget and a short timeline', () => {
    const bant: CurrentBant = {
      budget: entry('budget', { kind: 'amount', amount: 20000, currency: 'EUR' }),
      timeline: entry('timeline', { kind: 'horizon', horizon: '1_3m' }),
    };
    const signals = bantSignals(bant, NOW);
    expect(signals.hasConfirmedBudget).toBe(true);
    expect(signals.timelineMonths).toBeLessThan(3);
  });

  it('ignores a "none" budget and values below the confidence threshold', () => {
    expect(bantSignals({ budget: entry('budget', { kind: 'none' }) }, NOW).hasConfirmedBudget).toBe(false);
    const unsure = bantSignals(
      {
        budget: entry('budget', { kind: 'amount', amount: 1, currency: 'EUR' }, 0.4),
        timeline: entry('timeline', { kind: 'horizon', horizon: 'lt_1m' }, 0.4),
      },
      NOW,
    );
    expect(unsure).toEqual({ hasConfirmedBudget: false, timelineMonths: null });
  });
});
