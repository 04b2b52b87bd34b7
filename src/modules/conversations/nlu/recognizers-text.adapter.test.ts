import { describe, expect, it } from 'vitest';
import { dateWindows } from './recognizers-text.adapter.ts';

const windowTexts = (text: string, language: 'fr' | 'en') =>
  dateWindows(text, language).map(([start, end]) => text.slice(start, end));

describe('dateWindows', () => {
  it('sends no amount written with its currency to the date model', () => {
    for (const [text, language] of [
      ['Bonjour, nous cherchons un outil pour qualifier nos leads, budget 20 000 €', 'fr'],
      ['on a 15 mille euros', 'fr'],
      ["budget de 2,5 M€ ou 300 000 d'euros", 'fr'],
      ['our budget is $25k, maybe £40,000', 'en'],
      ['around 30,000 EUR', 'en'],
    ] as const) {
      expect(windowTexts(text, language), text).toEqual([]);
    }
  });

  it('still reads the dates and durations next to an amount, and digits without a currency', () => {
    expect(windowTexts('budget 20 000 € et on démarre dans 3 mois', 'fr').join(' ')).toContain('dans 3 mois');
    expect(windowTexts('$25k, in 3 months', 'en').join(' ')).toContain('in 3 months');
    expect(windowTexts('le 20 mars', 'fr')).toEqual(['le 20 mars']);
    expect(windowTexts('budget 2027', 'fr')).toEqual(['budget 2027']);
    expect(windowTexts('20 mois', 'fr')).toEqual(['20 mois']);
  });
});
