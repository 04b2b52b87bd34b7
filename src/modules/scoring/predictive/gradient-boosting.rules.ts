import { addTree } from './boosted-trees.rules.ts';
import { createRandom, sigmoid } from './metrics.rules.ts';
import type { BoostedTrees, TreeNode } from './predictive-model.schemas.ts';
import { findBestSplit } from './tree-split.rules.ts';

/**
 * Gradient-boosted decision trees on binned features, for the log-loss. Histograms per node
 * (the larger child by subtraction), shallow depth-wise trees, shrinkage, L2 on leaf values,
 * row and feature subsampling, early stopping on a validation set. Every split is stored as the
 * set of bins that go left, so numeric thresholds, missing values and category groups share one
 * form that serialises as plain JSON.
 */

export type BinnedData = {
  columns: Uint8Array[];
  binCounts: number[];
  isCategorical: boolean[];
};
export type BoostingOptions = {
  learningRate: number;
  maxDepth: number;
  minLeafRows: number;
  l2: number;
  /** Prior weight pulling a category's gradient ratio to 0 when ordering categories for a split. */
  categorySmoothing: number;
  /** Extra L2 charged to categorical splits, which can carve the data more freely than thresholds. */
  categoryL2: number;
  rowSample: number;
  featureSample: number;
  maxRounds: number;
  patience: number;
  seed: number;
};

export const DEFAULT_BOOSTING: BoostingOptions = {
  learningRate: 0.05,
  maxDepth: 3,
  minLeafRows: 20,
  l2: 1,
  categorySmoothing: 10,
  categoryL2: 10,
  rowSample: 0.8,
  featureSample: 0.8,
  maxRounds: 800,
  patience: 60,
  seed: 1,
};

function leafStep(gradient: number, hessian: number, options: BoostingOptions): number {
  return (-gradient / (hessian + options.l2)) * options.learningRate;
}

function buildHistogram(
  data: BinnedData,
  offsets: number[],
  totalBins: number,
  rows: Uint32Array,
  start: number,
  end: number,
  gradients: Float64Array,
  hessians: Float64Array,
  features: number[],
): Float64Array {
  const histogram = new Float64Array(totalBins * 3);
  for (const feature of features) {
    const column = data.columns[feature]!;
    const base = offsets[feature]!;
    for (let i = start; i < end; i++) {
      const row = rows[i]!;
      const slot = (base + column[row]!) * 3;
      histogram[slot]! += gradients[row]!;
      histogram[slot + 1]! += hessians[row]!;
      histogram[slot + 2]! += 1;
    }
  }
  return histogram;
}

/** Grows one tree on `rows` (sampled row indices) and returns its nodes, root first. */
function growTree(
  data: BinnedData,
  rows: Uint32Array,
  gradients: Float64Array,
  hessians: Float64Array,
  features: number[],
  options: BoostingOptions,
): TreeNode[] {
  const offsets: number[] = [];
  let totalBins = 0;
  for (const count of data.binCounts) {
    offsets.push(totalBins);
    totalBins += count;
  }
  let g = 0;
  let h = 0;
  for (const row of rows) {
    g += gradients[row]!;
    h += hessians[row]!;
  }
  const nodes: TreeNode[] = [
    { feature: -1, leftBins: [], left: -1, right: -1, value: leafStep(g, h, options) },
  ];
  type Pending = {
    node: number;
    start: number;
    end: number;
    depth: number;
    g: number;
    h: number;
    histogram: Float64Array;
  };
  const queue: Pending[] = [
    {
      node: 0,
      start: 0,
      end: rows.length,
      depth: 0,
      g,
      h,
      histogram: buildHistogram(
        data,
        offsets,
        totalBins,
        rows,
        0,
        rows.length,
        gradients,
        hessians,
        features,
      ),
    },
  ];
  while (queue.length > 0) {
    const item = queue.shift()!;
    if (item.depth >= options.maxDepth || item.end - item.start < 2 * options.minLeafRows) continue;
    const total = { g: item.g, h: item.h, c: item.end - item.start };
    const split = findBestSplit(item.histogram, offsets, data, features, total, options);
    if (!split) continue;
    const goesLeft = new Uint8Array(data.binCounts[split.feature]!);
    for (const bin of split.leftBins) goesLeft[bin] = 1;
    // Stable in-place partition of this node's slice: left rows first.
    const column = data.columns[split.feature]!;
    const slice = rows.slice(item.start, item.end);
    let write = item.start;
    for (const row of slice) if (goesLeft[column[row]!]) rows[write++] = row;
    const middle = write;
    for (const row of slice) if (!goesLeft[column[row]!]) rows[write++] = row;
    let gl = 0;
    let hl = 0;
    for (let i = item.start; i < middle; i++) {
      gl += gradients[rows[i]!]!;
      hl += hessians[rows[i]!]!;
    }
    const leftIsSmaller = middle - item.start <= item.end - middle;
    const small = leftIsSmaller
      ? buildHistogram(data, offsets, totalBins, rows, item.start, middle, gradients, hessians, features)
      : buildHistogram(data, offsets, totalBins, rows, middle, item.end, gradients, hessians, features);
    const large = item.histogram;
    for (let i = 0; i < large.length; i++) large[i]! -= small[i]!;
    const leftHistogram = leftIsSmaller ? small : large;
    const rightHistogram = leftIsSmaller ? large : small;
    const gr = item.g - gl;
    const hr = item.h - hl;
    const leftIndex = nodes.length;
    nodes.push({ feature: -1, leftBins: [], left: -1, right: -1, value: leafStep(gl, hl, options) });
    nodes.push({ feature: -1, leftBins: [], left: -1, right: -1, value: leafStep(gr, hr, options) });
    Object.assign(nodes[item.node]!, {
      feature: split.feature,
      leftBins: split.leftBins,
      left: leftIndex,
      right: leftIndex + 1,
    });
    const depth = item.depth + 1;
    queue.push({
      node: leftIndex,
      start: item.start,
      end: middle,
      depth,
      g: gl,
      h: hl,
      histogram: leftHistogram,
    });
    queue.push({
      node: leftIndex + 1,
      start: middle,
      end: item.end,
      depth,
      g: gr,
      h: hr,
      histogram: rightHistogram,
    });
  }
  return nodes;
}

/**
 * Fits on `train` rows. With `validation` rows it stops once the validation log-loss has not
 * improved for `patience` rounds and keeps the best number of trees.
 */
export function fitBoostedTrees(
  data: BinnedData,
  labels: ArrayLike<number>,
  train: number[],
  options: BoostingOptions,
  validation: number[] = [],
): BoostedTrees {
  const random = createRandom(options.seed);
  const rowCount = labels.length;
  let positives = 0;
  for (const row of train) positives += labels[row]!;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / Math.max(1, train.length)));
  const baseScore = Math.log(rate / (1 - rate));
  const margins = new Float64Array(rowCount).fill(baseScore);
  const gradients = new Float64Array(rowCount);
  const hessians = new Float64Array(rowCount);
  const featureCount = data.columns.length;
  const trees: TreeNode[][] = [];
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestRounds = 0;
  for (let round = 0; round < options.maxRounds; round++) {
    for (const row of train) {
      const p = sigmoid(margins[row]!);
      gradients[row] = p - labels[row]!;
      hessians[row] = Math.max(p * (1 - p), 1e-6);
    }
    const sampled = train.filter(() => random() < options.rowSample);
    const features: number[] = [];
    for (let f = 0; f < featureCount; f++) if (random() < options.featureSample) features.push(f);
    if (features.length === 0 && featureCount > 0) features.push(Math.floor(random() * featureCount));
    const tree = growTree(data, Uint32Array.from(sampled), gradients, hessians, features, options);
    trees.push(tree);
    addTree(tree, data, train, margins);
    if (validation.length === 0) continue;
    addTree(tree, data, validation, margins);
    let loss = 0;
    for (const row of validation) {
      const p = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(margins[row]!)));
      loss -= labels[row] === 1 ? Math.log(p) : Math.log(1 - p);
    }
    if (loss < bestLoss - 1e-9) {
      bestLoss = loss;
      bestRounds = round + 1;
    } else if (round + 1 - bestRounds >= options.patience) {
      break;
    }
  }
  return { baseScore, trees: validation.length > 0 ? trees.slice(0, Math.max(1, bestRounds)) : trees };
}
