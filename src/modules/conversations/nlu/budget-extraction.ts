import type { Budget } from '../../qualification/index.ts';
import type { Language } from './language-detection.ts';
import { findNoBudget } from './no-budget.rules.ts';
import { type LooseNumber, parseLooseNumber } from './number-parsing.ts';
import { currencyCodeOf, recognizeCurrencies } from './recognizers-text.adapter.ts';
import { foldKeepingOffsets, normalizeSpacing } from './text-normalization.ts';

export interface ExtractedBudget {
  value: Budget;
  confidence: number;
  /** The lead's words the value was read from. */
  evidence: string;
  /** "500 € par mois": BANT keeps the amount; the period is told apart for whoever reads it. */
  period: 'month' | 'year' | null;
}

export interface BudgetExtractionOptions {
  language: Language;
  /** Used when the lead states a budget without a currency ("budget de 20k"); none given: such amounts are skipped. */
  defaultCurrency?: string | null;
  /** The agent has just asked for the budget: an amount needs no word of budget around it. */
  isAnswerToBudgetQuestion?: boolean;
}

// Recognizers-Text unit names (French and English cultures) → ISO 4217, for when it gives no isoCurrency.
const UNIT_CURRENCIES: Record<string, string> = {
  euro: 'EUR',
  dollar: 'USD',
  'dollar états-unis': 'USD',
  'united states dollar': 'USD',
  livre: 'GBP',
  pound: 'GBP',
  'livre britannique': 'GBP',
  'british pound': 'GBP',
  'franc suisse': 'CHF',
  'swiss franc': 'CHF',
  franc: 'CHF',
  'dollar canadien': 'CAD',
  'canadian dollar': 'CAD',
};
const CURRENCY = String.raw`(?:€|\$|£|(?:d')?eur(?:os?)?\b|usd\b|gbp\b|chf\b|dollars?\b|livres?\b|pounds?\b|francs?\b)`;
const MULTIPLIER = String.raw`(?:k(?![a-z])|m(?![a-z])|mille\b|millions?\b|mn\b)`;
const NUMBER = String.raw`\d+(?:[ .,]\d{3})*(?:[.,]\d+)?(?:\s*${MULTIPLIER})?`;
const PART = String.raw`(?:${CURRENCY}\s*)?${NUMBER}(?:\s*${CURRENCY})?`;
const RANGES = [
  new RegExp(String.raw`\b(?:entre|between)\s+(${PART})\s+(?:et|and)\s+(${PART})`, 'g'),
  new RegExp(String.raw`(?:\b(?:de|from)\s+)?(${PART})(?:\s*-\s*|\s+(?:a|to)\s+)(${PART})`, 'g'),
];
const AFTER_BUDGET_WORD = new RegExp(
  String.raw`\b(?:budget\w*|enveloppe|invest\w*|depenser|mettre|allouer|prevu|plafond|max(?:imum)?|jusqu'a|spend|afford|allocate|set aside|up to|ballpark|no more than|not more than|pas plus de|at most|au plus)\b[^.!?\n\d]{0,40}?(${NUMBER})`,
  'g',
);
const BUDGET_WORDS =
  /\b(?:budget\w*|enveloppe|invest\w*|depens\w*|mettre|allou\w*|prevu|plafond|max(?:imum)?|jusqu'a|spend\w*|afford|allocat\w*|set aside|up to|ballpark|no more than|not more than|pas plus de|at most|au plus)\b/g;
// Amounts that are the company's own figures, not what it will spend.
const OTHER_FIGURE_WORDS =
  /\b(?:ca|chiffre d'affaires?|revenue|revenus|turnover|arr|mrr|leve\w*|raised|valo\w*|valuation|salaire|salary)\b/g;
// "budget pour 20 personnes": the number counts something else.
const COUNTED_NOUN =
  /^\s*(?:personnes?|people|users?|utilisateurs?|licences?|seats?|sieges?|mois|months?|jours?|days?|ans?|annees?|years?|semaines?|weeks?|leads?|salaries|employees?|commerciaux|sales|%|h\b|heures?|hours?)/;
const PERIOD =
  /^\s*(?:\/|par|per|a|an|each|every|chaque)?\s*(mois|month|mo|mensuel\w*|monthly|an|annee|year|yr|annuel\w*|yearly|annually)\b/;

// "autour de 40 000 €", "around $40k": the lead weighs what they would spend, a budget in all but name.
const APPROXIMATELY =
  /\b(?:environ|autour d[eu']|aux alentours d[eu']|dans les|a peu pres|approximativement|grosso modo|plutot|around|about|roughly|approximately|approx\.?|circa|something like|more like|closer to|in the region of|ballpark)\s*$|~\s*$/;
// "on paie environ 500 € aujourd'hui": an amount the lead pays elsewhere is no budget.
const PAID_ELSEWHERE =
  /\b(?:pai\w*|pay\w*|coute\w*|cout\w*|cost\w*|factur\w*|charg\w*|currently|actuellement|deja|already|aujourd'hui on|today we|salaire|salary)\b/;

interface Candidate extends ExtractedBudget {
  start: number;
  end: number;
}

function parsePart(part: string) {
  const number = new RegExp(NUMBER).exec(part);
  const parsed = number ? parseLooseNumber(number[0]) : null;
  return parsed ? { ...parsed, currency: currencyCodeOf(new RegExp(CURRENCY).exec(part)?.[0]) } : null;
}

/**
 * A multiplier written once applies to both ends: "entre 10 et 20 k€" is 10 000–20 000, "de 10 à
 * 15 000 €" is 10 000–15 000; "entre 500 et 2k" keeps 500, as 500 is no shorthand for 500 000.
 */
function scaleLowEnd(low: LooseNumber, high: LooseNumber): number {
  if (low.multiplier !== 1) return low.value;
  if (high.multiplier > 1 && low.base < high.base) return low.base * high.multiplier;
  if (high.multiplier === 1 && low.value < 1000 && high.value >= 1000 && low.value * 1000 <= high.value) {
    return low.value * 1000;
  }
  return low.value;
}

function periodAfter(folded: string, end: number): 'month' | 'year' | null {
  const unit = PERIOD.exec(folded.slice(end))?.[1];
  if (!unit) return null;
  return /^(?:mois|month|mo|mensuel|monthly)/.test(unit) ? 'month' : 'year';
}

function nearestDistance(pattern: RegExp, folded: string, start: number, end: number): number | null {
  let nearest: number | null = null;
  for (const match of folded.matchAll(pattern)) {
    const matchEnd = match.index + match[0].length;
    const distance = matchEnd <= start ? start - matchEnd : match.index >= end ? match.index - end : 0;
    if (nearest === null || distance < nearest) nearest = distance;
  }
  return nearest;
}

/** Is the amount at [start, end) a budget, another figure of the company, or said without context? */
function contextOf(
  folded: string,
  start: number,
  end: number,
  isAnswer = false,
): 'budget' | 'other' | 'none' {
  const sentenceStart = Math.max(folded.lastIndexOf('.', start - 2), folded.lastIndexOf('\n', start), 0);
  const window = folded.slice(Math.max(sentenceStart, start - 60), Math.min(folded.length, end + 30));
  const offset = Math.max(sentenceStart, start - 60);
  const budget = nearestDistance(BUDGET_WORDS, window, start - offset, end - offset);
  const other = nearestDistance(OTHER_FIGURE_WORDS, window, start - offset, end - offset);
  if (budget !== null && (other === null || budget <= other)) return 'budget';
  if (other !== null) return 'other';
  return isAnswer ? 'budget' : 'none';
}

function findRanges(
  text: string,
  folded: string,
  defaultCurrency: string | null,
  isAnswer: boolean,
): Candidate[] {
  const found: Candidate[] = [];
  for (const pattern of RANGES) {
    for (const match of folded.matchAll(pattern)) {
      const low = parsePart(match[1]!);
      const high = parsePart(match[2]!);
      if (!low || !high) continue;
      const min = scaleLowEnd(low, high);
      const max = high.value;
      const start = match.index;
      const end = start + match[0].length;
      if (COUNTED_NOUN.test(folded.slice(end))) continue;
      const trailing = new RegExp(String.raw`^\s*(${CURRENCY})`).exec(folded.slice(end))?.[1];
      const stated = low.currency ?? high.currency ?? currencyCodeOf(trailing);
      const context = contextOf(folded, start, end, isAnswer);
      if (context === 'other') continue;
      if (!stated && !(context === 'budget' && (high.multiplier > 1 || max >= 100))) continue;
      const currency = stated ?? defaultCurrency;
      if (!currency || !(min > 0) || min >= max) continue;
      const evidenceEnd = trailing ? end + (folded.slice(end).indexOf(trailing) + trailing.length) : end;
      found.push({
        value: { kind: 'range', min, max, currency },
        confidence: stated ? (context === 'budget' ? 0.9 : 0.8) : 0.7,
        evidence: text.slice(start, evidenceEnd).trim(),
        period: periodAfter(folded, evidenceEnd),
        start,
        end: evidenceEnd,
      });
    }
  }
  return found;
}

// Leads write 30,000, 30.000 and 30 000 alike: commas or dots between groups of exactly three digits
// group thousands ("1.250.000", "$1,200,000"). Spaces replace them one for one, so Recognizers'
// offsets still point into the lead's text.
const prepareForRecognizers = (text: string): string =>
  normalizeSpacing(text).replace(/(?<![\d.,])\d{1,3}(?:[.,]\d{3})+(?![\d]|[.,]\d{3})/g, (number) =>
    number.replace(/[.,]/g, ' '),
  );

function findCurrencyAmounts(
  text: string,
  folded: string,
  language: Language,
  taken: Candidate[],
  isAnswer: boolean,
): Candidate[] {
  if (!/\d|mille|million|thousand|hundred|cents?\b/.test(folded)) return [];
  const found: Candidate[] = [];
  for (const entity of recognizeCurrencies(prepareForRecognizers(text), language)) {
    const start = entity.start;
    const end = entity.end + 1;
    if (taken.some((other) => start < other.end && end > other.start)) continue;
    const amount = Number(entity.resolution?.value);
    const unit = String(entity.resolution?.unit ?? '').toLowerCase();
    const currency: string | undefined = entity.resolution?.isoCurrency ?? UNIT_CURRENCIES[unit];
    if (!Number.isFinite(amount) || amount <= 0 || !currency || entity.resolution?.value == null) continue;
    const context = contextOf(folded, start, end, isAnswer);
    if (context === 'other') continue;
    found.push({
      value: { kind: 'amount', amount, currency },
      // An amount with no word of budget around it may be a price they pay elsewhere: a lead to check.
      confidence: context === 'budget' ? 0.9 : isApproximateBudget(folded, start) ? 0.75 : 0.65,
      evidence: text.slice(start, end),
      period: periodAfter(folded, end),
      start,
      end,
    });
  }
  return found;
}

function isApproximateBudget(folded: string, start: number): boolean {
  if (!APPROXIMATELY.test(folded.slice(Math.max(0, start - 30), start))) return false;
  const sentenceStart = Math.max(
    0,
    ...['.', '!', '?', '\n'].map((mark) => folded.lastIndexOf(mark, start - 1) + 1),
  );
  const sentenceEnd = folded.slice(start).search(/[.!?\n]/);
  const sentence = folded.slice(sentenceStart, sentenceEnd < 0 ? folded.length : start + sentenceEnd);
  return !PAID_ELSEWHERE.test(sentence);
}

// After a budget question any number may be the answer ("20k", "autour de 15 000").
const ANY_NUMBER = new RegExp(String.raw`(?<![\d.,])(${NUMBER})`, 'g');

function findBareAmounts(
  text: string,
  folded: string,
  defaultCurrency: string | null,
  taken: Candidate[],
  isAnswer: boolean,
) {
  const found: Candidate[] = [];
  if (!defaultCurrency) return found;
  for (const match of folded.matchAll(isAnswer ? ANY_NUMBER : AFTER_BUDGET_WORD)) {
    const numberText = match[1]!;
    const start = match.index + match[0].length - numberText.length;
    const end = start + numberText.trimEnd().length;
    if (taken.some((other) => start < other.end && end > other.start)) continue;
    if (COUNTED_NOUN.test(folded.slice(end))) continue;
    const parsed = parseLooseNumber(numberText);
    if (!parsed || parsed.value < 100) continue;
    if (contextOf(folded, start, end, isAnswer) === 'other') continue;
    // "budget prévu pour 2027" names a year, not an amount.
    if (
      parsed.multiplier === 1 &&
      parsed.value >= 1990 &&
      parsed.value <= 2100 &&
      /^\d{4}$/.test(numberText.trim())
    )
      continue;
    found.push({
      value: { kind: 'amount', amount: parsed.value, currency: defaultCurrency },
      confidence: 0.7,
      evidence: text.slice(start, end),
      period: periodAfter(folded, end),
      start,
      end,
    });
  }
  return found;
}

function findNone(text: string, folded: string): Candidate[] {
  const match = findNoBudget(text, folded);
  return match ? [{ value: { kind: 'none' }, period: null, ...match }] : [];
}

/**
 * The budget a message states: a range ("entre 10 et 20 k€", "5-8k€"), an amount ("18 000 €",
 * "budget d'environ 50 000 euros HT"), or none ("pas de budget", "no budget yet"); null when it
 * states none of these. The most confident reading wins; on a tie an amount beats "none".
 */
export function extractBudget(text: string, options: BudgetExtractionOptions): ExtractedBudget | null {
  const folded = foldKeepingOffsets(text);
  const defaultCurrency = options.defaultCurrency?.toUpperCase() ?? null;
  const isAnswer = options.isAnswerToBudgetQuestion ?? false;
  const ranges = findRanges(text, folded, defaultCurrency, isAnswer);
  const amounts = findCurrencyAmounts(text, folded, options.language, ranges, isAnswer);
  const bare = findBareAmounts(text, folded, defaultCurrency, [...ranges, ...amounts], isAnswer);
  const candidates = [...ranges, ...amounts, ...bare, ...findNone(text, folded)];
  const best = candidates.reduce<Candidate | null>((winner, candidate) => {
    if (!winner || candidate.confidence > winner.confidence) return candidate;
    return winner;
  }, null);
  if (!best) return null;
  return { value: best.value, confidence: best.confidence, evidence: best.evidence, period: best.period };
}
