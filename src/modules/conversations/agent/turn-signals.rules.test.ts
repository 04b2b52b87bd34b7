import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENT_SETTINGS } from './agent.types.ts';
import {
  declinesOffer,
  detectFaqTopic,
  foldMessage,
  hasLaterWords,
  isCorrection,
  isQuestion,
  leadingYesNo,
  mentionsTimeSpan,
  namesOtherDecider,
  requestedLanguage,
} from './turn-signals.rules.ts';

describe('turn signals', () => {
  it('tells questions from statements', () => {
    expect(isQuestion('Vous faites des sites ? 🙂')).toBe(true);
    expect(isQuestion('Comment ça marche')).toBe(true);
    expect(isQuestion('how does it work')).toBe(true);
    expect(isQuestion("On cherche un CRM, c'est pour l'équipe")).toBe(false);
    expect(isQuestion('Bonjour, est-ce que votre outil s’intègre avec HubSpot')).toBe(true);
    expect(isQuestion('Hi Camille, do you integrate with HubSpot')).toBe(true);
    expect(isQuestion('Votre outil gère-t-il les relances')).toBe(true);
    expect(isQuestion('On veut automatiser la prise de rendez-vous')).toBe(false);
  });

  it('reads a yes or a no only at the start of the message', () => {
    expect(leadingYesNo(foldMessage("Non c'est mon associé"))).toBe('no');
    expect(leadingYesNo(foldMessage('Oui, tout à fait'))).toBe('yes');
    expect(leadingYesNo(foldMessage('Je ne dis pas non'))).toBeNull();
    expect(leadingYesNo(foldMessage('I think so'))).toBe('yes');
    expect(leadingYesNo(foldMessage('none of these work'))).toBeNull();
  });

  it('spots delays, corrections and language requests', () => {
    expect(hasLaterWords(foldMessage('Pas pour le moment, merci'))).toBe(true);
    expect(hasLaterWords(foldMessage('dans 3 mois'))).toBe(false);
    expect(mentionsTimeSpan(foldMessage('dans 4 à 5 mois'))).toBe(true);
    expect(mentionsTimeSpan(foldMessage('probably in 4 or 5 months'))).toBe(true);
    expect(mentionsTimeSpan(foldMessage('au printemps'))).toBe(true);
    expect(mentionsTimeSpan(foldMessage('pas maintenant'))).toBe(false);
    expect(mentionsTimeSpan(foldMessage('on a été contactés par un concurrent'))).toBe(false);
    expect(isCorrection(foldMessage('En fait plutôt 20k'))).toBe(true);
    expect(requestedLanguage(foldMessage('On peut continuer en français svp ?'))).toBe('fr');
    expect(requestedLanguage(foldMessage('Can we switch to English please'))).toBe('en');
    expect(requestedLanguage(foldMessage('Our English team will use it'))).toBeNull();
  });

  it('spots refused slots and another decider', () => {
    expect(declinesOffer(foldMessage('Aucun ne me convient'))).toBe(true);
    expect(declinesOffer(foldMessage("none of these work for me, I'm travelling"))).toBe(true);
    expect(declinesOffer(foldMessage('Aucun souci, le premier'))).toBe(false);
    expect(namesOtherDecider(foldMessage("c'est mon associé qui décide"))).toBe(true);
    expect(namesOtherDecider(foldMessage('I need to ask my boss'))).toBe(true);
    expect(namesOtherDecider(foldMessage('je suis le DG'))).toBe(false);
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
    // The classifier's catch-alls: a named topic is asked about unless the message states facts.
    expect(detectFaqTopic('Bonjour, intégration HubSpot', 'greeting', faq)).toBe('api');
    expect(
      detectFaqTopic('Bonjour, on veut une intégration', 'greeting', faq, { statesFacts: true }),
    ).toBeNull();
    expect(detectFaqTopic("Bonjour, c'est combien ?", 'greeting', faq)).toBe('price');
  });
});
