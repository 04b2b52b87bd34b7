import { describe, expect, it } from 'vitest';
import {
  type AutomaticStageInput,
  decideAutomaticSteps,
  decideSqlConfirmation,
  isBackwardMove,
  validateManualMove,
} from './lifecycle.rules.ts';

const base = (overrides: Partial<AutomaticStageInput>): AutomaticStageInput => ({
  stage: 'lead',
  score: 0,
  previousScore: 0,
  thresholds: { mql: 50, sql: 80 },
  checklistCount: 0,
  isHeld: false,
  ...overrides,
});

describe('decideAutomaticSteps', () => {
  it('moves a lead to MQL at the MQL threshold, with the score and threshold as the reason', () => {
    expect(decideAutomaticSteps(base({ score: 54 }))).toEqual([
      { from: 'lead', to: 'mql', reason: 'score 54 ≥ MQL threshold 50' },
    ]);
    expect(decideAutomaticSteps(base({ score: 49.99 }))).toEqual([]);
  });

  it('moves an MQL to SQL only with score ≥ 80 and 5 of 6 checklist boxes', () => {
    expect(decideAutomaticSteps(base({ stage: 'mql', score: 85, checklistCount: 4 }))).toEqual([]);
    expect(decideAutomaticSteps(base({ stage: 'mql', score: 79, checklistCount: 6 }))).toEqual([]);
    expect(decideAutomaticSteps(base({ stage: 'mql', score: 85, checklistCount: 5 }))).toEqual([
      { from: 'mql', to: 'sql', reason: 'score 85 ≥ SQL threshold 80 and 5/6 checklist boxes' },
    ]);
  });

  it('passes through MQL when a lead qualifies for SQL at once', () => {
    const steps = decideAutomaticSteps(base({ stage: 'subscriber', score: 90, checklistCount: 6 }));
    expect(steps.map((step) => [step.from, step.to])).toEqual([
      ['subscriber', 'mql'],
      ['mql', 'sql'],
    ]);
  });

  it('never moves a lead down, nor out of SQL, opportunity, customer or disqualified', () => {
    expect(decideAutomaticSteps(base({ stage: 'mql', score: 0 }))).toEqual([]);
    for (const stage of ['sql', 'opportunity', 'customer', 'disqualified']) {
      expect(decideAutomaticSteps(base({ stage, score: 100, checklistCount: 6 }))).toEqual([]);
    }
  });

  it('after a backward move, waits for the score to cross the threshold again', () => {
    expect(
      decideAutomaticSteps(base({ stage: 'recycled', score: 60, previousScore: 60, isHeld: true })),
    ).toEqual([]);
    expect(
      decideAutomaticSteps(base({ stage: 'recycled', score: 60, previousScore: 40, isHeld: true })),
    ).toEqual([{ from: 'recycled', to: 'mql', reason: 'score 60 ≥ MQL threshold 50' }]);
  });
});

describe('manual moves', () => {
  it('needs a known stage, a non-blank reason and another stage than the current one', () => {
    expect(validateManualMove('mql', 'lead', '  not ready ')).toEqual({ to: 'lead', reason: 'not ready' });
    expect(() => validateManualMove('mql', 'lead', undefined)).toThrow(
      expect.objectContaining({ code: 'LIFECYCLE_REASON_REQUIRED' }),
    );
    expect(() => validateManualMove('mql', 'lead', '   ')).toThrow(
      expect.objectContaining({ code: 'LIFECYCLE_REASON_REQUIRED' }),
    );
    expect(() => validateManualMove('mql', 'prospect', 'x')).toThrow(
      expect.objectContaining({ code: 'LIFECYCLE_STAGE_UNKNOWN' }),
    );
    expect(() => validateManualMove('mql', 'mql', 'x')).toThrow(
      expect.objectContaining({ code: 'LIFECYCLE_ALREADY_AT_STAGE' }),
    );
  });

  it('knows which moves go backward', () => {
    expect(isBackwardMove('sql', 'mql')).toBe(true);
    expect(isBackwardMove('mql', 'recycled')).toBe(true);
    expect(isBackwardMove('lead', 'disqualified')).toBe(true);
    expect(isBackwardMove('lead', 'mql')).toBe(false);
    expect(isBackwardMove('recycled', 'lead')).toBe(false);
  });

  it('lets a sales rep confirm SQL from the early stages only', () => {
    expect(decideSqlConfirmation('mql')).toBe('move');
    expect(decideSqlConfirmation('recycled')).toBe('move');
    expect(decideSqlConfirmation('sql')).toBe('none');
    expect(() => decideSqlConfirmation('customer')).toThrow(
      expect.objectContaining({ code: 'LIFECYCLE_CONFIRMATION_NOT_ALLOWED' }),
    );
  });
});
