export interface LooseNumber {
  /** The number as meant: "20k" → 20000. */
  value: number;
  /** The digits alone: "20k" → 20. */
  base: number;
  /** 1, 1 000 or 1 000 000 ("k", "mille", "M", "millions"). */
  multiplier: number;
}

const MULTIPLIERS: [RegExp, number][] = [
  [/(?:k|mille)$/, 1_000],
  [/(?:m|mn|millions?)$/, 1_000_000],
];

/**
 * Reads a number the way leads type amounts in French or English chat: "15 000", "15.000",
 * "15,000", "2,5", "1.5", "20k", "1,2M", "20 mille". A separator followed by exactly three
 * digits (and nothing else) groups thousands; otherwise the last separator is the decimal mark.
 */
export function parseLooseNumber(raw: string): LooseNumber | null {
  let text = raw.trim().toLowerCase();
  let multiplier = 1;
  for (const [pattern, factor] of MULTIPLIERS) {
    if (pattern.test(text)) {
      multiplier = factor;
      text = text.replace(pattern, '').trim();
      break;
    }
  }
  text = text.replace(/\s+/g, '');
  if (!/^\d[\d.,]*$/.test(text)) return null;
  let normalized: string;
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(text)) {
    // "15.000", "30,000", "1.250.000": thousands groups.
    normalized = text.replace(/[.,]/g, '');
  } else {
    const lastSeparator = Math.max(text.lastIndexOf('.'), text.lastIndexOf(','));
    normalized =
      lastSeparator < 0
        ? text
        : `${text.slice(0, lastSeparator).replace(/[.,]/g, '')}.${text.slice(lastSeparator + 1)}`;
  }
  const base = Number.parseFloat(normalized);
  if (!Number.isFinite(base)) return null;
  return { value: Math.round(base * multiplier * 100) / 100, base, multiplier };
}
