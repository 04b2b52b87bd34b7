/**
 * French scripted dialogues: objections, language switch, handoff, opt-out, media, emoji, unknown intent,
 * silence (see agent-dialogues.fixtures.ts for the format).
 */
import type { Dialogue } from './agent-dialogues.fixtures.ts';
import {
  ASKS_BUDGET,
  ASKS_NEED,
  ASKS_TIMELINE,
  HANDED_OVER,
  OFFERS_SLOTS,
  OPTED_OUT,
} from './agent-dialogues.fr.patterns.fixtures.ts';

export const FR_SITUATIONS_DIALOGUES: Dialogue[] = [
  {
    name: 'fr vous objection: price asked first, then qualification goes on',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Nathalie', language: 'fr' },
    turns: [
      { say: "Bonjour, c'est combien votre solution ?" },
      { say: 'Nous sommes une agence immobilière, on veut répondre plus vite aux demandes de nos clients' },
      { say: "d'ici 2 mois" },
    ],
    expect: {
      bant: { need: 'present', timeline: { horizon: '1_3m' }, budget: 'absent' },
      verdict: null,
      slotsOffered: false,
      needsHuman: false,
      followUpScheduled: true,
      turnReplies: { 1: [/49 €/, ASKS_NEED], 2: [ASKS_TIMELINE], 3: [ASKS_BUDGET] },
    },
  },
  {
    name: 'fr tu objection: "t\'es un robot ?" answered, then the need',
    language: 'fr',
    tone: 'tu',
    lead: { firstName: 'Inès', language: 'fr' },
    turns: [
      { say: "t'es un robot ?" },
      { say: 'ok. je cherche un logiciel pour gérer les plannings de mes techniciens' },
    ],
    expect: {
      bant: { need: 'present' },
      needsHuman: false,
      verdict: null,
      turnReplies: { 1: [/assistant virtuel/i, ASKS_NEED], 2: [ASKS_TIMELINE] },
    },
  },
  {
    name: 'fr vous objection: data use mid-flow is answered, not an opt-out',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Bernard', language: 'fr' },
    turns: [
      { say: 'Bonjour, nous cherchons un outil de relance automatique par WhatsApp' },
      { say: 'Que faites-vous de mes données ?' },
      { say: 'dans 6 semaines' },
    ],
    expect: {
      bant: { need: 'present', timeline: { horizon: '1_3m' } },
      optedOut: false,
      needsHuman: false,
      status: 'open',
      turnReplies: { 2: [/RGPD/, ASKS_TIMELINE], 3: [ASKS_BUDGET] },
    },
  },
  {
    name: 'fr vous language switch to English mid-flow, then hot in English',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Oliver', language: 'fr' },
    turns: [
      { say: 'Bonjour, on cherche un CRM simple pour une équipe de 6 commerciaux' },
      { say: 'Sorry, could we continue in English please? My French is not great', replyIn: 'en' },
      { say: "We'd like it up and running within 2 months" },
      { say: 'Around 12k euros' },
    ],
    expect: {
      bant: {
        need: 'present',
        timeline: { horizon: '1_3m' },
        budget: { kind: 'amount', amount: 12_000, currency: 'EUR' },
      },
      language: 'en',
      verdict: 'hot',
      slotsOffered: true,
      turnReplies: { 2: [/when|deadline/i] },
    },
  },
  {
    name: 'fr tu handoff: "je veux parler à quelqu\'un", then the agent stays silent',
    language: 'fr',
    tone: 'tu',
    lead: { firstName: 'Hugo', language: 'fr' },
    turns: [
      { say: "Salut, on a besoin d'un outil pour relancer nos paniers abandonnés" },
      { say: "je veux parler à quelqu'un stp" },
      { say: 'allo ?' },
    ],
    expect: {
      bant: { need: 'present' },
      needsHuman: true,
      handoffReason: 'requested',
      noReplyAfterTurn: 2,
      turnReplies: { 1: [ASKS_TIMELINE], 2: [HANDED_OVER] },
    },
  },
  {
    name: 'fr vous STOP mid-flow: confirmed once, values kept, nothing sent after',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Martine', language: 'fr' },
    turns: [
      { say: 'Bonjour, je cherche une solution de prise de rendez-vous pour mon cabinet' },
      { say: "d'ici 3 semaines" },
      { say: 'STOP' },
      { say: "Finalement, c'est quel prix ?" },
    ],
    expect: {
      bant: { need: 'present', timeline: { horizon: 'lt_1m' }, budget: 'absent' },
      verdict: null,
      optedOut: true,
      closedAfterTurn: 3,
      slotsOffered: false,
      noReplyAfterTurn: 3,
      turnReplies: { 3: [OPTED_OUT] },
    },
  },
  {
    name: 'fr tu opt-out in words: "arrête de m\'envoyer des messages"',
    language: 'fr',
    tone: 'tu',
    lead: { firstName: 'Théo', language: 'fr' },
    turns: [
      { say: "salut, je cherche un outil d'emailing pour mon asso" },
      { say: "arrête de m'envoyer des messages" },
      { say: '?' },
    ],
    expect: {
      optedOut: true,
      closedAfterTurn: 2,
      noReplyAfterTurn: 2,
      bant: { need: 'present' },
      turnReplies: { 1: [ASKS_TIMELINE], 2: [OPTED_OUT, /tu ne recevras/i] },
    },
  },
  {
    name: 'fr vous media: a document with a caption states the need, then hot',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Laurent', language: 'fr' },
    turns: [
      {
        media: 'document',
        caption: 'Voici notre cahier des charges pour la refonte de notre outil de prise de leads',
      },
      { say: 'il faudrait que ce soit en place dans 2 mois' },
      { say: 'Le budget est de 25 000 € HT' },
    ],
    expect: {
      bant: {
        need: 'present',
        timeline: { horizon: '1_3m' },
        budget: { kind: 'amount', amount: 25_000, currency: 'EUR' },
      },
      verdict: 'hot',
      temperature: 'hot',
      slotsOffered: true,
      turnReplies: { 1: [ASKS_TIMELINE], 3: [OFFERS_SLOTS] },
    },
  },
  {
    name: 'fr vous media: a voice note without caption is not a handoff',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Gérard', language: 'fr' },
    turns: [
      { say: 'Bonjour, je cherche un outil pour qualifier mes leads' },
      { media: 'audio' },
      { say: 'dans 2 mois' },
    ],
    expect: {
      bant: { need: 'present', timeline: { horizon: '1_3m' } },
      needsHuman: false,
      turnReplies: { 2: [/compris|écri|vocal/i, ASKS_TIMELINE], 3: [ASKS_BUDGET] },
    },
  },
  {
    name: 'fr tu emoji only: the question is asked again, no handoff',
    language: 'fr',
    tone: 'tu',
    lead: { firstName: 'Chloé', language: 'fr' },
    turns: [
      { say: 'Salut ! Je cherche un outil pour qualifier les demandes qui arrivent sur mon site' },
      { say: '👍' },
      { say: "d'ici la fin de l'année" },
    ],
    expect: {
      bant: { need: 'present', timeline: { maxMonths: 12 } },
      needsHuman: false,
      followUpScheduled: true,
      turnReplies: { 2: [ASKS_TIMELINE], 3: [ASKS_BUDGET] },
    },
  },
  {
    name: 'fr vous unknown intent twice: gibberish hands over to a person',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Patrick', language: 'fr' },
    turns: [
      { say: 'Bonjour, nous voulons automatiser la qualification de nos leads' },
      { say: 'azerty qsdfg' },
      { say: 'blblbl ptdr' },
    ],
    expect: {
      bant: { need: 'present' },
      needsHuman: true,
      handoffReason: 'low_confidence',
      turnReplies: { 2: [/compris/i], 3: [HANDED_OVER] },
    },
  },
  {
    name: 'fr vous goes silent after the first answer: a follow-up is planned',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Agnès', language: 'fr' },
    turns: [
      { say: 'Bonjour, nous cherchons une solution de prise de rendez-vous en ligne pour nos 3 agences' },
    ],
    expect: {
      bant: { need: 'present', timeline: 'absent' },
      verdict: null,
      needsHuman: false,
      followUpScheduled: true,
      turnReplies: { 1: [ASKS_TIMELINE] },
    },
  },
  {
    name: 'fr vous workspace FAQ topic (HubSpot) is answered from the settings',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Xavier', language: 'fr' },
    turns: [
      { say: 'Bonjour, est-ce que votre outil s’intègre avec HubSpot ?' },
      { say: 'Nous voulons synchroniser nos leads entrants avec HubSpot et les qualifier automatiquement' },
    ],
    expect: {
      bant: { need: 'present' },
      needsHuman: false,
      turnReplies: { 1: [/HubSpot, Pipedrive/, ASKS_NEED], 2: [ASKS_TIMELINE] },
    },
  },
  {
    name: 'fr tu annoyed lead is handed to a person',
    language: 'fr',
    tone: 'tu',
    lead: { firstName: 'Romain', language: 'fr' },
    turns: [{ say: "Ça fait 3 fois qu'on me relance, c'est vraiment pénible !!" }],
    expect: {
      needsHuman: true,
      handoffReason: 'negative_sentiment',
      slotsOffered: false,
      turnReplies: { 1: [HANDED_OVER] },
    },
  },
];
