import type { BinnedData } from './gradient-boosting.rules.ts';
import type { BoostedTrees, TreeNode } from './predictive-model.schemas.ts';

/** Running and explaining trained trees: each split sends the bins listed in `leftBins` left. */

const compiledMasks = new WeakMap<TreeNode, Uint8Array>();

function maskOf(node: TreeNode): Uint8Array {
  let mask = compiledMasks.get(node);
  if (!mask) {
    mask = new Uint8Array(256);
    for (const bin of node.leftBins) mask[bin] = 1;
    compiledMasks.set(node, mask);
  }
  return mask;
}

/** Adds one tree's output to `margins` for the given rows (the hot loop: no closures). */
export function addTree(
  tree: TreeNode[],
  data: BinnedData,
  rows: ArrayLike<number>,
  margins: Float64Array,
): void {
  const masks = tree.map((node) => (node.feature >= 0 ? maskOf(node) : null));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let index = 0;
    let node = tree[0]!;
    while (node.feature >= 0) {
      index = masks[index]![data.columns[node.feature]![row]!] ? node.left : node.right;
      node = tree[index]!;
    }
    margins[row]! += node.value;
  }
}

/** Raw log-odds of every row of `data`. */
export function predictMargins(model: BoostedTrees, data: BinnedData, rowCount: number): Float64Array {
  const margins = new Float64Array(rowCount).fill(model.baseScore);
  const all = Array.from({ length: rowCount }, (_, i) => i);
  for (const tree of model.trees) addTree(tree, data, all, margins);
  return margins;
}

/**
 * Per-feature contributions to one row's log-odds (the change of node value along its path,
 * credited to the split feature); bias + sum of contributions = the row's margin.
 */
export function explainMargin(
  model: BoostedTrees,
  binOf: (feature: number) => number,
  featureCount: number,
): { bias: number; contributions: Float64Array } {
  const contributions = new Float64Array(featureCount);
  let bias = model.baseScore;
  for (const tree of model.trees) {
    let node = tree[0]!;
    bias += node.value;
    while (node.feature >= 0) {
      const next = tree[maskOf(node)[binOf(node.feature)] ? node.left : node.right]!;
      contributions[node.feature]! += next.value - node.value;
      node = next;
    }
  }
  return { bias, contributions };
}
