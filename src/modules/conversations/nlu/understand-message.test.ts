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

  it.each([
    ['fr', 'Je voudrais parler à un humain svp'],
    ['fr', 'Appelez-moi au 06 12 34 56 78'],
    ['en', 'can I talk to a real person?'],
  ] as const)('"%s" asks for a human', async (language, text) => {
    const result = await understandMessage(text, { ...base, language });
    expect(result.isHandoffRequest).toBe(true);
    expect(result.isOptOut).toBe(false);
  });

  it.each([
    ['fr', "Bonjour, nous avons besoin d'une solution pour relancer nos devis"],
    ['fr', 'salut, je cherche une appli de newsletter pour mon club de foot'],
    ['fr', 'bjr jcherche un logiciel pr suivre mes clients'],
    ['fr', 'Ci-joint notre cahier des charges pour un extranet client'],
    ['fr', 'on pense à un outil de prise de rendez-vous pour le cabinet'],
    ['en', 'Please find attached our RFP for a ticketing system'],
    ['en', "we're considering a live chat for our online shop"],
    ['en', 'we badly need a tool to route inbound leads'],
  ] as const)('%s "%s" states a need: inform with the need, no handoff', async (language, text) => {
    const result = await understandMessage(text, { ...base, language });
    expect(result).toMatchObject({ intent: 'inform', isHandoffRequest: false, isOptOut: false });
    expect(result.slots.need?.confidence).toBeGreaterThanOrEqual(0.75);
  });

  it('keeps a refusal a refusal', async () => {
    const result = await understandMessage("non merci, on n'a pas besoin d'un outil de plus", {
      ...base,
      language: 'fr',
    });
    expect(result.intent).toBe('not_interested');
    expect(result.slots.need).toBeUndefined();
  });

  it('hears a price question after a greeting, and a budget said with "budget" as a budget', async () => {
    expect(
      (await understandMessage('Bonsoir, vos prix c’est combien ?', { ...base, language: 'fr' })).intent,
    ).toBe('ask_price');
    expect(
      (await understandMessage('Hello there, what do you charge?', { ...base, language: 'en' })).intent,
    ).toBe('ask_price');
    const budget = await understandMessage('budget 8k', { ...base, language: 'fr' });
    expect(budget.intent).toBe('inform');
    expect(budget.slots.budget?.value).toEqual({ kind: 'amount', amount: 8_000, currency: 'EUR' });
  });

  it.each([
    ['fr', 'à la rentrée', { kind: 'date', date: '2027-09-30' }],
    ['fr', "d'ici l'automne prochain", { kind: 'date', date: '2027-12-20' }],
    ['en', 'sometime over the summer', { kind: 'date', date: '2027-09-22' }],
    ['fr', 'rappelle-moi dans 5 mois', { kind: 'date', date: '2027-04-24' }],
    ['en', 'ping me again in five months', { kind: 'date', date: '2027-04-24' }],
  ] as const)('%s "%s" is a timeline, never a request for a person', async (language, text, value) => {
    const result = await understandMessage(text, { ...base, language, expectedSlot: 'timeline' });
    expect(result.isHandoffRequest).toBe(false);
    expect(result.slots.timeline?.value).toEqual(value);
  });

  it('reads a slot picked by day and hour as no request to reschedule', async () => {
    for (const [language, text] of [
      ['en', 'Thursday at 3pm please'],
      ['fr', 'mercredi 11h svp'],
    ] as const) {
      const result = await understandMessage(text, { ...base, language });
      expect(['reschedule', 'ask_human'], text).not.toContain(result.intent);
      expect(result.isHandoffRequest).toBe(false);
    }
  });

  it('reads a refusal of the offered slots as a no', async () => {
    for (const [language, text] of [
      ['en', "none of those times suit me, I'm away"],
      ['fr', 'aucun de ces horaires ne me va'],
      ['en', "those slots don't really work for me"],
    ] as const) {
      expect((await understandMessage(text, { ...base, language })).intent, text).toBe('deny');
    }
  });

  it('reads "we have not set a budget" as no budget and "around 30k euros" as a stated one', async () => {
    const none = await understandMessage("we still haven't defined a budget", { ...base, language: 'en' });
    expect(none.slots.budget).toMatchObject({ value: { kind: 'none' }, confidence: 0.85 });
    const around = await understandMessage('around 30k euros', { ...base, language: 'en' });
    expect(around.slots.budget?.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it('switches to English, calmly, when the lead excuses their French', async () => {
    const result = await understandMessage('Sorry, could we switch to English? My French is rather poor', {
      ...base,
      language: 'fr',
    });
    expect(result).toMatchObject({ language: 'en', isLanguageSwitch: true, isHandoffRequest: false });
    expect(result.sentiment.polarity).not.toBe('negative');
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
