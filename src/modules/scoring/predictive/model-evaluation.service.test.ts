import { describe, expect, it } from 'vitest';
import { formatEvaluationReport, toJsonReport } from './evaluation-report.format.ts';
import { LabelError } from './label.rules.ts';
import { evaluateTable } from './model-evaluation.service.ts';
import { generateSyntheticLeads } from './synthetic-leads.fixtures.ts';

describe('evaluateTable', () => {
  it('beats both baselines when the outcome depends on interactions', () => {
    const report = evaluateTable(generateSyntheticLeads({ rows: 3000, seed: 5, interaction: 1 }), {
      label: 'Won',
      seed: 1,
    });
    expect(report.auc).toBeGreaterThan(report.baselines.logistic + 0.02);
    expect(report.auc).toBeGreaterThan(report.baselines.naiveBayes + 0.02);
    expect(report.brier).toBeLessThan(0.25);
  });

  it('gives identical figures for the same seed', () => {
    const table = generateSyntheticLeads({ rows: 700, seed: 8, interaction: 0.5 });
    const first = evaluateTable(table, { label: 'Won', seed: 3 });
    const second = evaluateTable(table, { label: 'Won', seed: 3 });
    expect(JSON.stringify(toJsonReport(second))).toBe(JSON.stringify(toJsonReport(first)));
  });

  it('excludes a leaking column and the identifier, and reports both', () => {
    const report = evaluateTable(generateSyntheticLeads({ rows: 800, seed: 2, interaction: 0, leak: true }), {
      label: 'Won',
      seed: 1,
    });
    expect(report.excluded.map((entry) => entry.column).sort()).toEqual(['Lead Id', 'Segment Code']);
    expect(report.features).not.toContain('Segment Code');
    expect(report.auc).toBeLessThan(0.9);
  });

  it('adds a time-ordered holdout on the last 20% and keeps the time column out of the features', () => {
    const report = evaluateTable(generateSyntheticLeads({ rows: 1000, seed: 4, interaction: 0.5 }), {
      label: 'Won',
      timeColumn: 'Lead Id',
      folds: 3,
    });
    expect(report.holdout).not.toBeNull();
    expect(report.holdout!.trainRows).toBe(800);
    expect(report.holdout!.testRows).toBe(200);
    expect(report.holdout!.auc).toBeGreaterThan(0.55);
    expect(report.features).not.toContain('Lead Id');
    expect(report.excluded).toContainEqual({
      column: 'Lead Id',
      reason: 'time column: orders the holdout, not used as a feature',
    });
  });

  it('returns the JSON keys of the issue', () => {
    const report = evaluateTable(generateSyntheticLeads({ rows: 300, seed: 1, interaction: 0 }), {
      label: 'Won',
      folds: 3,
    });
    const json = toJsonReport(report);
    for (const key of [
      'auc',
      'brier',
      'calibration',
      'lift',
      'baselines',
      'holdout',
      'excluded',
      'rows',
      'positiveRate',
    ]) {
      expect(json).toHaveProperty(key);
    }
    expect(json.holdout).toBeNull();
    expect(report.calibration).toHaveLength(10);
    expect(report.lift).toHaveLength(10);
    expect(report.rows).toBe(300);
  });

  it('says when naive Bayes had no categorical column and fell back to binned numerics', () => {
    const table = generateSyntheticLeads({ rows: 600, seed: 3, interaction: 0 });
    const numeric = ['Visits', 'Minutes On Site', 'Budget', 'Won'].map((name) => table.columns.indexOf(name));
    const numericTable = {
      ...table,
      columns: numeric.map((c) => table.columns[c]!),
      rows: table.rows.map((row) => numeric.map((c) => row[c] ?? null)),
    };
    const report = evaluateTable(numericTable, { label: 'Won', folds: 3 });
    expect(report.isNaiveBayesFallback).toBe(true);
    expect(report.baselines.naiveBayes).toBe(report.baselines.naiveBayesBinned);
    expect(formatEvaluationReport(report)).toMatch(/fell back to the binned variant/);
    const mixed = evaluateTable(table, { label: 'Won', folds: 3 });
    expect(mixed.isNaiveBayesFallback).toBe(false);
    expect(mixed.baselines.naiveBayes).not.toBe(mixed.baselines.naiveBayesBinned);
  });

  it('refuses an unknown label or time column', () => {
    const table = generateSyntheticLeads({ rows: 50, seed: 1, interaction: 0 });
    expect(() => evaluateTable(table, { label: 'Outcome' })).toThrow(LabelError);
    expect(() => evaluateTable(table, { label: 'Won', timeColumn: 'When' })).toThrow(LabelError);
  });
});
