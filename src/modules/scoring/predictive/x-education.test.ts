import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CsvTable } from './csv-table.reader.ts';
import { readCsvTable } from './csv-table.reader.ts';
import { freezeToGridPoints, sumGridPoints } from './grid-points.rules.ts';
import { computeAuc } from './metrics.rules.ts';
import type { EvaluationReport } from './model-evaluation.service.ts';
import { evaluateTable } from './model-evaluation.service.ts';
import type { FeatureRow } from './predictive-model.rules.ts';
import { scoreRows, trainModel } from './predictive-model.rules.ts';

// Real leads (UpGrad / X Education, 9,240 rows), kept beside the repository in shared/datasets.
const file = path.resolve(import.meta.dirname, '../../../../../shared/datasets/x-education/Leads.csv');
const isPresent = existsSync(file);
if (!isPresent) console.warn(`x-education tests skipped: ${file} is absent`);

// Fields filled after the lead arrived; the leak guard must find them without being told.
const AFTER_ARRIVAL = [
  'Prospect ID',
  'Lead Number',
  'Tags',
  'Lead Quality',
  'Lead Profile',
  'Last Activity',
  'Last Notable Activity',
  'Asymmetrique Activity Index',
  'Asymmetrique Profile Index',
  'Asymmetrique Activity Score',
  'Asymmetrique Profile Score',
];

describe.skipIf(!isPresent)('x-education leads', () => {
  let table: CsvTable;
  let report: EvaluationReport;

  beforeAll(async () => {
    table = await readCsvTable(file);
    report = evaluateTable(table, { label: 'Converted', folds: 5, seed: 42 });
  }, 120_000);

  it('leaves out every field filled after arrival by itself', () => {
    const excluded = report.excluded.map((entry) => entry.column);
    for (const column of AFTER_ARRIVAL) expect(excluded).toContain(column);
    expect(report.features).toContain('Total Time Spent on Website');
    expect(report.features).toContain('Lead Source');
  });

  it("meets issue 4's goal: AUC ≥ the logistic baseline and ≥ 1.10 × the Odoo-style naive Bayes", () => {
    console.info(
      `x-education: model ${report.auc.toFixed(3)}, logistic ${report.baselines.logistic.toFixed(3)}, ` +
        `naive Bayes ${report.baselines.naiveBayes.toFixed(3)} (binned numerics ${report.baselines.naiveBayesBinned.toFixed(3)}), ` +
        `ratio ${(report.auc / report.baselines.naiveBayes).toFixed(3)}`,
    );
    expect(report.auc).toBeGreaterThanOrEqual(report.baselines.logistic);
    expect(report.auc).toBeGreaterThanOrEqual(0.865);
    expect(report.isNaiveBayesFallback).toBe(false);
    // The issue's ≈ 0.76: categorical columns only, as Odoo reads them.
    expect(report.baselines.naiveBayes).toBeGreaterThan(0.74);
    expect(report.baselines.naiveBayes).toBeLessThan(0.8);
    expect(report.auc).toBeGreaterThanOrEqual(1.1 * report.baselines.naiveBayes);
    // Informational: binning the numerics helps naive Bayes a lot, and the model still beats it.
    expect(report.baselines.naiveBayesBinned).toBeGreaterThan(report.baselines.naiveBayes);
    expect(report.auc).toBeGreaterThan(report.baselines.naiveBayesBinned);
  });

  it('is calibrated: Brier well under the base-rate predictor and deciles close to observed rates', () => {
    const baseRateBrier = report.positiveRate * (1 - report.positiveRate);
    expect(report.brier).toBeLessThan(0.6 * baseRateBrier);
    for (const bin of report.calibration)
      expect(Math.abs(bin.meanPredicted - bin.observedRate)).toBeLessThan(0.05);
  });

  it('freezes into grid points that rank held-out leads within 0.03 AUC of the model', () => {
    const rows: FeatureRow[] = table.rows.map((row) =>
      Object.fromEntries(table.columns.map((name, c) => [name, row[c] ?? null])),
    );
    const train = rows.filter((_, i) => i % 5 !== 0);
    const test = rows.filter((_, i) => i % 5 === 0);
    const labels = test.map((row) => (row.Converted === '1' ? 1 : 0));
    const model = trainModel(train, { label: 'Converted', features: report.features, seed: 42 });
    const grid = freezeToGridPoints(model);
    const modelAuc = computeAuc(scoreRows(model, test), labels);
    const gridAuc = computeAuc(
      test.map((row) => sumGridPoints(grid, row)),
      labels,
    );
    expect(Math.abs(modelAuc - gridAuc)).toBeLessThan(0.03);
  });
});
