import { beforeAll, describe, expect, it } from 'vitest';
import { understandMessage, warmUpNlu } from './understand-message.ts';

// Opt-outs: the rules catch every explicit one before any classification; the classifier alone never
// opts a lead out of a message that only corrects a figure or mentions a message.
const base = { now: new Date('2026-11-24T09:00:00Z'), timezone: 'Europe/Paris' } as const;

beforeAll(() => warmUpNlu(), 60_000);

describe('understandMessage and opt-outs', () => {
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

  it.each([
    ['en', 'hmm, more like 15k€ in fact'],
    ['en', 'no more than $20k'],
    ['fr', 'plutôt 30 000 € en fait'],
  ] as const)(
    '%s "%s" corrects a figure: no opt-out, whatever the classifier says',
    async (language, text) => {
      const result = await understandMessage(text, { ...base, language });
      expect(result).toMatchObject({ isOptOut: false, intent: 'inform' });
      expect(result.slots.budget?.value.kind).toBe('amount');
    },
  );

  it.each([
    ['en', 'Thread live check message'],
    ['en', 'check message'],
    ['fr', 'je vous envoie un message demain'],
  ] as const)('%s "%s" mentions a message without asking to stop: no opt-out', async (language, text) => {
    const result = await understandMessage(text, { ...base, language });
    expect(result.isOptOut).toBe(false);
  });

  it.each([
    ['fr', 'stoppez vos messages'],
    ['fr', "arrêtez de m'envoyer ces textos"],
    ['en', 'quit texting me'],
  ] as const)('%s "%s" still opts out', async (language, text) => {
    expect(await understandMessage(text, { ...base, language })).toMatchObject({
      isOptOut: true,
      intent: 'stop',
    });
  });

  it('an opt-out that mentions calling is still an opt-out, never a handoff', async () => {
    const result = await understandMessage("don't call me again", { ...base, language: 'en' });
    expect(result).toMatchObject({ isOptOut: true, isHandoffRequest: false });
  });
});
