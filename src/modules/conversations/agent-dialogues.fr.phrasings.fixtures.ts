/**
 * French scripted dialogues: budget and timeline phrasings, typos, corrections, "later" (see agent-
 * dialogues.fixtures.ts for the format).
 */
import type { Dialogue } from './agent-dialogues.fixtures.ts';
import { ASKS_BUDGET, ASKS_TIMELINE, OFFERS_SLOTS } from './agent-dialogues.fr.patterns.fixtures.ts';

export const FR_PHRASINGS_DIALOGUES: Dialogue[] = [
  {
    name: 'fr tu typos and no accents: "ds 1 mois max", "budget 5k"',
    language: 'fr',
    tone: 'tu',
    lead: { firstName: 'Yanis', language: 'fr' },
    turns: [
      { say: 'slt jcherche un outil pr gerer mes prospects, on est 3 commerciaux' },
      { say: 'ds 1 mois max' },
      { say: 'budget 5k' },
      { choose: 'first-slot' },
    ],
    expect: {
      bant: {
        need: 'present',
        timeline: { maxMonths: 1.5 },
        budget: { kind: 'amount', amount: 5000, currency: 'EUR' },
      },
      verdict: 'hot',
      slotBooked: true,
      bookedSlot: 1,
      turnReplies: { 1: [ASKS_TIMELINE], 2: [ASKS_BUDGET], 3: [OFFERS_SLOTS] },
    },
  },
  {
    name: 'fr vous correction: "non pardon, plutôt 20 000 €" replaces the budget',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Céline', language: 'fr' },
    turns: [
      { say: 'Bonjour, nous cherchons un outil de signature électronique pour nos contrats' },
      { say: 'dans 5 mois' },
      { say: '10 000 €' },
      { say: 'Non pardon, plutôt 20 000 €' },
      { say: "oui c'est moi qui signe" },
    ],
    expect: {
      bant: {
        need: 'present',
        timeline: { horizon: '3_6m' },
        budget: { kind: 'amount', amount: 20_000, currency: 'EUR' },
        authority: 'decision_maker',
      },
      slotsOffered: false,
      needsHuman: false,
      turnReplies: { 4: [/20\s000\s€/] },
    },
  },
  {
    name: 'fr tu later: "pas maintenant, recontacte-moi dans 6 mois"',
    language: 'fr',
    tone: 'tu',
    lead: { firstName: 'Sarah', language: 'fr' },
    turns: [
      { say: 'salut, on réfléchit à un outil de chat pour notre site' },
      { say: 'pas maintenant, recontacte-moi dans 6 mois' },
    ],
    expect: {
      bant: { timeline: { minMonths: 5 } },
      verdict: 'cold',
      slotsOffered: false,
      needsHuman: false,
      turnReplies: { 2: [/plus tard/i] },
    },
  },
  {
    name: 'fr vous "dans 3 mois" answers the timeline question (not "later")',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Antoine', language: 'fr' },
    turns: [
      { say: 'Bonjour, nous voulons centraliser les demandes de devis de notre site' },
      { say: 'dans 3 mois' },
    ],
    expect: {
      bant: { need: 'present', timeline: { minMonths: 1.5, maxMonths: 4.5 } },
      verdict: null,
      turnReplies: { 2: [ASKS_BUDGET] },
      repliesNeverMatch: [/plus tard|pas le bon moment/i],
    },
  },
  {
    name: 'fr tu "le mois prochain" with a budget makes the lead hot',
    language: 'fr',
    tone: 'tu',
    lead: { firstName: 'Emma', language: 'fr' },
    turns: [
      { say: 'Salut, je cherche un outil pour envoyer mes devis plus vite' },
      { say: 'le mois prochain' },
      { say: 'environ 6000 euros' },
    ],
    expect: {
      bant: { timeline: { maxMonths: 2.5 }, budget: { kind: 'amount', amount: 6000, currency: 'EUR' } },
      verdict: 'hot',
      temperature: 'hot',
      slotsOffered: true,
      turnReplies: { 3: [OFFERS_SLOTS] },
    },
  },
  {
    name: 'fr vous "au printemps" is a timeline, not a request for a person',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Michel', language: 'fr' },
    turns: [
      { say: "Bonjour, nous voulons moderniser l'accueil téléphonique de nos magasins" },
      { say: 'au printemps' },
    ],
    expect: {
      bant: { need: 'present', timeline: 'present' },
      needsHuman: false,
      turnReplies: { 2: [ASKS_BUDGET] },
    },
  },
];
