/** Pure guesses about a CSV file: its text encoding, its delimiter, and which cells mean "no answer". */

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t' | '|';

const DELIMITER_CANDIDATES: Delimiter[] = [',', ';', '\t', '|'];

/**
 * Form builders and CRMs write these when nobody answered ("Select" is the first option of an
 * unanswered dropdown). They are compared lowercased and trimmed. "none"/"unknown" are included
 * because a model treats them exactly like a blank: one more "not known" bucket.
 */
const PLACEHOLDERS = new Set([
  '',
  'select',
  'please select',
  'select one',
  'choose',
  'choose one',
  '-- select --',
  '--select--',
  'na',
  'n/a',
  'n.a.',
  '#n/a',
  'nan',
  'null',
  'nil',
  'none',
  'undefined',
  'unknown',
  'not specified',
  'not provided',
  'not available',
  '(blank)',
  '(empty)',
  '-',
  '--',
  '?',
]);

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDERS.has(value.trim().toLowerCase());
}

/** A cell as the model sees it: trimmed text, or null when blank or a placeholder. */
export function normalizeCell(value: string | number | boolean | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const trimmed = value.trim();
  return isPlaceholder(trimmed) ? null : trimmed;
}

/** True when the bytes decode as UTF-8 without a single invalid sequence. */
function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Byte-order marks win; otherwise valid UTF-8 is UTF-8 and anything else is taken as Windows-1252 (Excel's default). */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  const bom = detectBom(bytes);
  if (bom) return bom;
  return isValidUtf8(bytes) ? 'utf-8' : 'windows-1252';
}

export function detectBom(bytes: Uint8Array): TextEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Field counts of the complete lines of a sample, honouring double quotes. */
function countFieldsPerLine(sample: string, delimiter: string, maxLines: number): number[] {
  const counts: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let lineHasContent = false;
  for (let i = 0; i < sample.length && counts.length < maxLines; i++) {
    const char = sample[i];
    if (char === '"') {
      inQuotes = !inQuotes;
      lineHasContent = true;
    } else if (!inQuotes && char === delimiter) {
      fields++;
      lineHasContent = true;
    } else if (!inQuotes && (char === '\n' || char === '\r')) {
      if (lineHasContent) counts.push(fields);
      if (char === '\r' && sample[i + 1] === '\n') i++;
      fields = 1;
      lineHasContent = false;
    } else {
      lineHasContent = true;
    }
  }
  // The last line of a sample may be cut mid-way, so it only counts when it is the only one.
  if (counts.length === 0 && lineHasContent) counts.push(fields);
  return counts;
}

/**
 * The delimiter that splits the sample's lines into the same number (> 1) of fields most
 * consistently; among equally consistent ones, the one giving more fields.
 */
export function sniffDelimiter(sample: string): Delimiter {
  let best: Delimiter = ',';
  let bestConsistency = 0;
  let bestWidth = 1;
  for (const delimiter of DELIMITER_CANDIDATES) {
    const counts = countFieldsPerLine(sample, delimiter, 50);
    if (counts.length === 0) continue;
    const frequency = new Map<number, number>();
    for (const count of counts) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    let modeWidth = 1;
    let modeFrequency = 0;
    for (const [width, seen] of frequency) {
      if (seen > modeFrequency || (seen === modeFrequency && width > modeWidth)) {
        modeWidth = width;
        modeFrequency = seen;
      }
    }
    if (modeWidth < 2) continue;
    const consistency = modeFrequency / counts.length;
    if (
      consistency > bestConsistency + 1e-9 ||
      (Math.abs(consistency - bestConsistency) < 1e-9 && modeWidth > bestWidth)
    ) {
      best = delimiter;
      bestConsistency = consistency;
      bestWidth = modeWidth;
    }
  }
  return best;
}

/**
 * Header names as people mean them: trimmed, a stray BOM removed, blanks named by position,
 * duplicates suffixed. `keep[i]` is false for a nameless column that holds no value at all
 * (the one every line's trailing comma creates).
 */
export function cleanHeader(
  rawHeader: string[],
  isColumnEmpty: (index: number) => boolean,
): { names: string[]; keep: boolean[] } {
  const seen = new Map<string, number>();
  const names: string[] = [];
  const keep: boolean[] = [];
  rawHeader.forEach((raw, index) => {
    let name = raw.replace(/^\uFEFF/, '').trim();
    if (name === '') {
      keep.push(!isColumnEmpty(index));
      name = `column_${index + 1}`;
    } else {
      keep.push(true);
    }
    const times = (seen.get(name) ?? 0) + 1;
    seen.set(name, times);
    names.push(times === 1 ? name : `${name} (${times})`);
  });
  return { names, keep };
}
