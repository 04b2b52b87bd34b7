import { beforeAll, describe, expect, it } from 'vitest';
import { understandMessage, warmUpNlu } from '../nlu/understand-message.ts';
import { TEST_NOW, TEST_SLOTS, TEST_TIMEZONE } from './agent.fixtures.ts';
import type { AgentState, KnownBant } from './agent.types.ts';
import { interpretTurn } from './agent-interpret.rules.ts';
import { initialAgentState } from './agent-state.rules.ts';

beforeAll(async () => {
  await warmUpNlu();
}, 60_000);

async function interpret(
  text: string | null,
  options: { state?: Partial<AgentState>; known?: KnownBant; choiceId?: string } = {},
) {
  const state = { ...initialAgentState('fr'), ...options.state };
  const understanding = await understandMessage(text, {
    language: state.language,
    now: TEST_NOW,
    timezone: TEST_TIMEZONE,
    expectedSlot: state.expectedSlot,
  });
  return interpretTurn({
    state,
    understanding,
    text,
    known: options.known ?? {},
    choiceId: options.choiceId ?? null,
    timezone: TEST_TIMEZONE,
  });
}

const askedNeed = {
  expectedSlot: 'need',
  askedCount: { need: 1, timeline: 0, budget: 0, authority: 0 },
} as const;

describe('interpretTurn', () => {
  it.each([['👍'], [''], ['   '], [null]])('reads %j as unclear, with nothing recorded', async (text) => {
    const result = await interpret(text, { state: askedNeed });
    expect(result).toMatchObject({ event: 'unclear', bantUpdates: [] });
    expect(result.state).toMatchObject({ lowConfidenceStreak: 1, turns: 1 });
  });

  it('lets an opt-out win over a tapped slot and records nothing', async () => {
    const offered = TEST_SLOTS.map((slot) => slot.toISOString());
    const result = await interpret('STOP, je veux parler à un humain', {
      state: { phase: 'offered_slots', offeredSlots: offered },
      choiceId: `slot:${offered[0]}`,
    });
    expect(result).toMatchObject({ event: 'opt_out', bantUpdates: [], chosenSlot: null });
  });

  it.each([['Pas intéressé, merci'], ['Je ne sais pas'], ['On verra']])(
    'never records %j as the need, even right after the need question',
    async (text) => {
      const result = await interpret(text, { state: askedNeed });
      expect(result.bantUpdates.filter((update) => update.field === 'need')).toEqual([]);
    },
  );

  it('records a plain sentence answering the need question', async () => {
    const result = await interpret('Un outil pour qualifier nos leads entrants', { state: askedNeed });
    expect(result.bantUpdates).toEqual([
      {
        field: 'need',
        value: { text: 'Un outil pour qualifier nos leads entrants', category: null },
        confidence: 0.6,
        evidence: 'Un outil pour qualifier nos leads entrants',
      },
    ]);
  });

  it('records the budget of "entre 10 et 20 k€" after the need question, not a need', async () => {
    const result = await interpret('entre 10 et 20 k€', { state: askedNeed });
    expect(result.bantUpdates.map((update) => update.field)).toEqual(['budget']);
  });

  it('reads "non c\'est mon associé qui décide" as an influencer and not as a need', async () => {
    const result = await interpret("non c'est mon associé qui décide", {
      state: { expectedSlot: 'authority' },
      known: { need: { value: { text: 'un CRM', category: null }, confidence: 0.75 } },
    });
    expect(result.bantUpdates).toHaveLength(1);
    expect(result.bantUpdates[0]).toMatchObject({ field: 'authority', value: 'influencer' });
  });

  it('keeps a stored value against an equally sure one, but takes an explicit correction', async () => {
    const known: KnownBant = {
      budget: { value: { kind: 'amount', amount: 15_000, currency: 'EUR' }, confidence: 0.9 },
    };
    const plain = await interpret('20 000 €', { state: { expectedSlot: 'budget' }, known });
    expect(plain.bantUpdates).toEqual([]);
    const corrected = await interpret('non, plutôt 20 000 €', { state: { expectedSlot: 'budget' }, known });
    expect(corrected.bantUpdates).toMatchObject([
      { field: 'budget', value: { kind: 'amount', amount: 20_000, currency: 'EUR' }, confidence: 0.9 },
    ]);
  });

  it('reads the "non" of a correction as the correction, not as the answer to the pending question', async () => {
    const known: KnownBant = {
      budget: { value: { kind: 'amount', amount: 15_000, currency: 'EUR' }, confidence: 0.9 },
    };
    const result = await interpret('non, plutôt 20 000 €', { state: { expectedSlot: 'authority' }, known });
    expect(result.bantUpdates.map((update) => update.field)).toEqual(['budget']);
  });

  it('replaces a value when the new one is more confident', async () => {
    const known: KnownBant = { authority: { value: 'influencer', confidence: 0.6 } };
    const result = await interpret('je suis le DG', { known });
    expect(result.bantUpdates).toMatchObject([
      { field: 'authority', value: 'decision_maker', confidence: 0.85 },
    ]);
  });

  it('reads "I need to ask my manager" as a fact about authority, not a refusal', async () => {
    const result = await interpret('I need to ask my manager', { state: { language: 'en' } });
    expect(result.event).toBe('answer');
    expect(result.bantUpdates).toMatchObject([{ field: 'authority', value: 'influencer' }]);
  });

  it('switches language on an English message, and on a request for English without a handoff', async () => {
    const switched = await interpret('Sorry, can we continue in English? We need a CRM for our sales team');
    expect(switched).toMatchObject({ language: 'en', isLanguageChange: true, event: 'answer' });
    expect(switched.state.language).toBe('en');

    const asked = await interpret("Hello, I'd rather speak English please", { state: askedNeed });
    expect(asked).toMatchObject({ language: 'en', isLanguageChange: true, handoffReason: null });

    const french = await interpret('Je préfère continuer en anglais', { state: askedNeed });
    expect(french).toMatchObject({ language: 'en', event: 'answer' });
  });

  it('stays in French on a short reply such as "ok"', async () => {
    const result = await interpret('ok', { state: askedNeed });
    expect(result).toMatchObject({ language: 'fr', isLanguageChange: false });
  });

  it('picks a slot by its tapped id only when it was offered', async () => {
    const offered = TEST_SLOTS.map((slot) => slot.toISOString());
    const state = { phase: 'offered_slots', offeredSlots: offered } as const;
    const tapped = await interpret('jeu. 3 déc. 09:00', { state, choiceId: `slot:${offered[2]}` });
    expect(tapped).toMatchObject({ event: 'slot_chosen', chosenSlot: offered[2] });
    expect(tapped.state.chosenSlot).toBe(offered[2]);
    const unknown = await interpret('ok', { state, choiceId: 'slot:2030-01-01T00:00:00.000Z' });
    expect(unknown.chosenSlot).toBeNull();
  });

  it.each([
    ['le premier', 0],
    ['2', 1],
    ['mardi 10h', 0],
    ['jeudi', 2],
  ])('picks the slot named by %j while slots are offered', async (text, index) => {
    const offered = TEST_SLOTS.map((slot) => slot.toISOString());
    const result = await interpret(text, { state: { phase: 'offered_slots', offeredSlots: offered } });
    expect(result).toMatchObject({ event: 'slot_chosen', chosenSlot: offered[index] });
  });

  it('reads "the second one" in English', async () => {
    const offered = TEST_SLOTS.map((slot) => slot.toISOString());
    const result = await interpret('the second one', {
      state: { language: 'en', phase: 'offered_slots', offeredSlots: offered },
    });
    expect(result.chosenSlot).toBe(offered[1]);
  });

  it('does not read "2" as a slot when none was offered', async () => {
    const result = await interpret('le deuxième', { state: askedNeed });
    expect(result.event).not.toBe('slot_chosen');
  });

  it('produces a state that survives a JSON round trip', async () => {
    const result = await interpret('On cherche un CRM pour gérer nos prospects', { state: askedNeed });
    expect(JSON.parse(JSON.stringify(result.state))).toEqual(result.state);
  });
});
