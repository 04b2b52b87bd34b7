import type { BinnedData } from './gradient-boosting.rules.ts';
import { MISSING_BIN } from './feature-binning.rules.ts';

/**
 * The baseline CRMs ship (Odoo's predictive lead scoring): for every column value, how often
 * leads with it were won versus lost, Laplace-smoothed, multiplied across columns as if they were
 * independent. Numeric columns are cut into about ten equal-count ranges; a blank is a value.
 */

export type NaiveBayesModel = {
  priorLogOdds: number;
  /** Per feature: fine bin → coarse group, and log(P(group|won) / P(group|lost)) per group. */
  groupOfBin: number[][];
  logRatios: number[][];
};

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

export function fitNaiveBayes(data: BinnedData, labels: ArrayLike<number>, rows: number[]): NaiveBayesModel {
  let positives = 0;
  for (const row of rows) positives += labels[row]!;
  const negatives = rows.length - positives;
  const groupOfBin: number[][] = [];
  const logRatios: number[][] = [];
  data.columns.forEach((column, feature) => {
    const binCount = data.binCounts[feature]!;
    const groups = data.isCategorical[feature]
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
    groupOfBin.push(groups);
    logRatios.push(
      won.map((w, g) =>
        Math.log((w + SMOOTHING) / (positives + SMOOTHING * groupCount)) -
        Math.log((lost[g]! + SMOOTHING) / (negatives + SMOOTHING * groupCount)),
      ),
    );
  });
  return { priorLogOdds: Math.log((positives + 1) / (negatives + 1)), groupOfBin, logRatios };
}

/** Log-odds of each row; the probability is its sigmoid. */
export function predictNaiveBayes(model: NaiveBayesModel, data: BinnedData, rowCount: number): Float64Array {
  const margins = new Float64Array(rowCount).fill(model.priorLogOdds);
  data.columns.forEach((column, feature) => {
    const groups = model.groupOfBin[feature]!;
    const ratios = model.logRatios[feature]!;
    for (let row = 0; row < rowCount; row++) margins[row]! += ratios[groups[column[row]!]!]!;
  });
  return margins;
}
