import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { runSilenceFollowUp } from '../../workflows/conversation-follow-up.workflow.ts';
import { getConsentHistory } from '../privacy/index.ts';
import {
  DIALOGUE_CONTENT_OFFER,
  DIALOGUE_FAQ,
  DIALOGUES,
  type Dialogue,
  type DialogueTone,
} from './agent-dialogues.fixtures.ts';
import {
  type ConversationView,
  call,
  checkBant,
  checkWording,
  conversationRow,
  createDialogueLead,
  type DialogueSession,
  describeTurn,
  followUpJobs,
  leadTemperature,
  NOT_VOUS,
  needsSlots,
  type Played,
  playTurn,
  readBant,
  replyText,
  settledMessages,
} from './agent-dialogues.player.fixtures.ts';

let t: TestContext;
const sessions = {} as Record<DialogueTone, DialogueSession>;

/**
 * Plays the script turn by turn, checking every reply as it comes, then what the agent stored.
 * Soft expectations: one failure does not hide the others, and the dialogue plays to its end.
 */
async function playDialogue(dialogue: Dialogue, index: number, transcript: string[]) {
  const session = sessions[dialogue.tone];
  const leadId = await createDialogueLead(session, dialogue, index);
  const expected = dialogue.expect;
  let language = dialogue.language;
  let offered: string[] = [];
  const played: Played[] = [];
  for (const [position, turn] of dialogue.turns.entries()) {
    const turnNumber = position + 1;
    if (needsSlots(turn) && offered.length === 0) {
      expect.soft(offered, `slots to choose from at turn ${turnNumber}`).not.toEqual([]);
      transcript.push(`  lead: (turn ${turnNumber} skipped: no slot was offered to choose)`);
      continue;
    }
    const { played: result, said } = await playTurn(session, leadId, language, turn, offered);
    const temperature = await leadTemperature(session, leadId);
    played.push(result);
    transcript.push(describeTurn(said, result, temperature));
    if ('replyIn' in turn && turn.replyIn) language = turn.replyIn;
    checkWording(dialogue.tone, turnNumber, language, result.replies);
    const slotIds = result.replies
      .flatMap((reply) => reply.choices ?? [])
      .map((choice) => choice.id)
      .filter((id) => id.startsWith('slot:'));
    if (slotIds.length > 0) {
      // Never a meeting for a lead who is not hot at that very point.
      expect.soft(temperature, `slots offered at turn ${turnNumber} to a lead who is not hot`).toBe('hot');
      offered = slotIds.map((id) => id.slice('slot:'.length));
    }
    const text = result.replies.map(replyText).join('\n');
    for (const pattern of expected.turnReplies?.[turnNumber] ?? [])
      expect.soft(text, `turn ${turnNumber} replies`).toMatch(pattern);
    for (const pattern of expected.repliesNeverMatch ?? [])
      expect.soft(text, `turn ${turnNumber} replies`).not.toMatch(pattern);
    if (expected.closedAfterTurn === turnNumber)
      expect.soft(result.conversation.status, `status after turn ${turnNumber}`).toBe('closed');
    if (expected.noReplyAfterTurn !== undefined && turnNumber > expected.noReplyAfterTurn)
      expect.soft(result.replies, `turn ${turnNumber} after the conversation ended`).toEqual([]);
  }
  const conversationId = played[0]!.conversation.id;
  const url = `/api/v1/conversations/${conversationId}`;
  const { conversation } = await call<{ conversation: ConversationView }>(session, 'GET', url);
  const bant = await readBant(session, leadId);
  const stored = Object.entries(bant).map(([field, entry]) =>
    entry ? `${field} ${JSON.stringify(entry.value)} @${entry.confidence}` : `${field} -`,
  );
  transcript.push(`  stored: ${stored.join('; ')}`);

  checkBant(bant, expected.bant, t.clock.now().getTime());
  if (expected.verdict !== undefined) expect.soft(conversation.verdict, 'verdict').toBe(expected.verdict);
  if (expected.temperature)
    expect.soft(await leadTemperature(session, leadId), 'temperature').toBe(expected.temperature);
  if (expected.slotsOffered !== undefined)
    expect.soft(offered.length > 0, 'slots offered').toBe(expected.slotsOffered);
  if (expected.slotBooked !== undefined)
    expect
      .soft(conversation.phase === 'slot_chosen', `booked (phase ${conversation.phase})`)
      .toBe(expected.slotBooked);
  if (expected.bookedSlot && offered.length > 0) {
    const { agent_state } = await conversationRow(t, conversationId);
    expect.soft(agent_state.chosenSlot, 'booked slot').toBe(offered[expected.bookedSlot - 1]);
  }
  if (expected.needsHuman !== undefined)
    expect
      .soft(conversation.needsHuman, `needsHuman (${conversation.handoffReason})`)
      .toBe(expected.needsHuman);
  if (expected.handoffReason !== undefined)
    expect.soft(conversation.handoffReason, 'handoff reason').toBe(expected.handoffReason);
  if (expected.status) expect.soft(conversation.status, 'status').toBe(expected.status);
  if (expected.language) expect.soft(conversation.language, 'conversation language').toBe(expected.language);
  if (expected.repliesMatch) {
    const last = [...played].reverse().find((turn) => turn.replies.length > 0);
    const text = (last?.replies ?? []).map(replyText).join('\n');
    for (const pattern of expected.repliesMatch) expect.soft(text, 'last replies').toMatch(pattern);
  }
  if (expected.optedOut !== undefined) {
    const history = await getConsentHistory(t.ctx.db, session.workspace.workspaceId, leadId);
    const withdrawn = history.filter((entry) => !entry.granted && entry.method === 'message');
    expect.soft(withdrawn.length > 0, 'opt-out recorded').toBe(expected.optedOut);
  }
  if (expected.noReplyAfterTurn !== undefined) {
    const messages = await settledMessages(session, conversationId);
    const cut = messages.findIndex(
      (message) => message.id === played[expected.noReplyAfterTurn!]?.message.id,
    );
    const closing = messages
      .slice(0, cut)
      .filter((message) => message.direction === 'outbound')
      .at(-1);
    expect.soft(closing?.status, `the closing reply "${closing?.body}"`).toBe('delivered');
    const sentAfter = messages
      .slice(cut)
      .filter((message) => message.direction === 'outbound' && message.status !== 'cancelled');
    expect
      .soft(
        sentAfter.map((message) => message.body),
        'messages sent after the end',
      )
      .toEqual([]);
  }
  if (expected.followUpScheduled) {
    const [job] = await followUpJobs(t, conversationId);
    const { activity_sequence } = await conversationRow(t, conversationId);
    expect
      .soft(job?.data.activitySequence, 'a follow-up planned after the last turn')
      .toBe(activity_sequence);
  }
}

beforeAll(async () => {
  t = await createTestContext({ workers: true });
  for (const tone of ['tu', 'vous'] as const) {
    const workspace = await t.createWorkspace(`Dialogues (${tone})`);
    // A rep with the default working week and a meeting type: hot leads are offered the rep's real
    // free time, and a chosen slot becomes a booking.
    const rep = await t.createMember(workspace, 'sales_rep');
    sessions[tone] = { t, workspace, ownerId: rep.userId };
    await call(sessions[tone], 'POST', '/api/v1/meeting-types', {
      name: 'Découverte',
      slug: 'decouverte',
      durationMinutes: 30,
      location: { kind: 'phone' },
    });
    await call(sessions[tone], 'PUT', '/api/v1/settings/agent', {
      tone,
      style: tone === 'tu' ? 'casual' : 'formal',
      companyName: 'Solvo',
      agentName: tone === 'tu' ? 'Léa' : 'Camille',
      faq: DIALOGUE_FAQ,
      contentOffer: DIALOGUE_CONTENT_OFFER,
      defaultLanguage: 'fr',
    });
  }
});

afterAll(async () => {
  await t?.close();
});

describe('scripted dialogues with the qualification agent', () => {
  it('covers both languages and both tones', () => {
    expect(DIALOGUES.length).toBeGreaterThanOrEqual(44);
    for (const language of ['fr', 'en'] as const)
      for (const tone of ['tu', 'vous'] as const)
        expect(
          DIALOGUES.filter((item) => item.language === language && item.tone === tone).length,
        ).toBeGreaterThanOrEqual(5);
    expect(new Set(DIALOGUES.map((item) => item.name)).size).toBe(DIALOGUES.length);
  });

  it.each(DIALOGUES.map((dialogue, index) => ({ ...dialogue, index })))(
    '$name',
    async (dialogue) => {
      const transcript: string[] = [];
      // The whole exchange on failure: what the lead said, what the agent answered and stored.
      onTestFailed(() => console.log(`${dialogue.name}\n${transcript.join('\n')}`));
      await playDialogue(dialogue, dialogue.index, transcript);
    },
    30_000,
  );
});

describe('silence follow-up', () => {
  async function silentLead(firstName: string) {
    const session = sessions.vous;
    const { id: leadId } = await call<{ id: string }>(session, 'POST', '/api/v1/leads', {
      firstName,
      email: `${firstName.toLowerCase()}@silence.example.com`,
      language: 'fr',
    });
    const first = await call<Played>(session, 'POST', `/api/v1/sandbox/leads/${leadId}/messages`, {
      text: 'Bonjour, nous cherchons un outil pour relancer nos devis',
    });
    const [job] = await followUpJobs(t, first.conversation.id);
    expect(job, 'a planned follow-up').toBeDefined();
    return { session, leadId, conversationId: first.conversation.id, job: job!.data };
  }

  it('nudges a lead who went silent, re-asking the pending question in the workspace tone', async () => {
    const { session, conversationId, job } = await silentLead('Odile');
    expect(await runSilenceFollowUp(t.ctx, job)).toBe('sent');
    const nudge = (await settledMessages(session, conversationId)).at(-1)!;
    expect(nudge.direction).toBe('outbound');
    expect(nudge.body).toMatch(/quand|échéance/i);
    expect(nudge.body).not.toMatch(NOT_VOUS);
  });

  it('does nothing when the lead answered after the follow-up was planned', async () => {
    const { session, leadId, conversationId, job } = await silentLead('Bertrand');
    await call(session, 'POST', `/api/v1/sandbox/leads/${leadId}/messages`, { text: 'dans 2 mois' });
    const before = await settledMessages(session, conversationId);
    expect(await runSilenceFollowUp(t.ctx, job)).toBe('skipped');
    const after = await settledMessages(session, conversationId);
    expect(after.map((message) => message.id)).toEqual(before.map((message) => message.id));
  });
});
