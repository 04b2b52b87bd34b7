/** Writing CSV cells that spreadsheets open safely (RFC 4180 quoting + formula neutralisation). */

// UTF-8 byte order mark: without it Excel reads a UTF-8 CSV as the local code page and mangles accents.
export const UTF8_BOM = '\uFEFF';

// RFC 4180 line ending; every spreadsheet and csv-parse reads it.
export const CSV_LINE_END = '\r\n';

// A spreadsheet evaluates a cell starting with one of these as a formula (OWASP "CSV injection").
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Prefixes a single quote to text a spreadsheet would run as a formula (`=HYPERLINK(...)`,
 * `+33…`, `-1`, `@SUM`). The quote shows in the cell, which is the price of safety: lead data comes
 * from strangers filling forms.
 */
export function neutralizeFormula(value: string): string {
  return value.length > 0 && FORMULA_TRIGGERS.has(value[0]!) ? `'${value}` : value;
}

/** One cell: null/undefined → empty; quoted when it holds a delimiter, a quote or a line break. */
export function encodeCsvCell(value: string | number | boolean | null | undefined, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  // Numbers we write ourselves (scores) are data, not attacker text: "-3" stays a number.
  const text = typeof value === 'number' ? String(value) : neutralizeFormula(String(value));
  const needsQuotes =
    text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r');
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record with its CRLF line ending. */
export function encodeCsvLine(
  values: readonly (string | number | boolean | null | undefined)[],
  delimiter = ',',
): string {
  return values.map((value) => encodeCsvCell(value, delimiter)).join(delimiter) + CSV_LINE_END;
}
