import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRoutingCondition } from './routing-condition.rules.ts';
import type { RoutingCondition } from './routing-condition.schemas.ts';
import { type RoutableLead, routingFactsOf } from './routing-facts.rules.ts';

const lead: RoutableLead = {
  firstName: 'Élodie',
  lastName: 'Martin',
  jobTitle: 'Directrice Commerciale',
  language: 'fr',
  country: 'FR',
  email: 'elodie@acme.fr',
  company: { name: 'ACME Santé', domain: 'acme.fr', size: '120', industry: 'Healthcare' },
  source: 'website',
  firstTouch: { source: 'linkedin', utm: { source: 'linkedin' }, referrer: null, at: '2025-01-01T00:00:00Z' },
  lastTouch: { source: 'google', utm: { source: 'google', medium: 'cpc', campaign: 'Brand FR' } },
  attributes: { plan: 'Pro', seats: '25', 'secteur.detail': 'hôpital', trial: true },
  stage: 'mql',
  temperature: 'hot',
  score: 72.5,
  fitScore: 40,
  engagementScore: 32.5,
};
const facts = routingFactsOf(lead, { budget: '50k-100k', interests: ['CRM', 'Emailing'], consent: 'on' });
const check = (condition: RoutingCondition) => evaluateRoutingCondition(condition, facts);

describe('evaluateRoutingCondition: field tests', () => {
  it('explains a comparison with the value it saw', () => {
    expect(check({ field: 'company.size', op: 'gte', value: 50 })).toEqual({
      matched: true,
      explanation: 'company.size gte 50 (was 120)',
    });
    expect(check({ field: 'score', op: 'lt', value: 70 })).toEqual({
      matched: false,
      explanation: 'score lt 70 (was 72.5)',
    });
  });

  it('compares text without case or accents', () => {
    expect(check({ field: 'company.name', op: 'eq', value: 'acme sante' }).matched).toBe(true);
    expect(check({ field: 'jobTitle', op: 'contains', value: 'COMMERCIALE' }).matched).toBe(true);
    expect(check({ field: 'firstName', op: 'in', value: ['elodie', 'Marc'] }).matched).toBe(true);
    expect(check({ field: 'company.industry', op: 'nin', value: ['healthcare'] }).matched).toBe(false);
    expect(check({ field: 'country', op: 'eq', value: 'fr' }).explanation).toBe('country eq "fr" (was "FR")');
  });

  it('reads numbers from numeric text, and a range by its lower bound for comparisons', () => {
    const withSize = (size: string) => routingFactsOf({ ...lead, company: { ...lead.company!, size } });
    const atLeast50 = { field: 'company.size', op: 'gte', value: 50 } as const;
    expect(evaluateRoutingCondition(atLeast50, withSize('50-200'))).toEqual({
      matched: true,
      explanation: 'company.size gte 50 (was "50-200", read as 50)',
    });
    expect(evaluateRoutingCondition(atLeast50, withSize('11 – 49')).matched).toBe(false);
    expect(evaluateRoutingCondition(atLeast50, withSize('1 000+')).matched).toBe(true);
    expect(evaluateRoutingCondition(atLeast50, withSize('1,000-5,000')).matched).toBe(true);
    expect(evaluateRoutingCondition(atLeast50, withSize('a lot'))).toEqual({
      matched: false,
      explanation: 'company.size gte 50 (was "a lot", not a number)',
    });
    // Equality takes whole numbers only: "50-200" is not 50.
    expect(
      evaluateRoutingCondition({ field: 'company.size', op: 'eq', value: 50 }, withSize('50-200')).matched,
    ).toBe(false);
    expect(check({ field: 'attributes.seats', op: 'eq', value: 25 }).matched).toBe(true);
  });

  it('tests exists, with false for a missing value', () => {
    expect(check({ field: 'utm.campaign', op: 'exists' })).toEqual({
      matched: true,
      explanation: 'utm.campaign exists (was "Brand FR")',
    });
    expect(check({ field: 'attributes.unknown', op: 'exists' }).matched).toBe(false);
    expect(check({ field: 'attributes.unknown', op: 'exists', value: false })).toEqual({
      matched: true,
      explanation: 'attributes.unknown exists false (was empty)',
    });
  });

  it('treats a missing value as different from anything (neq and nin hold, others do not)', () => {
    const missing = 'attributes.nothing';
    expect(check({ field: missing, op: 'eq', value: 'x' }).matched).toBe(false);
    expect(check({ field: missing, op: 'neq', value: 'x' }).matched).toBe(true);
    expect(check({ field: missing, op: 'nin', value: ['x'] }).matched).toBe(true);
    expect(check({ field: missing, op: 'gt', value: 0 }).matched).toBe(false);
    expect(check({ field: missing, op: 'contains', value: 'x' }).matched).toBe(false);
  });

  it('matches regular expressions without case, and refuses unsafe ones', () => {
    expect(check({ field: 'email', op: 'matches', value: '@ACME\\.(fr|com)$' }).matched).toBe(true);
    expect(check({ field: 'email', op: 'matches', value: '^bob@' }).matched).toBe(false);
    const unsafe = check({ field: 'email', op: 'matches', value: '(a+)+$' });
    expect(unsafe.matched).toBe(false);
    expect(unsafe.explanation).toMatch(/^email matches "\(a\+\)\+\$": unusable pattern/);
  });

  it('reads lead sources, UTM, attributes (keys with dots too) and form answers', () => {
    expect(check({ field: 'source', op: 'eq', value: 'google' }).matched).toBe(true);
    expect(check({ field: 'firstTouch.source', op: 'eq', value: 'linkedin' }).matched).toBe(true);
    expect(check({ field: 'utm.medium', op: 'eq', value: 'cpc' }).matched).toBe(true);
    expect(check({ field: 'attributes.secteur.detail', op: 'eq', value: 'hopital' }).matched).toBe(true);
    expect(check({ field: 'attributes.trial', op: 'eq', value: true }).matched).toBe(true);
    expect(check({ field: 'form.consent', op: 'eq', value: true }).matched).toBe(true);
    expect(check({ field: 'form.budget', op: 'gte', value: 50 }).matched).toBe(false);
    expect(check({ field: 'emailDomain', op: 'eq', value: 'acme.fr' }).matched).toBe(true);
    expect(check({ field: 'region', op: 'eq', value: 'emea' }).matched).toBe(true);
  });

  it('tests a list answer item by item', () => {
    expect(check({ field: 'form.interests', op: 'eq', value: 'crm' }).matched).toBe(true);
    expect(check({ field: 'form.interests', op: 'nin', value: ['emailing'] }).matched).toBe(false);
    expect(check({ field: 'form.interests', op: 'contains', value: 'mail' })).toEqual({
      matched: true,
      explanation: 'form.interests contains "mail" (was ["CRM", "Emailing"])',
    });
  });

  it('reads nothing through inherited keys', () => {
    expect(check({ field: 'attributes.constructor', op: 'exists' }).matched).toBe(false);
    expect(check({ field: 'form.__proto__', op: 'exists' }).matched).toBe(false);
  });
});

describe('evaluateRoutingCondition: combinations', () => {
  it('combines all, any and not, and explains every part', () => {
    const condition: RoutingCondition = {
      all: [
        { field: 'country', op: 'in', value: ['FR', 'BE'] },
        {
          any: [
            { field: 'company.size', op: 'gte', value: 500 },
            { field: 'temperature', op: 'eq', value: 'hot' },
          ],
        },
        { not: { field: 'stage', op: 'eq', value: 'customer' } },
      ],
    };
    expect(check(condition)).toEqual({
      matched: true,
      explanation:
        'all(✓ country in ["FR", "BE"] (was "FR"); ' +
        '✓ any(✗ company.size gte 500 (was 120); ✓ temperature eq "hot" (was "hot")); ' +
        '✓ not(✗ stage eq "customer" (was "mql")))',
    });
    expect(check({ not: condition }).matched).toBe(false);
  });

  it('matches everything with always', () => {
    expect(check({ always: true })).toEqual({ matched: true, explanation: 'always' });
  });

  it('never matches a damaged stored condition', () => {
    expect(check({} as RoutingCondition)).toEqual({ matched: false, explanation: 'invalid condition' });
    expect(check({ field: 'nope', op: 'eq', value: 1 }).matched).toBe(false);
    expect(check({ field: 'country', op: 'like', value: 'FR' } as unknown as RoutingCondition).matched).toBe(
      false,
    );
  });

  it('obeys De Morgan: not(all(a, b)) = any(not a, not b)', () => {
    const leaf = fc.record({
      field: fc.constantFrom(
        'company.size',
        'score',
        'country',
        'attributes.plan',
        'form.budget',
        'temperature',
      ),
      op: fc.constantFrom('eq', 'neq', 'gte', 'lt', 'exists', 'contains'),
      value: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.constantFrom('FR', 'pro', 'hot', '50')),
    });
    fc.assert(
      fc.property(leaf, leaf, (left, right) => {
        const a = (
          left.op === 'contains' ? { ...left, value: String(left.value) } : left
        ) as RoutingCondition;
        const b = (
          right.op === 'contains' ? { ...right, value: String(right.value) } : right
        ) as RoutingCondition;
        const notAll = check({ not: { all: [a, b] } }).matched;
        const anyNot = check({ any: [{ not: a }, { not: b }] }).matched;
        expect(notAll).toBe(anyNot);
      }),
    );
  });
});
