import { beforeAll, describe, expect, it } from 'vitest';
import { understandMessage, warmUpNlu } from './understand-message.ts';

const now = new Date('2026-11-24T09:00:00Z');
const base = { now, timezone: 'Europe/Paris' } as const;
const categories = [{ name: 'CRM', keywords: ['crm', 'prospects'] }];

beforeAll(async () => {
  const { trainingMs, warmUpMs } = await warmUpNlu();
  console.log(
    `[nlu] warm-up: classifier trained in ${trainingMs.toFixed(0)} ms, total ${warmUpMs.toFixed(0)} ms`,
  );
}, 60_000);

describe('understandMessage', () => {
  it('reads every BANT slot of a rich French message, with its evidence', async () => {
    const result = await understandMessage(
      "Bonjour, je suis le DG. On cherche un CRM pour gérer nos prospects, budget entre 10 et 20 k€, à lancer d'ici la fin du trimestre.",
      { ...base, language: 'fr', needCategories: categories },
    );
    expect(result).toMatchObject({
      language: 'fr',
      isOptOut: false,
      isHandoffRequest: false,
      isLanguageSwitch: false,
    });
    expect(result.slots).toEqual({
      authority: { value: 'decision_maker', confidence: 0.85, evidence: 'je suis le DG' },
      need: {
        value: {
          text: "On cherche un CRM pour gérer nos prospects, budget entre 10 et 20 k€, à lancer d'ici la fin du trimestre",
          category: 'CRM',
        },
        confidence: 0.8,
        evidence:
          "On cherche un CRM pour gérer nos prospects, budget entre 10 et 20 k€, à lancer d'ici la fin du trimestre",
      },
      budget: {
        value: { kind: 'range', min: 10_000, max: 20_000, currency: 'EUR' },
        confidence: 0.9,
        evidence: 'entre 10 et 20 k€',
        period: null,
      },
      timeline: {
        value: { kind: 'date', date: '2026-12-31' },
        confidence: 0.85,
        evidence: 'la fin du trimestre',
        horizon: '1_3m',
      },
    });
  });

  it('reads an English message with an influencer and a horizon', async () => {
    const result = await understandMessage(
      "Our budget is $25k but I need to ask my boss, we'd want it ASAP",
      {
        ...base,
        language: 'en',
      },
    );
    expect(result.language).toBe('en');
    expect(result.slots.budget?.value).toEqual({ kind: 'amount', amount: 25_000, currency: 'USD' });
    expect(result.slots.authority).toEqual({
      value: 'influencer',
      confidence: 0.85,
      evidence: 'I need to ask my boss',
    });
    expect(result.slots.timeline?.value).toEqual({ kind: 'horizon', horizon: 'lt_1m' });
  });

  it.each(['STOP', 'stop', 'Arrêt', 'désinscription', 'UNSUBSCRIBE', 'Merci de ne plus me contacter'])(
    '"%s" is an opt-out before any classification, with no slot read',
    async (text) => {
      const result = await understandMessage(text, { ...base, language: 'fr' });
      expect(result).toMatchObject({
        intent: 'stop',
        confidence: 1,
        isOptOut: true,
        isHandoffRequest: false,
        slots: {},
      });
      expect(result.evidence).not.toBeNull();
    },
  );

  it('an opt-out that mentions calling is still an opt-out, never a handoff', async () => {
    const result = await understandMessage("don't call me again", { ...base, language: 'en' });
    expect(result).toMatchObject({ isOptOut: true, isHandoffRequest: false });
  });

  it.each([
    ['fr', 'Je voudrais parler à un humain svp'],
    ['fr', 'Appelez-moi au 06 12 34 56 78'],
    ['en', 'can I talk to a real person?'],
  ] as const)('"%s" asks for a human', async (language, text) => {
    const result = await understandMessage(text, { ...base, language });
    expect(result.isHandoffRequest).toBe(true);
    expect(result.isOptOut).toBe(false);
  });

  it('flags an annoyed lead', async () => {
    const result = await understandMessage(
      "C'est la troisième relance, ça commence à m'énerver sérieusement",
      {
        ...base,
        language: 'fr',
      },
    );
    expect(result.sentiment.polarity).toBe('negative');
  });

  it('switches language only when the lead clearly does', async () => {
    const switched = await understandMessage('Sorry, can we continue in English? I do not speak French', {
      ...base,
      language: 'fr',
    });
    expect(switched).toMatchObject({ language: 'en', isLanguageSwitch: true });
    const kept = await understandMessage('ok', { ...base, language: 'fr' });
    expect(kept).toMatchObject({ language: 'fr', isLanguageSwitch: false });
  });

  it('uses the question just asked to read a bare answer', async () => {
    const answer = await understandMessage('20k', { ...base, language: 'fr', expectedSlot: 'budget' });
    expect(answer.slots.budget?.value).toEqual({ kind: 'amount', amount: 20_000, currency: 'EUR' });
    const noQuestion = await understandMessage('20k', { ...base, language: 'fr' });
    expect(noQuestion.slots.budget).toBeUndefined();
    const when = await understandMessage('3 mois', { ...base, language: 'fr', expectedSlot: 'timeline' });
    expect(when.slots.timeline?.value).toEqual({ kind: 'date', date: '2027-02-24' });
  });

  it('does not take a price the lead asks about for their budget', async () => {
    const result = await understandMessage("c'est combien ? 500 € par mois ?", { ...base, language: 'fr' });
    expect(result.intent).toBe('ask_price');
    expect(result.slots.budget).toBeUndefined();
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['😀👍🔥', 'emoji only'],
    ['🎤', 'a voice note placeholder'],
    ['📷 IMG-20261124-WA0001.jpg', 'a media caption'],
    ['\u200b', 'a zero-width space'],
  ])('does not crash on %j (%s)', async (text) => {
    const result = await understandMessage(text, { ...base, language: 'fr' });
    expect(result).toMatchObject({ language: 'fr', isOptOut: false, isHandoffRequest: false, slots: {} });
    expect(['unknown', 'out_of_scope']).toContain(result.intent);
  });

  it('accepts a missing text (a media-only message has no body)', async () => {
    const result = await understandMessage(undefined, { ...base, language: 'en' });
    expect(result).toMatchObject({
      language: 'en',
      intent: 'unknown',
      confidence: 0,
      isOptOut: false,
      slots: {},
    });
  });

  it('handles a very long message in bounded time', async () => {
    const text = 'on cherche une solution pour nos commerciaux avec un budget de 15 000 € '.repeat(500);
    const startedAt = performance.now();
    const result = await understandMessage(text, { ...base, language: 'fr' });
    expect(result.slots.budget?.value).toEqual({ kind: 'amount', amount: 15_000, currency: 'EUR' });
    expect(performance.now() - startedAt).toBeLessThan(5_000);
  });

  it('measures the whole pipeline per message', async () => {
    const messages = [
      'Bonjour, on cherche un outil pour qualifier nos leads',
      'notre budget est de 20 000 € HT',
      'je dois en parler à mon boss',
      'Hi, we need this before the end of next month',
      'ok ça marche',
      'no budget yet',
    ];
    const rounds = 5;
    const startedAt = performance.now();
    for (let round = 0; round < rounds; round++) {
      for (const text of messages) await understandMessage(`${text} ${round}`, base);
    }
    const msPerMessage = (performance.now() - startedAt) / (rounds * messages.length);
    console.log(`[nlu] understandMessage: ${msPerMessage.toFixed(2)} ms/message (warm)`);
    expect(msPerMessage).toBeLessThan(100);
  });
});
