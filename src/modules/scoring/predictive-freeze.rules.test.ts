import { describe, expect, it } from 'vitest';
import { ZFitRule } from './grid/grid.schemas.ts';
import type { GridPoint } from './predictive/index.ts';
import { toFrozenRules } from './predictive-freeze.rules.ts';

const point = (
  feature: string,
  points: number,
  rule: GridPoint['rule'],
  condition = `${feature} …`,
): GridPoint => ({
  feature,
  condition,
  points,
  rule,
});

describe('freezing grid points into fit rules', () => {
  it('maps categorical points onto equals / missing / not_in on lead fields', () => {
    const frozen = toFrozenRules(
      [
        point('country', 12, { kind: 'equals', value: 'FR' }, 'country is "FR"'),
        point('source', -7, { kind: 'missing' }, 'source is missing'),
        point(
          'companyIndustry',
          4,
          { kind: 'other', known: ['Retail', 'Banking'] },
          'companyIndustry is another value',
        ),
      ],
      'workspace',
    );
    expect(frozen.skipped).toEqual([]);
    expect(frozen.rules.map((rule) => [rule.id, rule.points, rule.condition])).toEqual([
      ['model-country-is-fr', 12, { op: 'equals', field: 'country', value: 'FR' }],
      ['model-source-is-missing', -7, { op: 'missing', field: 'source' }],
      [
        'model-companyindustry-is-another-value',
        4,
        { op: 'not_in', field: 'companyIndustry', values: ['Retail', 'Banking'] },
      ],
    ]);
    for (const rule of frozen.rules) expect(ZFitRule.safeParse(rule).success).toBe(true);
  });

  it('explains what the grid cannot say: the base, event counts, utm and numeric ranges', () => {
    const frozen = toFrozenRules(
      [
        point('(base)', -20, { kind: 'always' }),
        point('events.page_viewed', 9, { kind: 'range', above: 2, atMost: null }),
        point('utmSource', 3, { kind: 'equals', value: 'google' }),
      ],
      'workspace',
    );
    expect(frozen.rules).toEqual([]);
    expect(frozen.skipped.map((entry) => entry.feature)).toEqual([
      '(base)',
      'events.page_viewed',
      'utmSource',
    ]);
    expect(frozen.skipped[0]!.reason).toMatch(/every lead/);
    expect(frozen.skipped[1]!.reason).toMatch(/engagement rule/);
  });

  it('says a corporate address as "has an e-mail" and corrects the free-domain rule by the difference', () => {
    const frozen = toFrozenRules(
      [
        point('emailDomain', 10, { kind: 'equals', value: 'corporate' }),
        point('emailDomain', -5, { kind: 'equals', value: 'free' }),
      ],
      'workspace',
    );
    expect(frozen.rules.map((rule) => [rule.condition, rule.points])).toEqual([
      [{ op: 'exists', field: 'email' }, 10],
      [{ op: 'free_email_domain' }, -15],
    ]);
  });

  it('maps a job title group onto contains_any with a note, and company size ranges onto employees_between', () => {
    const frozen = toFrozenRules(
      [
        point('jobTitleGroup', 15, { kind: 'equals', value: 'director' }),
        point('jobTitleGroup', 2, { kind: 'equals', value: 'other' }),
        point('companySize', 6, { kind: 'range', above: 49.5, atMost: 200 }),
      ],
      'workspace',
    );
    expect(frozen.rules.map((rule) => rule.condition)).toEqual([
      { op: 'contains_any', field: 'jobTitle', values: expect.arrayContaining(['directeur', 'head of']) },
      { op: 'employees_between', min: 50, max: 200 },
    ]);
    expect(frozen.skipped.map((entry) => entry.feature)).toEqual(['jobTitleGroup']);
    expect(frozen.notes).toHaveLength(1);
  });

  it('maps CSV columns to the lead field of that name or to an attribute, and gives unique ids', () => {
    const frozen = toFrozenRules(
      [
        point('Country', 8, { kind: 'equals', value: 'FR' }, 'Country is "FR"'),
        point('plan', 5, { kind: 'equals', value: 'Yearly' }, 'same'),
        point('plan', -5, { kind: 'missing' }, 'same'),
        point('Lead Source', 3, { kind: 'equals', value: 'Google' }),
        point('Visits', 4, { kind: 'range', above: 3, atMost: null }),
      ],
      'csv',
    );
    expect(frozen.rules.map((rule) => [rule.id, rule.condition])).toEqual([
      ['model-country-is-fr', { op: 'equals', field: 'country', value: 'FR' }],
      ['model-same', { op: 'equals', field: 'attributes.plan', value: 'Yearly' }],
      ['model-same-2', { op: 'missing', field: 'attributes.plan' }],
    ]);
    expect(frozen.skipped.map((entry) => entry.feature)).toEqual(['Lead Source', 'Visits']);
  });
});
