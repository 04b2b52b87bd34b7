import { binValue, countBins, parseNumeric } from './feature-binning.rules.ts';
import { sigmoid } from './metrics.rules.ts';
import type { FeatureSpec, LinearModel } from './predictive-model.schemas.ts';

/**
 * L2-regularised logistic regression: one-hot categoricals (missing and "other" included),
 * numerics winsorised at their 1st/99th percentiles and standardised, plus a missing indicator.
 * It is both the linear baseline and the linear half of the blended model.
 */

/** L2 strength on standardised inputs; mild, so the baseline stays "plain". */
const L2 = 1;

/** Each row as (weight index, input value) pairs, two slots per numeric feature and one per categorical. */
export type EncodedRows = { indices: Int32Array; values: Float64Array; slots: number; rows: number };

function computeOffsets(features: FeatureSpec[]): { offsets: number[]; width: number } {
  const offsets: number[] = [];
  let width = 0;
  for (const spec of features) {
    offsets.push(width);
    width += spec.kind === 'numeric' ? 2 : countBins(spec);
  }
  return { offsets, width };
}

function slotsOf(spec: FeatureSpec): number {
  return spec.kind === 'numeric' ? 2 : 1;
}

/** Writes one feature's input pairs for one cell. */
function encodeCell(
  spec: FeatureSpec,
  offset: number,
  value: string | null,
  indices: Int32Array,
  values: Float64Array,
  at: number,
): void {
  if (spec.kind === 'categorical') {
    indices[at] = offset + binValue(spec, value);
    values[at] = 1;
    return;
  }
  const number = parseNumeric(value);
  const isMissing = number === null || !Number.isFinite(number);
  indices[at] = offset;
  values[at] = isMissing ? 0 : (Math.min(spec.high, Math.max(spec.low, number)) - spec.mean) / spec.deviation;
  indices[at + 1] = offset + 1;
  values[at + 1] = isMissing ? 1 : 0;
}

/** `columns[f][row]` is the cell of feature f. */
export function encodeRows(
  features: FeatureSpec[],
  columns: (string | null)[][],
  rowCount: number,
): EncodedRows {
  const { offsets } = computeOffsets(features);
  const slots = features.reduce((sum, spec) => sum + slotsOf(spec), 0);
  const indices = new Int32Array(rowCount * slots);
  const values = new Float64Array(rowCount * slots);
  let slot = 0;
  features.forEach((spec, f) => {
    const column = columns[f]!;
    for (let row = 0; row < rowCount; row++)
      encodeCell(spec, offsets[f]!, column[row] ?? null, indices, values, row * slots + slot);
    slot += slotsOf(spec);
  });
  return { indices, values, slots, rows: rowCount };
}

function marginOf(encoded: EncodedRows, row: number, intercept: number, weights: ArrayLike<number>): number {
  let margin = intercept;
  const start = row * encoded.slots;
  for (let k = start; k < start + encoded.slots; k++)
    margin += weights[encoded.indices[k]!]! * encoded.values[k]!;
  return margin;
}

/** Loss (mean log-loss + L2/2n·|w|²) and its gradient; parameter 0 is the unpenalised intercept. */
function evaluateLoss(
  encoded: EncodedRows,
  labels: ArrayLike<number>,
  rows: number[],
  parameters: Float64Array,
  gradient: Float64Array,
): number {
  gradient.fill(0);
  const weights = parameters.subarray(1);
  let loss = 0;
  for (const row of rows) {
    const margin = marginOf(encoded, row, parameters[0]!, weights);
    const y = labels[row]!;
    loss += Math.max(margin, 0) - margin * y + Math.log1p(Math.exp(-Math.abs(margin)));
    const residual = sigmoid(margin) - y;
    gradient[0]! += residual;
    const start = row * encoded.slots;
    for (let k = start; k < start + encoded.slots; k++)
      gradient[1 + encoded.indices[k]!]! += residual * encoded.values[k]!;
  }
  const n = Math.max(1, rows.length);
  let penalty = 0;
  for (let j = 1; j < parameters.length; j++) {
    penalty += parameters[j]! * parameters[j]!;
    gradient[j]! += L2 * parameters[j]!;
  }
  for (let j = 0; j < gradient.length; j++) gradient[j]! /= n;
  return (loss + (L2 / 2) * penalty) / n;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Limited-memory BFGS with a backtracking line search: the objective is smooth and convex. */
function minimise(
  size: number,
  objective: (x: Float64Array, gradient: Float64Array) => number,
): Float64Array {
  const memory = 10;
  let x = new Float64Array(size);
  let gradient = new Float64Array(size);
  let value = objective(x, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  for (let iteration = 0; iteration < 300; iteration++) {
    const direction = Float64Array.from(gradient, (g) => -g);
    const alphas: number[] = [];
    for (let i = steps.length - 1; i >= 0; i--) {
      const alpha = dot(steps[i]!, direction) / dot(changes[i]!, steps[i]!);
      alphas.push(alpha);
      for (let j = 0; j < size; j++) direction[j]! -= alpha * changes[i]![j]!;
    }
    if (steps.length > 0) {
      const last = steps.length - 1;
      const gamma = dot(steps[last]!, changes[last]!) / dot(changes[last]!, changes[last]!);
      for (let j = 0; j < size; j++) direction[j]! *= gamma;
    }
    for (let i = 0; i < steps.length; i++) {
      const beta = dot(changes[i]!, direction) / dot(changes[i]!, steps[i]!);
      const alpha = alphas[steps.length - 1 - i]!;
      for (let j = 0; j < size; j++) direction[j]! += steps[i]![j]! * (alpha - beta);
    }
    let slope = dot(direction, gradient);
    if (slope >= 0) {
      direction.set(gradient.map((g) => -g));
      slope = dot(direction, gradient);
    }
    let step = 1;
    const next = new Float64Array(size);
    const nextGradient = new Float64Array(size);
    let nextValue = value;
    for (let tries = 0; tries < 30; tries++) {
      for (let j = 0; j < size; j++) next[j] = x[j]! + step * direction[j]!;
      nextValue = objective(next, nextGradient);
      if (nextValue <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    const s = next.map((v, j) => v - x[j]!);
    const y = nextGradient.map((v, j) => v - gradient[j]!);
    if (dot(s, y) > 1e-12) {
      steps.push(s);
      changes.push(y);
      if (steps.length > memory) {
        steps.shift();
        changes.shift();
      }
    }
    const improvement = value - nextValue;
    x = next;
    gradient = nextGradient;
    value = nextValue;
    // Converged when a step gains less than 1e-7 of the loss, or no mean-gradient component exceeds
    // 1e-4 (far below anything that moves a ranking).
    let largest = 0;
    for (const g of gradient) largest = Math.max(largest, Math.abs(g));
    if (improvement < 1e-7 * Math.max(1, Math.abs(value)) || largest < 1e-4) break;
  }
  return x;
}

export function fitLogisticRegression(
  features: FeatureSpec[],
  encoded: EncodedRows,
  labels: ArrayLike<number>,
  rows: number[],
): LinearModel {
  const { offsets, width } = computeOffsets(features);
  const parameters = minimise(width + 1, (x, gradient) => evaluateLoss(encoded, labels, rows, x, gradient));
  const weights = Array.from(parameters.subarray(1));
  const centers = features.map(() => 0);
  for (const row of rows) {
    const terms = explainLinear(
      { intercept: 0, weights, offsets, centers: features.map(() => 0) },
      encoded,
      row,
      features.length,
    );
    terms.forEach((term, f) => {
      centers[f]! += term / rows.length;
    });
  }
  return { intercept: parameters[0]!, weights, offsets, centers };
}

export function predictLinear(model: LinearModel, encoded: EncodedRows): Float64Array {
  const margins = new Float64Array(encoded.rows);
  for (let row = 0; row < encoded.rows; row++)
    margins[row] = marginOf(encoded, row, model.intercept, model.weights);
  return margins;
}

/** Each feature's term for one row, minus its training mean (so they sum to margin − bias). */
export function explainLinear(
  model: LinearModel,
  encoded: EncodedRows,
  row: number,
  featureCount: number,
): number[] {
  const terms = new Array<number>(featureCount).fill(0);
  const start = row * encoded.slots;
  let feature = 0;
  for (let k = start; k < start + encoded.slots; k++) {
    const index = encoded.indices[k]!;
    while (feature + 1 < featureCount && index >= model.offsets[feature + 1]!) feature++;
    terms[feature]! += model.weights[index]! * encoded.values[k]!;
  }
  return terms.map((term, f) => term - model.centers[f]!);
}

/** The constant part of the linear margin once per-feature terms are centred. */
export function linearBias(model: LinearModel): number {
  return model.intercept + model.centers.reduce((sum, center) => sum + center, 0);
}
