import { describe, expect, it } from 'vitest';
import { isRoutingField, MAX_CONDITION_NODES, ZRoutingCondition } from './routing-condition.schemas.ts';

describe('isRoutingField', () => {
  it('knows the lead paths, attributes.<key> and form.<field>', () => {
    for (const path of [
      'company.size',
      'utm.campaign',
      'attributes.plan',
      'attributes.a.b c',
      'form.budget',
    ]) {
      expect(isRoutingField(path), path).toBe(true);
    }
    for (const path of [
      'company',
      'attributes.',
      'form.',
      'utm.term',
      'ownerId',
      `attributes.${'k'.repeat(101)}`,
    ]) {
      expect(isRoutingField(path), path).toBe(false);
    }
  });
});

describe('ZRoutingCondition', () => {
  it('accepts each operator with the value it needs', () => {
    for (const condition of [
      { field: 'score', op: 'gt', value: 10 },
      { field: 'country', op: 'neq', value: 'FR' },
      { field: 'form.newsletter', op: 'eq', value: true },
      { field: 'country', op: 'nin', value: ['FR', 1, false] },
      { field: 'jobTitle', op: 'contains', value: 'sales' },
      { field: 'company.domain', op: 'exists' },
      { field: 'company.domain', op: 'exists', value: false },
      { field: 'email', op: 'matches', value: '\\.fr$' },
    ]) {
      expect(ZRoutingCondition.safeParse(condition).success, JSON.stringify(condition)).toBe(true);
    }
  });

  it('refuses a value that does not fit the operator', () => {
    const messageOf = (condition: unknown) => {
      const parsed = ZRoutingCondition.safeParse(condition);
      return parsed.success ? null : parsed.error.issues.map((issue) => issue.message);
    };
    expect(messageOf({ field: 'score', op: 'eq' })).toEqual(['required by "eq"']);
    expect(messageOf({ field: 'score', op: 'eq', value: [1] })).toEqual([
      'a text, a number or true/false (eq)',
    ]);
    expect(messageOf({ field: 'score', op: 'exists', value: 'yes' })).toEqual([
      'true or false (true when left out)',
    ]);
    expect(messageOf({ field: 'score', op: 'contains', value: ' ' })).toEqual([
      'a text of 1 to 200 characters (contains)',
    ]);
    expect(messageOf({ field: 'score', op: 'in', value: [{}] })).toEqual(['a text, a number or true/false']);
  });

  it(`refuses more than ${MAX_CONDITION_NODES} conditions in one tree`, () => {
    const leaf = { field: 'score', op: 'gt', value: 1 };
    const wide = { all: Array.from({ length: 5 }, () => ({ any: Array.from({ length: 50 }, () => leaf) })) };
    const parsed = ZRoutingCondition.safeParse(wide);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.at(-1)?.message).toBe(`too many conditions (at most ${MAX_CONDITION_NODES})`);
  });
});
