/** composeReply around booking and closed conversations, on hand-made NLU readings (agent.fixtures.ts). */
import { describe, expect, it } from 'vitest';
import { leadSays, startConversation, TEST_SLOTS } from './agent.fixtures.ts';

const offered = TEST_SLOTS.map((slot) => slot.toISOString());

async function hotLeadWithSlots() {
  const conversation = startConversation({ temperature: 'hot' });
  const offer = await leadSays(conversation, 'On cherche un CRM pour gérer nos prospects', {
    reading: {
      slots: { need: { value: { text: 'un CRM', category: null }, confidence: 0.75, evidence: 'un CRM' } },
    },
  });
  expect(offer.decision.state.offeredSlots).toEqual(offered);
  return conversation;
}

describe('composeReply: slots offered', () => {
  it('books the slot named with a day and an hour, even when the classifier reads a reschedule', async () => {
    const conversation = await hotLeadWithSlots();
    // Slots: Tue 1 Dec 10:00, Wed 2 Dec 14:30, Thu 3 Dec 09:00 (Paris).
    const booked = await leadSays(conversation, 'mercredi à 14h30 ça me va', {
      reading: { intent: 'reschedule' },
    });
    expect(booked.decision).toMatchObject({
      verdict: 'hot',
      state: { phase: 'slot_chosen', chosenSlot: offered[1] },
    });
    expect(booked.decision.handoff).toBeNull();
  });

  it('shows the slots again on a time that is not offered, then leaves the booking to a person', async () => {
    const conversation = await hotLeadWithSlots();
    const missed = await leadSays(conversation, 'vendredi 11h plutôt', { reading: { intent: 'reschedule' } });
    expect(missed.decision.handoff).toBeNull();
    expect(missed.text).toMatch(/Je ne trouve pas cet horaire/);
    const reply = missed.decision.replies[0]!;
    expect(reply.kind).toBe('choices');
    if (reply.kind === 'choices')
      expect(reply.choices.map((choice) => choice.id)).toEqual(offered.map((iso) => `slot:${iso}`));
    expect(missed.decision).toMatchObject({ scheduleFollowUp: true, state: { phase: 'offered_slots' } });

    const again = await leadSays(conversation, 'samedi matin ?', { reading: { intent: 'reschedule' } });
    expect(again.decision).toMatchObject({ handoff: { reason: 'booking_by_hand' }, verdict: 'hot' });
    expect(again.text).toMatch(/un conseiller vous contacte/);
  });

  it('leaves the booking to a person at once when every slot is turned down, never reading it as a yes', async () => {
    const conversation = await hotLeadWithSlots();
    const declined = await leadSays(conversation, "none of these work for me, I'm travelling all week", {
      reading: { intent: 'affirm', language: 'en' },
    });
    expect(declined.decision).toMatchObject({ handoff: { reason: 'booking_by_hand' }, verdict: 'hot' });
    expect(declined.interpretation.bantUpdates).toEqual([]);
  });
});

describe('composeReply: after a close', () => {
  it('hands a lead who declined over to a person on request, then stays silent', async () => {
    const conversation = startConversation();
    const closed = await leadSays(conversation, "Ça ne m'intéresse pas, merci", {
      reading: { intent: 'not_interested' },
    });
    expect(closed.decision).toMatchObject({
      verdict: 'not_interested',
      state: { phase: 'closed', closedBy: 'not_interested' },
    });

    const request = await leadSays(conversation, "je veux parler à quelqu'un stp", {
      reading: { intent: 'ask_human', isHandoffRequest: true },
    });
    expect(request.decision).toMatchObject({ handoff: { reason: 'requested' }, state: { phase: 'handoff' } });
    expect(request.text).toMatch(/membre de l'équipe/);
    expect(
      (await leadSays(conversation, 'allo ?', { reading: { intent: 'unknown' } })).decision.replies,
    ).toEqual([]);
  });

  it('keeps silent after an opt-out, even on a request for a person', async () => {
    const conversation = startConversation();
    await leadSays(conversation, 'STOP', { reading: { intent: 'stop', isOptOut: true } });
    const request = await leadSays(conversation, 'je veux parler à quelqu’un', {
      reading: { intent: 'ask_human', isHandoffRequest: true },
    });
    expect(request.decision).toMatchObject({ replies: [], handoff: { reason: 'message_after_close' } });
  });

  it('answers other messages after a refusal only with a note for a person', async () => {
    const conversation = startConversation();
    await leadSays(conversation, 'pas intéressé', { reading: { intent: 'not_interested' } });
    const after = await leadSays(conversation, 'ok merci', { reading: { intent: 'affirm' } });
    expect(after.decision).toMatchObject({ replies: [], handoff: { reason: 'message_after_close' } });
  });
});
