import { describe, expect, it } from 'vitest';
import type { BinnedData } from './gradient-boosting.rules.ts';
import { computeAuc } from './metrics.rules.ts';
import { fitNaiveBayes, predictNaiveBayes } from './naive-bayes.rules.ts';

// Two features: a categorical one with a weak signal and a numeric one with a strong signal.
function buildData(rows: number): { data: BinnedData; labels: number[] } {
  const category = new Uint8Array(rows);
  const numeric = new Uint8Array(rows);
  const labels: number[] = [];
  for (let i = 0; i < rows; i++) {
    const label = i % 2;
    labels.push(label);
    category[i] = 2 + (i % 10 < 6 ? label : 1 - label);
    numeric[i] = 1 + (label === 1 ? 10 + (i % 10) : i % 10);
  }
  return {
    data: {
      columns: [category, numeric],
      binCounts: [4, 22],
      isCategorical: [true, false],
    },
    labels,
  };
}

describe('naive Bayes baselines', () => {
  const { data, labels } = buildData(400);
  const all = labels.map((_, i) => i);

  it('reads only the categorical columns in the Odoo-style variant', () => {
    const model = fitNaiveBayes(data, labels, all, 'categorical');
    expect(model.features).toEqual([0]);
    const auc = computeAuc(predictNaiveBayes(model, data, labels.length), labels);
    expect(auc).toBeGreaterThan(0.55);
    expect(auc).toBeLessThan(0.7);
  });

  it('also reads numeric columns cut into ranges in the binned variant', () => {
    const model = fitNaiveBayes(data, labels, all, 'binned');
    expect(model.features).toEqual([0, 1]);
    expect(computeAuc(predictNaiveBayes(model, data, labels.length), labels)).toBeGreaterThan(0.95);
  });

  it('falls back to the binned variant when there is no categorical column', () => {
    const numericOnly: BinnedData = {
      columns: [data.columns[1]!],
      binCounts: [22],
      isCategorical: [false],
    };
    const model = fitNaiveBayes(numericOnly, labels, all, 'categorical');
    expect(model.features).toEqual([0]);
    expect(computeAuc(predictNaiveBayes(model, numericOnly, labels.length), labels)).toBeGreaterThan(0.95);
  });

  it('smooths an unseen value to a finite log-ratio', () => {
    const model = fitNaiveBayes(data, labels, all, 'categorical');
    for (const ratio of model.logRatios[0]!) expect(Number.isFinite(ratio)).toBe(true);
    // Bins 0 (missing) and 1 (other) were never seen: no evidence either way.
    expect(model.logRatios[0]![0]).toBeCloseTo(0, 10);
  });
});
