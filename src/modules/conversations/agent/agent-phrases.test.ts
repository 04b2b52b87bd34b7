import { beforeAll, describe, expect, it } from 'vitest';
import { BANT_FIELDS } from '../../qualification/index.ts';
import { warmUpNlu } from '../nlu/understand-message.ts';
import { leadSays, startConversation, TEST_NOW, TEST_TIMEZONE } from './agent.fixtures.ts';
import { type AgentLanguage, DEFAULT_AGENT_SETTINGS } from './agent.types.ts';
import {
  composeFirstContact,
  composeFollowUp,
  composeOptOutConfirmation,
  recordFirstContact,
} from './agent-outreach.rules.ts';
import type { PhraseContext } from './agent-phrases.shared.ts';
import { phrasesFor } from './agent-phrases.ts';

beforeAll(async () => {
  await warmUpNlu();
}, 60_000);

// Whole words only: "tête" must not count as "te" (\b is not Unicode-aware).
const VOUS = /(?<!\p{L})(?:vous|votre|vos)(?!\p{L})/iu;
const TU = /(?<!\p{L})(?:(?:tu|ton|ta|tes|te|toi)(?!\p{L})|t')/iu;
// Words and letters no English reply should contain.
const FRENCH =
  /\b(?:vous|votre|merci|bonjour|noté|je|nous|pour|avec|est|une|les|des|quel|projet|besoin|créneau)\b|[éèêàçùô]/i;

/** Every phrase of a language for one context: all fields, attempts, variants, reasons. */
function everyPhrase(language: AgentLanguage, ctx: PhraseContext): string[] {
  const phrases = phrasesFor(language);
  const dates = { now: TEST_NOW, timezone: TEST_TIMEZONE };
  const offer = { title: 'Guide', url: 'https://example.com/guide' };
  const texts = [
    phrases.hello(ctx),
    phrases.introduce('Camille', 'Chaud', ctx),
    phrases.reminderQuestion(null, ctx),
    phrases.noted(['A', 'B'], ctx),
    phrases.thanksForDetails(ctx),
    phrases.notUnderstood(ctx),
    phrases.budgetItem({ kind: 'amount', amount: 15_000, currency: 'EUR' }),
    phrases.budgetItem({ kind: 'range', min: 10_000, max: 20_000, currency: 'EUR' }),
    phrases.budgetItem({ kind: 'none' }),
    phrases.timelineItem({ kind: 'date', date: '2027-03-31' }, dates),
    phrases.offerSlots('Paris', ctx),
    phrases.slotConfirmed('mardi', ctx),
    phrases.slotReminder(ctx),
    phrases.slotNotFound(ctx),
    phrases.salesWillCall(ctx),
    phrases.scheduleByHand(ctx),
    phrases.afterBooking('mardi', ctx),
    phrases.warmClose(offer, ctx),
    phrases.warmClose(null, ctx),
    phrases.coldClose(ctx),
    phrases.notInterestedClose(ctx),
    phrases.laterAck(ctx),
    phrases.nurtureAck(ctx),
    phrases.optOut(ctx),
    phrases.firstContact({ agentName: 'Camille', companyName: 'Chaud', source: '', question: '' }, ctx),
    phrases.firstContactSubject('Chaud', ctx),
    phrases.followUp(1, '', ctx),
    phrases.followUp(2, '', ctx),
    ...['requested', 'low_confidence', 'negative_sentiment', 'out_of_scope', 'hot_lead'].map((reason) =>
      phrases.handoff(reason, ctx),
    ),
    ...(['decision_maker', 'influencer', 'user'] as const).map(
      (role) => phrases.authorityItem(role, ctx) ?? '',
    ),
    ...(['lt_1m', '1_3m', '3_6m', 'gt_6m', 'unknown'] as const).map((horizon) =>
      phrases.timelineItem({ kind: 'horizon', horizon }, dates),
    ),
  ];
  for (const field of BANT_FIELDS) {
    texts.push(phrases.reminderQuestion(field, ctx), phrases.question(field, 2, ctx));
    for (const variant of [0, 1]) texts.push(phrases.question(field, 1, { ...ctx, variant }));
  }
  return texts;
}

const context = (tone: 'tu' | 'vous', style: 'formal' | 'casual'): PhraseContext => ({
  tone,
  style,
  firstName: 'Marie',
  variant: 0,
});

describe('French phrases', () => {
  it.each(['formal', 'casual'] as const)('never say "vous" in tu (%s), and never "tu" in vous', (style) => {
    for (const text of everyPhrase('fr', context('tu', style))) expect(text).not.toMatch(VOUS);
    for (const text of everyPhrase('fr', context('vous', style))) expect(text).not.toMatch(TU);
    for (const entry of DEFAULT_AGENT_SETTINGS.faq) expect(entry.answer.fr).not.toMatch(VOUS);
  });

  it('words the same question differently in tu and vous', () => {
    const phrases = phrasesFor('fr');
    expect(phrases.question('budget', 1, context('vous', 'formal'))).toBe(
      'Avez-vous déjà une enveloppe budgétaire en tête pour ce projet ?',
    );
    expect(phrases.question('budget', 1, context('tu', 'casual'))).toBe(
      'As-tu déjà un budget en tête pour ce projet ?',
    );
    expect(phrases.question('authority', 1, context('tu', 'formal'))).toBe(
      'Es-tu la personne qui décide pour ce projet ?',
    );
  });

  it('keeps a whole tu conversation free of vouvoiement', async () => {
    const conversation = startConversation({
      settings: { ...DEFAULT_AGENT_SETTINGS, tone: 'tu', style: 'casual' },
    });
    const texts: string[] = [];
    for (const message of [
      'Salut',
      "C'est combien ?",
      'On cherche un outil pour relancer nos leads',
      'dans 4 mois',
      'non',
      'oui',
    ]) {
      texts.push((await leadSays(conversation, message)).text);
    }
    expect(texts.join('\n')).not.toMatch(VOUS);
    expect(texts.join('\n')).toMatch(/\bt'amène|\bton besoin/);
    expect(composeOptOutConfirmation('fr', 'tu')).toEqual({
      kind: 'text',
      text: expect.stringMatching(/^C'est noté\u00a0: tu ne recevras plus/),
    });
  });

  it('puts a non-breaking space before French question marks and colons', async () => {
    const result = await leadSays(startConversation(), 'Bonjour');
    expect(result.text).toMatch(/\u00a0\?$/);
    expect(result.text).not.toMatch(/ \?/);
  });
});

describe('English phrases', () => {
  it.each(['formal', 'casual'] as const)('contain no French (%s)', (style) => {
    for (const text of everyPhrase('en', context('vous', style))) expect(text).not.toMatch(FRENCH);
    for (const entry of DEFAULT_AGENT_SETTINGS.faq) expect(entry.answer.en).not.toMatch(FRENCH);
  });

  it('differ between formal and casual, whatever the tone', () => {
    const phrases = phrasesFor('en');
    const formal = phrases.question('timeline', 1, context('vous', 'formal'));
    const casual = phrases.question('timeline', 1, context('tu', 'casual'));
    expect(formal).toBe('When would you like to have a solution in place?');
    expect(casual).toBe('When would you like to get this up and running?');
    expect(phrases.question('timeline', 1, context('tu', 'formal'))).toBe(formal);
  });

  it('answer a whole English conversation in English', async () => {
    const conversation = startConversation({ language: 'en', temperature: 'warm' });
    const texts: string[] = [];
    for (const message of [
      'Hi there',
      'how much does it cost?',
      'We need a CRM to follow up on our inbound leads',
      'within 2 months',
      'no',
      'yes',
    ]) {
      texts.push((await leadSays(conversation, message)).text);
    }
    expect(texts.join('\n')).not.toMatch(FRENCH);
    expect(texts.at(-1)).toMatch(/you make the decision/);
  });

  it('switch mid-flow: after the lead writes English, replies are English', async () => {
    const conversation = startConversation({ temperature: 'warm' });
    const french = await leadSays(conversation, 'Bonjour');
    expect(french.text).toMatch(/Bonjour Marie/);
    const switched = await leadSays(
      conversation,
      'Sorry, can we continue in English? We need a CRM for our sales team',
    );
    expect(switched.decision.state.language).toBe('en');
    expect(switched.text).not.toMatch(FRENCH);
    expect(switched.text).toMatch(/When would you like to have a solution in place\?|deadline in mind/);
    const next = await leadSays(conversation, 'next year');
    expect(next.text).toMatch(/a start in more than 6 months/);
    expect(next.text).not.toMatch(FRENCH);
  });
});

describe('composeFirstContact', () => {
  const settings = { ...DEFAULT_AGENT_SETTINGS, signature: 'Camille — Équipe Chaud' };

  it('says who writes, why, asks the need, and signs', () => {
    const first = composeFirstContact({
      settings,
      lead: { firstName: 'Marie' },
      language: 'fr',
      channel: 'whatsapp',
      source: 'website',
    });
    expect(first.text).toMatch(
      /^Bonjour Marie, ici Camille, l'agent virtuel de Chaud\. Merci pour votre demande sur notre site\u00a0!/,
    );
    expect(first.text).toMatch(
      /quel est votre besoin principal aujourd'hui\u00a0\?\n\nCamille — Équipe Chaud$/,
    );
    expect(first.templateParameters).toEqual(['Marie', 'Chaud']);
    expect(first.subject).toBe('Votre demande auprès de Chaud');
  });

  it('falls back when the first name is missing, and lays e-mail out in paragraphs', () => {
    const first = composeFirstContact({
      settings,
      lead: { firstName: '  ' },
      language: 'en',
      channel: 'email',
      source: null,
    });
    expect(first.templateParameters).toEqual(['there', 'Chaud']);
    expect(first.text).toMatch(
      /^Hello, this is Camille, Chaud's virtual assistant\. Thank you for your request!\n\nTo point you/,
    );
    expect(first.subject).toBe('Your request to Chaud');
  });

  it('signs only the first message', async () => {
    const conversation = startConversation({ settings });
    conversation.state = recordFirstContact(conversation.state);
    const reply = await leadSays(conversation, 'On cherche un CRM pour gérer nos prospects');
    expect(reply.text).not.toContain('Équipe Chaud');
  });
});

describe('composeFollowUp', () => {
  it('asks the expected question again, and says the second one is the last', () => {
    const state = { ...recordFirstContact(startConversation().state), expectedSlot: 'budget' as const };
    const input = {
      state,
      settings: DEFAULT_AGENT_SETTINGS,
      lead: { firstName: 'Marie' },
      language: 'fr' as const,
    };
    const first = composeFollowUp({ ...input, attempt: 1 });
    const last = composeFollowUp({ ...input, attempt: 2 });
    expect(first).toEqual({
      kind: 'text',
      text: 'Je me permets de revenir vers vous, Marie\u00a0: avez-vous une idée du budget\u00a0?',
    });
    expect(last.kind === 'text' && last.text).toMatch(
      /^Dernier petit message de ma part.*je ne vous relancerai plus\.$/,
    );
  });

  it('reminds the offered slots while the lead has not chosen', () => {
    const state = { ...startConversation().state, phase: 'offered_slots' as const };
    const reply = composeFollowUp({
      state,
      settings: DEFAULT_AGENT_SETTINGS,
      lead: { firstName: null },
      language: 'en',
      attempt: 1,
    });
    expect(reply).toEqual({
      kind: 'text',
      text: "I'm following up on my previous message: does one of the suggested times suit you? If not, just let me know and an advisor will suggest another.",
    });
  });
});
