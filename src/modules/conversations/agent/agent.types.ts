import type { BantField, BantValueByField } from '../../qualification/index.ts';

export type AgentLanguage = 'fr' | 'en';

/**
 * A canned answer the workspace wrote; the agent inserts it as is. `keywords` (optional) let a
 * custom topic be recognised in a question ("api", "intégration"); the topic's own words count too.
 */
export interface FaqEntry {
  /** 'price', 'who_are_you', 'data_use' (recognised by the agent), or any topic the workspace adds. */
  topic: string;
  answer: { fr: string; en: string };
  keywords?: string[];
}

export interface AgentSettings {
  tone: 'tu' | 'vous';
  style: 'formal' | 'casual';
  companyName: string;
  agentName: string;
  /** Appended to the first message of a conversation only. */
  signature: string | null;
  defaultLanguage: AgentLanguage;
  faq: FaqEntry[];
  /** Something useful to send a warm lead who is not ready to talk (guide, case study). */
  contentOffer: { title: { fr: string; en: string }; url: string } | null;
}

/**
 * Honest and generic on purpose: no price, no promise, no company name (a workspace that renames
 * the agent keeps correct answers). French answers use neither "tu" nor "vous", so they fit both tones.
 */
export const DEFAULT_AGENT_SETTINGS: AgentSettings = {
  tone: 'vous',
  style: 'formal',
  companyName: 'Chaud',
  agentName: 'Camille',
  signature: null,
  defaultLanguage: 'fr',
  faq: [
    {
      topic: 'price',
      answer: {
        fr: "Le tarif dépend du périmètre (nombre d'utilisateurs, volume de demandes, options). Un conseiller établit un devis précis après un court échange, sans engagement.",
        en: 'Pricing depends on the scope (number of users, volume of requests, options). An advisor prepares an exact quote after a short call, with no commitment.',
      },
    },
    {
      topic: 'who_are_you',
      answer: {
        fr: "Je suis un assistant automatique de l'équipe commerciale : je pose quelques questions rapides sur le projet, puis une personne de l'équipe prend le relais dès que c'est utile.",
        en: "I'm an automated assistant for the sales team: I ask a few quick questions about your project, then a person from the team takes over whenever it helps.",
      },
    },
    {
      topic: 'data_use',
      answer: {
        fr: "Les informations partagées ici servent uniquement à préparer l'échange avec l'équipe commerciale. Elles ne sont ni revendues ni utilisées à d'autres fins. Il suffit d'écrire STOP pour ne plus recevoir de messages, ou de demander leur suppression à tout moment.",
        en: 'The information shared here is only used to prepare your conversation with the sales team. It is never sold or used for anything else. Reply STOP at any time to stop messages, or ask for it to be deleted.',
      },
    },
  ],
  contentOffer: null,
};

/** A stored value at least this sure counts as answered, even below CONFIRMED_CONFIDENCE: no grilling. */
export const ANSWERED_CONFIDENCE = 0.5;

export type AgentPhase = 'qualifying' | 'offered_slots' | 'slot_chosen' | 'nurture' | 'closed' | 'handoff';

/** Stored as JSON on the conversation: plain values only. */
export interface AgentState {
  phase: AgentPhase;
  language: AgentLanguage;
  /** The BANT field the last question asked for (handed to the NLU so "20k" or "3 mois" answers it). */
  expectedSlot: BantField | null;
  askedCount: Record<BantField, number>;
  /** Unclear turns in a row; the second one hands over to a person. */
  lowConfidenceStreak: number;
  /** ISO instants of the booking slots offered, at most once per conversation. */
  offeredSlots: string[];
  chosenSlot: string | null;
  /** Replies that named a time not among the offered slots; the second one hands booking to a person. */
  slotChoiceMisses: number;
  /** Why the conversation was closed: only a lead who declined (not one who opted out) may still ask for a person. */
  closedBy: 'opt_out' | 'not_interested' | null;
  followUpsSent: number;
  /** Lead messages handled so far (also picks phrase variants, so replies are stable in tests). */
  turns: number;
}

export interface KnownValue<T> {
  value: T;
  confidence: number;
}

/** The BANT values currently stored for the lead. */
export type KnownBant = { [F in BantField]?: KnownValue<BantValueByField[F]> };

export interface AgentChoice {
  id: string;
  title: string;
}

export type AgentReply =
  | { kind: 'text'; text: string }
  | { kind: 'choices'; text: string; choices: AgentChoice[] };

export type Verdict = 'hot' | 'warm' | 'cold' | 'not_interested';

export type Temperature = 'cold' | 'warm' | 'hot';

export type AgentChannel = 'whatsapp' | 'email' | 'sandbox';

export type BantUpdate = {
  [F in BantField]: { field: F; value: BantValueByField[F]; confidence: number; evidence: string };
}[BantField];

export type TurnEvent =
  | 'opt_out'
  | 'handoff'
  | 'not_interested'
  | 'later'
  | 'slot_chosen'
  | 'faq'
  | 'greeting'
  | 'answer'
  | 'unclear';

export type HandoffReason = 'requested' | 'low_confidence' | 'negative_sentiment' | 'out_of_scope';

export interface TurnInterpretation {
  /** Values to record (the caller records them, then passes the updated `known` to composeReply). */
  bantUpdates: BantUpdate[];
  event: TurnEvent;
  handoffReason: HandoffReason | null;
  faqTopic: string | null;
  /** ISO instant, one of `state.offeredSlots`. */
  chosenSlot: string | null;
  language: AgentLanguage;
  /** The lead's words behind an opt-out, handoff, refusal or "later" (verdict reason, audit trail). */
  evidence: string | null;
  /** The lead switched language or asked to: the next question is repeated, not counted as a new ask. */
  isLanguageChange: boolean;
  /** Slots were offered and the lead turned them all down ("aucun ne me va"): a person finds a time. */
  declinedSlots: boolean;
  /** Slots were offered and the lead named a time that is not one of them: they are shown again. */
  slotChoiceMissed: boolean;
  state: AgentState;
}

export interface AgentDecision {
  /** 1 to 3 messages; none only when the conversation is closed (opt-out) or a person has taken over. */
  replies: AgentReply[];
  state: AgentState;
  /** A new verdict this turn; null leaves the stored one as it is. */
  verdict: Verdict | null;
  verdictReason: string | null;
  handoff: { reason: string } | null;
  optOut: boolean;
  /** True while a question waits for an answer: plan a silence follow-up. */
  scheduleFollowUp: boolean;
  closeConversation: boolean;
}

export interface AgentLead {
  firstName: string | null;
}
