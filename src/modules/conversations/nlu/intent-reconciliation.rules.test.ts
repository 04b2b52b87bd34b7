import { describe, expect, it } from 'vitest';
import type { Intent } from './intent-classifier.ts';
import { type IntentEvidence, isPriceQuestion, reconcileIntent } from './intent-reconciliation.rules.ts';

const nothing: IntentEvidence = {
  statesNeed: false,
  statesBudget: false,
  statesTimeline: false,
  statesAuthority: false,
  asksForPersonByRule: false,
};
const reconcile = (text: string, intent: Intent | 'unknown', evidence: Partial<IntentEvidence> = {}) =>
  reconcileIntent(text, { intent, confidence: 0.7 }, { ...nothing, ...evidence }).intent;

describe('reconcileIntent', () => {
  it.each([
    ['Salut, nous avons besoin d’un CRM pour nos agences', 'not_interested'],
    ['bjr jcherche un logiciel de devis', 'ask_human'],
    ['hello, we are considering a helpdesk tool', 'greeting'],
    ['Ci-joint notre cahier des charges pour un extranet', 'unknown'],
  ] as const)('a stated need is information, not "%s"\'s %s', (text, classified) => {
    expect(reconcile(text, classified, { statesNeed: true })).toBe('inform');
  });

  it('keeps a refusal a refusal, even with a need in it', () => {
    expect(
      reconcile('on a déjà un outil pour relancer nos clients, merci', 'not_interested', {
        statesNeed: true,
      }),
    ).toBe('not_interested');
    expect(reconcile('no thanks, we already use a CRM', 'not_interested', { statesNeed: true })).toBe(
      'not_interested',
    );
  });

  it.each([
    ['à la rentrée', 'ask_human', { statesTimeline: true }],
    [
      'sans doute d’ici 2 à 3 mois',
      'not_now',
      { statesTimeline: true, timelineEvidence: 'd’ici 2 à 3 mois' },
    ],
    ['Tuesday 2pm works', 'reschedule', { statesTimeline: true }],
    ['budget 8k', 'ask_price', { statesBudget: true }],
    ['hmm more like 15k€ in fact', 'stop', { statesBudget: true }],
    ['surement pas avant deux ans', 'deny', { statesTimeline: true }],
    ["c'est ma responsable qui valide", 'ask_who', { statesAuthority: true }],
  ] as const)('"%s" states a fact: inform rather than %s', (text, classified, evidence) => {
    expect(reconcile(text, classified, evidence)).toBe('inform');
  });

  it('keeps an off-topic message off topic unless it names a product or a fact', () => {
    expect(reconcile('je cherche un plombier', 'out_of_scope', { statesNeed: true })).toBe('out_of_scope');
    expect(reconcile('on cherche un logiciel de planning', 'out_of_scope', { statesNeed: true })).toBe(
      'inform',
    );
  });

  it('keeps what the lead plainly asks or puts off', () => {
    expect(reconcile('pas maintenant, rappelle-moi dans 5 mois', 'not_now', { statesTimeline: true })).toBe(
      'not_now',
    );
    expect(
      reconcile('on en reparle en mars', 'not_now', { statesTimeline: true, timelineEvidence: 'en mars' }),
    ).toBe('not_now');
    expect(
      reconcile('we should catch up about this around March', 'not_now', {
        statesTimeline: true,
        timelineEvidence: 'around March',
      }),
    ).toBe('not_now');
    expect(reconcile('can we move it to Thursday?', 'reschedule', { statesTimeline: true })).toBe(
      'reschedule',
    );
    expect(
      reconcile('un conseiller peut me rappeler demain ?', 'ask_human', {
        statesTimeline: true,
        asksForPersonByRule: true,
      }),
    ).toBe('ask_human');
    expect(reconcile('oui, dans 3 mois', 'affirm', { statesTimeline: true })).toBe('affirm');
    expect(reconcile('vous êtes à 500 € par mois ?', 'ask_price', { statesBudget: false })).toBe('ask_price');
  });

  it.each([
    ['Bonsoir, vos prix c’est combien ?', 'greeting'],
    ['hi there, is it expensive?', 'greeting'],
    ['Hello, what does your tool cost?', 'unknown'],
  ] as const)('"%s" asks the price (classified %s)', (text, classified) => {
    expect(reconcile(text, classified)).toBe('ask_price');
  });

  it.each([
    ['none of those slots suit me', 'affirm'],
    ['aucun de ces horaires ne me va', 'affirm'],
    ["ça ne m'arrange pas du tout", 'inform'],
    ['neither, sorry', 'unknown'],
  ] as const)('"%s" turns the offer down (classified %s)', (text, classified) => {
    expect(reconcile(text, classified)).toBe('deny');
  });

  it('does not take "no worries" or "aucun souci" for a refusal', () => {
    expect(reconcile('aucun souci', 'affirm')).toBe('affirm');
    expect(reconcile('no worries', 'affirm')).toBe('affirm');
  });

  it('gives a rule decision a confidence the agent acts on', () => {
    expect(
      reconcileIntent(
        'budget 8k',
        { intent: 'ask_price', confidence: 0.99 },
        { ...nothing, statesBudget: true },
      ),
    ).toEqual({ intent: 'inform', confidence: 0.8 });
  });
});

describe('isPriceQuestion', () => {
  it.each(['combien ça coûte ?', 'How much do you charge?', 'c’est payant ?', 'quel est le tarif'])(
    '"%s" asks the price',
    (text) => {
      expect(isPriceQuestion(text)).toBe(true);
    },
  );

  it.each([
    'combien de temps pour la mise en place ?',
    'le prix n’est pas un problème',
    'Cher Monsieur, merci ?',
  ])('"%s" does not', (text) => {
    expect(isPriceQuestion(text)).toBe(false);
  });
});
