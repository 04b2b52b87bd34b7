/**
 * The classifier's intent checked against what the rules read in the same message. nlp.js
 * weighs single words: "on a besoin d'un outil" leans to not_interested ("besoin" is in "pas
 * besoin"), "budget 5k" to ask_price, "au printemps" to ask_human. When the message plainly states
 * a need, a BANT fact, a price question or a refusal of the offered slots, that reading wins.
 */
import type { ClassifiedIntent, Intent } from './intent-classifier.ts';
import { foldKeepingOffsets } from './text-normalization.ts';

export interface IntentEvidence {
  /** A need stated with words of need ("on cherche", "we need"), not a bare answer. */
  statesNeed: boolean;
  /** A budget said with budget words, or with a currency and "around" (confidence ≥ 0.7). */
  statesBudget: boolean;
  statesTimeline: boolean;
  /** The words the timeline was read from ("dans 4 à 5 mois"), to tell a bare answer from a delay. */
  timelineEvidence?: string | null;
  statesAuthority: boolean;
  /** The handoff rules (not the classifier) found a request for a person. */
  asksForPersonByRule: boolean;
}

// The confidence given to an intent the rules decided: surer than the classifier's floor, below a rule opt-out's 1.
export const RULE_INTENT_CONFIDENCE = 0.8;

const QUESTION_START =
  /^(?:(?:bonjour|bonsoir|salut|hello|hi|hey)\W+)?(?:qui|que|qu'|quoi|quel\w*|quand|comment|combien|pourquoi|est-ce|est ce|c'est (?:combien|quoi)|ca coute|vous (?:avez|faites|etes)|avez-vous|pouvez|peux|y a-t-il|who|what\w*|when|how|which|do|does|is|are|can|could)\b/;
const isQuestion = (folded: string): boolean => folded.includes('?') || QUESTION_START.test(folded.trim());

const PRICE_WORDS =
  /\b(?:combien(?!\s+(?:de|d')\s*(?:temps|jours?|semaines?|mois|personnes?|gens|salaries|commerciaux|leads?|utilisateurs?|users?|messages?))|cb|prix|tarif\w*|cout\w*|coute\w*|cher(?:e|s)?(?!\s+(?:monsieur|madame|client\w*|ami\w*|collegue\w*|partenaire\w*|m\.|mme))|payant\w*|gratuit\w*|abonnement\w*|devis|prices?|pricing|costs?|costing|how much(?!\s+time)|expensive|cheap\w*|free trial|rates|quote|fees?|subscription\w*)\b/;

/** "c'est combien votre solution ?", "Bonjour, quels sont vos tarifs ?", "how much is it?" */
export function isPriceQuestion(text: string): boolean {
  const folded = foldKeepingOffsets(text);
  return PRICE_WORDS.test(folded) && isQuestion(folded);
}

// "none of these work for me", "aucun ne me convient", "ça ne m'arrange pas": the lead turns an offer down.
const DECLINE =
  /^(?:none|neither|nope,? none|aucun(?:e)?(?=\s+(?:ne|n'|de (?:ces|vos|tes)|des|d'entre|creneau|horaire|date|jour)|\s*[,.!]|$)|ni l'un ni l'autre)|\b(?:none of (?:these|those|them|the|your)|neither of|aucun(?:e)? (?:de|des) (?:ces|vos|tes|creneaux|horaires|dates)|(?:doesn'?t|don'?t|won'?t|does not|do not|will not|can'?t|cannot) (?:really )?(?:work|suit|fit)|(?:ne|n') ?(?:me |m'|nous )?(?:convien\w*|va|vont|arrange\w*) pas)/;

// A refusal in so many words: not_interested stands even next to a need ("on a déjà un outil de relance").
const REFUSAL =
  /\b(?:pas interess\w*|interess\w* pas|not interested|no thanks|non merci|pas besoin|no need|don'?t need|pas pour nous|not for us|deja (?:un|une|des|equipe\w*|choisi|signe|trouve)|already (?:have|use|using|got|chose|signed|went|found)|concurrent|competitor|laisse tomber|(?:projet|project)\s+(?:est\s+|a ete\s+|was\s+|has been\s+|is\s+)?(?:abandonn\w*|cancell?ed|dropped)|on abandonne|we'?re dropping|i'?ll pass|je passe|pas donner suite|ne donner\w* pas suite|won'?t (?:be moving|pursue|go ahead)|aucun interet|zero interest|ne correspond\w* pas|correspond\w* pas|doesn'?t (?:fit|match)|not what we)\b/;

// Words of delay: with them a timeline is when to come back ("recontacte-moi dans 6 mois"), not an answer.
const DELAY =
  /\b(?:pas maintenant|pas le moment|pas pour (?:l'instant|le moment)|plus tard|un autre moment|recontact\w*|revenez|reviens|reviendr\w*|relance[zr]?[- ]moi|rappele[zr]?[- ]moi|not now|not right now|later|not the right time|bad timing|get back to me|another time|not at the moment|reach out|follow up|circle back|ping me|contact me|write to me|pas tout de suite|not yet|on verra|we'?ll see|reparl\w*|rediscut\w*|talk again|speak again|let'?s talk|touch base|reconnect|revisit|come back|revenir|repouss\w*|postpon\w*|report\w*|gel\w*|frozen|trop tot|too early|vacances|conges|holidays?|vacation|swamped|deborde\w*|busy|occupe\w*|en deplacement|travell?ing)\b/;

// Words that ask to move a meeting: without them "vendredi 10h svp" picks a time, it moves nothing.
const RESCHEDULE =
  /\b(?:decal\w*|report\w*|repouss\w*|deplac\w*|annul\w*|reprogramm\w*|changer|modifier|avancer|autre (?:creneau|horaire|date|jour|moment)|plutot|empechement|imprevu|ne (?:pourrai|serai|peux) (?:pas|plus)|plus dispo|move|moving|postpone|reschedul\w*|cancel\w*|push|another (?:time|slot|day)|instead|can'?t (?:make|do|be)|won'?t be (?:there|available|free)|not free|came up|conflict|anymore|ne me (?:va|convient) plus|late)\b/;

const LEADING_YES =
  /^(?:oui|ouais|ouai|yes|yep|yeah|yup|ok|okay|oki|d'accord|daccord|dac|sure|of course|bien sur|absolument|absolutely|exactement|exactly|tout a fait|parfait|perfect|ca marche|carrement|volontiers|entendu|certainement|effectivement|correct|indeed|c'est (?:ca|bien ca|moi|bien moi)|that'?s (?:right|me|it)|it'?s me)\b/;
const LEADING_NO =
  /^(?:non|no(?! (?:more|less|later|sooner|earlier|longer) than)|nope|nan|nah|pas vraiment|pas du tout|not really|not at all|negatif|negative|jamais|never|aucun\w*|none|neither)\b/;

const PRODUCT =
  /\b(?:outil\w*|logiciel\w*|solution\w*|plateforme\w*|appli\w*|crm|erp|chatbot\w*|bot|widget\w*|tools?|software|platform\w*|apps?|system\w*|systeme\w*|saas|automat\w*|leads?|prospects?)\b/;

const wordCount = (text: string): number => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
/** How many words the message has besides the timeline it states. */
const wordsBesides = (folded: string, evidence: string | null | undefined): number =>
  wordCount(folded) - (evidence ? wordCount(evidence) : 0);

type Check = (folded: string, classified: Intent | 'unknown', evidence: IntentEvidence) => boolean;

// Intents a stated fact outweighs, each with the words that would make the classifier right after all.
const OUTWEIGHED_BY_FACTS: Partial<Record<Intent | 'unknown', Check>> = {
  unknown: () => true,
  greeting: () => true,
  // "je cherche un plombier" is off topic; a product, a budget or a date is not.
  out_of_scope: (folded, _intent, evidence) =>
    evidence.statesBudget || evidence.statesTimeline || evidence.statesAuthority || PRODUCT.test(folded),
  // Not an opt-out by the rules nor by a sure classifier: a misreading (the rules run first).
  stop: () => true,
  // "oui, dans 3 mois" is a yes with a fact; "ds 1 mois max" or "sûrement pas avant un an" is the fact alone.
  affirm: (folded) => !LEADING_YES.test(folded),
  deny: (folded) => !LEADING_NO.test(folded),
  ask_human: (_folded, _intent, evidence) => !evidence.asksForPersonByRule,
  reschedule: (folded) => !RESCHEDULE.test(folded),
  not_interested: (folded) => !REFUSAL.test(folded),
  // "dans 4 à 5 mois" answers when; "pas maintenant, dans 6 mois" or "on en reparle en mars" puts the talk off.
  not_now: (folded, _intent, evidence) =>
    !DELAY.test(folded) && !REFUSAL.test(folded) && wordsBesides(folded, evidence.timelineEvidence) <= 3,
  // "budget 5k" states a budget; "I'd like to know the price" still asks one.
  ask_price: (folded) => !isQuestion(folded) && !PRICE_WORDS.test(folded),
  // "c'est ma responsable qui valide" names who decides; "c'est qui ?" asks.
  ask_who: (folded) => !isQuestion(folded),
};

const rule = (intent: Intent, classified: ClassifiedIntent): ClassifiedIntent => ({
  intent,
  confidence: Math.max(RULE_INTENT_CONFIDENCE, intent === classified.intent ? classified.confidence : 0),
});

/** The intent to act on: the classifier's, unless the message's own words say otherwise. */
export function reconcileIntent(
  text: string,
  classified: ClassifiedIntent,
  evidence: IntentEvidence,
): ClassifiedIntent {
  const folded = foldKeepingOffsets(text).trim();
  const intent = classified.intent;
  if (
    isPriceQuestion(text) &&
    !['ask_price', 'ask_who', 'ask_human', 'not_interested', 'not_now'].includes(intent)
  )
    return rule('ask_price', classified);
  if (DECLINE.test(folded) && ['affirm', 'unknown', 'inform', 'greeting', 'out_of_scope'].includes(intent))
    return rule('deny', classified);
  const statesFacts =
    evidence.statesNeed || evidence.statesBudget || evidence.statesTimeline || evidence.statesAuthority;
  if (statesFacts && OUTWEIGHED_BY_FACTS[intent]?.(folded, intent, evidence))
    return rule('inform', classified);
  return classified;
}
