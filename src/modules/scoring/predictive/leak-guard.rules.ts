import {
  binColumn,
  buildFeatureSpec,
  countBins,
  isNumericColumn,
  parseNumeric,
  toCategoryKey,
} from './feature-binning.rules.ts';
import { computeAuc } from './metrics.rules.ts';

/**
 * Which columns may the model learn from? A lead model must only use what is known when the lead
 * arrives. Columns filled later (a sales rep's tags, a "lead quality" judged after a call, the
 * last activity so far) make the evaluation look brilliant and the model useless on new leads.
 * Nothing in the data says when a column was filled, so the guard combines three kinds of
 * evidence, each explained in its reason:
 *  1. Too good to be true: the column alone ranks the outcome with an out-of-fold AUC >= 0.9, or
 *     one of its values covers >= 5% of the rows and is >= 98.5% one class. Real arrival data
 *     (source, country, job) is never that clean; a disposition field is.
 *  2. Identifier-like: text unique on >= 95% of rows, whole numbers all distinct in a dense
 *     sequence, or a name saying id/number/email/phone with mostly unique values. They carry no transferable signal, and sequential ids
 *     encode the arrival date, which drifts.
 *  3. A name that CRMs use for fields filled after contact or judged by someone: tags, score,
 *     quality, profile, status, stage, rating, index, last/notable activity, reason, outcome…
 *     The brief of issue 4 treats these as suspect by default; a short list of personal
 *     attributes that are known on arrival ("credit score", "marital status", "employment
 *     status"…) is spared, because dropping them would cost real accuracy.
 * `--keep` overrides all three; `--exclude` drops a column whatever it holds.
 */

export type ExcludedColumn = { column: string; reason: string };
export type GuardOptions = { exclude?: string[]; keep?: string[]; ignore?: string[] };

const PERFECT_AUC = 0.9;
const PURE_VALUE_SHARE = 0.05;
const PURE_VALUE_RATE = 0.985;
const UNIQUE_SHARE = 0.95;

const AFTER_CONTACT_NAME =
  /\b(tags?|score|scores|scoring|quality|profile|status|stage|rating|grade|index|outcome|result|reason|disposition|closed?|won|lost|last activity|notable activity|last contact|last action|next step|follow ?up)\b/;
const ARRIVAL_ATTRIBUTE =
  /\b(credit (score|rating|grade)|fico|(marital|employment|job|work|occupation|student|family|residency|citizenship|housing|smoking|health|relationship|visa|immigration) status|body mass index|bmi)\b/;
const IDENTIFIER_NAME =
  /\b(id|ids|uuid|guid|key|number|no|num|ref|reference|email|e mail|phone|mobile|name)\b/;

function wordsOf(name: string): string {
  // "LeadScore", "lead_score", "Lead-Score" all read as "lead score".
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Out-of-fold AUC of the column alone: per-bin positive rates learnt on the other folds. */
export function computeSingleColumnAuc(
  values: (string | null)[],
  labels: ArrayLike<number>,
  folds: Int32Array,
  foldCount: number,
): number {
  const scores = new Float64Array(values.length);
  for (let fold = 0; fold < foldCount; fold++) {
    const trainValues = values.filter((_, i) => folds[i] !== fold);
    const spec = buildFeatureSpec('column', trainValues);
    const bins = binColumn(spec, values);
    const positives = new Float64Array(countBins(spec));
    const totals = new Float64Array(countBins(spec));
    let overallPositives = 0;
    let overall = 0;
    for (let i = 0; i < values.length; i++) {
      if (folds[i] === fold) continue;
      positives[bins[i]!]! += labels[i]!;
      totals[bins[i]!]!++;
      overallPositives += labels[i]!;
      overall++;
    }
    const prior = overallPositives / Math.max(1, overall);
    // Ten rows' worth of prior keeps a bin seen twice from scoring 0% or 100%.
    for (let i = 0; i < values.length; i++) {
      if (folds[i] !== fold) continue;
      const bin = bins[i]!;
      scores[i] = (positives[bin]! + 10 * prior) / (totals[bin]! + 10);
    }
  }
  return computeAuc(scores, labels);
}

function findPureValue(values: (string | null)[], labels: ArrayLike<number>): string | null {
  const stats = new Map<string, { count: number; positives: number; label: string }>();
  let positives = 0;
  values.forEach((value, i) => {
    positives += labels[i]!;
    const key = value === null ? '\u0000missing' : toCategoryKey(value);
    const entry = stats.get(key) ?? { count: 0, positives: 0, label: value ?? '(blank)' };
    entry.count++;
    entry.positives += labels[i]!;
    stats.set(key, entry);
  });
  const baseRate = positives / Math.max(1, values.length);
  for (const entry of stats.values()) {
    if (entry.count < Math.max(30, PURE_VALUE_SHARE * values.length)) continue;
    const rate = entry.positives / entry.count;
    // Purity only surprises when the class is not already the near-universal one.
    if (rate >= PURE_VALUE_RATE && baseRate < PURE_VALUE_RATE) {
      return `"${entry.label}" covers ${((100 * entry.count) / values.length).toFixed(0)}% of rows and ${(100 * rate).toFixed(1)}% of them are positive`;
    }
    if (1 - rate >= PURE_VALUE_RATE && 1 - baseRate < PURE_VALUE_RATE) {
      return `"${entry.label}" covers ${((100 * entry.count) / values.length).toFixed(0)}% of rows and ${(100 * (1 - rate)).toFixed(1)}% of them are negative`;
    }
  }
  return null;
}

function describeIdentifier(name: string, values: (string | null)[]): string | null {
  const present = values.filter((value): value is string => value !== null);
  if (present.length < 0.5 * values.length || present.length === 0) return null;
  const distinct = new Set(present.map(toCategoryKey)).size;
  const uniqueShare = distinct / present.length;
  const isNumeric = isNumericColumn(present);
  const isWholeNumbers = isNumeric && present.every((value) => Number.isInteger(parseNumeric(value)));
  if (uniqueShare >= UNIQUE_SHARE && !isNumeric) {
    return `identifier-like: ${(100 * uniqueShare).toFixed(0)}% of values are unique`;
  }
  // Whole numbers unique by chance are common in small files (budgets, amounts); a numbering is
  // unique without exception and dense: its range is within a few hundred times the row count.
  if (isWholeNumbers && distinct === present.length) {
    const numbers = present.map((value) => parseNumeric(value)!);
    const range = Math.max(...numbers) - Math.min(...numbers);
    if (range <= 100 * present.length)
      return 'identifier-like: whole numbers, all distinct, in a dense sequence';
  }
  if (IDENTIFIER_NAME.test(wordsOf(name)) && uniqueShare >= 0.5) {
    return `identifier-like name with ${(100 * uniqueShare).toFixed(0)}% unique values`;
  }
  return null;
}

/** Reason to leave a column out, or null to learn from it. */
export function judgeColumn(
  name: string,
  values: (string | null)[],
  labels: ArrayLike<number>,
  folds: Int32Array,
  foldCount: number,
): string | null {
  const distinct = new Set(values.filter((value) => value !== null).map((value) => toCategoryKey(value!)));
  if (distinct.size === 0) return 'empty: no value in any row';
  if (distinct.size === 1)
    return `constant: every filled row says "${values.find((value) => value !== null)}"`;
  const identifier = describeIdentifier(name, values);
  if (identifier) return identifier;
  const auc = computeSingleColumnAuc(values, labels, folds, foldCount);
  if (auc >= PERFECT_AUC)
    return `leak suspected: predicts the label almost alone (out-of-fold AUC ${auc.toFixed(3)})`;
  const pure = findPureValue(values, labels);
  if (pure) return `leak suspected: ${pure}`;
  const words = wordsOf(name);
  const suspicious = AFTER_CONTACT_NAME.exec(words);
  if (suspicious && !ARRIVAL_ATTRIBUTE.test(words)) {
    return `likely filled after contact: name says "${suspicious[0]}" (out-of-fold AUC alone ${auc.toFixed(3)})`;
  }
  return null;
}

/**
 * Splits the columns into features and excluded columns. `ignore` (label, time column) are
 * neither. `labels` and `folds` cover the labelled rows that `columns` hold.
 */
export function guardColumns(
  columns: { name: string; values: (string | null)[] }[],
  labels: ArrayLike<number>,
  folds: Int32Array,
  foldCount: number,
  options: GuardOptions,
): { features: string[]; excluded: ExcludedColumn[] } {
  const exclude = new Set(options.exclude ?? []);
  const keep = new Set(options.keep ?? []);
  const ignore = new Set(options.ignore ?? []);
  const features: string[] = [];
  const excluded: ExcludedColumn[] = [];
  for (const { name, values } of columns) {
    if (ignore.has(name)) continue;
    if (exclude.has(name)) {
      excluded.push({ column: name, reason: 'excluded with --exclude' });
      continue;
    }
    const reason = keep.has(name) ? null : judgeColumn(name, values, labels, folds, foldCount);
    if (reason) excluded.push({ column: name, reason });
    else features.push(name);
  }
  return { features, excluded };
}
