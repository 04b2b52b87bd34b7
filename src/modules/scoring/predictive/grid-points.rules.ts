import { normalizeCell } from './csv-sniffer.rules.ts';
import {
  describeBins,
  MISSING_BIN,
  OTHER_BIN,
  parseNumeric,
  toCategoryKey,
} from './feature-binning.rules.ts';
import type { BinnedData } from './gradient-boosting.rules.ts';
import type { AdditiveGrid, FeatureSpec, GridPoint, GridRule } from './predictive-model.schemas.ts';

/**
 * The model as a scoring grid people can read and edit. At training time the blended model's
 * log-odds are distilled into an additive model — one value per feature group — by least squares
 * (backfitting), so the grid ranks leads like the model minus its interactions. Points are those
 * log-odds scaled so that 20 points double the odds (the scorecard convention), rounded.
 */

export const POINTS_PER_LOGIT = 20 / Math.LN2;
/** Numeric features are read in at most this many ranges (plus "missing"): enough to rank, few enough to edit. */
const NUMERIC_GROUPS = 6;
/** Rows' worth of prior pulling a group's effect to zero: rare groups stay near neutral. */
const RIDGE = 20;
const PASSES = 12;

function groupBins(spec: FeatureSpec, column: Uint8Array, binCount: number): number[] {
  if (spec.kind === 'categorical') return Array.from({ length: binCount }, (_, bin) => bin);
  const counts = new Array<number>(binCount).fill(0);
  for (const bin of column) counts[bin]!++;
  const present = column.length - counts[MISSING_BIN]!;
  const groupOfBin = new Array<number>(binCount).fill(0);
  let group = 1;
  let filled = 0;
  for (let bin = 1; bin < binCount; bin++) {
    groupOfBin[bin] = group;
    filled += counts[bin]!;
    if (filled >= present / NUMERIC_GROUPS && group < NUMERIC_GROUPS && bin + 1 < binCount) {
      group++;
      filled = 0;
    }
  }
  return groupOfBin;
}

/** Least-squares additive fit of `logits` over feature groups, by backfitting. */
export function distillAdditiveGrid(
  features: FeatureSpec[],
  data: BinnedData,
  logits: Float64Array,
): AdditiveGrid {
  const n = logits.length;
  const intercept = logits.reduce((sum, value) => sum + value, 0) / Math.max(1, n);
  const groupOfBin = features.map((spec, f) => groupBins(spec, data.columns[f]!, data.binCounts[f]!));
  const groupsOfRow = features.map((_, f) =>
    Uint8Array.from(data.columns[f]!, (bin) => groupOfBin[f]![bin]!),
  );
  const counts = groupOfBin.map((groups, f) => {
    const tally = new Array<number>(Math.max(...groups) + 1).fill(0);
    for (const group of groupsOfRow[f]!) tally[group]!++;
    return tally;
  });
  const effects = counts.map((tally) => new Array<number>(tally.length).fill(0));
  const residual = logits.map((value) => value - intercept);
  for (let pass = 0; pass < PASSES; pass++) {
    features.forEach((_, f) => {
      const rowsGroup = groupsOfRow[f]!;
      const effect = effects[f]!;
      const sums = new Array<number>(effect.length).fill(0);
      for (let row = 0; row < n; row++) sums[rowsGroup[row]!]! += residual[row]! + effect[rowsGroup[row]!]!;
      const next = sums.map((sum, g) => sum / (counts[f]![g]! + RIDGE));
      for (let row = 0; row < n; row++) residual[row]! += effect[rowsGroup[row]!]! - next[rowsGroup[row]!]!;
      effects[f] = next;
    });
  }
  return {
    intercept,
    features: features.map((_, f) => ({
      groupOfBin: groupOfBin[f]!,
      effects: effects[f]!,
      counts: counts[f]!,
    })),
  };
}

function ruleOf(spec: FeatureSpec, first: number, last: number): GridRule {
  if (first === MISSING_BIN) return { kind: 'missing' };
  if (spec.kind === 'categorical') {
    return first === OTHER_BIN
      ? { kind: 'other', known: [...spec.labels] }
      : { kind: 'equals', value: spec.labels[first - 2]! };
  }
  return {
    kind: 'range',
    above: first > 1 ? spec.edges[first - 2]! : null,
    atMost: last <= spec.edges.length ? spec.edges[last - 1]! : null,
  };
}

/**
 * Points per condition. Within a feature the most common group is the zero point, so a typical
 * answer scores nothing and only deviations carry points; the base entry holds the rest.
 * Zero-point conditions are left out; adjacent numeric ranges with equal points are merged.
 */
export function freezeToGridPoints(model: { features: FeatureSpec[]; grid: AdditiveGrid }): GridPoint[] {
  const points: GridPoint[] = [];
  let base = model.grid.intercept;
  model.features.forEach((spec, f) => {
    const grid = model.grid.features[f];
    if (!grid) return;
    const anchor = grid.counts.indexOf(Math.max(...grid.counts));
    const reference = grid.effects[anchor] ?? 0;
    base += reference;
    // A group no training lead fell in (a category never blank, say) says nothing: zero points.
    const pointsOfGroup = grid.effects.map((effect, group) =>
      (grid.counts[group] ?? 0) === 0 ? 0 : Math.round((effect - reference) * POINTS_PER_LOGIT),
    );
    // Runs of consecutive bins in the same group (numeric groups are contiguous ranges; bin 0 is alone).
    const runs: { first: number; last: number; points: number }[] = [];
    grid.groupOfBin.forEach((group, bin) => {
      const value = pointsOfGroup[group] ?? 0;
      const previous = runs[runs.length - 1];
      const canExtend =
        spec.kind === 'numeric' && bin > 1 && previous && previous.first > 0 && previous.points === value;
      if (canExtend) previous.last = bin;
      else runs.push({ first: bin, last: bin, points: value });
    });
    for (const run of runs) {
      if (run.points === 0) continue;
      const condition = `${spec.name} ${describeBins(spec, run.first, run.last)}`;
      points.push({
        feature: spec.name,
        condition,
        points: run.points,
        rule: ruleOf(spec, run.first, run.last),
      });
    }
  });
  points.unshift({
    feature: '(base)',
    condition: 'every lead',
    points: Math.round(base * POINTS_PER_LOGIT),
    rule: { kind: 'always' },
  });
  return points;
}

/** Does a cell satisfy a grid rule? Self-contained, so an edited grid needs no model to run. */
function matchesRule(rule: GridRule, cell: string | null): boolean {
  switch (rule.kind) {
    case 'always':
      return true;
    case 'missing':
      return cell === null;
    case 'equals':
      return cell !== null && toCategoryKey(cell) === toCategoryKey(rule.value);
    case 'other':
      return cell !== null && !rule.known.some((known) => toCategoryKey(known) === toCategoryKey(cell));
    case 'range': {
      const number = parseNumeric(cell);
      if (number === null) return false;
      return (rule.above === null || number > rule.above) && (rule.atMost === null || number <= rule.atMost);
    }
  }
}

/** A lead's total on the grid: 20 more points = twice the odds; sigmoid(total / POINTS_PER_LOGIT) ≈ probability. */
export function sumGridPoints(
  grid: GridPoint[],
  row: Record<string, string | number | boolean | null | undefined>,
): number {
  let total = 0;
  for (const entry of grid) {
    const cell = entry.rule.kind === 'always' ? null : normalizeCell(row[entry.feature]);
    if (matchesRule(entry.rule, cell)) total += entry.points;
  }
  return total;
}
