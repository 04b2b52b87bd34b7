import { describe, expect, it } from 'vitest';
import {
  assignStratifiedFolds,
  computeAuc,
  computeBrier,
  computeCalibration,
  computeLift,
  createRandom,
} from './metrics.rules.ts';

describe('computeAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 for a constant score', () => {
    expect(computeAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(computeAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(computeAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it('matches a hand count of ordered pairs, ties counting one half', () => {
    // Positives 0.8, 0.4, 0.3; negatives 0.4, 0.2. Pairs (pos > neg): 0.8>0.4, 0.8>0.2, 0.4=0.4 (½),
    // 0.4>0.2, 0.3<0.4 (0), 0.3>0.2 → 4.5 of 6.
    expect(computeAuc([0.8, 0.4, 0.3, 0.4, 0.2], [1, 1, 1, 0, 0])).toBeCloseTo(4.5 / 6, 12);
  });

  it('is NaN when one class is absent', () => {
    expect(computeAuc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe('computeBrier', () => {
  it('is the mean squared gap between probability and outcome', () => {
    // (0.9-1)² + (0.2-0)² + (0.6-0)² + (0.5-1)² = 0.01 + 0.04 + 0.36 + 0.25 = 0.66 → /4
    expect(computeBrier([0.9, 0.2, 0.6, 0.5], [1, 0, 0, 1])).toBeCloseTo(0.165, 12);
  });
});

describe('calibration and lift', () => {
  const probabilities = Array.from({ length: 100 }, (_, i) => (i + 0.5) / 100);
  const labels = probabilities.map((_, i) => (i >= 50 ? 1 : 0));

  it('cuts ten equal groups of predicted probability, lowest first', () => {
    const calibration = computeCalibration(probabilities, labels);
    expect(calibration).toHaveLength(10);
    expect(calibration.every((bin) => bin.count === 10)).toBe(true);
    expect(calibration[0]!.meanPredicted).toBeCloseTo(0.05, 12);
    expect(calibration[0]!.observedRate).toBe(0);
    expect(calibration[9]!.observedRate).toBe(1);
  });

  it('ranks deciles best first with lift against the base rate and cumulative capture', () => {
    const lift = computeLift(probabilities, labels);
    expect(lift[0]).toEqual({
      decile: 1,
      count: 10,
      positives: 10,
      rate: 1,
      lift: 2,
      cumulativeCapture: 0.2,
    });
    expect(lift[4]!.cumulativeCapture).toBe(1);
    expect(lift[9]!.lift).toBe(0);
  });
});

describe('folds', () => {
  const random = createRandom(7);
  const labels = Array.from({ length: 503 }, () => (random() < 0.3 ? 1 : 0));

  it('keeps the positive rate in every stratified fold and sizes them evenly', () => {
    const folds = assignStratifiedFolds(labels, 5, 42);
    const total = labels.reduce<number>((sum, y) => sum + y, 0);
    for (let fold = 0; fold < 5; fold++) {
      const rows = labels.filter((_, i) => folds[i] === fold);
      const positives = rows.reduce<number>((sum, y) => sum + y, 0);
      expect(Math.abs(rows.length - 503 / 5)).toBeLessThanOrEqual(1);
      expect(Math.abs(positives - total / 5)).toBeLessThanOrEqual(1);
    }
  });

  it('gives the same folds for the same seed and different ones for another seed', () => {
    expect(assignStratifiedFolds(labels, 5, 42)).toEqual(assignStratifiedFolds(labels, 5, 42));
    expect(assignStratifiedFolds(labels, 5, 42)).not.toEqual(assignStratifiedFolds(labels, 5, 43));
  });
});
