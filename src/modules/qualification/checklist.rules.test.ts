import { describe, expect, it } from 'vitest';
import type { BantEntry, CurrentBant } from './bant.schemas.ts';
import { type ChecklistInput, evaluateChecklist } from './checklist.rules.ts';

const NOW = Date.parse('2026-01-05T09:00:00Z');
const DAY = 86_400_000;

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

const fullBant: CurrentBant = {
  need: entry('need', { text: 'more meetings', category: 'Lead generation' }),
  budget: entry('budget', { kind: 'range', min: 5000, max: 8000, currency: 'EUR' }),
  authority: entry('authority', 'decision_maker'),
  timeline: entry('timeline', { kind: 'horizon', horizon: '3_6m' }),
};

const input = (overrides: Partial<ChecklistInput> = {}): ChecklistInput => ({
  fitScore: 45,
  icpFitMinScore: 30,
  bant: fullBant,
  intentEvents: [{ id: 'evt_1', type: 'demo_requested', occurredAt: NOW - 2 * DAY, properties: {} }],
  intentWindowDays: 30,
  nowMs: NOW,
  ...overrides,
});

const checked = (result: ReturnType<typeof evaluateChecklist>) =>
  result.boxes.filter((box) => box.isChecked).map((box) => box.key);

describe('evaluateChecklist', () => {
  it('ticks all six boxes for a fitting lead with confirmed BANT and a recent demo request', () => {
    const result = evaluateChecklist(input());
    expect(result.boxes.map((box) => box.key)).toEqual([
      'icp_fit',
      'need_confirmed',
      'budget_confirmed',
      'decision_maker_identified',
      'timeline_within_6_months',
      'active_intent_signal',
    ]);
    expect(result.count).toBe(6);
    expect(result.verdict).toBe('sql');
    expect(result.boxes[0]!.reason).toBe('fit score 45 ≥ 30');
  });

  it('gives SQL at 5 of 6 and nurture at 4 of 6', () => {
    const five = evaluateChecklist(
      input({ bant: { ...fullBant, authority: entry('authority', 'influencer') } }),
    );
    expect(five.count).toBe(5);
    expect(five.verdict).toBe('sql');
    const four = evaluateChecklist(
      input({ fitScore: 10, bant: { ...fullBant, authority: entry('authority', 'influencer') } }),
    );
    expect(four.count).toBe(4);
    expect(four.verdict).toBe('nurture');
    expect(checked(four)).not.toContain('icp_fit');
  });

  it('does not tick a budget of "none", a timeline beyond 6 months or values said with low confidence', () => {
    const result = evaluateChecklist(
      input({
        bant: {
          need: entry('need', { text: 'maybe', category: null }, 0.5),
          budget: entry('budget', { kind: 'none' }),
          authority: entry('authority', 'decision_maker', 0.3),
          timeline: entry('timeline', { kind: 'horizon', horizon: 'gt_6m' }),
        },
      }),
    );
    expect(checked(result)).toEqual(['icp_fit', 'active_intent_signal']);
    expect(result.boxes.find((box) => box.key === 'need_confirmed')!.reason).toContain('confidence 0.5');
  });

  it('counts a demo, a meeting or a quote request only inside the window', () => {
    const old = evaluateChecklist(
      input({
        intentEvents: [{ id: 'e', type: 'quote_requested', occurredAt: NOW - 31 * DAY, properties: {} }],
      }),
    );
    expect(checked(old)).not.toContain('active_intent_signal');
    const meeting = evaluateChecklist(
      input({ intentEvents: [{ id: 'e', type: 'meeting_booked', occurredAt: NOW - DAY, properties: {} }] }),
    );
    expect(meeting.boxes.find((box) => box.key === 'active_intent_signal')!.reason).toBe(
      'meeting_booked on 2026-01-04',
    );
    const other = evaluateChecklist(
      input({ intentEvents: [{ id: 'e', type: 'page_viewed', occurredAt: NOW, properties: {} }] }),
    );
    expect(checked(other)).not.toContain('active_intent_signal');
  });

  it('ticks nothing from BANT for a lead without answers', () => {
    const result = evaluateChecklist(input({ bant: {}, intentEvents: [], fitScore: 0 }));
    expect(result.count).toBe(0);
    expect(result.boxes.every((box) => box.reason.length > 0)).toBe(true);
  });
});
