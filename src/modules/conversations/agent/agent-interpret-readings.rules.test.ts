/**
 * interpretTurn on hand-made NLU readings: the policy's answer to a given reading, independent of
 * what the classifier says about the words this week (agent-interpret.rules.test.ts uses the real NLU).
 */
import { describe, expect, it } from 'vitest';
import type { MessageUnderstanding } from '../nlu/understand-message.ts';
import { TEST_SLOTS, TEST_TIMEZONE, understood } from './agent.fixtures.ts';
import { type AgentState, DEFAULT_AGENT_SETTINGS, type FaqEntry } from './agent.types.ts';
import { interpretTurn } from './agent-interpret.rules.ts';
import { initialAgentState } from './agent-state.rules.ts';

const offered = TEST_SLOTS.map((slot) => slot.toISOString());
const hubspot: FaqEntry = {
  topic: 'hubspot',
  answer: { fr: 'Connexion native à HubSpot.', en: 'Native HubSpot sync.' },
  keywords: ['hubspot'],
};

function interpret(
  text: string,
  reading: Partial<MessageUnderstanding>,
  state: Partial<AgentState> = {},
  faq: FaqEntry[] = DEFAULT_AGENT_SETTINGS.faq,
) {
  return interpretTurn({
    state: { ...initialAgentState('fr'), ...state },
    understanding: understood(reading),
    text,
    known: {},
    settings: { faq },
    timezone: TEST_TIMEZONE,
  });
}

const timeline = (date: string, horizon: '3_6m' | 'lt_1m', evidence: string) =>
  ({
    value: { kind: 'date', date },
    confidence: 0.8,
    evidence,
    horizon,
  }) as const;

describe('interpretTurn: "later" is a bare delay', () => {
  it.each([
    ['dans 4 à 5 mois', 'fr'],
    ['probably in 4 or 5 months', 'en'],
  ] as const)('reads not_now %j as an answer, with or without the date read', (text, language) => {
    const state = { language, expectedSlot: 'budget' } as const;
    const bare = interpret(text, { intent: 'not_now', language }, state);
    expect(bare.event).toBe('answer');
    const dated = interpret(
      text,
      { intent: 'not_now', language, slots: { timeline: timeline('2027-04-24', '3_6m', '5 mois') } },
      state,
    );
    expect(dated).toMatchObject({ event: 'answer', bantUpdates: [{ field: 'timeline' }] });
  });

  it('reads a bare "pas maintenant" as later, whatever was asked', () => {
    expect(interpret('pas maintenant', { intent: 'not_now' }, { expectedSlot: 'budget' }).event).toBe(
      'later',
    );
    expect(interpret('plus tard', { intent: 'not_now' }, { expectedSlot: 'timeline' }).event).toBe('later');
  });

  it('records the date of a delay ("recontacte-moi dans 6 mois"), never the "maintenant" of it', () => {
    const text = 'pas maintenant, recontacte-moi dans 6 mois';
    const dated = interpret(text, {
      intent: 'not_now',
      slots: { timeline: timeline('2027-05-24', '3_6m', '6 mois') },
    });
    expect(dated).toMatchObject({
      event: 'later',
      bantUpdates: [{ field: 'timeline', value: { date: '2027-05-24' } }],
    });
    const now = interpret(text, {
      intent: 'not_now',
      slots: { timeline: timeline('2026-11-24', 'lt_1m', 'maintenant') },
    });
    expect(now).toMatchObject({ event: 'later', bantUpdates: [] });
  });
});

describe('interpretTurn: refusals must be said', () => {
  const need = {
    value: { text: "on a besoin d'un outil pour relancer nos paniers", category: null },
    confidence: 0.75,
    evidence: '',
  };

  it('reads a sure need filed under not_interested as an answer', () => {
    const result = interpret("Salut, on a besoin d'un outil pour relancer nos paniers", {
      intent: 'not_interested',
      slots: { need },
    });
    expect(result).toMatchObject({ event: 'answer', bantUpdates: [{ field: 'need' }] });
  });

  it('still closes on "pas intéressé, on a déjà un outil", need or not', () => {
    const result = interpret('Pas intéressé, on a déjà un outil pour relancer nos paniers', {
      intent: 'not_interested',
      slots: { need },
    });
    expect(result.event).toBe('not_interested');
  });
});

describe('interpretTurn: authority answers', () => {
  const askedAuthority = { expectedSlot: 'authority' } as const;

  it.each([
    ["non, c'est mon manager qui décide", 'deny'],
    ['Je dois d’abord en parler à mon patron', 'inform'],
  ] as const)('reads %j as an influencer when the NLU reads no role', (text, intent) => {
    const result = interpret(text, { intent }, askedAuthority);
    expect(result.bantUpdates).toMatchObject([{ field: 'authority', value: 'influencer', confidence: 0.7 }]);
  });

  it('never makes the lead the decider when the message names someone else', () => {
    const decides = { value: 'decision_maker', confidence: 0.85, evidence: 'décide' } as const;
    const denied = interpret(
      "non, c'est mon manager qui décide",
      { intent: 'deny', slots: { authority: decides } },
      askedAuthority,
    );
    expect(denied.bantUpdates).toMatchObject([{ field: 'authority', value: 'influencer' }]);
    const mixed = interpret("oui mais c'est mon associé qui valide", { intent: 'affirm' }, askedAuthority);
    expect(mixed.bantUpdates).toEqual([]);
  });

  it('does not read a long affirm or a refusal of times as a yes', () => {
    const none = interpret(
      "none of these work for me, I'm travelling all week",
      { intent: 'affirm', language: 'en' },
      {
        ...askedAuthority,
        language: 'en',
      },
    );
    expect(none.bantUpdates).toEqual([]);
    expect(interpret('ok', { intent: 'affirm' }, askedAuthority).bantUpdates).toMatchObject([
      { field: 'authority', value: 'decision_maker' },
    ]);
  });
});

describe('interpretTurn: offered slots', () => {
  const offering = { phase: 'offered_slots', offeredSlots: offered } as const;

  it('books the slot named with other words around it, whatever the intent', () => {
    // Slots: Tue 1 Dec 10:00, Wed 2 Dec 14:30, Thu 3 Dec 09:00 (Paris).
    const jeudi = interpret(
      'jeudi à 9h ça me va',
      { intent: 'affirm', slots: { timeline: timeline('2026-12-03', 'lt_1m', 'jeudi à 9h') } },
      offering,
    );
    expect(jeudi).toMatchObject({ event: 'slot_chosen', chosenSlot: offered[2], bantUpdates: [] });
    const friday = interpret(
      'Wednesday at 2:30pm please',
      { intent: 'reschedule', language: 'en' },
      { ...offering, language: 'en' },
    );
    expect(friday).toMatchObject({ event: 'slot_chosen', chosenSlot: offered[1] });
  });

  it('shows the slots again on a time that is not offered, and hands the booking over on the second', () => {
    const first = interpret(
      'vendredi 11h plutôt',
      { intent: 'reschedule', slots: { timeline: timeline('2026-11-27', 'lt_1m', 'vendredi') } },
      offering,
    );
    expect(first).toMatchObject({
      event: 'answer',
      slotChoiceMissed: true,
      declinedSlots: false,
      bantUpdates: [],
    });
    expect(first.state.slotChoiceMisses).toBe(1);
    const second = interpret('samedi matin ?', { intent: 'reschedule' }, first.state);
    expect(second).toMatchObject({ event: 'answer', slotChoiceMissed: false, declinedSlots: true });
  });

  it('reads "none of these work for me" as declined slots, even as a yes and with one slot offered', () => {
    const result = interpret(
      "none of these work for me, I'm travelling all week",
      { intent: 'affirm', language: 'en' },
      {
        language: 'en',
        phase: 'offered_slots',
        offeredSlots: [offered[0]!],
      },
    );
    expect(result).toMatchObject({ event: 'answer', declinedSlots: true, chosenSlot: null, bantUpdates: [] });
  });
});

describe('interpretTurn: FAQ and sentiment', () => {
  it('answers a workspace topic the classifier filed under greeting', () => {
    const faq = [...DEFAULT_AGENT_SETTINGS.faq, hubspot];
    expect(interpret('Bonjour, intégration HubSpot possible', { intent: 'greeting' }, {}, faq)).toMatchObject(
      {
        event: 'faq',
        faqTopic: 'hubspot',
      },
    );
    expect(
      interpret('Bonjour, est-ce que votre outil s’intègre avec HubSpot', { intent: 'greeting' }, {}, faq)
        .faqTopic,
    ).toBe('hubspot');
    const statement = interpret(
      'Nous voulons synchroniser nos leads avec HubSpot',
      {
        intent: 'greeting',
        slots: { need: { value: { text: 'synchroniser', category: null }, confidence: 0.75, evidence: '' } },
      },
      { expectedSlot: 'need' },
      faq,
    );
    expect(statement.event).toBe('answer');
  });

  it('answers a price question the classifier filed under greeting', () => {
    expect(interpret("Bonjour, c'est combien votre solution ?", { intent: 'greeting' })).toMatchObject({
      event: 'faq',
      faqTopic: 'price',
    });
  });

  it('switches language on an apologetic request instead of handing over', () => {
    const result = interpret(
      'Sorry, could we continue in English please? My French is not great',
      {
        intent: 'inform',
        language: 'en',
        sentiment: { polarity: 'negative', score: -0.4, evidence: ['sorry'] },
      },
      { expectedSlot: 'timeline' },
    );
    expect(result).toMatchObject({ language: 'en', isLanguageChange: true, handoffReason: null });
  });
});
