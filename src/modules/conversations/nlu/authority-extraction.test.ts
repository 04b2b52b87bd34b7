import { describe, expect, it } from 'vitest';
import { extractAuthority } from './authority-extraction.ts';

describe('extractAuthority', () => {
  it.each([
    ['je suis le DG', 'je suis le DG'],
    ['Bonjour, je suis le PDG de la boîte', 'je suis le PDG'],
    ['Je suis la fondatrice', 'Je suis la fondatrice'],
    ['je suis gérant de la société', 'je suis gérant'],
    ['je suis directeur commercial', 'je suis directeur'],
    ['je suis le nouveau PDG', 'je suis le nouveau PDG'],
    ['en tant que dirigeant, je veux avancer', 'en tant que dirigeant'],
    ["I'm the CEO", "I'm the CEO"],
    ['I am the head of marketing', 'I am the head of marketing'],
    ["I'm VP of Sales", "I'm VP"],
    ["I'm the owner", "I'm the owner"],
    ['I run the company', 'I run the company'],
    ['c’est moi qui décide', 'c’est moi qui décide'],
    ["I'm the decision maker", "I'm the decision maker"],
    ['Marc, DG de Acme', 'DG de Acme'],
    ['je suis le co-fondateur, je dois en parler à mon associé', 'je suis le co-fondateur'],
  ])('"%s" → decision_maker', (text, evidence) => {
    expect(extractAuthority(text)).toMatchObject({ value: 'decision_maker', evidence });
  });

  it.each([
    ['je dois en parler à mon boss', 0.85],
    ['je dois voir ça avec ma direction', 0.85],
    ['il faut que je valide avec mon N+1', 0.85],
    ['I need to ask my manager', 0.85],
    ["I'll need to check with my boss first", 0.85],
    ['I have to run it by my CFO', 0.85],
    ['je suis directeur marketing mais je dois en parler à mon DG', 0.85],
    ["ce n'est pas moi qui décide", 0.8],
    ['je ne suis pas le décideur', 0.8],
    ["it's not my call", 0.8],
    ['la décision sera prise par le comité de direction', 0.8],
    ["I'm the marketing manager", 0.6],
    ['je suis responsable marketing', 0.6],
  ])('"%s" → influencer (%d)', (text, confidence) => {
    expect(extractAuthority(text)).toMatchObject({ value: 'influencer', confidence });
  });

  it.each([
    ['je suis stagiaire', 0.8],
    ['je suis en stage chez eux', 0.8],
    ["I'm an intern", 0.8],
    ["I'll mostly be using the software", 0.7],
    ["c'est moi qui vais l'utiliser", 0.7],
  ])('"%s" → user (%d)', (text, confidence) => {
    expect(extractAuthority(text)).toMatchObject({ value: 'user', confidence });
  });

  it.each([
    ["il faut d'abord que j'en parle à ma directrice", 0.85],
    ['je vais quand même devoir valider avec mon supérieur', 0.85],
    ['I first have to check with my supervisor', 0.85],
    ["c'est ma responsable qui valide", 0.85],
    ['non, c’est la direction qui tranche', 0.85],
    ['mon chef a le dernier mot', 0.85],
    ['my director has the final say', 0.85],
    ["nope, it's up to our board", 0.85],
    ['ça dépend de mon N+1', 0.85],
    ["il faudra que j'en discute avec ma cofondatrice", 0.75],
    ['I need to talk to my business partner', 0.75],
  ])('"%s" → influencer: someone else decides or shares the decision (%d)', (text, confidence) => {
    expect(extractAuthority(text)).toMatchObject({ value: 'influencer', confidence });
  });

  it('keeps a founder who consults a peer a decision maker', () => {
    expect(extractAuthority("I'm the founder, I'll have to talk to my partner")).toMatchObject({
      value: 'decision_maker',
    });
  });

  it('says nothing of messages without a role', () => {
    for (const text of [
      'on est une PME',
      'je suis intéressé',
      'je suis dispo demain',
      'I am interested',
      // Browsing or looking for a product says nothing of who decides.
      "I'm just looking",
      'je me renseigne simplement',
      'just browsing for now',
      'on regarde un peu ce qui se fait',
      "I'm looking for a booking tool for my clinic",
      'je cherche un CRM pour mon cabinet',
      '',
      '👍',
    ]) {
      expect(extractAuthority(text), text).toBeNull();
    }
  });
});
