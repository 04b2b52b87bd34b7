import type { CategoricalFeature, FeatureSpec, NumericFeature } from './predictive-model.schemas.ts';

/**
 * Every feature becomes small integer bins, the common currency of the trees, the naive Bayes
 * baseline, the leak guard and the grid points. Bin 0 is always "missing".
 * Numeric: bins 1..edges.length+1 by thresholds (value <= edges[k] falls in bin k+1).
 * Categorical: bin 1 is "other" (rare or never seen), bins 2.. the frequent categories.
 */

export const MISSING_BIN = 0;
export const OTHER_BIN = 1;
/** 64 bins keep histograms small and still resolve percentiles finer than two points. */
const MAX_BINS = 64;
/** Share of parseable cells above which a column is numeric; stray text ("n/a", "?") counts as missing. */
const NUMERIC_SHARE = 0.97;

const THOUSANDS = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const DECIMAL_COMMA = /^[-+]?\d*,\d+$/;
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DAY_FIRST_DATE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})( \d{1,2}:\d{2}(:\d{2})?)?$/;

/**
 * A number out of a cell: plain, thousands separators, decimal comma, currency signs, percent,
 * or a date (as days since 1970, so "when" can be a feature and a sort key). Null when it is none.
 */
export function parseNumeric(value: string | null): number | null {
  if (value === null) return null;
  let text = value.trim().replace(/^[$€£]\s*|\s*[$€£%]$/g, '');
  if (THOUSANDS.test(text)) text = text.replaceAll(',', '');
  else if (DECIMAL_COMMA.test(text)) text = text.replace(',', '.');
  if (PLAIN_NUMBER.test(text)) return Number(text);
  if (ISO_DATE.test(text)) {
    const time = Date.parse(text);
    return Number.isNaN(time) ? null : time / 86_400_000;
  }
  const dayFirst = DAY_FIRST_DATE.exec(text);
  if (dayFirst) {
    const [, day, month, year] = dayFirst;
    const time = Date.UTC(Number(year), Number(month) - 1, Number(day));
    return Number.isNaN(time) ? null : time / 86_400_000;
  }
  return null;
}

export function toCategoryKey(value: string): string {
  return value.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function isNumericColumn(values: (string | null)[]): boolean {
  let present = 0;
  let parsed = 0;
  for (const value of values) {
    if (value === null) continue;
    present++;
    if (parseNumeric(value) !== null) parsed++;
  }
  return present > 0 && parsed >= NUMERIC_SHARE * present;
}

function quantileOfSorted(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))]!;
}

function buildNumericFeature(name: string, values: (string | null)[]): NumericFeature {
  const numbers = values.map(parseNumeric).filter((n): n is number => n !== null && Number.isFinite(n));
  numbers.sort((a, b) => a - b);
  const distinct: { value: number; count: number }[] = [];
  for (const n of numbers) {
    const last = distinct[distinct.length - 1];
    if (last && last.value === n) last.count++;
    else distinct.push({ value: n, count: 1 });
  }
  const edges: number[] = [];
  const valueBins = MAX_BINS - 1;
  if (distinct.length <= valueBins) {
    for (let i = 0; i + 1 < distinct.length; i++)
      edges.push((distinct[i]!.value + distinct[i + 1]!.value) / 2);
  } else {
    // Equal-count cuts; a value heavier than one bin (often 0) gets a bin of its own.
    const target = numbers.length / valueBins;
    let filled = 0;
    for (let i = 0; i + 1 < distinct.length && edges.length < valueBins - 1; i++) {
      filled += distinct[i]!.count;
      if (filled >= target) {
        edges.push((distinct[i]!.value + distinct[i + 1]!.value) / 2);
        filled = 0;
      }
    }
  }
  const low = quantileOfSorted(numbers, 0.01);
  const high = quantileOfSorted(numbers, 0.99);
  let sum = 0;
  let squares = 0;
  for (const n of numbers) {
    const clipped = Math.min(high, Math.max(low, n));
    sum += clipped;
    squares += clipped * clipped;
  }
  const mean = numbers.length > 0 ? sum / numbers.length : 0;
  const variance = numbers.length > 0 ? squares / numbers.length - mean * mean : 0;
  return { name, kind: 'numeric', edges, low, high, mean, deviation: Math.sqrt(Math.max(variance, 0)) || 1 };
}

function buildCategoricalFeature(name: string, values: (string | null)[]): CategoricalFeature {
  const counts = new Map<string, { count: number; spellings: Map<string, number> }>();
  let present = 0;
  for (const value of values) {
    if (value === null) continue;
    present++;
    const key = toCategoryKey(value);
    const entry = counts.get(key) ?? { count: 0, spellings: new Map<string, number>() };
    entry.count++;
    entry.spellings.set(value, (entry.spellings.get(value) ?? 0) + 1);
    counts.set(key, entry);
  }
  // A category needs enough rows to estimate its rate; rarer ones share the "other" bin.
  const minimum = Math.max(10, Math.round(present * 0.002));
  const frequent = [...counts]
    .filter(([, entry]) => entry.count >= minimum)
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_BINS - 2);
  return {
    name,
    kind: 'categorical',
    keys: frequent.map(([key]) => key),
    labels: frequent.map(([, entry]) => [...entry.spellings].sort((a, b) => b[1] - a[1])[0]![0]),
  };
}

/** Learns the bins of one column from its training values (no label involved). */
export function buildFeatureSpec(name: string, values: (string | null)[]): FeatureSpec {
  return isNumericColumn(values) ? buildNumericFeature(name, values) : buildCategoricalFeature(name, values);
}

export function countBins(spec: FeatureSpec): number {
  return spec.kind === 'numeric' ? spec.edges.length + 2 : spec.keys.length + 2;
}

const categoryIndexes = new WeakMap<CategoricalFeature, Map<string, number>>();

export function binValue(spec: FeatureSpec, value: string | null): number {
  if (value === null) return MISSING_BIN;
  if (spec.kind === 'numeric') {
    const number = parseNumeric(value);
    if (number === null || !Number.isFinite(number)) return MISSING_BIN;
    let low = 0;
    let high = spec.edges.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (number <= spec.edges[middle]!) high = middle;
      else low = middle + 1;
    }
    return low + 1;
  }
  let index = categoryIndexes.get(spec);
  if (!index) {
    index = new Map(spec.keys.map((key, i) => [key, i + 2]));
    categoryIndexes.set(spec, index);
  }
  return index.get(toCategoryKey(value)) ?? OTHER_BIN;
}

export function binColumn(spec: FeatureSpec, values: (string | null)[]): Uint8Array {
  const bins = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) bins[i] = binValue(spec, values[i] ?? null);
  return bins;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

/** Human wording of a run of bins [first, last] of one feature, used by the grid points. */
export function describeBins(spec: FeatureSpec, first: number, last: number): string {
  if (first === MISSING_BIN && last === MISSING_BIN) return 'is missing';
  if (spec.kind === 'categorical') {
    if (first === OTHER_BIN) return 'is another value';
    return `is "${spec.labels[first - 2]}"`;
  }
  const lower = first > 1 ? spec.edges[first - 2] : undefined;
  const upper = last <= spec.edges.length ? spec.edges[last - 1] : undefined;
  if (lower === undefined && upper === undefined) return 'has any value';
  if (lower === undefined) return `<= ${formatNumber(upper!)}`;
  if (upper === undefined) return `> ${formatNumber(lower)}`;
  return `> ${formatNumber(lower)} and <= ${formatNumber(upper)}`;
}
