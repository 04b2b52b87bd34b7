import { describe, expect, it } from 'vitest';
import { analyzeSentiment } from './sentiment.rules.ts';

describe('analyzeSentiment', () => {
  it.each([
    "C'est une arnaque votre truc",
    "Vous commencez à m'énerver",
    "j'en ai marre de vos relances",
    'VOUS ÊTES NULS, ARRÊTEZ',
    'This is ridiculous, stop spamming me',
    "I'm really annoyed by these messages",
    'pas content du tout 😡',
    'not happy with this at all',
  ])('"%s" is negative', (text) => {
    const sentiment = analyzeSentiment(text);
    expect(sentiment.polarity).toBe('negative');
    expect(sentiment.score).toBeLessThan(0);
    expect(sentiment.evidence.length).toBeGreaterThan(0);
  });

  it.each(['Super, merci beaucoup !', 'Génial 👍', 'Great, thanks!', 'pas mal du tout', 'sounds perfect'])(
    '"%s" is positive',
    (text) => {
      expect(analyzeSentiment(text).polarity).toBe('positive');
    },
  );

  it.each([
    'ok',
    'non merci',
    'not now, thanks',
    'Bonjour',
    'we have 20 people',
    '',
    '📎',
    // A lead excusing their own language is not annoyed.
    'Sorry, can we switch to English? My French is quite poor',
    'My English is terrible, sorry',
    'Désolé, je ne parle pas bien anglais, on peut passer au français ?',
    "mon anglais n'est pas top",
  ])('"%s" is not negative', (text) => {
    expect(analyzeSentiment(text).polarity).not.toBe('negative');
  });

  it('still hears a complaint next to a language apology', () => {
    expect(analyzeSentiment('My English is bad but this is terrible').polarity).toBe('negative');
  });

  it('gives the words it weighed', () => {
    expect(analyzeSentiment("C'est nul, une vraie arnaque !!!")).toEqual({
      polarity: 'negative',
      score: -1,
      evidence: ['nul', 'arnaque'],
    });
  });
});
