import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language-detection.ts';

describe('detectLanguage', () => {
  it.each([
    ['Bonjour, je voudrais des informations sur votre offre', 'fr'],
    ["c'est combien ?", 'fr'],
    ['ca m interesse pas merci', 'fr'],
    ['Oui ça marche', 'fr'],
    ['Hello, I would like some information about your offer', 'en'],
    ["we're not interested, thanks", 'en'],
    ['how much is it?', 'en'],
  ] as const)('"%s" → %s without a prior', (text, language) => {
    expect(detectLanguage(text).language).toBe(language);
  });

  it('keeps the prior on short or mixed messages', () => {
    expect(detectLanguage('ok', { prior: 'fr' })).toMatchObject({
      language: 'fr',
      isSwitch: false,
      confidence: 0,
    });
    expect(detectLanguage('yes', { prior: 'fr' })).toMatchObject({ language: 'fr', isSwitch: false });
    expect(detectLanguage('Super, top 👍', { prior: 'en' })).toMatchObject({
      language: 'en',
      isSwitch: false,
    });
    expect(detectLanguage('HubSpot CRM', { prior: 'en' }).language).toBe('en');
    expect(detectLanguage('oui', { prior: 'en' })).toMatchObject({ language: 'en', isSwitch: false });
  });

  it('switches when the lead clearly writes in the other language', () => {
    expect(
      detectLanguage('Sorry, I do not speak French. Can we do this in English?', { prior: 'fr' }),
    ).toMatchObject({
      language: 'en',
      isSwitch: true,
    });
    expect(
      detectLanguage("Je préfère qu'on parle en français s'il vous plaît", { prior: 'en' }),
    ).toMatchObject({
      language: 'fr',
      isSwitch: true,
    });
  });

  it('falls back when nothing points either way', () => {
    expect(detectLanguage('😀').language).toBe('fr');
    expect(detectLanguage('', { fallback: 'en' })).toMatchObject({
      language: 'en',
      confidence: 0,
      isSwitch: false,
    });
  });
});
