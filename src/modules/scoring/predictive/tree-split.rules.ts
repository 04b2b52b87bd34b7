import type { BinnedData, BoostingOptions } from './gradient-boosting.rules.ts';

type Split = { gain: number; feature: number; leftBins: number[] };

/** How much a leaf with these gradient sums lowers the loss (G² / (H + λ)); gains are differences of it. */
function score(gradient: number, hessian: number, l2: number): number {
  return (gradient * gradient) / (hessian + l2);
}

/**
 * The split of one node with the largest gain over the given features, or null. Numeric features
 * try every threshold with the missing bin on either side; categorical ones sort their bins by
 * smoothed gradient ratio and try every prefix (the classic optimal grouping for one node).
 */
export function findBestSplit(
  histogram: Float64Array,
  offsets: number[],
  data: BinnedData,
  features: number[],
  total: { g: number; h: number; c: number },
  options: BoostingOptions,
): Split | null {
  let best: Split | null = null;
  for (const feature of features) {
    const base = offsets[feature]!;
    const bins = data.binCounts[feature]!;
    const l2 = options.l2 + (data.isCategorical[feature] ? options.categoryL2 : 0);
    const parent = score(total.g, total.h, l2);
    const consider = (g: number, h: number, c: number, leftBins: () => number[]) => {
      const gr = total.g - g;
      const hr = total.h - h;
      const cr = total.c - c;
      if (c < options.minLeafRows || cr < options.minLeafRows || h < 1e-3 || hr < 1e-3) return;
      const gain = score(g, h, l2) + score(gr, hr, l2) - parent;
      if (gain > 1e-9 && (best === null || gain > best.gain)) best = { gain, feature, leftBins: leftBins() };
    };
    if (data.isCategorical[feature]) {
      const present: number[] = [];
      for (let b = 0; b < bins; b++) if (histogram[(base + b) * 3 + 2]! > 0) present.push(b);
      const ratio = (b: number) =>
        histogram[(base + b) * 3]! / (histogram[(base + b) * 3 + 1]! + options.categorySmoothing);
      present.sort((a, b) => ratio(a) - ratio(b) || a - b);
      let g = 0;
      let h = 0;
      let c = 0;
      for (let k = 0; k + 1 < present.length; k++) {
        const b = present[k]!;
        g += histogram[(base + b) * 3]!;
        h += histogram[(base + b) * 3 + 1]!;
        c += histogram[(base + b) * 3 + 2]!;
        consider(g, h, c, () => present.slice(0, k + 1));
      }
    } else {
      const gm = histogram[base * 3]!;
      const hm = histogram[base * 3 + 1]!;
      const cm = histogram[base * 3 + 2]!;
      let g = 0;
      let h = 0;
      let c = 0;
      for (let t = 1; t < bins; t++) {
        g += histogram[(base + t) * 3]!;
        h += histogram[(base + t) * 3 + 1]!;
        c += histogram[(base + t) * 3 + 2]!;
        const upTo = t;
        const range = () => Array.from({ length: upTo }, (_, i) => i + 1);
        consider(g, h, c, range);
        if (cm > 0) consider(g + gm, h + hm, c + cm, () => [0, ...range()]);
      }
    }
  }
  return best;
}
