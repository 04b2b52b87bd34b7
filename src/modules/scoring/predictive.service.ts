import type { AppContext } from '../../platform/context.ts';
import { type Database, inTransaction } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { countScorableLeads } from './grid-editing.service.ts';
import {
  type CsvTable,
  type EvaluationReport,
  evaluateTable,
  type FeatureRow,
  scoreRow,
  type TrainedModel,
  toJsonReport,
  trainModel,
  ZTrainedModel,
} from './predictive/index.ts';
import { predictiveErrors } from './predictive.errors.ts';
import {
  deletePredictionsOfOtherModels,
  isModelActive,
  loadLabelledLeads,
  loadLeadBatch,
  type PredictiveModelRow,
  storeActiveModel,
  upsertPredictions,
} from './predictive.repository.ts';
import {
  chooseEventTypes,
  EVENT_FEATURE_PREFIX,
  EVENT_WINDOW_DAYS,
  type LeadForPrediction,
  OUTCOME_COLUMN,
  outcomeOf,
  toCsvFeatureRow,
  toFeatureRow,
} from './predictive-features.rules.ts';
import type { FeatureNaming } from './predictive-freeze.rules.ts';

/**
 * Training the workspace model (issue 4): on its own leads with a known outcome, or on a CSV.
 * Each training cross-validates first (the figures people read), then fits on every labelled
 * row, replaces the active model and scores every lead of the workspace.
 */

export const MIN_LABELLED_LEADS = 50;
/** Cross-validation needs some of each outcome in every fold; fewer than this says nothing. */
export const MIN_LEADS_PER_OUTCOME = 10;
/** Above this many leads the API refuses to train in the request (409): the CLI does it. */
export const SYNC_TRAINING_MAX_LEADS = 20_000;
const SCORING_BATCH_LEADS = 1_000;
const FACTOR_LIMIT = 5;
const FOLDS = 5;
const SEED = 42;

type TrainingContext = Pick<AppContext, 'db' | 'clock'>;

export interface ModelDto {
  id: string;
  status: 'active' | 'archived';
  createdAt: string;
  trainedOn: Record<string, unknown>;
  metrics: Record<string, unknown>;
}
export interface TrainingResult {
  model: ModelDto;
  /** Leads given a prediction by the new model. */
  scored: number;
}
export interface CsvTrainingInput {
  table: CsvTable;
  file: string;
  label: string;
  positive?: string;
  exclude?: string[];
  keep?: string[];
}

export function toModelDto(row: PredictiveModelRow): ModelDto {
  return {
    id: row.id,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    trainedOn: row.trainedOn,
    metrics: row.metrics,
  };
}

/** The stored JSON back into a model, checked by its contract. */
export function readStoredModel(row: PredictiveModelRow): TrainedModel {
  return ZTrainedModel.parse(row.model);
}

function checkEnoughData(won: number, lost: number): void {
  if (won + lost < MIN_LABELLED_LEADS || Math.min(won, lost) < MIN_LEADS_PER_OUTCOME) {
    throw predictiveErrors.notEnoughData({
      labelled: won + lost,
      won,
      lost,
      minimumLabelled: MIN_LABELLED_LEADS,
      minimumPerClass: MIN_LEADS_PER_OUTCOME,
    });
  }
}

function toTable(rows: FeatureRow[]): CsvTable {
  const columns = Object.keys(rows[0] ?? {});
  return {
    columns,
    rows: rows.map((row) =>
      columns.map((name) => (row[name] === null || row[name] === undefined ? null : String(row[name]))),
    ),
    encoding: 'utf-8',
    delimiter: ',',
  };
}

function toMetrics(report: EvaluationReport): Record<string, unknown> {
  const { label: _label, ...metrics } = toJsonReport(report);
  return metrics;
}

/** Trains on the workspace's labelled leads, stores the model as active and scores every lead. */
export async function trainWorkspaceModel(
  ctx: TrainingContext,
  workspaceId: string,
  options: { maxLeads?: number } = {},
): Promise<TrainingResult> {
  if (options.maxLeads !== undefined) {
    const total = await countScorableLeads(ctx.db, workspaceId);
    if (total > options.maxLeads) throw predictiveErrors.tooLargeForRequest(total, options.maxLeads);
  }
  const labelled = await loadLabelledLeads(ctx.db, workspaceId, EVENT_WINDOW_DAYS);
  const won = labelled.filter((lead) => outcomeOf(lead) === 'won').length;
  checkEnoughData(won, labelled.length - won);
  const eventTypes = chooseEventTypes(labelled);
  const rows = labelled.map((lead) => ({
    ...toFeatureRow(lead, eventTypes),
    [OUTCOME_COLUMN]: outcomeOf(lead),
  }));
  const report = evaluateTable(toTable(rows), {
    label: OUTCOME_COLUMN,
    positive: 'won',
    folds: FOLDS,
    seed: SEED,
  });
  if (report.features.length === 0) throw predictiveErrors.noFeatures(report.excluded);
  const model = trainModel(rows, {
    label: OUTCOME_COLUMN,
    positive: 'won',
    features: report.features,
    seed: SEED,
  });
  const trainedOn = {
    kind: 'workspace' satisfies FeatureNaming,
    leads: labelled.length,
    won,
    lost: labelled.length - won,
    eventWindowDays: EVENT_WINDOW_DAYS,
    eventTypes,
  };
  return storeAndScore(ctx, workspaceId, model, toMetrics(report), trainedOn);
}

/** Trains on a CSV (features = its columns, minus what the leak guard leaves out) and makes it the workspace model. */
export async function trainWorkspaceModelFromCsv(
  ctx: TrainingContext,
  workspaceId: string,
  input: CsvTrainingInput,
): Promise<TrainingResult> {
  const report = evaluateTable(input.table, {
    label: input.label,
    positive: input.positive,
    exclude: input.exclude,
    keep: input.keep,
    folds: FOLDS,
    seed: SEED,
  });
  const won = Math.round(report.rows * report.positiveRate);
  checkEnoughData(won, report.rows - won);
  if (report.features.length === 0) throw predictiveErrors.noFeatures(report.excluded);
  const rows: FeatureRow[] = input.table.rows.map((cells) =>
    Object.fromEntries(input.table.columns.map((name, c) => [name, cells[c] ?? null])),
  );
  const model = trainModel(rows, {
    label: input.label,
    positive: report.label.positive,
    features: report.features,
    seed: SEED,
  });
  const trainedOn = {
    kind: 'csv' satisfies FeatureNaming,
    file: input.file,
    label: input.label,
    positive: report.label.positive,
    rows: report.rows,
    won,
    lost: report.rows - won,
  };
  return storeAndScore(ctx, workspaceId, model, toMetrics(report), trainedOn);
}

async function storeAndScore(
  ctx: TrainingContext,
  workspaceId: string,
  model: TrainedModel,
  metrics: Record<string, unknown>,
  trainedOn: Record<string, unknown>,
): Promise<TrainingResult> {
  const now = ctx.clock.now();
  const stored = await storeActiveModel(ctx.db, {
    id: newId('pmdl', now.getTime()),
    workspaceId,
    model: model as unknown as Record<string, unknown>,
    metrics,
    trainedOn,
    createdAt: now,
  });
  const scored = await scoreWorkspaceLeads(ctx.db, workspaceId, stored, model, now);
  return { model: toModelDto(stored), scored };
}

/** The feature row the model reads for a lead, by how the model was trained. */
export function toModelRow(
  stored: PredictiveModelRow,
  model: TrainedModel,
  lead: LeadForPrediction,
): FeatureRow {
  const names = model.features.map((feature) => feature.name);
  if (stored.trainedOn.kind === 'csv') return toCsvFeatureRow(lead, names);
  const eventTypes = names
    .filter((name) => name.startsWith(EVENT_FEATURE_PREFIX))
    .map((name) => name.slice(EVENT_FEATURE_PREFIX.length));
  return toFeatureRow(lead, eventTypes);
}

/**
 * Scores every lead of the workspace with `stored`, in keyset batches of one transaction each.
 * A batch first checks the model is still the active one: a newer training supersedes this run,
 * which then stops instead of overwriting the newer predictions. Returns the leads scored.
 */
export async function scoreWorkspaceLeads(
  db: Database,
  workspaceId: string,
  stored: PredictiveModelRow,
  model: TrainedModel,
  now: Date,
): Promise<number> {
  const windowDays = stored.trainedOn.kind === 'csv' ? null : EVENT_WINDOW_DAYS;
  let afterId: string | null = null;
  let scored = 0;
  for (;;) {
    const batch = await loadLeadBatch(db, workspaceId, afterId, SCORING_BATCH_LEADS, windowDays);
    if (batch.length === 0) break;
    const predictions = batch.map((lead) => {
      const score = scoreRow(model, toModelRow(stored, model, lead), { limit: FACTOR_LIMIT });
      return {
        leadId: lead.id,
        probability: score.probability,
        factors: score.factors.map((factor) => ({
          ...factor,
          contribution: Math.round(factor.contribution * 1e4) / 1e4,
        })),
      };
    });
    const isCurrent = await inTransaction(db, async (tx) => {
      if (!(await isModelActive(tx, workspaceId, stored.id))) return false;
      await upsertPredictions(tx, workspaceId, stored.id, predictions, now);
      return true;
    });
    if (!isCurrent) return scored;
    scored += batch.length;
    afterId = batch[batch.length - 1]!.id;
    if (batch.length < SCORING_BATCH_LEADS) break;
  }
  await inTransaction(db, async (tx) => {
    if (await isModelActive(tx, workspaceId, stored.id))
      await deletePredictionsOfOtherModels(tx, workspaceId, stored.id);
  });
  return scored;
}
