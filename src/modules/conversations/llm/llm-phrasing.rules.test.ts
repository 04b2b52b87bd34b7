import { describe, expect, it } from 'vitest';
import {
  checkPhrasing,
  findInventedFact,
  hasToneMismatch,
  isWrongLanguage,
  mentionsMeeting,
} from './llm-phrasing.rules.ts';

describe('findInventedFact', () => {
  it.each([
    ['Écrivez-moi à paul@acme.example pour la suite.', 'invented_email'],
    ['Appelez-nous au 06 12 34 56 78 si besoin.', 'invented_phone'],
    ['On peut en parler au +33 6 12 34 56 78.', 'invented_phone'],
    ['Je reviens vers vous demain à 14h30.', 'invented_date'],
    ['Je reviens vers vous le 12/06.', 'invented_date'],
    ['I will follow up on Tuesday at 10:00.', 'invented_date'],
    ['Voyez acme.example/offres pour le détail.', 'invented_url'],
    ['Our plans start at $500.', 'invented_amount'],
    ['Comptez environ 20k pour ce type de projet.', 'invented_amount'],
    ['Le forfait est à 25 000 € HT.', 'invented_amount'],
  ])('finds the invented fact in %j', (reply, reason) => {
    expect(findInventedFact(reply, 'Quel budget avez-vous prévu ? Nous parlions de 20 000 €.')).toBe(reason);
  });

  it.each([
    ['Vous parliez de 20 000 euros, c’est bien ça ?', 'Vous parliez de 20 000 €, est-ce bien cela ?'],
    ['Le détail est sur https://acme.example/offres.', 'Le détail est sur acme.example/offres'],
    ['You may want to tell me about your 3 main goals.', 'What are your 3 main goals?'],
    ['Rappel : rendez-vous jeudi à 14h.', 'Rendez-vous confirmé jeudi à 14h.'],
  ])('accepts %j when the deterministic text states the same facts', (reply, deterministic) => {
    expect(findInventedFact(reply, deterministic)).toBeNull();
  });
});

describe('hasToneMismatch', () => {
  it('finds "vous" forms in a tu reply and "tu" forms in a vous reply', () => {
    expect(hasToneMismatch('Quel est votre budget ?', 'Quel est ton budget ?', 'tu')).toBe(true);
    expect(hasToneMismatch('Je te propose une démo.', 'Je vous propose une démo.', 'vous')).toBe(true);
    expect(hasToneMismatch("Je peux t'aider ?", 'Je peux vous aider ?', 'vous')).toBe(true);
  });

  it('accepts a "vous" the deterministic text already uses and words that merely contain "tu"', () => {
    expect(hasToneMismatch('Vous êtes combien dans l’équipe ?', 'Vous êtes combien ?', 'tu')).toBe(false);
    expect(hasToneMismatch('Un prospect têtu, en somme ?', 'Un prospect difficile ?', 'vous')).toBe(false);
  });
});

describe('isWrongLanguage and mentionsMeeting', () => {
  it('reads the language from stopwords', () => {
    expect(isWrongLanguage('Thanks! What is your budget?', 'fr')).toBe(true);
    expect(isWrongLanguage('Merci ! Quel est votre budget ?', 'en')).toBe(true);
    expect(isWrongLanguage('Merci ! Quel est votre budget ?', 'fr')).toBe(false);
  });

  it('spots meetings, calls and demos in both languages', () => {
    expect(mentionsMeeting('On cale un RDV ?')).toBe(true);
    expect(mentionsMeeting('Want a quick demo?')).toBe(true);
    expect(mentionsMeeting('Je peux vous appeler ?')).toBe(true);
    expect(mentionsMeeting('Quel est votre budget ?')).toBe(false);
  });
});

describe('checkPhrasing', () => {
  const policy = { language: 'fr' as const, tone: 'vous' as const };

  it('refuses non-text, empty and overlong replies', () => {
    expect(checkPhrasing('Bonjour', ['Bonjour'], policy)).toEqual({ ok: false, reason: 'not_text' });
    expect(checkPhrasing([42], ['Bonjour'], policy)).toEqual({ ok: false, reason: 'not_text' });
    expect(checkPhrasing(['  '], ['Bonjour'], policy)).toEqual({ ok: false, reason: 'empty_reply' });
    expect(checkPhrasing([`Bonjour ${'a'.repeat(1000)}`], ['Bonjour'], policy)).toEqual({
      ok: false,
      reason: 'reply_too_long',
    });
  });

  it('returns the trimmed replies when all guards pass', () => {
    expect(checkPhrasing([' Bonjour, merci ! '], ['Bonjour !'], policy)).toEqual({
      ok: true,
      replies: ['Bonjour, merci !'],
    });
  });
});
