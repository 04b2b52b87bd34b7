import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENT_SETTINGS } from './agent.types.ts';
import { parseAgentSettings } from './agent-settings.rules.ts';
import { initialAgentState, parseAgentState } from './agent-state.rules.ts';

describe('parseAgentState', () => {
  it('returns the initial state for nothing stored', () => {
    expect(parseAgentState(undefined)).toEqual(initialAgentState('fr'));
    expect(parseAgentState(null, 'en')).toEqual(initialAgentState('en'));
    expect(parseAgentState({}, 'en')).toEqual(initialAgentState('en'));
  });

  it('keeps a valid state as it is, through JSON', () => {
    const state = {
      ...initialAgentState('en'),
      phase: 'offered_slots' as const,
      expectedSlot: 'budget' as const,
      askedCount: { need: 1, timeline: 2, budget: 1, authority: 0 },
      offeredSlots: ['2026-12-01T09:00:00.000Z'],
      turns: 4,
    };
    expect(parseAgentState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it('repairs old or broken fields one by one', () => {
    const repaired = parseAgentState({
      phase: 'asking',
      language: 'de',
      expectedSlot: 'price',
      askedCount: { need: 2, budget: -1, timeline: 'x' },
      lowConfidenceStreak: 1.5,
      offeredSlots: ['2026-12-01T10:00:00+01:00', 'not a date', 42],
      chosenSlot: 'tomorrow',
      turns: 7,
      legacyField: true,
    });
    expect(repaired).toEqual({
      phase: 'qualifying',
      language: 'fr',
      expectedSlot: null,
      askedCount: { need: 2, budget: 0, timeline: 0, authority: 0 },
      lowConfidenceStreak: 0,
      offeredSlots: ['2026-12-01T09:00:00.000Z'],
      chosenSlot: null,
      slotChoiceMisses: 0,
      closedBy: null,
      followUpsSent: 0,
      turns: 7,
    });
  });
});

describe('parseAgentSettings', () => {
  it('gives the defaults for nothing stored', () => {
    expect(parseAgentSettings(undefined)).toEqual(DEFAULT_AGENT_SETTINGS);
  });

  it('keeps valid choices and replaces invalid ones by the default', () => {
    const settings = parseAgentSettings({
      tone: 'tu',
      style: 'loud',
      companyName: 'Acme',
      faq: [
        { topic: 'api', answer: { fr: 'Oui, une API REST.', en: 'Yes, a REST API.' }, keywords: ['API'] },
        { topic: '' },
      ],
      contentOffer: { title: { fr: 'Guide', en: 'Guide' }, url: 'not a url' },
    });
    expect(settings).toMatchObject({
      tone: 'tu',
      style: 'formal',
      companyName: 'Acme',
      agentName: 'Camille',
      contentOffer: null,
    });
    expect(settings.faq).toEqual([
      { topic: 'api', answer: { fr: 'Oui, une API REST.', en: 'Yes, a REST API.' }, keywords: ['API'] },
    ]);
  });
});
