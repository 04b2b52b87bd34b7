/** The predictive model: training, scoring with reasons, grid points, evaluation against baselines. */
export { type CsvTable, parseCsvBytes, readCsvTable } from './csv-table.reader.ts';
/** Human-readable report and the --json object of `chaud model evaluate`. */
export { formatEvaluationReport, toJsonReport } from './evaluation-report.format.ts';
/** Freeze a model into editable additive points, and total a lead on such a grid. */
export { freezeToGridPoints, POINTS_PER_LOGIT, sumGridPoints } from './grid-points.rules.ts';
/** Raised for an unusable label column (one value, unknown --positive, too few rows). */
export { LabelError } from './label.rules.ts';
export type { ExcludedColumn } from './leak-guard.rules.ts';
/** Cross-validated evaluation of the model and two baselines on a table. */
export {
  type EvaluateOptions,
  type EvaluationReport,
  evaluateTable,
  type HoldoutReport,
  type MetricSet,
} from './model-evaluation.service.ts';
/** Train on labelled rows; score one lead with its top factors, or many at once. */
export {
  type FeatureRow,
  type RowScore,
  type ScoreFactor,
  scoreRow,
  scoreRows,
  type TrainOptions,
  trainModel,
} from './predictive-model.rules.ts';
/** The stored model's contract and its JSON round trip. */
export {
  deserializeModel,
  type GridPoint,
  type GridRule,
  ModelFormatError,
  serializeModel,
  type TrainedModel,
  ZGridPoint,
  ZTrainedModel,
} from './predictive-model.schemas.ts';
