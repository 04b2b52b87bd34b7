/**
 * Word-level signals the intent classifier does not give, read on folded text (lower case, no
 * accents, straight apostrophes): questions, bare yes/no, "later", corrections, FAQ topics,
 * language requests. Kept small and literal: each one guards a decision of the policy.
 */
import { foldText } from '../../qualification/index.ts';
import type { AgentLanguage, FaqEntry } from './agent.types.ts';

export function foldMessage(text: string): string {
  return foldText(text).replaceAll('’', "'").replace(/\s+/g, ' ').trim();
}

const QUESTION_START =
  /^(?:qui|que|qu'|quoi|quel|quelle|quels|quelles|quand|comment|combien|pourquoi|ou|est-ce|est ce|c'est quoi|pouvez|peux|pourriez|pourrais|avez|as-tu|etes|es-tu|faites|fais-tu|y a-t-il|who|what|what's|when|where|why|how|which|do|does|did|can|could|is|are|will|would|should|have|has)\b/;

/** Ends with "?" (emoji or spaces after it allowed) or opens with a question word. */
export function isQuestion(text: string): boolean {
  if (/\?(?:\s|\p{Extended_Pictographic}|\uFE0F)*$/u.test(text.trim())) return true;
  return QUESTION_START.test(foldMessage(text));
}

const YES =
  /^(?:oui|ouais|ouai|yes|yep|yeah|yup|si|absolument|exactement|effectivement|bien sur|tout a fait|affirmatif|c'est moi|c'est bien moi|sure|of course|correct|indeed|that's me|it's me)\b/;
const NO = /^(?:non|no|nope|nan|pas moi|pas vraiment|pas du tout|negatif|not really|not me|not at all)\b/;

/** A yes or a no opening the message ("non c'est mon associé qui décide" is a no). */
export function leadingYesNo(folded: string): 'yes' | 'no' | null {
  if (NO.test(folded)) return 'no';
  if (YES.test(folded)) return 'yes';
  return null;
}

const LATER =
  /\b(?:pas maintenant|pas le moment|pas pour (?:l'instant|le moment)|plus tard|un autre moment|recontact\w*|revenez|reviens vers|rappelez[- ]moi plus tard|pas dispo\w*|occupe\w*|not now|not right now|later|not the right time|bad time|busy|get back to me|another time|not at the moment|reach out (?:again )?in)\b/;

/** The lead puts the talk off ("pas maintenant", "recontactez-moi plus tard", "not now"). */
export function hasLaterWords(folded: string): boolean {
  return LATER.test(folded);
}

const CORRECTION =
  /\b(?:finalement|en fait|plutot|pardon|correction|je me suis trompe\w*|actually|rather|instead|i meant)\b/;

/** The lead corrects what was just noted: "non, plutôt 20 000 €", "actually, next year". */
export function isCorrection(folded: string): boolean {
  return NO.test(folded) || CORRECTION.test(folded);
}

/** "Can we continue in English?" / "en français svp": the lead names the language to use. */
export function requestedLanguage(folded: string): AgentLanguage | null {
  if (/\b(?:en anglais|in english|english please|speak english|anglais svp|anglais stp)\b/.test(folded))
    return 'en';
  if (/\b(?:en francais|in french|francais svp|francais stp|speak french|french please)\b/.test(folded))
    return 'fr';
  return null;
}

const DATA_USE =
  /\b(?:donnees|data|rgpd|gdpr|vie privee|privacy|informations personnelles|personal (?:information|details)|confidentialite)\b/;
const OWN_DATA = /\b(?:mes|nos|my|our) (?:donnees|data|informations|information|coordonnees|details)\b/;
const PRICE =
  /\b(?:prix|tarif\w*|combien|cout\w*|cher|price\w*|pricing|cost\w*|how much|expensive|abonnement|subscription|devis|quote)\b/;
const IDENTITY =
  /\b(?:qui|who|robot|bot|humain|human|ia|ai|intelligence artificielle|artificial|vrai\w*|real|societe|entreprise|company|vous etes|tu es|are you|you are)\b/;

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function mentionsAny(folded: string, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => {
    const words = foldMessage(phrase.replace(/[_-]+/g, ' '));
    return words.length > 0 && new RegExp(`\\b${escapeRegExp(words)}`).test(folded);
  });
}

const STANDARD_TOPICS = new Set(['price', 'who_are_you', 'data_use']);

/**
 * The FAQ topic a question is about, whether or not the workspace answers it (the caller checks):
 * data use by its words, then the workspace's own topics by their keywords, then price and
 * identity by the classifier's intent confirmed by a word or a question mark.
 */
export function detectFaqTopic(text: string, intent: string, faq: readonly FaqEntry[]): string | null {
  const folded = foldMessage(text);
  const asks = isQuestion(text);
  if (DATA_USE.test(folded) && (asks || OWN_DATA.test(folded))) return 'data_use';
  const custom = faq.find(
    (entry) =>
      !STANDARD_TOPICS.has(entry.topic) && mentionsAny(folded, [entry.topic, ...(entry.keywords ?? [])]),
  );
  if (custom && (asks || intent.startsWith('ask_') || intent === 'out_of_scope')) return custom.topic;
  if (intent === 'ask_price' && (PRICE.test(folded) || asks)) return 'price';
  if (intent === 'ask_who' && (IDENTITY.test(folded) || asks)) return 'who_are_you';
  return null;
}
