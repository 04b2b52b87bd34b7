import { matchNeedCategory, type Need, type NeedCategory } from '../../qualification/index.ts';
import { foldKeepingOffsets } from './text-normalization.ts';

export interface ExtractedNeed {
  value: Need;
  confidence: number;
  evidence: string;
}

export interface NeedExtractionOptions {
  /** The workspace's need categories; the category stays null when none matches (or none is given). */
  needCategories?: readonly NeedCategory[];
  /** The agent has just asked what the lead needs: a plain answer is the need even without "we need". */
  isAnswerToNeedQuestion?: boolean;
}

// Words that open a statement of need, in the lead's own words.
const NEED_OPENERS =
  /\b(?:(?:on|nous|je|j') ?(?:re)?cherch\w*|(?:on|nous|j') ?(?:a|avons|ai|aurait|aurions) besoin (?:de|d')|besoin (?:de|d')|(?:on|nous) (?:voudrait|voudrions|aimerait|aimerions|veut|voulons|souhaite|souhaitons)|je (?:voudrais|souhaite|veux)|j'aimerais|il nous faut|(?:notre |le |l'|mon )(?:probleme|objectif|besoin|enjeu|priorite|souci|but|idee)(?: principal\w*)? (?:c'est|est|serait)|on galere (?:a|avec)|(?:we'?re|we are|i'?m|i am) (?:looking|searching) for|looking for|(?:we|i) (?:need|want|would like|'d like)|we'?re trying to|we are trying to|(?:our|the|my) (?:problem|goal|need|challenge|priority|issue|aim|main need) is|we(?:'re| are)? struggl\w* (?:with|to))\b/;
// What a need opener may also introduce that is no need of the product: a person, a price, a meeting, time to think.
const NOT_A_NEED =
  /^\s*(?:a |au |de |d')?(?:parler|discuter|echanger|talk|speak|chat|ask|check|consult|un devis|a quote|le prix|vos prix|prix|price|pricing|tarifs?|rappel\w*|call|rdv|rendez|meeting|reporter|decaler|annuler|reschedule|move|cancel|me desabonner|unsubscribe|stop|plus de temps|more time|reflechir|think|en parler|voir (?:ca )?avec|demander|to (?:ask|check|talk|speak|think|reschedule|cancel|move))/;

const SENTENCE_END = /[.!?\n]/;

/** The lead's need in their own words: the sentence that states it, from its opening words on. */
export function extractNeed(text: string, options: NeedExtractionOptions = {}): ExtractedNeed | null {
  const folded = foldKeepingOffsets(text);
  const categories = options.needCategories ?? [];
  const match = NEED_OPENERS.exec(folded);
  let start: number;
  let confidence: number;
  if (match && !NOT_A_NEED.test(folded.slice(match.index + match[0].length))) {
    start = match.index;
    confidence = 0.75;
  } else if (
    options.isAnswerToNeedQuestion &&
    (text.match(/[\p{L}]+/gu)?.length ?? 0) >= 3 &&
    !text.trim().endsWith('?')
  ) {
    start = 0;
    confidence = 0.6;
  } else {
    return null;
  }
  const rest = text.slice(start);
  const endOffset = rest.search(SENTENCE_END);
  const sentence = (endOffset < 0 ? rest : rest.slice(0, endOffset)).trim().slice(0, 500);
  if (sentence.length === 0) return null;
  const category = categories.length > 0 ? matchNeedCategory(sentence, categories) : null;
  return {
    value: { text: sentence, category },
    // A sentence that names one of the workspace's categories is a need the company can serve.
    confidence: category ? confidence + 0.05 : confidence,
    evidence: sentence,
  };
}
