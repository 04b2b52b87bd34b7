import { describe, expect, it } from 'vitest';
import { readFormBantAnswer } from './form-bant.rules.ts';

describe('readFormBantAnswer', () => {
  it('reads budgets as amounts, ranges or none', () => {
    expect(readFormBantAnswer('bant.budget', 'b', '15000')?.value).toEqual({
      kind: 'amount',
      amount: 15000,
      currency: 'EUR',
    });
    expect(readFormBantAnswer('bant.budget', 'b', '15 k€')?.value).toEqual({
      kind: 'amount',
      amount: 15000,
      currency: 'EUR',
    });
    expect(readFormBantAnswer('bant.budget', 'b', '10k-20k')?.value).toEqual({
      kind: 'range',
      min: 10000,
      max: 20000,
      currency: 'EUR',
    });
    expect(readFormBantAnswer('bant.budget', 'b', 'Pas de budget')?.value).toEqual({ kind: 'none' });
    expect(readFormBantAnswer('bant.budget', 'b', 'beaucoup')).toBeNull();
    expect(readFormBantAnswer('bant.budget', 'b', '20k-10k')).toBeNull();
  });
  it('reads authority and timeline from codes and French or English labels', () => {
    expect(readFormBantAnswer('bant.authority', 'r', 'Décideur')?.value).toBe('decision_maker');
    expect(readFormBantAnswer('bant.authority', 'r', 'influencer')?.value).toBe('influencer');
    expect(readFormBantAnswer('bant.authority', 'r', 'stagiaire')).toBeNull();
    expect(readFormBantAnswer('bant.timeline', 't', '3-6 months')?.value).toEqual({
      kind: 'horizon',
      horizon: '3_6m',
    });
    expect(readFormBantAnswer('bant.timeline', 't', '2027-03-31')?.value).toEqual({
      kind: 'date',
      date: '2027-03-31',
    });
    expect(readFormBantAnswer('bant.need', 'n', 'Un CRM')).toEqual({
      field: 'need',
      value: { text: 'Un CRM' },
      sourceRef: 'n',
    });
  });
});
