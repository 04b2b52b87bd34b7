import { beforeAll, describe, expect, it } from 'vitest';
import { extractBudget } from './budget-extraction.ts';
import { warmUpRecognizers } from './recognizers-text.adapter.ts';

beforeAll(() => warmUpRecognizers(), 60_000);

const fr = (
  text: string,
  extra: { defaultCurrency?: string | null; isAnswerToBudgetQuestion?: boolean } = {},
) => extractBudget(text, { language: 'fr', defaultCurrency: 'EUR', ...extra });
const en = (
  text: string,
  extra: { defaultCurrency?: string | null; isAnswerToBudgetQuestion?: boolean } = {},
) => extractBudget(text, { language: 'en', defaultCurrency: 'EUR', ...extra });

describe('extractBudget: amounts with a currency (Recognizers-Text)', () => {
  it.each([
    ['fr', '18 000 €', 18_000, 'EUR', '18 000 €'],
    ['fr', '18\u202f000\u00a0€', 18_000, 'EUR', '18\u202f000\u00a0€'],
    ['fr', '25k$', 25_000, 'USD', '25k$'],
    ['en', '$25k', 25_000, 'USD', '$25k'],
    ['en', '30,000 euros', 30_000, 'EUR', '30,000 euros'],
    ['fr', '30,000 euros', 30_000, 'EUR', '30,000 euros'],
    ['fr', '15.000 €', 15_000, 'EUR', '15.000 €'],
    ['fr', '1,5 k€', 1_500, 'EUR', '1,5 k€'],
    ['en', '1.5k EUR', 1_500, 'EUR', '1.5k EUR'],
    ['fr', '2,5 M€', 2_500_000, 'EUR', '2,5 M€'],
    ['fr', 'vingt mille euros', 20_000, 'EUR', 'vingt mille euros'],
    ['en', '£10k', 10_000, 'GBP', '£10k'],
    ['en', '20 CHF', 20, 'CHF', '20 CHF'],
    ['fr', '1.250.000 €', 1_250_000, 'EUR', '1.250.000 €'],
    ['en', '$1,200,000', 1_200_000, 'USD', '$1,200,000'],
    ['fr', "1 million d'euros", 1_000_000, 'EUR', "1 million d'euros"],
    ['fr', '30 000,50 €', 30_000.5, 'EUR', '30 000,50 €'],
    ['fr', '49,90€', 49.9, 'EUR', '49,90€'],
  ] as const)('%s "%s" → %d %s', (language, text, amount, currency, evidence) => {
    const budget = extractBudget(text, { language, defaultCurrency: 'EUR' });
    expect(budget?.value).toEqual({ kind: 'amount', amount, currency });
    expect(budget?.evidence).toBe(evidence);
  });

  it('is sure of an amount said as a budget, less of an amount said without context', () => {
    expect(fr("budget d'environ 50 000 euros HT")).toEqual({
      value: { kind: 'amount', amount: 50_000, currency: 'EUR' },
      confidence: 0.9,
      evidence: '50 000 euros',
      period: null,
    });
    expect(fr('18 000 €')?.confidence).toBe(0.65);
    expect(en('we can invest $40k in this')?.confidence).toBe(0.9);
  });

  it('takes an amount with a currency said as an estimate for a stated budget, not a price paid elsewhere', () => {
    expect(en('roughly 25k euros')).toMatchObject({
      value: { kind: 'amount', amount: 25_000, currency: 'EUR' },
      confidence: 0.75,
    });
    expect(fr('autour de 30 000 €')?.confidence).toBe(0.75);
    expect(en('something like $12k')?.confidence).toBe(0.75);
    expect(fr("on paie environ 500 € par mois aujourd'hui")?.confidence).toBe(0.65);
    expect(en('we currently pay about $300 a month')?.confidence).toBe(0.65);
  });

  it('reads "no more than" as a budget ceiling', () => {
    expect(en('no more than $20k')).toMatchObject({
      value: { amount: 20_000, currency: 'USD' },
      confidence: 0.9,
    });
  });

  it('tells a monthly or yearly amount apart', () => {
    expect(fr('500 € par mois max')).toMatchObject({ value: { amount: 500 }, period: 'month' });
    expect(en('around $6k per year')).toMatchObject({
      value: { amount: 6_000, currency: 'USD' },
      period: 'year',
    });
    expect(fr('budget de 300€/mois')).toMatchObject({ value: { amount: 300 }, period: 'month' });
  });

  it("skips the company's own figures (revenue, fundraising) and keeps the budget", () => {
    expect(fr('on fait 2 M€ de CA')).toBeNull();
    expect(en('our revenue is $5M')).toBeNull();
    expect(fr('on fait 2 M€ de CA et on a 20k€ de budget')?.value).toEqual({
      kind: 'amount',
      amount: 20_000,
      currency: 'EUR',
    });
  });
});

describe('extractBudget: ranges (our rules on top of Recognizers-Text)', () => {
  it.each([
    ['fr', 'entre 10 et 20 k€', 10_000, 20_000, 'EUR', 'entre 10 et 20 k€'],
    ['fr', 'entre 5 et 8 k€', 5_000, 8_000, 'EUR', 'entre 5 et 8 k€'],
    ['fr', '5-8k€', 5_000, 8_000, 'EUR', '5-8k€'],
    ['fr', 'de 10 000 à 15 000 euros', 10_000, 15_000, 'EUR', 'de 10 000 à 15 000 euros'],
    ['fr', 'entre 500 et 2k€', 500, 2_000, 'EUR', 'entre 500 et 2k€'],
    ['fr', 'de 10 à 15 000 €', 10_000, 15_000, 'EUR', 'de 10 à 15 000 €'],
    ['fr', 'entre 500 et 2 000 €', 500, 2_000, 'EUR', 'entre 500 et 2 000 €'],
    ['fr', '10k-15k€', 10_000, 15_000, 'EUR', '10k-15k€'],
    ['fr', 'budget de 10 à 20k', 10_000, 20_000, 'EUR', 'de 10 à 20k'],
    ['en', 'between $10k and $20k', 10_000, 20_000, 'USD', 'between $10k and $20k'],
    ['en', 'our budget is 10-15k USD', 10_000, 15_000, 'USD', '10-15k USD'],
    ['en', 'from 3 to 5k dollars', 3_000, 5_000, 'USD', 'from 3 to 5k dollars'],
  ] as const)('%s "%s" → %d–%d %s', (language, text, min, max, currency, evidence) => {
    const budget = extractBudget(text, { language, defaultCurrency: 'EUR' });
    expect(budget?.value).toEqual({ kind: 'range', min, max, currency });
    expect(budget?.evidence).toBe(evidence);
  });

  it('does not read counts, hours or dates as a range', () => {
    expect(fr('entre 10 et 20 personnes')).toBeNull();
    expect(fr('dispo de 9 à 18h')).toBeNull();
    expect(en('we are 10-15 people')).toBeNull();
    expect(fr('budget pour 10 à 20 utilisateurs')).toBeNull();
  });
});

describe('extractBudget: amounts without a currency and "no budget"', () => {
  it('reads an amount after budget words in the default currency', () => {
    expect(fr('on a un budget de 20k')).toEqual({
      value: { kind: 'amount', amount: 20_000, currency: 'EUR' },
      confidence: 0.7,
      evidence: '20k',
      period: null,
    });
    expect(fr('notre budget : 15 000')?.value).toEqual({ kind: 'amount', amount: 15_000, currency: 'EUR' });
    expect(en('we can spend up to 30k', { defaultCurrency: 'GBP' })?.value).toEqual({
      kind: 'amount',
      amount: 30_000,
      currency: 'GBP',
    });
  });

  it('needs budget words, or a budget question just asked, to read a bare number', () => {
    expect(fr('on a 20k')).toBeNull();
    expect(fr('on a 20k', { isAnswerToBudgetQuestion: true })?.value).toEqual({
      kind: 'amount',
      amount: 20_000,
      currency: 'EUR',
    });
    expect(fr('budget pour 20 personnes')).toBeNull();
    expect(fr('budget prévu pour 2027')).toBeNull();
    expect(fr('budget de 20k', { defaultCurrency: null })).toBeNull();
  });

  it.each([
    ['fr', 'pas de budget', 0.85, 'pas de budget'],
    ['fr', "on n'a pas encore de budget", 0.85, 'pas encore de budget'],
    ['fr', 'aucun budget pour ça', 0.85, 'aucun budget'],
    ['fr', "le budget n'est pas encore défini", 0.7, "budget n'est pas encore défini"],
    ['en', 'no budget yet', 0.85, 'no budget'],
    ['en', "we don't have a budget", 0.85, "don't have a budget"],
    ['en', 'budget is not set yet', 0.7, 'budget is not set'],
    ['en', "we haven't agreed on a budget yet", 0.85, "haven't agreed on a budget"],
    ['en', 'we have not yet allocated any budget', 0.85, 'have not yet allocated any budget'],
    ['fr', "on n'a pas encore fixé de budget", 0.85, "on n'a pas encore fixé de budget"],
    ['fr', 'budget à définir', 0.7, 'budget à définir'],
  ] as const)('%s "%s" → none', (language, text, confidence, evidence) => {
    expect(extractBudget(text, { language, defaultCurrency: 'EUR' })).toEqual({
      value: { kind: 'none' },
      confidence,
      evidence,
      period: null,
    });
  });

  it('prefers a stated amount over "no budget yet", and does not take "no budget limit" for none', () => {
    expect(fr('pas de budget défini mais autour de 10 000 € max')?.value).toEqual({
      kind: 'amount',
      amount: 10_000,
      currency: 'EUR',
    });
    expect(en('no budget limit really')).toBeNull();
  });

  it('returns null on messages without money', () => {
    for (const text of ['', '😀👍', 'Bonjour, on est 20 dans l’équipe', 'Rappelez-moi au 06 12 34 56 78']) {
      expect(fr(text)).toBeNull();
    }
  });
});
