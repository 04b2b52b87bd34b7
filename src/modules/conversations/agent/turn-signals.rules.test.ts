import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENT_SETTINGS } from './agent.types.ts';
import {
  detectFaqTopic,
  foldMessage,
  hasLaterWords,
  isCorrection,
  isQuestion,
  leadingYesNo,
  requestedLanguage,
} from './turn-signals.rules.ts';

describe('turn signals', () => {
  it('tells questions from statements', () => {
    expect(isQuestion('Vous faites des sites ? 🙂')).toBe(true);
    expect(isQuestion('Comment ça marche')).toBe(true);
    expect(isQuestion('how does it work')).toBe(true);
    expect(isQuestion("On cherche un CRM, c'est pour l'équipe")).toBe(false);
  });

  it('reads a yes or a no only at the start of the message', () => {
    expect(leadingYesNo(foldMessage("Non c'est mon associé"))).toBe('no');
    expect(leadingYesNo(foldMessage('Oui, tout à fait'))).toBe('yes');
    expect(leadingYesNo(foldMessage('Je ne dis pas non'))).toBeNull();
  });

  it('spots delays, corrections and language requests', () => {
    expect(hasLaterWords(foldMessage('Pas pour le moment, merci'))).toBe(true);
    expect(hasLaterWords(foldMessage('dans 3 mois'))).toBe(false);
    expect(isCorrection(foldMessage('En fait plutôt 20k'))).toBe(true);
    expect(requestedLanguage(foldMessage('On peut continuer en français svp ?'))).toBe('fr');
    expect(requestedLanguage(foldMessage('Can we switch to English please'))).toBe('en');
    expect(requestedLanguage(foldMessage('Our English team will use it'))).toBeNull();
  });

  it('finds FAQ topics, the workspace’s own ones by keyword', () => {
    const faq = [
      ...DEFAULT_AGENT_SETTINGS.faq,
      { topic: 'api', answer: { fr: 'Oui.', en: 'Yes.' }, keywords: ['intégration', 'webhook'] },
    ];
    expect(detectFaqTopic('Avez-vous une intégration avec HubSpot ?', 'out_of_scope', faq)).toBe('api');
    expect(detectFaqTopic('Do you have an API?', 'out_of_scope', faq)).toBe('api');
    expect(detectFaqTopic('Et vos tarifs ?', 'ask_price', faq)).toBe('price');
    expect(detectFaqTopic('le deuxième', 'ask_price', faq)).toBeNull();
    expect(detectFaqTopic('On cherche un outil de data', 'inform', faq)).toBeNull();
  });
});
