/** Pure guesses about a CSV file from its first bytes (text encoding, delimiter), and line counting. */

/**
 * `ascii` means the sample had no byte above 0x7F: UTF-8 and Windows-1252 read it the same, and the
 * decoder settles the question on the first non-ASCII bytes further in the file.
 */
export type SniffedEncoding = 'utf-8-bom' | 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be' | 'ascii';
export type CsvDelimiter = ',' | ';' | '\t';

/** How much of the file the sniffer reads (bytes). */
export const SNIFF_BYTES = 64 * 1024;

const DELIMITERS: CsvDelimiter[] = [',', ';', '\t'];
// Records looked at to choose the delimiter: enough to see a pattern, few enough to stay instant.
const SAMPLE_RECORDS = 50;

/** True when the bytes are valid UTF-8; a multi-byte sequence cut by the end of the sample is allowed. */
export function isUtf8Sample(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export function detectEncoding(sample: Uint8Array): SniffedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
  // Excel's "Unicode text" export is UTF-16 little-endian with a BOM.
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (!sample.some((byte) => byte > 0x7f)) return 'ascii';
  return isUtf8Sample(sample) ? 'utf-8' : 'windows-1252';
}

interface SampleRecord {
  delimiterCounts: Record<CsvDelimiter, number>;
}

/** Splits sample text into records (quote-aware), counting each candidate delimiter outside quotes. */
function scanRecords(text: string, isComplete: boolean): SampleRecord[] {
  const records: SampleRecord[] = [];
  let counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let isInQuotes = false;
  let hasContent = false;
  for (let index = 0; index < text.length && records.length < SAMPLE_RECORDS; index++) {
    const char = text[index]!;
    if (char === '"') {
      isInQuotes = !isInQuotes;
      hasContent = true;
    } else if (!isInQuotes && (char === '\n' || char === '\r')) {
      if (hasContent) records.push({ delimiterCounts: counts });
      counts = { ',': 0, ';': 0, '\t': 0 };
      hasContent = false;
    } else {
      if (!isInQuotes && (char === ',' || char === ';' || char === '\t')) counts[char] += 1;
      hasContent = true;
    }
  }
  // The last record of a truncated sample may be cut short: only trust it when the file ended there.
  if (hasContent && isComplete && records.length < SAMPLE_RECORDS) records.push({ delimiterCounts: counts });
  return records;
}

/**
 * The candidate that splits the header into the most columns and the following records into the same
 * number most often. French spreadsheet exports use ';' because ',' is the decimal separator.
 */
export function detectDelimiter(text: string, isComplete = true): CsvDelimiter {
  const records = scanRecords(text, isComplete);
  const header = records[0];
  if (!header) return ',';
  let best: { delimiter: CsvDelimiter; consistent: number; columns: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const columns = header.delimiterCounts[delimiter];
    if (columns === 0) continue;
    const consistent = records.filter((record) => record.delimiterCounts[delimiter] === columns).length;
    if (!best || consistent > best.consistent || (consistent === best.consistent && columns > best.columns)) {
      best = { delimiter, consistent, columns };
    }
  }
  return best?.delimiter ?? ',';
}

/** Line breaks in a raw record, counting '\r\n' once (it is how error report line numbers advance). */
export function countLineBreaks(raw: string): number {
  let count = 0;
  for (let index = 0; index < raw.length; index++) {
    const char = raw.charCodeAt(index);
    if (char === 10) count += 1;
    else if (char === 13) {
      count += 1;
      if (raw.charCodeAt(index + 1) === 10) index += 1;
    }
  }
  return count;
}
