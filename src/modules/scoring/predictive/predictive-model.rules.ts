import { explainMargin, predictMargins } from './boosted-trees.rules.ts';
import { normalizeCell } from './csv-sniffer.rules.ts';
import { binColumn, binValue, buildFeatureSpec, countBins } from './feature-binning.rules.ts';
import type { BinnedData, BoostingOptions } from './gradient-boosting.rules.ts';
import { DEFAULT_BOOSTING, fitBoostedTrees } from './gradient-boosting.rules.ts';
import { distillAdditiveGrid } from './grid-points.rules.ts';
import { parseLabels } from './label.rules.ts';
import {
  encodeRows,
  explainLinear,
  fitLogisticRegression,
  linearBias,
  predictLinear,
} from './logistic-regression.rules.ts';
import { assignStratifiedFolds, sigmoid } from './metrics.rules.ts';
import { chooseBlend } from './platt-scaling.rules.ts';
import type { BoostedTrees, FeatureSpec, TrainedModel } from './predictive-model.schemas.ts';

/** A lead as the model reads it: column name → cell. Blanks and placeholders ("Select") count as missing. */
export type FeatureRow = Record<string, string | number | boolean | null | undefined>;

export type TrainOptions = {
  /** Column holding the outcome. */
  label: string;
  /** Which label value is a success; inferred when absent (see parseLabels). */
  positive?: string;
  /** Columns to learn from; default every column but the label. */
  features?: string[];
  seed?: number;
  boosting?: Partial<BoostingOptions>;
};

export type ScoreFactor = { feature: string; value: string | null; contribution: number };
export type RowScore = {
  probability: number;
  /** log-odds = baseLogit + Σ contributions of all features (the listed factors + otherContribution). */
  logit: number;
  baseLogit: number;
  /** Largest contributions first, in log-odds units; positive raises the probability. */
  factors: ScoreFactor[];
  otherContribution: number;
};

/**
 * Cross-fitting: the training rows are cut into this many stratified parts; each part is held out
 * once to stop one member of the tree ensemble early. The held-out margins (every row exactly once)
 * then fit the blend and the calibration honestly, and the members are averaged (bagging) instead
 * of refitted, which costs no extra training and lowers the variance.
 */
const INNER_FOLDS = 3;
/** Rounds used when the data is too small to hold anything out. */
const SMALL_DATA_ROUNDS = 100;

export function extractColumns(names: string[], rows: FeatureRow[]): (string | null)[][] {
  return names.map((name) => rows.map((row) => normalizeCell(row[name])));
}

export function binFeatures(features: FeatureSpec[], columns: (string | null)[][]): BinnedData {
  return {
    columns: features.map((spec, f) => binColumn(spec, columns[f]!)),
    binCounts: features.map(countBins),
    isCategorical: features.map((spec) => spec.kind === 'categorical'),
  };
}

function countClasses(labels: ArrayLike<number>): { positives: number; negatives: number } {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]!;
  return { positives, negatives: labels.length - positives };
}

/** Trains the blended, calibrated model on labelled rows (rows without a label are skipped). */
export function trainModel(rows: FeatureRow[], options: TrainOptions): TrainedModel {
  const labelled = parseLabels(extractColumns([options.label], rows)[0]!, options.positive);
  const kept = rows.filter((_, i) => labelled.labels[i] !== -1);
  const labels = Int8Array.from(labelled.labels.filter((label) => label !== -1));
  const names = options.features ?? Object.keys(rows[0] ?? {}).filter((name) => name !== options.label);
  const columns = extractColumns(names, kept);
  const features = names.map((name, f) => buildFeatureSpec(name, columns[f]!));
  const data = binFeatures(features, columns);
  const encoded = encodeRows(features, columns, kept.length);
  const seed = options.seed ?? 1;
  const boosting: BoostingOptions = { ...DEFAULT_BOOSTING, seed, ...options.boosting };
  const all = Array.from({ length: kept.length }, (_, i) => i);
  const linear = fitLogisticRegression(features, encoded, labels, all);
  const { positives, negatives } = countClasses(labels);

  let members: BoostedTrees[];
  let blend = { treeWeight: 0.5, scale: 1, offset: 0 };
  // Each held-out part needs a few rows of both classes to say when to stop.
  if (Math.min(positives, negatives) >= 10 * INNER_FOLDS) {
    const parts = assignStratifiedFolds(labels, INNER_FOLDS, seed + 7919);
    const treeMargins = new Float64Array(kept.length);
    const linearMargins = new Float64Array(kept.length);
    members = [];
    for (let part = 0; part < INNER_FOLDS; part++) {
      const train = all.filter((row) => parts[row] !== part);
      const heldOut = all.filter((row) => parts[row] === part);
      const member = fitBoostedTrees(data, labels, train, { ...boosting, seed: seed + part }, heldOut);
      members.push(member);
      const memberMargins = predictMargins(member, data, kept.length);
      const partLinear = predictLinear(fitLogisticRegression(features, encoded, labels, train), encoded);
      for (const row of heldOut) {
        treeMargins[row] = memberMargins[row]!;
        linearMargins[row] = partLinear[row]!;
      }
    }
    blend = chooseBlend(treeMargins, linearMargins, labels);
  } else {
    members = [fitBoostedTrees(data, labels, all, { ...boosting, maxRounds: SMALL_DATA_ROUNDS })];
  }
  const model: TrainedModel = {
    format: 'chaud-predictive-model',
    version: 1,
    label: { column: options.label, positive: labelled.positive },
    features,
    members,
    linear,
    blend,
    grid: { intercept: 0, features: [] },
    training: {
      rows: kept.length,
      positiveRate: positives / Math.max(1, kept.length),
      rounds: members.map((member) => member.trees.length),
    },
  };
  model.grid = distillAdditiveGrid(features, data, computeLogits(model, data, encoded, kept.length));
  return model;
}

/** Average raw margin of the ensemble members. */
function predictEnsemble(members: BoostedTrees[], data: BinnedData, rowCount: number): Float64Array {
  const total = new Float64Array(rowCount);
  for (const member of members) {
    const margins = predictMargins(member, data, rowCount);
    for (let i = 0; i < rowCount; i++) total[i]! += margins[i]! / members.length;
  }
  return total;
}

function computeLogits(
  model: TrainedModel,
  data: BinnedData,
  encoded: ReturnType<typeof encodeRows>,
  rowCount: number,
): Float64Array {
  const treeMargins = predictEnsemble(model.members, data, rowCount);
  const linearMargins = predictLinear(model.linear, encoded);
  const { treeWeight, scale, offset } = model.blend;
  return treeMargins.map(
    (margin, i) => scale * (treeWeight * margin + (1 - treeWeight) * linearMargins[i]!) + offset,
  );
}

/** Calibrated probabilities of many rows at once (the fast path for evaluation). */
export function scoreRows(model: TrainedModel, rows: FeatureRow[]): Float64Array {
  const columns = extractColumns(
    model.features.map((spec) => spec.name),
    rows,
  );
  const logits = computeLogits(
    model,
    binFeatures(model.features, columns),
    encodeRows(model.features, columns, rows.length),
    rows.length,
  );
  return logits.map(sigmoid);
}

/** One lead's probability and the features that pushed it up or down the most. */
export function scoreRow(model: TrainedModel, row: FeatureRow, options: { limit?: number } = {}): RowScore {
  const values = model.features.map((spec) => normalizeCell(row[spec.name]));
  const bins = model.features.map((spec, f) => binValue(spec, values[f] ?? null));
  const tree = { bias: 0, contributions: new Float64Array(model.features.length) };
  for (const member of model.members) {
    const explained = explainMargin(member, (feature) => bins[feature]!, model.features.length);
    tree.bias += explained.bias / model.members.length;
    explained.contributions.forEach((value, f) => {
      tree.contributions[f]! += value / model.members.length;
    });
  }
  const encoded = encodeRows(
    model.features,
    values.map((value) => [value]),
    1,
  );
  const linearTerms = explainLinear(model.linear, encoded, 0, model.features.length);
  const { treeWeight, scale, offset } = model.blend;
  const baseLogit = scale * (treeWeight * tree.bias + (1 - treeWeight) * linearBias(model.linear)) + offset;
  const all: ScoreFactor[] = model.features.map((spec, f) => ({
    feature: spec.name,
    value: values[f] ?? null,
    contribution: scale * (treeWeight * tree.contributions[f]! + (1 - treeWeight) * linearTerms[f]!),
  }));
  const logit = baseLogit + all.reduce((sum, factor) => sum + factor.contribution, 0);
  const ranked = all
    .filter((factor) => factor.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.feature < b.feature ? -1 : 1));
  const factors = ranked.slice(0, options.limit ?? 5);
  const listed = factors.reduce((sum, factor) => sum + factor.contribution, 0);
  return {
    probability: sigmoid(logit),
    logit,
    baseLogit,
    factors,
    otherContribution: logit - baseLogit - listed,
  };
}
