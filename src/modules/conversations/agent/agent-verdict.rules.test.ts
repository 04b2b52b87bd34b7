import { describe, expect, it } from 'vitest';
import { TEST_NOW, TEST_SLOTS, TEST_TIMEZONE } from './agent.fixtures.ts';
import {
  DEFAULT_AGENT_SETTINGS,
  type KnownBant,
  type Temperature,
  type TurnInterpretation,
} from './agent.types.ts';
import { composeReply } from './agent-policy.rules.ts';
import { initialAgentState } from './agent-state.rules.ts';
import { decideVerdict } from './agent-verdict.rules.ts';

// TEST_NOW is 24 Nov 2026: 24 Mar 2027 is 4 months ahead, 24 Jul 2027 8 months.
const need = { value: { text: 'un outil de scoring', category: null }, confidence: 0.75 };
const budget8k = { value: { kind: 'amount', amount: 8000, currency: 'EUR' }, confidence: 0.9 } as const;
const noBudget = { value: { kind: 'none' }, confidence: 0.85 } as const;
const inFourMonths = { value: { kind: 'date', date: '2027-03-24' }, confidence: 0.8 } as const;
const inEightMonths = { value: { kind: 'date', date: '2027-07-24' }, confidence: 0.8 } as const;
const qualified: KnownBant = { need, budget: budget8k, timeline: inFourMonths };

const verdict = (temperature: Temperature, known: KnownBant, isDelay = false) =>
  decideVerdict({ temperature, known, now: TEST_NOW, isDelay });

describe('decideVerdict', () => {
  it('keeps a hot lead hot', () => {
    expect(verdict('hot', {})).toBe('hot');
  });

  it('makes a cold-scored lead warm on a need, a confirmed budget and a project within 6 months', () => {
    expect(verdict('cold', qualified)).toBe('warm');
    expect(
      verdict('cold', {
        ...qualified,
        timeline: { value: { kind: 'horizon', horizon: '3_6m' }, confidence: 0.8 },
      }),
    ).toBe('warm');
  });

  it.each([
    ['no budget', { ...qualified, budget: noBudget }],
    ['an unconfirmed budget', { ...qualified, budget: { ...budget8k, confidence: 0.65 } }],
    ['no need', { budget: budget8k, timeline: inFourMonths }],
    ['no timeline', { need, budget: budget8k }],
    ['a timeline 8 months away', { ...qualified, timeline: inEightMonths }],
  ] as [string, KnownBant][])('leaves a cold-scored lead with %s cold', (_, known) => {
    expect(verdict('cold', known)).toBe('cold');
  });

  it('keeps a warm-scored lead warm without a budget, but cold when the project is more than 6 months away', () => {
    expect(verdict('warm', { need, budget: noBudget, timeline: inFourMonths })).toBe('warm');
    expect(verdict('warm', { need, timeline: inEightMonths })).toBe('cold');
  });

  it('reads a bare delay as cold, even from an engaged or hot lead, unless BANT qualifies the lead', () => {
    expect(verdict('warm', { need }, true)).toBe('cold');
    expect(verdict('hot', { need }, true)).toBe('cold');
    expect(verdict('cold', qualified, true)).toBe('warm');
  });
});

describe('composeReply: the closing verdict', () => {
  function closeWith(temperature: Temperature, known: KnownBant) {
    const state = {
      ...initialAgentState('fr'),
      turns: 4,
      askedCount: { need: 1, timeline: 1, budget: 1, authority: 1 },
    };
    const interpretation: TurnInterpretation = {
      bantUpdates: [{ field: 'authority', value: 'decision_maker', confidence: 0.9, evidence: 'oui' }],
      event: 'answer',
      handoffReason: null,
      faqTopic: null,
      chosenSlot: null,
      language: 'fr',
      evidence: null,
      isLanguageChange: false,
      declinedSlots: false,
      slotChoiceMissed: false,
      state,
    };
    return composeReply({
      interpretation,
      state,
      known: { ...known, authority: { value: 'decision_maker', confidence: 0.9 } },
      temperature,
      slots: TEST_SLOTS,
      settings: {
        ...DEFAULT_AGENT_SETTINGS,
        contentOffer: { title: { fr: 'Guide', en: 'Guide' }, url: 'https://example.com/guide' },
      },
      lead: { firstName: 'Sophie' },
      timezone: TEST_TIMEZONE,
      now: TEST_NOW,
    });
  }

  it('closes a cold-scored lead qualified by BANT as warm, with the content offer', () => {
    const decision = closeWith('cold', qualified);
    expect(decision).toMatchObject({ verdict: 'warm', state: { phase: 'nurture' }, handoff: null });
    expect(decision.replies[0]).toMatchObject({ text: expect.stringMatching(/example\.com\/guide/) });
  });

  it('closes a lead whose project is 8 months away as cold, without the content offer', () => {
    const decision = closeWith('warm', { ...qualified, timeline: inEightMonths });
    expect(decision.verdict).toBe('cold');
    expect(decision.replies[0]).toMatchObject({ text: expect.not.stringMatching(/example\.com/) });
  });
});
