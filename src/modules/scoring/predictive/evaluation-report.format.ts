import type { EvaluationReport, MetricSet } from './model-evaluation.service.ts';

/** Readable text for `chaud model evaluate` without --json: a summary, then the tables. */

function formatNumber(value: number, digits = 3): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

function formatPercent(value: number): string {
  return Number.isFinite(value) ? `${(100 * value).toFixed(1)}%` : 'n/a';
}

/** Right-aligned columns under a header, separated by two spaces. */
function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, c) =>
    Math.max(title.length, ...rows.map((row) => (row[c] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padStart(widths[c]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function formatMetricSet(metrics: MetricSet, title: string): string[] {
  const naiveBayesRatio = metrics.auc / metrics.baselines.naiveBayes;
  const lines = [
    title,
    formatTable(
      ['model', 'AUC', 'Brier'],
      [
        [
          'predictive model (boosted trees + logistic, calibrated)',
          formatNumber(metrics.auc),
          formatNumber(metrics.brier),
        ],
        ['baseline: L2 logistic regression', formatNumber(metrics.baselines.logistic), ''],
        [
          metrics.isNaiveBayesFallback
            ? 'baseline: naive Bayes (no categorical column: numerics binned)'
            : 'baseline: naive Bayes, Odoo-style (won/lost per categorical value)',
          formatNumber(metrics.baselines.naiveBayes),
          '',
        ],
        [
          'info: naive Bayes with numerics in 10 ranges',
          formatNumber(metrics.baselines.naiveBayesBinned),
          '',
        ],
      ],
    ),
    `model AUC − logistic AUC = ${formatNumber(metrics.auc - metrics.baselines.logistic)}; model / naive Bayes = ${formatNumber(naiveBayesRatio, 2)}×` +
      (metrics.isNaiveBayesFallback
        ? ' (naive Bayes fell back to the binned variant: the table has no categorical column)'
        : ''),
    '',
    'Calibration (deciles of predicted probability)',
    formatTable(
      ['decile', 'rows', 'mean predicted', 'observed rate'],
      metrics.calibration.map((bin) => [
        String(bin.decile),
        String(bin.count),
        formatPercent(bin.meanPredicted),
        formatPercent(bin.observedRate),
      ]),
    ),
    '',
    'Lift (deciles by score, best first)',
    formatTable(
      ['decile', 'rows', 'positives', 'rate', 'lift', 'cumulative capture'],
      metrics.lift.map((bin) => [
        String(bin.decile),
        String(bin.count),
        String(bin.positives),
        formatPercent(bin.rate),
        formatNumber(bin.lift, 2),
        formatPercent(bin.cumulativeCapture),
      ]),
    ),
  ];
  return lines;
}

export function formatEvaluationReport(report: EvaluationReport): string {
  const foldAucs = report.folds.modelAuc.map((auc) => formatNumber(auc)).join(', ');
  const lines = [
    `Rows: ${report.rows} (${report.label.rowsWithoutLabel} without a label left out); positive rate ${formatPercent(report.positiveRate)}`,
    `Label: ${report.label.column}, positive = "${report.label.positive}" (${report.label.reason})`,
    `Features used (${report.features.length}): ${report.features.join(', ')}`,
    `Excluded columns: ${report.excluded.length}`,
    '',
    ...formatMetricSet(
      report,
      `Stratified ${report.folds.count}-fold cross-validation, seed ${report.folds.seed} (pooled out-of-fold predictions; model AUC per fold: ${foldAucs})`,
    ),
  ];
  if (report.holdout) {
    lines.push(
      '',
      ...formatMetricSet(
        report.holdout,
        `Time-ordered holdout by "${report.holdout.column}": trained on the first ${report.holdout.trainRows} rows, tested on the last ${report.holdout.testRows}`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The single JSON object of `--json` (NaN, e.g. an AUC on one class, becomes null). */
export function toJsonReport(report: EvaluationReport): Record<string, unknown> {
  return {
    auc: report.auc,
    brier: report.brier,
    calibration: report.calibration,
    lift: report.lift,
    baselines: report.baselines,
    isNaiveBayesFallback: report.isNaiveBayesFallback,
    holdout: report.holdout,
    excluded: report.excluded,
    rows: report.rows,
    positiveRate: report.positiveRate,
    label: report.label,
    features: report.features,
    folds: report.folds,
  };
}
