import { computeLogLoss, sigmoid } from './metrics.rules.ts';

/** p = sigmoid(scale · margin + offset), fitted by Newton's method on held-out margins. */
export type PlattScaling = { scale: number; offset: number };

/**
 * A calibration must keep the model's order: when the held-out margins say "no signal" (or worse,
 * the reverse — noise on a small set), the slope is floored at MIN_SCALE, which shrinks every
 * prediction towards the base rate instead of turning the ranking upside down.
 */
const MIN_SCALE = 0.05;

function fitPlattScaling(margins: ArrayLike<number>, labels: ArrayLike<number>): PlattScaling {
  const fitted = fitLine(margins, labels, null);
  return fitted.scale >= MIN_SCALE ? fitted : fitLine(margins, labels, MIN_SCALE);
}

/** Newton's method on (scale, offset), or on the offset alone when `fixedScale` is given. */
function fitLine(
  margins: ArrayLike<number>,
  labels: ArrayLike<number>,
  fixedScale: number | null,
): PlattScaling {
  let scale = fixedScale ?? 1;
  let offset = 0;
  // A whisper of L2 keeps the 2×2 system solvable when the margins are (nearly) constant.
  const ridge = 1e-3;
  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = ridge * (scale - 1);
    let gb = 0;
    let haa = ridge;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < margins.length; i++) {
      const m = margins[i]!;
      const p = sigmoid(scale * m + offset);
      const r = p - labels[i]!;
      const w = Math.max(p * (1 - p), 1e-12);
      ga += r * m;
      gb += r;
      haa += w * m * m;
      hab += w * m;
      hbb += w;
    }
    if (fixedScale !== null) {
      const db = gb / hbb;
      offset -= db;
      if (Math.abs(db) < 1e-9) break;
      continue;
    }
    const determinant = haa * hbb - hab * hab;
    if (Math.abs(determinant) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / determinant;
    const db = (haa * gb - hab * ga) / determinant;
    scale -= da;
    offset -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { scale, offset };
}

/**
 * Rows' worth of prior belief in an even blend. The weight picked on held-out rows is noisy when
 * they are few, and an even blend is the safe choice then (the trees overfit small files, the
 * linear model misses interactions): the picked weight is pulled towards 0.5 by n / (n + prior).
 */
const EVEN_BLEND_PRIOR_ROWS = 1000;

/**
 * Picks the weight of the trees in a log-odds blend with the linear model, and the Platt
 * scaling on top, by held-out log-loss over a coarse grid (11 weights: little room to overfit).
 */
export function chooseBlend(
  treeMargins: ArrayLike<number>,
  linearMargins: ArrayLike<number>,
  labels: ArrayLike<number>,
): { treeWeight: number; scale: number; offset: number } {
  const blended = new Float64Array(labels.length);
  const probabilities = new Float64Array(labels.length);
  const fitWeight = (treeWeight: number) => {
    for (let i = 0; i < blended.length; i++)
      blended[i] = treeWeight * treeMargins[i]! + (1 - treeWeight) * linearMargins[i]!;
    const platt = fitPlattScaling(blended, labels);
    for (let i = 0; i < blended.length; i++)
      probabilities[i] = sigmoid(platt.scale * blended[i]! + platt.offset);
    return { treeWeight, ...platt, loss: computeLogLoss(probabilities, labels) };
  };
  let best = fitWeight(1);
  for (let step = 9; step >= 0; step--) {
    const candidate = fitWeight(step / 10);
    if (candidate.loss < best.loss - 1e-9) best = candidate;
  }
  const n = labels.length;
  const shrunk = 0.5 + ((best.treeWeight - 0.5) * n) / (n + EVEN_BLEND_PRIOR_ROWS);
  const { treeWeight, scale, offset } = fitWeight(Math.round(shrunk * 100) / 100);
  return { treeWeight, scale, offset };
}
