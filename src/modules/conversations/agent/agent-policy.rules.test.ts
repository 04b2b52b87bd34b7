import { beforeAll, describe, expect, it } from 'vitest';
import { warmUpNlu } from '../nlu/understand-message.ts';
import { leadSays, startConversation, TEST_SLOTS } from './agent.fixtures.ts';
import { DEFAULT_AGENT_SETTINGS } from './agent.types.ts';
import { recordFirstContact } from './agent-outreach.rules.ts';

beforeAll(async () => {
  await warmUpNlu();
}, 60_000);

const tu = { ...DEFAULT_AGENT_SETTINGS, tone: 'tu', style: 'casual' } as const;

describe('composeReply: guards', () => {
  it('confirms an opt-out mid-flow once, asks nothing after it, and stays silent afterwards', async () => {
    const conversation = startConversation();
    await leadSays(conversation, 'Bonjour');
    await leadSays(conversation, 'On cherche un CRM pour gérer nos prospects');
    const stop = await leadSays(conversation, 'STOP');
    expect(stop.decision).toMatchObject({ optOut: true, closeConversation: true, scheduleFollowUp: false });
    expect(stop.decision.replies).toHaveLength(1);
    expect(stop.text).toMatch(/ne recevrez plus de messages/);
    expect(stop.text).not.toContain('?');
    expect(stop.decision.state).toMatchObject({ phase: 'closed', expectedSlot: null });

    const after = await leadSays(conversation, 'ok');
    expect(after.decision.replies).toEqual([]);
    expect(after.decision.handoff).toEqual({ reason: 'message_after_close' });
  });

  it.each([
    ['fr', 'Je voudrais parler à un humain', /membre de l'équipe/],
    ['en', 'Can I talk to a real person?', /member of the team/],
  ] as const)('hands a %s request for a person over', async (language, message, notice) => {
    const conversation = startConversation({ language });
    const result = await leadSays(conversation, message);
    expect(result.interpretation).toMatchObject({ event: 'handoff', handoffReason: 'requested' });
    expect(result.decision.handoff).toEqual({ reason: 'requested' });
    expect(result.decision.state.phase).toBe('handoff');
    expect(result.text).toMatch(notice);
    // A person answers from now on: the agent says nothing more.
    expect((await leadSays(conversation, 'Alors ?')).decision.replies).toEqual([]);
  });

  it('hands over after two unclear messages in a row, and rephrases after the first', async () => {
    const conversation = startConversation();
    await leadSays(conversation, 'Bonjour');
    const first = await leadSays(conversation, '🤔');
    expect(first.interpretation.event).toBe('unclear');
    expect(first.text).toMatch(/pas bien compris/);
    expect(first.text).toMatch(/quel problème souhaitez-vous résoudre/);
    const second = await leadSays(conversation, 'bof');
    expect(second.interpretation).toMatchObject({ event: 'handoff', handoffReason: 'low_confidence' });
    expect(second.decision.handoff).toEqual({ reason: 'low_confidence' });
  });

  it('resets the unclear streak once the lead answers', async () => {
    const conversation = startConversation();
    await leadSays(conversation, '😀');
    await leadSays(conversation, 'On cherche un CRM pour gérer nos prospects');
    const again = await leadSays(conversation, '🙂');
    expect(again.interpretation.event).toBe('unclear');
  });

  it('hands an annoyed lead over instead of asking the next question', async () => {
    const conversation = startConversation();
    await leadSays(conversation, 'Bonjour');
    const result = await leadSays(conversation, "C'est une arnaque votre truc, ça commence à m'énerver");
    expect(result.interpretation.handoffReason).toBe('negative_sentiment');
    expect(result.decision.handoff).toEqual({ reason: 'negative_sentiment' });
    expect(result.text).not.toContain('?');
  });

  it('hands an out-of-scope question over, and an FAQ topic the workspace does not answer', async () => {
    const english = startConversation({ language: 'en' });
    const integration = await leadSays(english, 'Do you integrate with Salesforce?');
    expect(integration.interpretation.handoffReason).toBe('out_of_scope');

    const noPriceAnswer = startConversation({
      settings: {
        ...DEFAULT_AGENT_SETTINGS,
        faq: DEFAULT_AGENT_SETTINGS.faq.filter((entry) => entry.topic !== 'price'),
      },
    });
    const price = await leadSays(noPriceAnswer, 'Combien ça coûte ?');
    expect(price.interpretation).toMatchObject({
      event: 'handoff',
      handoffReason: 'out_of_scope',
      faqTopic: 'price',
    });
  });
});

describe('composeReply: FAQ', () => {
  it('answers the price question then asks the pending question, in vous and in tu', async () => {
    const vous = startConversation();
    vous.state = recordFirstContact(vous.state);
    const formal = await leadSays(vous, "C'est combien ?");
    expect(formal.interpretation).toMatchObject({ event: 'faq', faqTopic: 'price' });
    expect(formal.text).toMatch(/^Le tarif dépend du périmètre/);
    expect(formal.text).toMatch(/votre besoin principal|besoin qui vous amène/);
    // The pending question was not missed, only interrupted: it is not counted as asked twice.
    expect(formal.decision.state.askedCount.need).toBe(1);
    expect(formal.decision.scheduleFollowUp).toBe(true);

    const casual = startConversation({ settings: tu });
    casual.state = recordFirstContact(casual.state);
    const informal = await leadSays(casual, 'Combien ça coûte ?');
    expect(informal.text).toMatch(/^Le tarif dépend du périmètre/);
    expect(informal.text).toMatch(/ton besoin principal|besoin qui t'amène/);
    expect(informal.text).not.toMatch(/\bvous\b|\bvotre\b/i);
  });

  it('answers what is done with the lead’s data, in French and English', async () => {
    const french = await leadSays(startConversation(), 'Que faites-vous de mes données ?');
    expect(french.interpretation.faqTopic).toBe('data_use');
    expect(french.text).toMatch(/ni revendues/);
    const english = await leadSays(startConversation({ language: 'en' }), 'What do you do with my data?');
    expect(english.interpretation.faqTopic).toBe('data_use');
    expect(english.text).toMatch(/never sold/);
  });
});

describe('composeReply: questions', () => {
  it('asks need, timeline, budget, authority in order, rephrases once, then skips', async () => {
    const conversation = startConversation({ temperature: 'warm' });
    const asked: (string | null)[] = [];
    const first = await leadSays(conversation, 'Bonjour');
    asked.push(first.decision.state.expectedSlot);
    expect(first.text).toMatch(/Ici Camille, l'agent virtuel de Chaud/);
    const rephrased = await leadSays(conversation, 'ok');
    expect(rephrased.decision.state).toMatchObject({ expectedSlot: 'need', askedCount: { need: 2 } });
    expect(rephrased.text).toMatch(/Pour être sûr de bien comprendre/);
    for (const message of ['ok', "d'ici la fin du trimestre", 'ok', 'ok']) {
      asked.push((await leadSays(conversation, message)).decision.state.expectedSlot);
    }
    expect(asked).toEqual(['need', 'timeline', 'budget', 'budget', 'authority']);
    expect(conversation.state.askedCount).toEqual({ need: 2, timeline: 1, budget: 2, authority: 1 });
  });

  it('skips a field the lead already gave, and reads back the amount it understood', async () => {
    const conversation = startConversation({ temperature: 'warm' });
    const result = await leadSays(
      conversation,
      "Bonjour, on cherche un outil pour relancer nos leads, budget d'environ 15 000 € et lancement d'ici la fin du trimestre",
    );
    expect(result.text).toMatch(/un budget d'environ 15\s000\s€ et un lancement d'ici fin décembre/);
    expect(result.decision.state.expectedSlot).toBe('authority');
  });

  it('reads a yes or no to the authority and budget questions, and nothing else', async () => {
    const conversation = startConversation({ temperature: 'warm' });
    await leadSays(conversation, 'On cherche un CRM pour gérer nos prospects');
    await leadSays(conversation, "l'année prochaine");
    const budget = await leadSays(conversation, 'non');
    expect(budget.interpretation.bantUpdates).toEqual([
      { field: 'budget', value: { kind: 'none' }, confidence: 0.7, evidence: 'non' },
    ]);
    const authority = await leadSays(conversation, 'oui');
    expect(authority.interpretation.bantUpdates).toEqual([
      { field: 'authority', value: 'decision_maker', confidence: 0.8, evidence: 'oui' },
    ]);
    expect(authority.text).toMatch(/c'est vous qui décidez/);
  });
});

describe('composeReply: verdicts and booking', () => {
  it.each(['warm', 'cold'] as const)(
    'never offers slots to a %s lead, even with slots free',
    async (temperature) => {
      const conversation = startConversation({ temperature });
      const replies = [];
      for (const message of [
        'On cherche un CRM pour gérer nos prospects',
        "d'ici la fin du trimestre",
        'environ 15 000 €',
        'oui',
      ]) {
        replies.push(await leadSays(conversation, message));
      }
      expect(replies.every((turn) => turn.decision.replies.every((reply) => reply.kind === 'text'))).toBe(
        true,
      );
      expect(conversation.state.offeredSlots).toEqual([]);
      // Need, 15 000 € and the end of the quarter: warm by what the lead said, even with a cold score.
      const last = replies.at(-1)!.decision;
      expect(last).toMatchObject({
        verdict: 'warm',
        state: { phase: 'nurture' },
        scheduleFollowUp: false,
      });
    },
  );

  it('offers slots exactly once to a hot lead, and books the one tapped', async () => {
    const conversation = startConversation();
    await leadSays(conversation, 'On cherche un CRM pour gérer nos prospects');
    const offer = await leadSays(
      conversation,
      "Budget d'environ 15 000 € et lancement d'ici la fin du trimestre",
    );
    const reply = offer.decision.replies[0]!;
    expect(reply.kind).toBe('choices');
    if (reply.kind !== 'choices') return;
    expect(reply.choices).toEqual([
      { id: 'slot:2026-12-01T09:00:00.000Z', title: 'mar. 1 déc. 10:00' },
      { id: 'slot:2026-12-02T13:30:00.000Z', title: 'mer. 2 déc. 14:30' },
      { id: 'slot:2026-12-03T08:00:00.000Z', title: 'jeu. 3 déc. 09:00' },
    ]);
    expect(offer.decision).toMatchObject({ verdict: 'hot', state: { phase: 'offered_slots' } });

    const question = await leadSays(conversation, "C'est combien ?");
    expect(question.decision.replies.every((item) => item.kind === 'text')).toBe(true);
    expect(question.text).toMatch(/Un des créneaux proposés vous convient-il/);

    const booked = await leadSays(conversation, 'mar. 1 déc. 10:00', {
      choiceId: 'slot:2026-12-01T09:00:00.000Z',
    });
    expect(booked.interpretation.chosenSlot).toBe('2026-12-01T09:00:00.000Z');
    expect(booked.decision).toMatchObject({ verdict: 'hot', state: { phase: 'slot_chosen' } });
    expect(booked.text).toMatch(/mardi 1er décembre à 10:00 \(heure de Paris\)/);
    const after = await leadSays(conversation, 'merci');
    expect(after.decision.replies.every((item) => item.kind === 'text')).toBe(true);
  });

  it('books the slot named in words ("le deuxième") and does not record it as a timeline', async () => {
    const conversation = startConversation({ temperature: 'hot' });
    await leadSays(conversation, 'On cherche un CRM pour gérer nos prospects');
    const chosen = await leadSays(conversation, 'le deuxième');
    expect(chosen.interpretation).toMatchObject({
      event: 'slot_chosen',
      chosenSlot: TEST_SLOTS[1]!.toISOString(),
    });
    expect(chosen.interpretation.bantUpdates).toEqual([]);
    expect(chosen.text).toMatch(/mercredi 2 décembre à 14:30/);
  });

  it('leaves booking to a person when the lead turns every slot down', async () => {
    const conversation = startConversation({ temperature: 'hot' });
    await leadSays(conversation, 'On cherche un CRM pour gérer nos prospects');
    const declined = await leadSays(conversation, 'Aucun ne me convient');
    expect(declined.decision).toMatchObject({ handoff: { reason: 'booking_by_hand' }, verdict: 'hot' });
  });

  it('tells a hot lead a salesperson will call when no slot is free and nothing is left to ask', async () => {
    const conversation = startConversation({ slots: [], temperature: 'hot' });
    for (const message of ['On cherche un CRM pour gérer nos prospects', 'dans 2 mois', '20 000 €']) {
      await leadSays(conversation, message);
    }
    const last = await leadSays(conversation, 'je suis le DG');
    expect(last.text).toMatch(/Un conseiller va vous contacter/);
    expect(last.decision).toMatchObject({ verdict: 'hot', handoff: { reason: 'hot_lead' } });
  });

  it('closes politely on not interested, with the lead’s words as the reason', async () => {
    const conversation = startConversation();
    await leadSays(conversation, 'Bonjour');
    const result = await leadSays(conversation, "Ça ne m'intéresse pas, on a déjà un outil");
    expect(result.decision).toMatchObject({
      verdict: 'not_interested',
      verdictReason: "Ça ne m'intéresse pas, on a déjà un outil",
      closeConversation: true,
      scheduleFollowUp: false,
    });
    expect(result.interpretation.bantUpdates).toEqual([]);
    expect(result.text).toMatch(/je ne vous relancerai pas/);
  });

  it('puts a "not now" lead in nurture, cold, without a question', async () => {
    const conversation = startConversation();
    await leadSays(conversation, 'Bonjour');
    const result = await leadSays(conversation, 'Pas maintenant, recontactez-moi dans 6 mois');
    expect(result.interpretation.event).toBe('later');
    expect(result.decision).toMatchObject({
      verdict: 'cold',
      state: { phase: 'nurture' },
      scheduleFollowUp: false,
    });
    expect(result.text).toMatch(/revenir vers vous un peu plus tard/);
    expect(result.text).not.toContain('?');
  });

  it('reads "dans 3 mois" after the timeline question as an answer, not as "later"', async () => {
    const conversation = startConversation({ temperature: 'warm' });
    await leadSays(conversation, 'On cherche un CRM pour gérer nos prospects');
    const result = await leadSays(conversation, 'dans 3 mois');
    expect(result.interpretation.event).toBe('answer');
    expect(result.interpretation.bantUpdates[0]).toMatchObject({ field: 'timeline' });
  });
});
