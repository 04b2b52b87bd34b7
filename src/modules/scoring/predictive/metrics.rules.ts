/** Evaluation metrics and fold splitting shared by the model, the baselines and the leak guard. */

export type CalibrationBin = { decile: number; count: number; meanPredicted: number; observedRate: number };
export type LiftBin = {
  decile: number;
  count: number;
  positives: number;
  rate: number;
  lift: number;
  cumulativeCapture: number;
};

/** A small deterministic generator (mulberry32): same seed, same folds, same trees. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = items[i]!;
    items[i] = items[j]!;
    items[j] = swap;
  }
  return items;
}

export function sigmoid(logit: number): number {
  return logit >= 0 ? 1 / (1 + Math.exp(-logit)) : Math.exp(logit) / (1 + Math.exp(logit));
}

/**
 * Area under the ROC curve by the rank-sum (Mann–Whitney) formula; tied scores share their
 * average rank, so a constant predictor scores exactly 0.5. NaN when one class is absent.
 */
export function computeAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let positiveRankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean squared error of the probabilities: 0 is perfect, 0.25 is a coin flip. */
export function computeBrier(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) sum += (probabilities[i]! - labels[i]!) ** 2;
  return probabilities.length === 0 ? Number.NaN : sum / probabilities.length;
}

export function computeLogLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, probabilities[i]!));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / Math.max(1, probabilities.length);
}

/** Row indices cut into ten equal-count groups after sorting by score (ascending or not). */
function splitIntoDeciles(scores: ArrayLike<number>, descending: boolean): number[][] {
  const n = scores.length;
  const sign = descending ? -1 : 1;
  // Ties keep row order so the tables are deterministic.
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => sign * (scores[a]! - scores[b]!) || a - b,
  );
  const groups: number[][] = [];
  for (let d = 0; d < 10; d++) {
    const group = order.slice(Math.floor((d * n) / 10), Math.floor(((d + 1) * n) / 10));
    if (group.length > 0) groups.push(group);
  }
  return groups;
}

/** Deciles of predicted probability (lowest first): does a predicted 30% come true 30% of the time? */
export function computeCalibration(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
): CalibrationBin[] {
  return splitIntoDeciles(probabilities, false).map((group, index) => {
    let predicted = 0;
    let observed = 0;
    for (const row of group) {
      predicted += probabilities[row]!;
      observed += labels[row]!;
    }
    return {
      decile: index + 1,
      count: group.length,
      meanPredicted: predicted / group.length,
      observedRate: observed / group.length,
    };
  });
}

/** Deciles by score, best first: how much richer in positives each tenth is than the whole list. */
export function computeLift(scores: ArrayLike<number>, labels: ArrayLike<number>): LiftBin[] {
  let totalPositives = 0;
  for (let i = 0; i < labels.length; i++) totalPositives += labels[i]!;
  const baseRate = totalPositives / Math.max(1, labels.length);
  let captured = 0;
  return splitIntoDeciles(scores, true).map((group, index) => {
    let positives = 0;
    for (const row of group) positives += labels[row]!;
    captured += positives;
    const rate = positives / group.length;
    return {
      decile: index + 1,
      count: group.length,
      positives,
      rate,
      lift: baseRate > 0 ? rate / baseRate : 0,
      cumulativeCapture: totalPositives > 0 ? captured / totalPositives : 0,
    };
  });
}

/**
 * Stratified k-fold: positives and negatives are shuffled separately and dealt round-robin,
 * so every fold keeps the overall positive rate. Returns the fold number of each row.
 */
export function assignStratifiedFolds(labels: ArrayLike<number>, folds: number, seed: number): Int32Array {
  const random = createRandom(seed);
  const assignment = new Int32Array(labels.length);
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] === 1 ? positives : negatives).push(i);
  let next = 0;
  for (const group of [shuffleInPlace(positives, random), shuffleInPlace(negatives, random)]) {
    for (const row of group) {
      assignment[row] = next % folds;
      next++;
    }
  }
  return assignment;
}
