import type { CsvTable } from './csv-table.reader.ts';
import { parseNumeric } from './feature-binning.rules.ts';
import { LabelError, parseLabels } from './label.rules.ts';
import type { ExcludedColumn } from './leak-guard.rules.ts';
import { guardColumns } from './leak-guard.rules.ts';
import { encodeRows, predictLinear } from './logistic-regression.rules.ts';
import type { CalibrationBin, LiftBin } from './metrics.rules.ts';
import {
  assignStratifiedFolds,
  computeAuc,
  computeBrier,
  computeCalibration,
  computeLift,
  sigmoid,
} from './metrics.rules.ts';
import { fitNaiveBayes, hasCategoricalFeature, predictNaiveBayes } from './naive-bayes.rules.ts';
import type { FeatureRow } from './predictive-model.rules.ts';
import { binFeatures, extractColumns, scoreRows, trainModel } from './predictive-model.rules.ts';

/**
 * `chaud model evaluate`: the model and its baselines on the same stratified folds, plus an
 * optional time-ordered holdout. Baselines: L2 logistic, the Odoo-style naive Bayes
 * (categorical columns only), and — for information — naive Bayes with numerics binned too.
 */

export type EvaluateOptions = {
  label: string;
  positive?: string;
  exclude?: string[];
  keep?: string[];
  timeColumn?: string;
  folds?: number;
  seed?: number;
};
export type MetricSet = {
  auc: number;
  brier: number;
  calibration: CalibrationBin[];
  lift: LiftBin[];
  baselines: { logistic: number; naiveBayes: number; naiveBayesBinned: number };
  /** True when no categorical column was left, so `naiveBayes` is the binned variant. */
  isNaiveBayesFallback: boolean;
};
export type HoldoutReport = MetricSet & { column: string; trainRows: number; testRows: number };
export type EvaluationReport = MetricSet & {
  holdout: HoldoutReport | null;
  excluded: ExcludedColumn[];
  rows: number;
  positiveRate: number;
  label: { column: string; positive: string; reason: string; rowsWithoutLabel: number };
  features: string[];
  folds: { count: number; seed: number; modelAuc: number[] };
};

/** Rows handed to the model carry the label as "1"/"0", whatever the file wrote. */
const LABEL_FIELD = '\u0000label';
const HOLDOUT_SHARE = 0.2;

type Predictions = {
  model: Float64Array;
  logistic: Float64Array;
  naiveBayes: Float64Array;
  naiveBayesBinned: Float64Array;
  isNaiveBayesFallback: boolean;
};

/** Trains the model and the baselines on `train` and scores `test`: one shared code path for folds and holdout. */
function fitAndPredict(
  train: FeatureRow[],
  test: FeatureRow[],
  features: string[],
  seed: number,
): Predictions {
  const model = trainModel(train, { label: LABEL_FIELD, positive: '1', features, seed });
  const testColumns = extractColumns(features, test);
  // The model's own linear half is exactly the plain logistic baseline fitted on the same rows.
  const logistic = predictLinear(model.linear, encodeRows(model.features, testColumns, test.length)).map(
    sigmoid,
  );
  const trainData = binFeatures(model.features, extractColumns(features, train));
  const trainLabels = train.map((row) => (row[LABEL_FIELD] === '1' ? 1 : 0));
  const trainRows = trainLabels.map((_, i) => i);
  const testData = binFeatures(model.features, testColumns);
  const predictNaive = (variant: 'categorical' | 'binned') =>
    predictNaiveBayes(fitNaiveBayes(trainData, trainLabels, trainRows, variant), testData, test.length).map(
      sigmoid,
    );
  return {
    model: scoreRows(model, test),
    logistic,
    naiveBayes: predictNaive('categorical'),
    naiveBayesBinned: predictNaive('binned'),
    isNaiveBayesFallback: !hasCategoricalFeature(trainData),
  };
}

function summarise(predictions: Predictions, labels: ArrayLike<number>): MetricSet {
  return {
    auc: computeAuc(predictions.model, labels),
    brier: computeBrier(predictions.model, labels),
    calibration: computeCalibration(predictions.model, labels),
    lift: computeLift(predictions.model, labels),
    baselines: {
      logistic: computeAuc(predictions.logistic, labels),
      naiveBayes: computeAuc(predictions.naiveBayes, labels),
      naiveBayesBinned: computeAuc(predictions.naiveBayesBinned, labels),
    },
    isNaiveBayesFallback: predictions.isNaiveBayesFallback,
  };
}

function runHoldout(
  rows: FeatureRow[],
  labels: Int8Array,
  column: string,
  features: string[],
  seed: number,
): HoldoutReport {
  // Rows without a readable time cannot be placed in the sequence; they are left out of the holdout.
  const timed = rows
    .map((row, index) => ({ index, time: row[column] as string | null }))
    .filter((entry) => entry.time !== null);
  const isNumeric = timed.every((entry) => parseNumeric(entry.time) !== null);
  timed.sort((a, b) =>
    isNumeric
      ? parseNumeric(a.time)! - parseNumeric(b.time)! || a.index - b.index
      : a.time! < b.time!
        ? -1
        : a.time! > b.time!
          ? 1
          : a.index - b.index,
  );
  const cut = Math.floor(timed.length * (1 - HOLDOUT_SHARE));
  const train = timed.slice(0, cut).map((entry) => rows[entry.index]!);
  const testEntries = timed.slice(cut);
  const test = testEntries.map((entry) => rows[entry.index]!);
  const testLabels = testEntries.map((entry) => labels[entry.index]!);
  const predictions = fitAndPredict(train, test, features, seed);
  return { ...summarise(predictions, testLabels), column, trainRows: train.length, testRows: test.length };
}

export function evaluateTable(table: CsvTable, options: EvaluateOptions): EvaluationReport {
  const foldCount = options.folds ?? 5;
  const seed = options.seed ?? 42;
  const labelIndex = table.columns.indexOf(options.label);
  if (labelIndex < 0)
    throw new LabelError(`No column "${options.label}"; the columns are: ${table.columns.join(', ')}.`);
  if (options.timeColumn !== undefined && !table.columns.includes(options.timeColumn)) {
    throw new LabelError(`No time column "${options.timeColumn}".`);
  }
  for (const name of [...(options.exclude ?? []), ...(options.keep ?? [])]) {
    if (!table.columns.includes(name)) throw new LabelError(`No column "${name}" to exclude or keep.`);
  }
  const parsed = parseLabels(
    table.rows.map((row) => row[labelIndex] ?? null),
    options.positive,
  );
  const kept = table.rows.filter((_, i) => parsed.labels[i] !== -1);
  const labels = Int8Array.from(parsed.labels.filter((label) => label !== -1));
  const positives = labels.reduce((sum, y) => sum + y, 0);
  if (positives < foldCount || labels.length - positives < foldCount) {
    throw new LabelError(
      `Too few rows of each class for ${foldCount} folds (${positives} positive, ${labels.length - positives} negative).`,
    );
  }
  const folds = assignStratifiedFolds(labels, foldCount, seed);
  const columns = table.columns.map((name, c) => ({ name, values: kept.map((row) => row[c] ?? null) }));
  const ignore = [options.label, ...(options.timeColumn ? [options.timeColumn] : [])];
  const guard = guardColumns(columns, labels, folds, foldCount, {
    exclude: options.exclude,
    keep: options.keep,
    ignore,
  });
  if (options.timeColumn)
    guard.excluded.push({
      column: options.timeColumn,
      reason: 'time column: orders the holdout, not used as a feature',
    });

  const rows: FeatureRow[] = kept.map((row, i) => {
    const record: FeatureRow = { [LABEL_FIELD]: labels[i] === 1 ? '1' : '0' };
    table.columns.forEach((name, c) => {
      record[name] = row[c] ?? null;
    });
    return record;
  });
  const pooled: Predictions = {
    model: new Float64Array(rows.length),
    logistic: new Float64Array(rows.length),
    naiveBayes: new Float64Array(rows.length),
    naiveBayesBinned: new Float64Array(rows.length),
    isNaiveBayesFallback: false,
  };
  const modelAuc: number[] = [];
  for (let fold = 0; fold < foldCount; fold++) {
    const trainIndexes = rows.map((_, i) => i).filter((i) => folds[i] !== fold);
    const testIndexes = rows.map((_, i) => i).filter((i) => folds[i] === fold);
    const predictions = fitAndPredict(
      trainIndexes.map((i) => rows[i]!),
      testIndexes.map((i) => rows[i]!),
      guard.features,
      seed + fold,
    );
    testIndexes.forEach((row, k) => {
      pooled.model[row] = predictions.model[k]!;
      pooled.logistic[row] = predictions.logistic[k]!;
      pooled.naiveBayes[row] = predictions.naiveBayes[k]!;
      pooled.naiveBayesBinned[row] = predictions.naiveBayesBinned[k]!;
    });
    // Bins are learnt per fold, so one fold could see no categorical column where others do.
    pooled.isNaiveBayesFallback ||= predictions.isNaiveBayesFallback;
    modelAuc.push(
      computeAuc(
        predictions.model,
        testIndexes.map((i) => labels[i]!),
      ),
    );
  }
  return {
    ...summarise(pooled, labels),
    holdout: options.timeColumn ? runHoldout(rows, labels, options.timeColumn, guard.features, seed) : null,
    excluded: guard.excluded,
    rows: rows.length,
    positiveRate: positives / rows.length,
    label: {
      column: options.label,
      positive: parsed.positive,
      reason: parsed.reason,
      rowsWithoutLabel: parsed.missing,
    },
    features: guard.features,
    folds: { count: foldCount, seed, modelAuc },
  };
}
