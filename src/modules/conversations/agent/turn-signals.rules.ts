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

// "Bonjour, est-ce que…", "Hi, do you…": the greeting is not the question's opening.
const LEADING_GREETING =
  /^(?:(?:bonjour|bonsoir|salut|coucou|hello|hi|hey|good (?:morning|afternoon|evening))(?: [\p{L}-]+)?[,!.]\s*)+/u;
// "faites-vous", "s'intègre-t-il", "peux-tu": a French inverted question ("rendez-vous" is not one).
const INVERTED_QUESTION = /\b(?!rendez\b)[\p{L}']+-(?:vous|tu|t-(?:il|elle|on)|ils|elles)\b/u;

/** Ends with "?" (emoji or spaces after it allowed), opens with a question word (after a greeting), or is inverted. */
export function isQuestion(text: string): boolean {
  if (/\?(?:\s|\p{Extended_Pictographic}|\uFE0F)*$/u.test(text.trim())) return true;
  const folded = foldMessage(text);
  return QUESTION_START.test(folded.replace(LEADING_GREETING, '')) || INVERTED_QUESTION.test(folded);
}

const YES =
  /^(?:oui|ouais|ouai|yes|yep|yeah|yup|si|absolument|exactement|effectivement|bien sur|tout a fait|affirmatif|c'est moi|c'est bien moi|je pense que oui|je crois que oui|sure|of course|correct|indeed|that's me|it's me|i think so|i believe so)\b/;
const NO =
  /^(?:non|no|nope|nan|pas moi|pas vraiment|pas du tout|negatif|je ne pense pas|je pense que non|je crois que non|not really|not me|not at all|i don't think so)\b/;

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

const NUMBER_WORD =
  '\\d+(?:[.,]\\d+)?|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quelques|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|few|couple of';
const TIME_SPAN = new RegExp(
  `\\b(?:(?:${NUMBER_WORD})(?:\\s*(?:a|or|ou|-|to)\\s*(?:\\d+|${NUMBER_WORD}))?\\s*(?:jours?|semaines?|mois|ans?|annees?|trimestres?|days?|weeks?|months?|years?|quarters?)|printemps|(?:cet |l'|en )ete|automne|hiver|spring|summer|autumn|winter|janvier|fevrier|avril|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|april|june|july|august|september|october|november|december|(?:mois|annee|trimestre|semaine) prochaine?|next (?:week|month|quarter|year))\\b`,
);

/** The message names a time span or a period ("dans 4 à 5 mois", "in a year", "au printemps"): not a bare "later". */
export function mentionsTimeSpan(folded: string): boolean {
  return TIME_SPAN.test(folded);
}

const DECLINES_OFFER =
  /\b(?:aucune?(?! (?:souci|probleme|doute|soucis|problemes)\b)|none|neither|autre (?:creneau|horaire|moment|jour|date)|(?:other|another|different) (?:time|slot|day)|pas dispo\w*|not available|can't make|cannot make|can't do|ne peux pas|ne (?:me )?conv\w+ pas|don't work|doesn't work|won't work)\b/;

/** The lead turns the offered times down ("aucun ne me convient", "none of these work for me"). */
export function declinesOffer(folded: string): boolean {
  return DECLINES_OFFER.test(folded);
}

const OTHER_DECIDER =
  /\b(?:(?:mon|ma|mes|notre|nos|my|our) (?:manager|managers|boss|patron|patronne|associe|associee|associes|direction|directeur|directrice|dg|pdg|ceo|partner|partners|board|superieur|superieure|responsable|chef|n\+1|hierarchie|founder|cofounder|co-founder|fondateur|gerant|gerante)|(?:la|le|the) (?:direction|board|management|hierarchie|comite))\b/;

/** Someone else is named as deciding or approving ("mon associé", "my boss"): the lead is not the sole decider. */
export function namesOtherDecider(folded: string): boolean {
  return OTHER_DECIDER.test(folded);
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
// The classifier's catch-alls: a question under one of them may still be about a known topic.
const CATCH_ALL_INTENTS = new Set(['greeting', 'out_of_scope', 'unknown']);
const PRICE_QUESTION = /\b(?:combien|prix|tarif\w*|how much|price\w*|pricing|cost\w*)\b/;

/**
 * The FAQ topic a question is about, whether or not the workspace answers it (the caller checks):
 * data use by its words, then the workspace's own topics by their keywords, then price and
 * identity by the classifier's intent confirmed by a word or a question mark. The classifier often
 * files "Bonjour, vous vous intégrez à HubSpot" under greeting: a topic named in a message that
 * states nothing else (`statesFacts` false) is asked about whatever the intent.
 */
export function detectFaqTopic(
  text: string,
  intent: string,
  faq: readonly FaqEntry[],
  options: { statesFacts?: boolean } = {},
): string | null {
  const folded = foldMessage(text);
  const asks = isQuestion(text);
  if (DATA_USE.test(folded) && (asks || OWN_DATA.test(folded))) return 'data_use';
  const custom = faq.find(
    (entry) =>
      !STANDARD_TOPICS.has(entry.topic) && mentionsAny(folded, [entry.topic, ...(entry.keywords ?? [])]),
  );
  const isCatchAll = CATCH_ALL_INTENTS.has(intent);
  const asksCustom =
    asks ||
    intent.startsWith('ask_') ||
    intent === 'out_of_scope' ||
    (isCatchAll && options.statesFacts !== true);
  if (custom && asksCustom) return custom.topic;
  if (intent === 'ask_price' && (PRICE.test(folded) || asks)) return 'price';
  if (isCatchAll && asks && PRICE_QUESTION.test(folded)) return 'price';
  if (intent === 'ask_who' && (IDENTITY.test(folded) || asks)) return 'who_are_you';
  return null;
}
