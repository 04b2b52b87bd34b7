// Summaries and formatting shared by the benchmarks: min/median/max over repetitions, ratios, tables.

export interface Summary {
  min: number;
  median: number;
  max: number;
  samples: number[];
}

export function summarize(samples: number[]): Summary {
  if (samples.length === 0) return { min: Number.NaN, median: Number.NaN, max: Number.NaN, samples };
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median, max: sorted.at(-1)!, samples };
}

/** One line of the results table: a figure against the baseline measured in the same run. */
export interface BenchResult {
  id: string;
  title: string;
  unit: string;
  figure: Summary;
  baselineTitle: string;
  baseline: Summary | null;
  /** Target for figure/baseline (medians); null when the line is for information only. */
  targetRatio: number | null;
  notes: string[];
  /** Median CPU other processes took during the runs (percent of one core), when measured. */
  otherCpuPercent?: number;
}

/** Past this, other processes took enough CPU to skew the figures: the table flags the line. */
export const BUSY_MACHINE_PERCENT = 25;

export function isSkewedByOthers(result: BenchResult): boolean {
  return (result.otherCpuPercent ?? 0) > BUSY_MACHINE_PERCENT;
}

export type Verdict = 'PASS' | 'MISS' | 'INFO' | 'ERROR';

export function ratioOf(result: BenchResult): number | null {
  if (!result.baseline || !(result.baseline.median > 0)) return null;
  return result.figure.median / result.baseline.median;
}

export function verdictOf(result: BenchResult): Verdict {
  if (!(result.figure.median > 0)) return 'ERROR';
  if (result.targetRatio === null) return 'INFO';
  const ratio = ratioOf(result);
  if (ratio === null) return 'ERROR';
  return ratio >= result.targetRatio ? 'PASS' : 'MISS';
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function formatSummary(summary: Summary | null): string {
  if (!summary) return '—';
  return `${formatNumber(summary.median)} (${formatNumber(summary.min)}–${formatNumber(summary.max)})`;
}

function formatRatio(ratio: number | null): string {
  if (ratio === null) return '—';
  return ratio >= 0.1 ? ratio.toFixed(3) : `${ratio.toFixed(3)} (1/${Math.round(1 / ratio)})`;
}

function formatTarget(target: number | null): string {
  if (target === null) return '—';
  return target < 0.1 ? `≥ ${target.toFixed(2)} (1/${Math.round(1 / target)})` : `≥ ${target.toFixed(2)}`;
}

/** A markdown table ready to paste into the README (medians, with min–max in brackets). */
export function toMarkdownTable(results: BenchResult[]): string {
  const header = [
    '| Measurement | Figure, median (min–max) | Baseline | Baseline, median (min–max) | Ratio | Target | Result |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  const rows = results.map((result) =>
    [
      '',
      ` ${result.title} `,
      ` ${formatSummary(result.figure)} ${result.unit} `,
      ` ${result.baselineTitle || '—'} `,
      ` ${formatSummary(result.baseline)} `,
      ` ${formatRatio(ratioOf(result))} `,
      ` ${formatTarget(result.targetRatio)} `,
      ` ${verdictOf(result)}${isSkewedByOthers(result) ? ' ⚠' : ''} `,
      '',
    ].join('|'),
  );
  return [...header, ...rows].join('\n');
}

export function toJsonResult(result: BenchResult) {
  return {
    id: result.id,
    title: result.title,
    unit: result.unit,
    figure: result.figure,
    baselineTitle: result.baselineTitle,
    baseline: result.baseline,
    ratio: ratioOf(result),
    targetRatio: result.targetRatio,
    verdict: verdictOf(result),
    otherCpuPercent: result.otherCpuPercent ?? null,
    isSkewedByOtherProcesses: isSkewedByOthers(result),
    notes: result.notes,
  };
}
