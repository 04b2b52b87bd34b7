import { z } from 'zod';

/** The stored model is a contract (it outlives the code that wrote it), so its shape is checked on load. */

const ZNumericFeature = z.object({
  name: z.string(),
  kind: z.literal('numeric'),
  /** Bin thresholds: value <= edges[k] falls in bin k + 1; bin 0 is "missing". */
  edges: z.array(z.number()),
  /** Winsorising bounds (1st and 99th percentiles) and moments used by the linear model. */
  low: z.number(),
  high: z.number(),
  mean: z.number(),
  deviation: z.number(),
});
export type NumericFeature = z.infer<typeof ZNumericFeature>;

const ZCategoricalFeature = z.object({
  name: z.string(),
  kind: z.literal('categorical'),
  /** Normalised keys (lowercase, single spaces) of the frequent categories, bins 2…; bin 1 is "other". */
  keys: z.array(z.string()),
  /** How each key was usually written, for people. */
  labels: z.array(z.string()),
});
export type CategoricalFeature = z.infer<typeof ZCategoricalFeature>;

const ZFeatureSpec = z.discriminatedUnion('kind', [ZNumericFeature, ZCategoricalFeature]);
export type FeatureSpec = z.infer<typeof ZFeatureSpec>;

/** A leaf has feature -1. `value` is the shrunk Newton step at that node (internal nodes too, for explanations). */
const ZTreeNode = z.object({
  feature: z.number().int(),
  leftBins: z.array(z.number().int().min(0).max(255)),
  left: z.number().int(),
  right: z.number().int(),
  value: z.number(),
});
export type TreeNode = z.infer<typeof ZTreeNode>;

const ZBoostedTrees = z.object({ baseScore: z.number(), trees: z.array(z.array(ZTreeNode)) });
export type BoostedTrees = z.infer<typeof ZBoostedTrees>;

const ZLinearModel = z.object({
  intercept: z.number(),
  weights: z.array(z.number()),
  /** First weight of each feature: numeric features own two (value, missing), categorical ones one per bin. */
  offsets: z.array(z.number().int()),
  /** Mean term of each feature on the training rows, so explanations are relative to an average lead. */
  centers: z.array(z.number()),
});
export type LinearModel = z.infer<typeof ZLinearModel>;

const ZAdditiveGrid = z.object({
  intercept: z.number(),
  features: z.array(
    z.object({
      groupOfBin: z.array(z.number().int()),
      effects: z.array(z.number()),
      counts: z.array(z.number()),
    }),
  ),
});
export type AdditiveGrid = z.infer<typeof ZAdditiveGrid>;

export const ZTrainedModel = z.object({
  format: z.literal('chaud-predictive-model'),
  version: z.literal(1),
  label: z.object({ column: z.string(), positive: z.string() }),
  features: z.array(ZFeatureSpec),
  /** Tree ensembles whose margins are averaged (one per cross-fitting part). */
  members: z.array(ZBoostedTrees).min(1),
  linear: ZLinearModel,
  /** logit = scale · (treeWeight · mean(member margins) + (1 − treeWeight) · linear) + offset. */
  blend: z.object({ treeWeight: z.number().min(0).max(1), scale: z.number(), offset: z.number() }),
  grid: ZAdditiveGrid,
  training: z.object({ rows: z.number().int(), positiveRate: z.number(), rounds: z.array(z.number().int()) }),
});
export type TrainedModel = z.infer<typeof ZTrainedModel>;

const ZGridRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('always') }),
  z.object({ kind: z.literal('missing') }),
  z.object({ kind: z.literal('equals'), value: z.string() }),
  z.object({ kind: z.literal('other'), known: z.array(z.string()) }),
  z.object({ kind: z.literal('range'), above: z.number().nullable(), atMost: z.number().nullable() }),
]);
export type GridRule = z.infer<typeof ZGridRule>;

export const ZGridPoint = z.object({
  feature: z.string(),
  condition: z.string(),
  points: z.number().int(),
  rule: ZGridRule,
});
export type GridPoint = z.infer<typeof ZGridPoint>;

export class ModelFormatError extends Error {
  readonly code = 'MODEL_FORMAT_INVALID';
}

/** JSON text of a trained model (plain data: nothing is lost). */
export function serializeModel(model: TrainedModel): string {
  return JSON.stringify(model);
}

/** Reads a model written by serializeModel; throws ModelFormatError when the JSON is not one. */
export function deserializeModel(json: string): TrainedModel {
  const parsed = ZTrainedModel.safeParse(JSON.parse(json));
  if (!parsed.success) throw new ModelFormatError(`Not a Chaud predictive model: ${parsed.error.message}`);
  const model = parsed.data;
  if (
    model.linear.offsets.length !== model.features.length ||
    model.grid.features.length !== model.features.length
  ) {
    throw new ModelFormatError('Not a Chaud predictive model: the parts disagree on the number of features.');
  }
  return model;
}
