import { describe, expect, it } from 'vitest';
import {
  type ConditionFacts,
  evaluateCondition,
  nextStepIndex,
  resolveStepTarget,
} from './branch-condition.rules.ts';
import type { Condition } from './branch-condition.schemas.ts';
import { parseSequenceDefinition } from './sequence-definition.schemas.ts';

const NOW = new Date('2026-06-01T10:00:00Z');

// The contract names branch targets `then` and `else`; a plain object with `then` upsets the linter.
function branch(
  condition: unknown,
  target: unknown,
  otherwise: unknown,
  extra: Record<string, unknown> = {},
) {
  // biome-ignore lint/suspicious/noThenProperty: a branch step's target key, never awaited
  return { ...extra, type: 'branch', if: condition, then: target, else: otherwise };
}

function facts(overrides: Partial<ConditionFacts> = {}): ConditionFacts {
  return {
    score: 55,
    temperature: 'warm',
    stage: 'mql',
    bant: {},
    lead: { country: 'FR', company: { name: 'Acme', size: '120' }, attributes: { plan: 'Pro' }, phone: null },
    eventsSinceEnrolment: ['email_opened', 'email_opened', 'page_viewed'],
    now: NOW,
    ...overrides,
  };
}

const holds = (condition: Condition, overrides?: Partial<ConditionFacts>) =>
  evaluateCondition(condition, facts(overrides));

describe('evaluateCondition', () => {
  it('compares the score with every bound given', () => {
    expect(holds({ score: { gte: 55 } })).toBe(true);
    expect(holds({ score: { gt: 55 } })).toBe(false);
    expect(holds({ score: { gte: 50, lt: 60 } })).toBe(true);
    expect(holds({ score: { gte: 50, lt: 55 } })).toBe(false);
    expect(holds({ score: { equals: 55 } })).toBe(true);
  });

  it('matches temperature and stage, one value or a list', () => {
    expect(holds({ temperature: 'hot' })).toBe(false);
    expect(holds({ temperature: ['warm', 'hot'] })).toBe(true);
    expect(holds({ stage: 'mql' })).toBe(true);
    expect(holds({ stage: ['sql', 'opportunity'] })).toBe(false);
  });

  it('counts events since enrolment', () => {
    expect(holds({ event: 'email_opened' })).toBe(true);
    expect(holds({ event: 'email_opened', atLeast: 2 })).toBe(true);
    expect(holds({ event: 'email_opened', atLeast: 3 })).toBe(false);
    expect(holds({ event: 'email_clicked' })).toBe(false);
  });

  it('reads lead fields by path, without case or accents', () => {
    expect(holds({ field: 'country', equals: 'fr' })).toBe(true);
    expect(holds({ field: 'company.name', in: ['ACME', 'Globex'] })).toBe(true);
    expect(holds({ field: 'company.size', gte: 100 })).toBe(true);
    expect(holds({ field: 'company.name', gte: 100 })).toBe(false);
    expect(holds({ field: 'attributes.plan', contains: 'pro' })).toBe(true);
    expect(holds({ field: 'phone', known: false })).toBe(true);
    expect(holds({ field: 'phone', known: true })).toBe(false);
    // A value that is not known fails every test but `known: false`.
    expect(holds({ field: 'jobTitle', equals: 'CEO' })).toBe(false);
    expect(holds({ field: 'jobTitle', known: false, equals: 'CEO' })).toBe(false);
  });

  it('combines with all, any and not', () => {
    const hotOrOpened: Condition = { any: [{ temperature: 'hot' }, { event: 'email_opened' }] };
    expect(holds(hotOrOpened)).toBe(true);
    expect(holds({ all: [hotOrOpened, { score: { gte: 60 } }] })).toBe(false);
    expect(holds({ not: { all: [hotOrOpened, { score: { gte: 60 } }] } })).toBe(true);
  });

  it('tests BANT fields: known, authority, need category and text', () => {
    const bant = {
      authority: 'decision_maker',
      need: { text: 'Qualifier les leads entrants', category: 'Génération de leads' },
    };
    expect(holds({ bant: 'authority', known: true }, { bant })).toBe(true);
    expect(holds({ bant: 'authority', in: ['decision_maker', 'influencer'] }, { bant })).toBe(true);
    expect(holds({ bant: 'authority', known: true }, { bant: { authority: 'unknown' } })).toBe(false);
    expect(holds({ bant: 'need', equals: 'generation de leads' }, { bant })).toBe(true);
    expect(holds({ bant: 'need', contains: 'entrants' }, { bant })).toBe(true);
    expect(holds({ bant: 'need', known: false }, { bant: {} })).toBe(true);
  });

  it('compares budgets by amount; a range passes when some amount in it does', () => {
    const amount = { budget: { kind: 'amount', amount: 12_000, currency: 'EUR' } };
    const range = { budget: { kind: 'range', min: 5_000, max: 15_000, currency: 'EUR' } };
    expect(holds({ bant: 'budget', gte: 10_000 }, { bant: amount })).toBe(true);
    expect(holds({ bant: 'budget', gte: 10_000, currency: 'USD' }, { bant: amount })).toBe(false);
    expect(holds({ bant: 'budget', gte: 10_000 }, { bant: range })).toBe(true);
    expect(holds({ bant: 'budget', gte: 20_000 }, { bant: range })).toBe(false);
    expect(holds({ bant: 'budget', lt: 6_000 }, { bant: range })).toBe(true);
    expect(holds({ bant: 'budget', gte: 1 }, { bant: { budget: { kind: 'none' } } })).toBe(false);
    expect(holds({ bant: 'budget', known: true }, { bant: { budget: { kind: 'none' } } })).toBe(true);
    // A CurrentBant entry is read through its value.
    const entry = { budget: { id: 'b1', field: 'budget', value: amount.budget, confidence: 0.9 } };
    expect(holds({ bant: 'budget', gte: 10_000 }, { bant: entry })).toBe(true);
  });

  it('compares timelines in months, by horizon or by date from now', () => {
    const soon = { timeline: { kind: 'horizon', horizon: 'lt_1m' } };
    expect(holds({ bant: 'timeline', lte: 3 }, { bant: soon })).toBe(true);
    expect(holds({ bant: 'timeline', equals: 'lt_1m' }, { bant: soon })).toBe(true);
    const date = { timeline: { kind: 'date', date: '2026-12-01' } };
    expect(holds({ bant: 'timeline', lte: 3 }, { bant: date })).toBe(false);
    expect(holds({ bant: 'timeline', gt: 3 }, { bant: date })).toBe(true);
    const unknown = { timeline: { kind: 'horizon', horizon: 'unknown' } };
    expect(holds({ bant: 'timeline', known: false }, { bant: unknown })).toBe(true);
    expect(holds({ bant: 'timeline', lte: 100 }, { bant: unknown })).toBe(false);
  });
});

describe('resolveStepTarget and nextStepIndex', () => {
  const parsed = parseSequenceDefinition({
    name: 'Targets',
    steps: [
      branch({ temperature: 'hot' }, 'alert', 2),
      { id: 'alert', type: 'notify', owner: true },
      { type: 'exit' },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const definition = parsed.definition;

  it('resolves an index or a label, and throws on neither', () => {
    expect(resolveStepTarget(definition, 'alert')).toBe(1);
    expect(resolveStepTarget(definition, 2)).toBe(2);
    expect(() => resolveStepTarget(definition, 'nope')).toThrow('no step labelled "nope"');
    expect(() => resolveStepTarget(definition, 3)).toThrow('no step 3');
  });

  it('follows branches, moves on after other steps and stops at an exit', () => {
    expect(nextStepIndex(definition, 0, true)).toBe(1);
    expect(nextStepIndex(definition, 0, false)).toBe(2);
    expect(nextStepIndex(definition, 1)).toBe(2);
    expect(nextStepIndex(definition, 2)).toBeNull();
  });
});
