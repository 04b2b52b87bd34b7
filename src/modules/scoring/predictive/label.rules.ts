/** Turning a label column (1/0, yes/no, Won/Lost, …) into 1 = positive, 0 = negative, -1 = unknown. */

export type ParsedLabels = {
  /** 1 positive, 0 negative, -1 missing (such rows are left out of training and evaluation). */
  labels: Int8Array;
  /** The positive value as written in the file (its most frequent spelling). */
  positive: string;
  negatives: string[];
  /** Why this value is the positive one, for the report. */
  reason: string;
  missing: number;
};

export class LabelError extends Error {
  readonly code = 'MODEL_LABEL_INVALID';
}

const POSITIVE_WORDS = new Set([
  '1',
  '1.0',
  'yes',
  'y',
  'true',
  't',
  'won',
  'win',
  'closed won',
  'converted',
  'success',
  'successful',
  'positive',
  'pos',
  'qualified',
  'sale',
  'sold',
  'signed',
  'customer',
  'oui',
  'gagné',
  'gagne',
]);
const NEGATIVE_WORDS = new Set([
  '0',
  '0.0',
  'no',
  'n',
  'false',
  'f',
  'lost',
  'lose',
  'closed lost',
  'not converted',
  'failure',
  'failed',
  'negative',
  'neg',
  'unqualified',
  'disqualified',
  'no sale',
  'non',
  'perdu',
]);

function toKey(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

/**
 * Reads a label column. With `positive`, that value (case-insensitive) is positive and every
 * other value negative. Without it: when the values are known words (yes/no, won/lost, 1/0…)
 * they decide; otherwise, with exactly two values, the rarer one is positive (the outcome a
 * lead model predicts — a sale — is nearly always the minority), and the report says so.
 */
export function parseLabels(values: (string | null)[], positive?: string): ParsedLabels {
  const counts = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const value of values) {
    if (value === null) continue;
    const key = toKey(value);
    const entry = counts.get(key) ?? { count: 0, spellings: new Map<string, number>() };
    entry.count++;
    entry.spellings.set(value, (entry.spellings.get(value) ?? 0) + 1);
    counts.set(key, entry);
  }
  const spell = (key: string) => {
    const spellings = [...(counts.get(key)?.spellings ?? new Map<string, number>())];
    return spellings.sort((a, b) => b[1] - a[1])[0]?.[0] ?? key;
  };
  const keys = [...counts.keys()];
  if (keys.length < 2) throw new LabelError(`The label column needs two values; it has ${keys.length}.`);

  let positiveKeys: Set<string>;
  let reason: string;
  if (positive !== undefined) {
    const wanted = toKey(positive);
    if (!counts.has(wanted)) {
      throw new LabelError(
        `--positive ${positive} is not a value of the label column (${keys.map(spell).join(', ')}).`,
      );
    }
    positiveKeys = new Set([wanted]);
    reason = 'given with --positive';
  } else if (keys.every((key) => POSITIVE_WORDS.has(key) || NEGATIVE_WORDS.has(key))) {
    positiveKeys = new Set(keys.filter((key) => POSITIVE_WORDS.has(key)));
    if (positiveKeys.size === 0 || positiveKeys.size === keys.length) {
      throw new LabelError(
        `Cannot tell the positive value among ${keys.map(spell).join(', ')}; pass --positive.`,
      );
    }
    reason = 'inferred from the value names';
  } else if (keys.length === 2) {
    const [first, second] = keys as [string, string];
    const rarer = counts.get(first)!.count <= counts.get(second)!.count ? first : second;
    positiveKeys = new Set([rarer]);
    reason = 'inferred as the rarer of the two values';
  } else {
    throw new LabelError(
      `The label column has ${keys.length} values (${keys.slice(0, 6).map(spell).join(', ')}…); pass --positive.`,
    );
  }

  const labels = new Int8Array(values.length);
  let missing = 0;
  values.forEach((value, i) => {
    if (value === null) {
      labels[i] = -1;
      missing++;
    } else {
      labels[i] = positiveKeys.has(toKey(value)) ? 1 : 0;
    }
  });
  const positiveSpelling = [...positiveKeys].map(spell).join(' | ');
  return {
    labels,
    positive: positiveSpelling,
    negatives: keys.filter((key) => !positiveKeys.has(key)).map(spell),
    reason,
    missing,
  };
}
