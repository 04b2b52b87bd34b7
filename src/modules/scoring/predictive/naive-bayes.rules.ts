import { MISSING_BIN } from './feature-binning.rules.ts';
import type { BinnedData } from './gradient-boosting.rules.ts';

/**
 * The baseline CRMs ship. Odoo's predictive lead scoring keeps, per sales team, a table of how
 * many won and how many lost leads had each value of a few discrete lead fields (country, state,
 * language, source, stage, tags, phone and e-mail quality), pads every count a little so that an
 * unseen value never zeroes the product, and multiplies the per-value ratios as if the fields
 * were independent (naive Bayes). It reads no continuous number: amounts, durations and visit
 * counts are not among the fields it offers. `naiveBayes` is that: Laplace-smoothed won/lost
 * frequencies per value of the categorical columns only (a blank is a value, rare values share
 * one "other" count). `naiveBayesBinned` additionally cuts numeric columns into about ten
 * equal-count ranges; it is not what Odoo does and is reported for information only.
 */

export type NaiveBayesModel = {
  priorLogOdds: number;
  /** Features read, as indexes into the binned data. */
  features: number[];
  /** Per feature read: fine bin → coarse group, and log(P(group|won) / P(group|lost)) per group. */
  groupOfBin: number[][];
  logRatios: number[][];
};

export type NaiveBayesVariant = 'categorical' | 'binned';

const SMOOTHING = 1;
const NUMERIC_GROUPS = 10;

/** Merges consecutive numeric bins into ~10 equal-count groups (missing keeps its own). */
function groupNumericBins(column: Uint8Array, binCount: number, rows: number[]): number[] {
  const counts = new Array<number>(binCount).fill(0);
  for (const row of rows) counts[column[row]!]!++;
  const present = rows.length - counts[MISSING_BIN]!;
  const groupOfBin = new Array<number>(binCount).fill(0);
  let group = 1;
  let filled = 0;
  for (let bin = 1; bin < binCount; bin++) {
    groupOfBin[bin] = group;
    filled += counts[bin]!;
    if (filled >= present / NUMERIC_GROUPS && group < NUMERIC_GROUPS) {
      group++;
      filled = 0;
    }
  }
  return groupOfBin;
}

/** Does the data have a column the categorical (Odoo-style) variant can read? */
export function hasCategoricalFeature(data: BinnedData): boolean {
  return data.isCategorical.some(Boolean);
}

/**
 * Fits one variant on `rows`. A table without any categorical column would leave the categorical
 * variant with the prior alone, so it falls back to the binned one (callers report that).
 */
export function fitNaiveBayes(
  data: BinnedData,
  labels: ArrayLike<number>,
  rows: number[],
  variant: NaiveBayesVariant = 'categorical',
): NaiveBayesModel {
  let positives = 0;
  for (const row of rows) positives += labels[row]!;
  const negatives = rows.length - positives;
  const isBinned = variant === 'binned' || !hasCategoricalFeature(data);
  const features: number[] = [];
  const groupOfBin: number[][] = [];
  const logRatios: number[][] = [];
  data.columns.forEach((column, feature) => {
    const isCategorical = data.isCategorical[feature] === true;
    if (!isCategorical && !isBinned) return;
    const binCount = data.binCounts[feature]!;
    const groups = isCategorical
      ? Array.from({ length: binCount }, (_, bin) => bin)
      : groupNumericBins(column, binCount, rows);
    const groupCount = Math.max(...groups) + 1;
    const won = new Array<number>(groupCount).fill(0);
    const lost = new Array<number>(groupCount).fill(0);
    for (const row of rows) {
      const group = groups[column[row]!]!;
      if (labels[row] === 1) won[group]!++;
      else lost[group]!++;
    }
    features.push(feature);
    groupOfBin.push(groups);
    logRatios.push(
      won.map(
        (w, g) =>
          Math.log((w + SMOOTHING) / (positives + SMOOTHING * groupCount)) -
          Math.log((lost[g]! + SMOOTHING) / (negatives + SMOOTHING * groupCount)),
      ),
    );
  });
  return { priorLogOdds: Math.log((positives + 1) / (negatives + 1)), features, groupOfBin, logRatios };
}

/** Log-odds of each row; the probability is its sigmoid. */
export function predictNaiveBayes(model: NaiveBayesModel, data: BinnedData, rowCount: number): Float64Array {
  const margins = new Float64Array(rowCount).fill(model.priorLogOdds);
  model.features.forEach((feature, k) => {
    const column = data.columns[feature]!;
    const groups = model.groupOfBin[k]!;
    const ratios = model.logRatios[k]!;
    for (let row = 0; row < rowCount; row++) margins[row]! += ratios[groups[column[row]!]!]!;
  });
  return margins;
}
