import { describe, expect, it } from 'vitest';
import { freezeToGridPoints, POINTS_PER_LOGIT, sumGridPoints } from './grid-points.rules.ts';
import { computeAuc, sigmoid } from './metrics.rules.ts';
import type { FeatureRow } from './predictive-model.rules.ts';
import { scoreRow, scoreRows, trainModel } from './predictive-model.rules.ts';
import { deserializeModel, ModelFormatError, serializeModel } from './predictive-model.schemas.ts';
import { generateSyntheticLeads } from './synthetic-leads.fixtures.ts';

function toRows(options: Parameters<typeof generateSyntheticLeads>[0]): FeatureRow[] {
  const table = generateSyntheticLeads(options);
  return table.rows.map((row) => Object.fromEntries(table.columns.map((name, c) => [name, row[c] ?? null])));
}

const features = [
  'Source',
  'Occupation',
  'City',
  'Visits',
  'Minutes On Site',
  'Budget',
  'Plan',
  'Noise A',
  'Noise B',
];
const additive = toRows({ rows: 3000, seed: 21, interaction: 0 });
const train = additive.slice(0, 2000);
const test = additive.slice(2000);
const testLabels = test.map((row) => (row.Won === 'Won' ? 1 : 0));
const model = trainModel(train, { label: 'Won', features, seed: 3 });

describe('trainModel', () => {
  it('is deterministic for a seed and changes with it', () => {
    const small = additive.slice(0, 600);
    const first = serializeModel(trainModel(small, { label: 'Won', features, seed: 9 }));
    expect(serializeModel(trainModel(small, { label: 'Won', features, seed: 9 }))).toBe(first);
    expect(serializeModel(trainModel(small, { label: 'Won', features, seed: 10 }))).not.toBe(first);
  });

  it('infers the positive label and learns something real', () => {
    expect(model.label.positive).toBe('Won');
    expect(computeAuc(scoreRows(model, test), testLabels)).toBeGreaterThan(0.6);
  });

  it('trains on a handful of rows without a validation split, and on all-blank columns', () => {
    const tiny = additive.slice(0, 40).map((row) => ({ ...row, Empty: 'Select' }));
    const fitted = trainModel(tiny, { label: 'Won', features: [...features, 'Empty'], seed: 1 });
    const probability = scoreRow(fitted, tiny[0]!).probability;
    expect(probability).toBeGreaterThan(0);
    expect(probability).toBeLessThan(1);
  });
});

describe('scoreRow', () => {
  it('explains a score: base + every contribution = the log-odds of the probability', () => {
    for (const row of test.slice(0, 25)) {
      const all = scoreRow(model, row, { limit: features.length });
      const sum =
        all.baseLogit +
        all.factors.reduce((total, factor) => total + factor.contribution, 0) +
        all.otherContribution;
      expect(all.otherContribution).toBeCloseTo(0, 9);
      expect(sum).toBeCloseTo(all.logit, 9);
      expect(sigmoid(all.logit)).toBeCloseTo(all.probability, 12);
      const top = scoreRow(model, row);
      expect(top.factors.length).toBeLessThanOrEqual(5);
      expect(
        top.baseLogit +
          top.factors.reduce((total, factor) => total + factor.contribution, 0) +
          top.otherContribution,
      ).toBeCloseTo(top.logit, 9);
    }
  });

  it('lists the largest factors first, with the row values', () => {
    const { factors } = scoreRow(model, test[0]!, { limit: 3 });
    const sizes = factors.map((factor) => Math.abs(factor.contribution));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    for (const factor of factors) expect(factor.value).toBe(test[0]![factor.feature] ?? null);
  });

  it('agrees with the batch path and copes with unseen and missing values', () => {
    const batch = scoreRows(model, test.slice(0, 10));
    test.slice(0, 10).forEach((row, i) => {
      expect(scoreRow(model, row).probability).toBeCloseTo(batch[i]!, 12);
    });
    const odd = scoreRow(model, { Source: 'Carrier pigeon', Visits: 'n/a' });
    expect(odd.probability).toBeGreaterThan(0);
    expect(odd.probability).toBeLessThan(1);
  });
});

describe('model JSON', () => {
  it('round-trips without changing a single score', () => {
    const restored = deserializeModel(serializeModel(model));
    expect(Array.from(scoreRows(restored, test.slice(0, 50)))).toEqual(
      Array.from(scoreRows(model, test.slice(0, 50))),
    );
  });

  it('refuses JSON that is not a model', () => {
    expect(() => deserializeModel('{"format":"something else"}')).toThrow(ModelFormatError);
  });
});

describe('freezeToGridPoints', () => {
  const grid = freezeToGridPoints(model);

  it('gives integer points on readable conditions, base first', () => {
    expect(grid[0]).toMatchObject({ feature: '(base)', condition: 'every lead' });
    expect(grid.every((point) => Number.isInteger(point.points))).toBe(true);
    expect(grid.some((point) => point.condition === 'Source is "Partner"')).toBe(true);
    expect(grid.slice(1).every((point) => point.points !== 0)).toBe(true);
  });

  it('ranks held-out leads like the model (AUC within 0.03) with probabilities of the same scale', () => {
    const totals = test.map((row) => sumGridPoints(grid, row));
    const modelAuc = computeAuc(scoreRows(model, test), testLabels);
    expect(Math.abs(computeAuc(totals, testLabels) - modelAuc)).toBeLessThan(0.03);
    const meanProbability =
      totals.reduce((sum, total) => sum + sigmoid(total / POINTS_PER_LOGIT), 0) / totals.length;
    expect(Math.abs(meanProbability - model.training.positiveRate)).toBeLessThan(0.05);
  });
});
