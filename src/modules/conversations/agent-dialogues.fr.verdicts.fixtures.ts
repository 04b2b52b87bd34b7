/**
 * French scripted dialogues: hot, warm, cold and not-interested leads, and a hot lead turning the slots
 * down (see agent-dialogues.fixtures.ts for the format).
 */
import type { Dialogue } from './agent-dialogues.fixtures.ts';
import {
  ASKS_BUDGET,
  ASKS_NEED,
  ASKS_TIMELINE,
  BOOKED,
  OFFERS_SLOTS,
} from './agent-dialogues.fr.patterns.fixtures.ts';

export const FR_VERDICTS_DIALOGUES: Dialogue[] = [
  {
    name: 'fr vous hot: need, end of quarter, range in k€, slot tapped',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Julien', language: 'fr' },
    turns: [
      {
        say: 'Bonjour, on cherche un outil pour qualifier nos leads entrants, on en reçoit environ 300 par mois',
      },
      { say: "d'ici la fin du trimestre" },
      { say: 'entre 10 et 20 k€' },
      { choose: 'first-slot' },
    ],
    expect: {
      bant: {
        need: 'present',
        timeline: { maxMonths: 3 },
        budget: { kind: 'range', min: 10_000, max: 20_000, currency: 'EUR' },
        authority: 'absent',
      },
      verdict: 'hot',
      temperature: 'hot',
      slotsOffered: true,
      slotBooked: true,
      needsHuman: false,
      turnReplies: { 1: [ASKS_TIMELINE], 2: [ASKS_BUDGET], 3: [OFFERS_SLOTS] },
      repliesMatch: [BOOKED, /vous recevrez/i],
    },
  },
  {
    name: 'fr tu hot: ASAP in 2 weeks, 30 000 euros HT, "le deuxième"',
    language: 'fr',
    tone: 'tu',
    lead: { firstName: 'Manon', language: 'fr' },
    turns: [
      { say: 'Salut ! Je cherche un chatbot WhatsApp pour répondre à mes prospects le soir et le week-end' },
      { say: 'le plus vite possible, idéalement dans 2 semaines' },
      { say: "budget d'environ 30 000 euros HT" },
      { choose: 'le deuxième' },
    ],
    expect: {
      bant: {
        need: 'present',
        timeline: { horizon: 'lt_1m' },
        budget: { kind: 'amount', amount: 30_000, currency: 'EUR' },
      },
      verdict: 'hot',
      temperature: 'hot',
      slotsOffered: true,
      slotBooked: true,
      bookedSlot: 2,
      repliesMatch: [BOOKED, /tu recevras/i],
    },
  },
  {
    name: 'fr vous hot: "je suis le DG" up front, 15k€, slot picked by day and hour',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Philippe', language: 'fr' },
    turns: [
      {
        say: "Bonjour, je suis le DG d'une PME de 40 personnes. Nous voulons automatiser la relance de nos devis.",
      },
      { say: 'sous un mois' },
      { say: '15k€' },
      { choose: '{slot2.weekday} à {slot2.time} ça me va' },
    ],
    expect: {
      bant: {
        need: 'present',
        authority: 'decision_maker',
        timeline: { horizon: 'lt_1m' },
        budget: { kind: 'amount', amount: 15_000, currency: 'EUR' },
      },
      verdict: 'hot',
      slotsOffered: true,
      slotBooked: true,
      bookedSlot: 2,
    },
  },
  {
    name: 'fr vous warm (engaged lead): 4 to 5 months, no budget yet, partner decides',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Claire', language: 'fr', engaged: true },
    turns: [
      { say: "Bonjour, nous aimerions mieux suivre nos prospects, aujourd'hui tout est dans des tableurs" },
      { say: 'dans 4 à 5 mois' },
      { say: 'pas encore de budget défini' },
      { say: 'je dois en parler à mon associé' },
    ],
    expect: {
      bant: { need: 'present', timeline: { horizon: '3_6m' }, budget: 'none', authority: 'influencer' },
      verdict: 'warm',
      temperature: 'warm',
      slotsOffered: false,
      needsHuman: false,
      repliesMatch: [/example\.com\/guide-qualification/, /contact/i],
    },
  },
  {
    name: 'fr vous warm by BANT: 4 months, about 8 000 €, decision maker',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Sophie', language: 'fr' },
    turns: [
      { say: 'Bonjour, on voudrait un outil de scoring pour nos leads B2B' },
      { say: 'dans 4 mois environ' },
      { say: 'on a prévu environ 8 000 €' },
      { say: "oui c'est moi qui décide" },
    ],
    expect: {
      bant: {
        need: 'present',
        timeline: { horizon: '3_6m' },
        budget: { kind: 'amount', amount: 8000, currency: 'EUR' },
        authority: 'decision_maker',
      },
      verdict: 'warm',
      slotsOffered: false,
      needsHuman: false,
    },
  },
  {
    name: 'fr tu cold: just looking, not before a year, no budget, manager decides',
    language: 'fr',
    tone: 'tu',
    lead: { firstName: 'Kevin', language: 'fr' },
    turns: [
      { say: 'salut, je me renseigne juste sur les outils de prospection, rien de concret' },
      { say: 'aucune idée, sûrement pas avant un an' },
      { say: "pas de budget pour l'instant" },
      { say: "non, c'est mon manager qui décide" },
    ],
    expect: {
      bant: { timeline: { minMonths: 6 }, budget: 'none', authority: 'influencer' },
      verdict: 'cold',
      temperature: 'cold',
      slotsOffered: false,
      needsHuman: false,
    },
  },
  {
    name: 'fr tu not interested after a greeting, then silence from the agent',
    language: 'fr',
    tone: 'tu',
    lead: { firstName: 'Lucas', language: 'fr' },
    turns: [{ say: 'salut' }, { say: "en fait ça m'intéresse pas, merci" }, { say: 'ok' }],
    expect: {
      bant: { need: 'absent', budget: 'absent', timeline: 'absent' },
      verdict: 'not_interested',
      closedAfterTurn: 2,
      slotsOffered: false,
      noReplyAfterTurn: 2,
      turnReplies: { 1: [ASKS_NEED], 2: [/relancerai pas|bonne continuation/i] },
    },
  },
  {
    name: 'fr vous hot lead turns the slots down: a person books by hand',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Valérie', language: 'fr' },
    turns: [
      {
        say: "Bonjour, on a besoin d'un outil de qualification de leads pour notre équipe commerciale, c'est urgent",
      },
      { say: "d'ici 15 jours" },
      { say: 'autour de 40 000 euros' },
      { say: 'Aucun de ces créneaux ne me convient, je suis en déplacement toute la semaine' },
    ],
    expect: {
      bant: { budget: { kind: 'amount', amount: 40_000, currency: 'EUR' }, timeline: { horizon: 'lt_1m' } },
      verdict: 'hot',
      slotsOffered: true,
      slotBooked: false,
      needsHuman: true,
      handoffReason: 'booking_by_hand',
      turnReplies: { 3: [OFFERS_SLOTS] },
      repliesMatch: [/conseiller/i],
    },
  },
  {
    name: 'fr vous warm (engaged lead): "je dois d\'abord en parler à mon patron" is an answer, not a refusal',
    language: 'fr',
    tone: 'vous',
    lead: { firstName: 'Isabelle', language: 'fr', engaged: true },
    turns: [
      { say: 'Bonjour, nous cherchons un outil pour automatiser la prise de rendez-vous de nos commerciaux' },
      { say: 'dans 4 mois' },
      { say: 'environ 12 000 €' },
      { say: "Je dois d'abord en parler à mon patron" },
    ],
    expect: {
      bant: {
        need: 'present',
        timeline: { horizon: '3_6m' },
        budget: { kind: 'amount', amount: 12_000, currency: 'EUR' },
        authority: 'influencer',
      },
      verdict: 'warm',
      temperature: 'warm',
      slotsOffered: false,
      status: 'open',
    },
  },
];
