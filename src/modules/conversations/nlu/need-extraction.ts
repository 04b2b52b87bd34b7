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
const NEED_OPENERS = new RegExp(
  [
    // "on cherche", "je recherche", "jcherche" (typed fast), "nous cherchons"
    String.raw`(?:on|nous|je|j'|j) ?(?:re)?cherch\w*`,
    String.raw`(?:on|nous|j') ?(?:a|avons|ai|aurait|aurions|aura|aurons)(?: \w+ment| vraiment| aussi| surtout| juste| grand)? besoin (?:de|d')`,
    `besoin (?:de|d')`,
    `(?:on|nous) (?:voudrait|voudrions|aimerait|aimerions|veut|voulons|souhaite|souhaitons|desire|desirons)`,
    `je (?:voudrais|souhaite|souhaiterais|veux)`,
    `j'aimerais`,
    `il (?:nous|me) (?:faut|faudrait)`,
    // Weighing a purchase: "on réfléchit à un outil", "nous envisageons une solution"
    String.raw`(?:on|nous|je) (?:reflechi\w*|pense\w*|songe\w*) (?:a|au|aux) (?=(?:un|une|des|mettre|changer|passer|remplacer|acheter|investir|adopter|deployer|installer|utiliser|prendre|automatiser|nous equiper|s'equiper)\b)`,
    String.raw`(?:on|nous|j') ?(?:envisage\w*|etudi\w*|evalu\w*|compar\w*) (?=(?:un|une|des|l'|la|le|les|plusieurs|different\w*|de (?:changer|passer|remplacer|mettre|prendre|acheter|investir|automatiser|nous equiper|utiliser|adopter|deployer)|d'(?:acheter|investir|automatiser|utiliser|adopter|installer))\b)`,
    String.raw`(?:notre |le |l'|mon )(?:probleme|objectif|besoin|enjeu|priorite|souci|but|idee)(?: principal\w*)? (?:c'est|est|serait)`,
    `on galere (?:a|avec)`,
    // A document that states the need: "Voici notre cahier des charges pour…", "Here's our RFP for…"
    String.raw`(?:(?:voici|voila|ci-joint\w*|en piece jointe|here'?s|here is|attached(?: is)?|please find(?: attached)?|sending you)\s+)?(?:notre |nos |mon |ma |le |la |l'|our |my |the |an |a )?(?:cahier des charges|appel d'offres?|expression de besoins?|rfp|rfi|rfq|request for (?:proposals?|quotes?|information)|brief|specs|specifications|requirements) (?:pour|for|de|du|d'|concernant|about|regarding|on)`,
    String.raw`(?:we'?re|we are|i'?m|i am) (?:\w+ly |just |still )?(?:looking|searching|shopping) (?:for|around for)`,
    `looking for`,
    `(?:we|i)(?:'d| would) (?:like|love)`,
    String.raw`(?:we|i)(?: \w+ly| really| also| just| still| definitely| will|'ll| would|'d| do| may| might)? (?:need|want|require)`,
    // Weighing a purchase: "we're thinking about a chat widget", "we're considering a new CRM"
    String.raw`(?:we'?re|we are|i'?m|i am) (?:thinking|considering|exploring|evaluating|researching|looking into|planning)(?: about| of| on)? (?=(?:a|an|some|new|getting|buying|switching|moving|replacing|adding|implementing|using|setting up|investing|deploying|automating|tools?|software|solutions?|options?|ways?)\b)`,
    `we'?re trying to|we are trying to`,
    `(?:our|the|my) (?:problem|goal|need|challenge|priority|issue|aim|main need) is`,
    String.raw`we(?:'re| are)? struggl\w* (?:with|to)`,
  ]
    .map((opener) => String.raw`\b${opener}`)
    .join('|'),
  'g',
);
// What a need opener may also introduce that is no need of the product: a person, a price, a meeting, time to think.
const NOT_A_NEED =
  /^\s*(?:a |au |de |d')?(?:parler|discuter|echanger|talk|speak|chat(?:ter)? (?:with|to|avec)|ask|check|consult|un devis|a quote|le prix|vos prix|prix|price|pricing|tarifs?|rappel\w*|call|rdv|rendez|meeting|reporter|decaler|annuler|reschedule|move|cancel|me desabonner|unsubscribe|stop|plus de temps|more time|reflechir|think|en parler|voir (?:ca )?avec|demander|etre (?:rappel|recontact|contact)\w*|be (?:called|contacted)|du temps|un peu de temps|time to|(?:voir |see |have |get |book )?(?:une |a )demo\b|(?:a |to )?(?:joindre|reach|contact|get in touch)|un stage|une alternance|un emploi|un job|du travail|un poste|an internship|a job|a position|work\b|en savoir plus|savoir (?:combien|le prix|vos prix|plus)|connaitre (?:le prix|vos (?:prix|tarifs))|plus d'info\w*|des info\w*|more info\w*|some info\w*|to (?:know|learn|find out) (?:more|the price|your pric\w*|how much|what it costs)|to (?:ask|check|talk|speak|chat|think|reschedule|cancel|move|be called|be contacted)\b|(?:it|this|that|them|ca|cela)\b(?! (?:tool|software|platform|solution|kind|sort|type|outil|logiciel)))/;
// "on n'a pas besoin de", "we don't need", "I'm not looking for": a need denied is no need.
// "ce qu'on cherche", "what we're looking for": a relative clause about a need, not one stated.
const RELATIVE_BEFORE = /(?:\bqu'|\bque\s+|\bwhat\s+|\bce dont\s+)$/;
const NEGATED_BEFORE =
  /(?:\b(?:pas|plus|jamais|aucun\w*|not|no|never)|n't|\bdon'?t|\bdo not|\bne)\s+(?:\w+\s+)?$/;

const SENTENCE_END = /[.!?\n]/;

/** The first need opener that is neither denied nor about something else than the product. */
function findOpener(folded: string): RegExpExecArray | null {
  for (const match of folded.matchAll(NEED_OPENERS)) {
    const before = folded.slice(Math.max(0, match.index - 24), match.index);
    if (NEGATED_BEFORE.test(before) || RELATIVE_BEFORE.test(before)) continue;
    if (NOT_A_NEED.test(folded.slice(match.index + match[0].length))) continue;
    return match as RegExpExecArray;
  }
  return null;
}

/** The lead's need in their own words: the sentence that states it, from its opening words on. */
export function extractNeed(text: string, options: NeedExtractionOptions = {}): ExtractedNeed | null {
  const folded = foldKeepingOffsets(text);
  const categories = options.needCategories ?? [];
  const match = findOpener(folded);
  let start: number;
  let confidence: number;
  if (match) {
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
