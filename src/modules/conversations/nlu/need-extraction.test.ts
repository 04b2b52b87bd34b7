import { describe, expect, it } from 'vitest';
import { extractNeed } from './need-extraction.ts';

const categories = [
  { name: 'CRM', keywords: ['crm', 'prospects', 'pipeline'] },
  { name: 'Lead qualification', keywords: ['qualifier', 'qualification', 'leads'] },
];

describe('extractNeed', () => {
  it.each([
    [
      'Bonjour. On cherche un CRM pour gérer nos prospects. Merci',
      'On cherche un CRM pour gérer nos prospects',
      'CRM',
    ],
    [
      'nous avons besoin de qualifier nos leads plus vite !',
      'nous avons besoin de qualifier nos leads plus vite',
      'Lead qualification',
    ],
    ["L'objectif c'est d'automatiser nos relances", "L'objectif c'est d'automatiser nos relances", null],
    [
      "We're looking for a CRM to manage our pipeline",
      "We're looking for a CRM to manage our pipeline",
      'CRM',
    ],
    [
      'we need to qualify inbound leads faster',
      'we need to qualify inbound leads faster',
      'Lead qualification',
    ],
    ['Notre souci est le suivi des devis.', 'Notre souci est le suivi des devis', null],
  ])('"%s"', (text, needText, category) => {
    const need = extractNeed(text, { needCategories: categories });
    expect(need?.value).toEqual({ text: needText, category });
    expect(need?.evidence).toBe(needText);
  });

  it.each([
    [
      "Bonjour, nous avons vraiment besoin d'un outil pour relancer nos impayés",
      "nous avons vraiment besoin d'un outil pour relancer nos impayés",
    ],
    [
      'salut je cherche une appli de réservation pour mon salon',
      'je cherche une appli de réservation pour mon salon',
    ],
    ['jcherche un logiciel de caisse pr ma boutique', 'jcherche un logiciel de caisse pr ma boutique'],
    [
      'Ci-joint notre cahier des charges pour un portail client.',
      'Ci-joint notre cahier des charges pour un portail client',
    ],
    [
      'Please find attached our RFP for a ticketing system',
      'Please find attached our RFP for a ticketing system',
    ],
    [
      'nous envisageons un outil de signature électronique',
      'nous envisageons un outil de signature électronique',
    ],
    ['on pense à mettre un chatbot sur le site', 'on pense à mettre un chatbot sur le site'],
    [
      "hi, we're considering a chatbot for our support team",
      "we're considering a chatbot for our support team",
    ],
    ['we really need a booking tool', 'we really need a booking tool'],
    ["il nous faudrait un outil d'emailing", "il nous faudrait un outil d'emailing"],
  ])('reads a need however it is put: "%s"', (text, needText) => {
    expect(extractNeed(text)).toMatchObject({ value: { text: needText }, confidence: 0.75 });
  });

  it('does not take a denied need, a pronoun or a thought for a need', () => {
    for (const text of [
      "on n'a pas besoin d'un outil de plus",
      "we don't need another tool",
      "I'm not looking for anything right now",
      'je ne cherche plus rien',
      'we need it running before March',
      "we'd like it done quickly",
      "we're thinking about it",
      'je pense que oui',
      'je voudrais être rappelé demain',
      "I'd like to chat with someone",
      'je cherche un stage',
      "I'm looking for an internship",
      'on voudrait voir une démo',
      'je cherche à joindre le service client',
      "I'd like to know the price",
      'il me faut un peu de temps',
      "ça ne correspond pas à ce qu'on cherche",
      "it's not what we're looking for",
    ]) {
      expect(extractNeed(text), text).toBeNull();
    }
  });

  it('is surer when the need names a workspace category', () => {
    expect(extractNeed('on cherche un CRM', { needCategories: categories })?.confidence).toBe(0.8);
    expect(extractNeed('on cherche un CRM')).toEqual({
      value: { text: 'on cherche un CRM', category: null },
      confidence: 0.75,
      evidence: 'on cherche un CRM',
    });
  });

  it('does not take a request for a person, a price or a meeting for a need', () => {
    for (const text of [
      'je voudrais parler à un conseiller',
      'je voudrais un devis',
      'I need to ask my manager',
      'we need more time to think',
      'je veux reporter le rendez-vous',
      'Bonjour',
      '',
    ]) {
      expect(extractNeed(text), text).toBeNull();
    }
  });

  it('takes a plain answer as the need when the agent asked for it', () => {
    expect(extractNeed('un outil pour relancer nos devis', { isAnswerToNeedQuestion: true })?.value).toEqual({
      text: 'un outil pour relancer nos devis',
      category: null,
    });
    expect(extractNeed('pourquoi ?', { isAnswerToNeedQuestion: true })).toBeNull();
  });
});
