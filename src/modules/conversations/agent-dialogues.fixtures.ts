/**
 * Scripted dialogues with the qualification agent, as data: the lead's turns and what a good SDR
 * agent ends up with (stored BANT, verdict, temperature, slots, handoff, opt-out, replies).
 * Played end to end by `agent-dialogues.int.test.ts`. They describe the wanted behaviour, not the
 * current one: a failing dialogue is a bug to fix in the agent or the NLU, not a script to adjust.
 */
import type { Timeline } from '../qualification/index.ts';
import { EN_PHRASINGS_DIALOGUES } from './agent-dialogues.en.phrasings.fixtures.ts';
import { EN_SITUATIONS_DIALOGUES } from './agent-dialogues.en.situations.fixtures.ts';
import { EN_VERDICTS_DIALOGUES } from './agent-dialogues.en.verdicts.fixtures.ts';
import { FR_PHRASINGS_DIALOGUES } from './agent-dialogues.fr.phrasings.fixtures.ts';
import { FR_SITUATIONS_DIALOGUES } from './agent-dialogues.fr.situations.fixtures.ts';
import { FR_VERDICTS_DIALOGUES } from './agent-dialogues.fr.verdicts.fixtures.ts';

export type DialogueLanguage = 'fr' | 'en';
export type DialogueTone = 'tu' | 'vous';

/**
 * One lead turn. `say` and `choose` texts may name an offered slot: `{slot2.weekday}` ("jeudi" /
 * "Thursday") and `{slot2.time}` ("10h", "16h30" / "10am", "4:30pm"), read in Europe/Paris. `replyIn` changes the
 * language expected from this turn's replies on (language switch).
 */
export type DialogueTurn =
  | { say: string; replyIn?: DialogueLanguage }
  /** Taps a slot button (`first-slot`…), or types any other text to pick one. */
  | { choose: 'first-slot' | 'second-slot' | 'third-slot' | (string & {}) }
  /** A WhatsApp media message (photo, PDF, voice note), with or without a caption. */
  | { media: 'image' | 'document' | 'audio'; caption?: string };

type TimelineHorizon = Extract<Timeline, { kind: 'horizon' }>['horizon'];

/** The media turn, played outside the sandbox endpoint (which takes text or a choice). */
export type MediaTurn = Extract<DialogueTurn, { media: string }>;

export type BudgetExpectation =
  | 'absent'
  | 'present'
  | 'none'
  | { kind: 'amount'; amount: number; currency: string }
  | { kind: 'range'; min: number; max: number; currency: string };

/** A stated date counts by the bucket its distance from now falls in, like a horizon. */
export type TimelineExpectation =
  | 'absent'
  | 'present'
  | { horizon?: TimelineHorizon; minMonths?: number; maxMonths?: number };

export interface DialogueExpectation {
  bant?: {
    budget?: BudgetExpectation;
    timeline?: TimelineExpectation;
    authority?: 'decision_maker' | 'influencer' | 'user' | 'absent' | 'present';
    need?: 'present' | 'absent';
  };
  verdict?: 'hot' | 'warm' | 'cold' | 'not_interested' | null;
  /** The lead's temperature at the end. */
  temperature?: 'hot' | 'warm' | 'cold';
  /** Booking slots were offered at some point (they never are unless the lead is hot then). */
  slotsOffered?: boolean;
  /** A slot was booked: the conversation is in phase `slot_chosen`. */
  slotBooked?: boolean;
  /** Which offered slot (1-based) was booked. */
  bookedSlot?: 1 | 2 | 3;
  needsHuman?: boolean;
  handoffReason?: string | null;
  /** The withdrawal is in the consent ledger. */
  optedOut?: boolean;
  /** The conversation's status at the end (a lead writing after a close may reopen it for a person). */
  status?: 'open' | 'closed';
  /** The agent closed the conversation with this turn (1-based): refusal or opt-out. */
  closedAfterTurn?: number;
  /** The conversation's language at the end. */
  language?: DialogueLanguage;
  /** Matched against the replies of the last turn that got any, joined. */
  repliesMatch?: RegExp[];
  /** Per turn (1-based): patterns its replies must match. */
  turnReplies?: Record<number, RegExp[]>;
  /** No reply of the dialogue may match these. */
  repliesNeverMatch?: RegExp[];
  /** Turns after this one (1-based) get no reply, and nothing more is delivered. */
  noReplyAfterTurn?: number;
  /** The agent planned a silence follow-up after the last turn. */
  followUpScheduled?: boolean;
}

export interface Dialogue {
  name: string;
  language: DialogueLanguage;
  tone: DialogueTone;
  lead: {
    firstName: string;
    language?: DialogueLanguage;
    /** Viewed the pricing page and downloaded a white paper before talking: warm by score (40 points). */
    engaged?: boolean;
  };
  turns: DialogueTurn[];
  expect: DialogueExpectation;
}

// By language, then by theme: what each lead ends as, how values are phrased, and the situations around
// the qualification (objections, handoff, opt-out, media, silence).
export const DIALOGUES: readonly Dialogue[] = [
  ...FR_VERDICTS_DIALOGUES,
  ...FR_PHRASINGS_DIALOGUES,
  ...FR_SITUATIONS_DIALOGUES,
  ...EN_VERDICTS_DIALOGUES,
  ...EN_PHRASINGS_DIALOGUES,
  ...EN_SITUATIONS_DIALOGUES,
];

/** Workspace FAQ, written impersonally so it fits both tones; each answer has a word to spot it by. */
export const DIALOGUE_FAQ = [
  {
    topic: 'price',
    answer: {
      fr: 'Les offres démarrent à 49 € par mois et par utilisateur ; un devis précis est établi après un court échange.',
      en: 'Plans start at €49 per user per month; an exact quote is prepared after a short call.',
    },
  },
  {
    topic: 'who_are_you',
    answer: {
      fr: "Ici l'assistant virtuel de Solvo : quelques questions rapides, puis un conseiller prend le relais.",
      en: "This is Solvo's virtual assistant: a few quick questions, then an advisor takes over.",
    },
  },
  {
    topic: 'data_use',
    answer: {
      fr: 'Les informations partagées ici servent uniquement à préparer l’échange avec notre équipe (RGPD) et ne sont jamais revendues.',
      en: 'The information shared here is only used to prepare the call with our team (GDPR) and is never sold.',
    },
  },
  {
    topic: 'hubspot',
    answer: {
      fr: 'Solvo se connecte nativement à HubSpot, Pipedrive et Salesforce.',
      en: 'Solvo connects natively to HubSpot, Pipedrive and Salesforce.',
    },
  },
];

export const DIALOGUE_CONTENT_OFFER = {
  title: { fr: 'Guide : qualifier un lead en 5 questions', en: 'Guide: qualifying a lead in 5 questions' },
  url: 'https://example.com/guide-qualification',
};
