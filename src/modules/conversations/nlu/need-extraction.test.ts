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
