import { describe, expect, it } from 'vitest';
import { detectOptOut, hasOptOutWords } from './opt-out.rules.ts';

describe('detectOptOut', () => {
  it.each([
    ['STOP', 'STOP'],
    ['stop', 'stop'],
    ['Stop !', 'Stop !'],
    ['STOP merci', 'STOP merci'],
    ['stop svp 🙏', 'stop svp 🙏'],
    ['Arrêt', 'Arrêt'],
    ['arret', 'arret'],
    ['Désinscription', 'Désinscription'],
    ['desinscription', 'desinscription'],
    ['désabonner', 'désabonner'],
    ['UNSUBSCRIBE', 'UNSUBSCRIBE'],
    ['unsubscribe please', 'unsubscribe please'],
    ['opt-out', 'opt-out'],
    ['Stop spam', 'Stop spam'],
  ])('"%s" alone is an opt-out', (text, evidence) => {
    expect(detectOptOut(text)).toEqual({ isOptOut: true, evidence });
  });

  it.each([
    ['Bonjour, merci de me désinscrire de vos envois', 'désinscrire'],
    ['Merci de ne plus me contacter', 'ne plus me contacter'],
    ['ne me contactez plus jamais', 'ne me contactez plus'],
    ["Arrêtez de m'écrire svp", "Arrêtez de m'écrire"],
    ['Retirez-moi de votre liste', 'Retirez-moi'],
    ['je ne veux plus recevoir vos messages', 'je ne veux plus recevoir vos messages'],
    ['laissez-moi tranquille', 'laissez-moi tranquille'],
    ['Stop, on n’est pas intéressés', 'Stop'],
    ['Please stop messaging me', 'stop messaging me'],
    ["don't contact me again", "don't contact me"],
    ['remove me from your list', 'remove me from'],
    ['I no longer wish to be contacted', 'I no longer wish to be contacted'],
    ['leave me alone', 'leave me alone'],
    ['quit texting me', 'quit texting me'],
  ])('"%s" opts out (evidence "%s")', (text, evidence) => {
    expect(detectOptOut(text)).toEqual({ isOptOut: true, evidence });
  });

  it.each([
    'On a dû stopper le projet précédent',
    'on a stop le projet l’an dernier',
    "ça ne s'arrête pas là, on veut aller plus loin",
    'je ne veux plus recevoir de factures papier',
    'The bus stop is next to our office',
    'Bonjour, oui je suis intéressé',
    'pas maintenant',
    '',
    '😀',
    '🛑',
  ])('"%s" is not an opt-out', (text) => {
    expect(detectOptOut(text)).toEqual({ isOptOut: false, evidence: null });
  });
});

describe('hasOptOutWords', () => {
  it.each([
    'stoppez vos messages',
    "je refuse d'être démarché",
    'take me off your list',
    'no more texts',
    'ne me contactez plus',
    "don't text me again",
  ])('"%s" asks to stop or to be left alone', (text) => {
    expect(hasOptOutWords(text)).toBe(true);
  });

  it.each([
    'more like 15k€ in fact',
    'no more than $20k',
    'plutôt 30k en fait',
    'nope',
    // Words for the messages alone are ordinary: the classifier says "stop" for these with full confidence.
    'Thread live check message',
    'check message',
    'je vous envoie un mail avec la liste',
    'plus de 50 salariés',
  ])('"%s" does not', (text) => {
    expect(hasOptOutWords(text)).toBe(false);
  });
});
