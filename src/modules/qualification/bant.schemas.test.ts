import { describe, expect, it } from 'vitest';
import {
  BANT_INPUT_SCHEMAS,
  ZBudget,
  ZNeedCategoryInput,
  ZQualificationSettingsInput,
  ZTimeline,
} from './bant.schemas.ts';

describe('BANT value schemas', () => {
  it('accepts an amount, a range and "none" as a budget, upper-casing the currency', () => {
    expect(ZBudget.parse({ kind: 'amount', amount: 18000, currency: 'eur' })).toEqual({
      kind: 'amount',
      amount: 18000,
      currency: 'EUR',
    });
    expect(ZBudget.parse({ kind: 'range', min: 5000, max: 8000, currency: 'EUR' })).toMatchObject({
      min: 5000,
      max: 8000,
    });
    expect(ZBudget.parse({ kind: 'none' })).toEqual({ kind: 'none' });
  });

  it('refuses a range whose min exceeds its max, a negative amount, a bad currency and extra keys', () => {
    expect(ZBudget.safeParse({ kind: 'range', min: 9000, max: 8000, currency: 'EUR' }).success).toBe(false);
    expect(ZBudget.safeParse({ kind: 'amount', amount: -1, currency: 'EUR' }).success).toBe(false);
    expect(ZBudget.safeParse({ kind: 'amount', amount: 10, currency: 'euros' }).success).toBe(false);
    expect(ZBudget.safeParse({ kind: 'none', amount: 3 }).success).toBe(false);
    expect(ZBudget.safeParse({ kind: 'maybe' }).success).toBe(false);
  });

  it('accepts only the four authority roles', () => {
    for (const role of ['decision_maker', 'influencer', 'user', 'unknown'])
      expect(BANT_INPUT_SCHEMAS.authority.safeParse(role).success).toBe(true);
    expect(BANT_INPUT_SCHEMAS.authority.safeParse('ceo').success).toBe(false);
  });

  it('accepts a need with or without a category, never with empty text', () => {
    expect(BANT_INPUT_SCHEMAS.need.parse({ text: ' more demos ' })).toEqual({ text: 'more demos' });
    expect(BANT_INPUT_SCHEMAS.need.parse({ text: 'x', category: null })).toEqual({
      text: 'x',
      category: null,
    });
    expect(BANT_INPUT_SCHEMAS.need.safeParse({ text: '   ' }).success).toBe(false);
  });

  it('accepts a calendar date or a known horizon as a timeline', () => {
    expect(ZTimeline.parse({ kind: 'date', date: '2026-03-31' })).toEqual({
      kind: 'date',
      date: '2026-03-31',
    });
    expect(ZTimeline.parse({ kind: 'horizon', horizon: '1_3m' })).toEqual({
      kind: 'horizon',
      horizon: '1_3m',
    });
    expect(ZTimeline.safeParse({ kind: 'date', date: '2026-02-30T10:00:00Z' }).success).toBe(false);
    expect(ZTimeline.safeParse({ kind: 'horizon', horizon: 'soon' }).success).toBe(false);
  });
});

describe('qualification settings input', () => {
  it('reads a plain string as a category named after its only keyword', () => {
    expect(ZNeedCategoryInput.parse('CRM')).toEqual({ name: 'CRM', keywords: [] });
    expect(ZNeedCategoryInput.parse({ name: 'Prospection', keywords: ['leads'] })).toEqual({
      name: 'Prospection',
      keywords: ['leads'],
    });
  });

  it('refuses two categories with the same name', () => {
    expect(ZQualificationSettingsInput.safeParse({ needCategories: ['CRM', 'crm'] }).success).toBe(false);
  });
});
