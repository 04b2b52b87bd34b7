// RFC 5545 text building blocks: escaping, parameter quoting, folding and date-time forms.

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

// Controls other than HTAB are not allowed in TEXT or parameter values (RFC 5545 §3.1, §3.3.11).
function removeControls(value: string, keep = ''): string {
  let kept = '';
  for (const character of value) {
    const code = character.codePointAt(0) ?? 0;
    if ((code < 0x20 || code === 0x7f) && !keep.includes(character)) continue;
    kept += character;
  }
  return kept;
}

/** A TEXT value: backslash, semicolon, comma escaped; any line break becomes `\n`. */
export function escapeText(value: string): string {
  return removeControls(value.replace(/\r\n|\r/g, '\n'), '\n\t')
    .replace(/[\\;,]/g, (character) => `\\${character}`)
    .replace(/\n/g, '\\n');
}

/** A parameter value (CN=…), always quoted; DQUOTE cannot be escaped there, so it becomes an apostrophe. */
export function quoteParam(value: string): string {
  return `"${removeControls(value.replace(/[\r\n\t]+/g, ' ')).replace(/"/g, "'")}"`;
}

/** A URI or address value: no escaping exists for these, so anything that could end the line goes. */
export function stripControls(value: string): string {
  return removeControls(value);
}

function utf8Length(character: string): number {
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code < 0x10000) return 3;
  return 4;
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with one space, which
 * counts, and a multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = utf8Length(character);
    if (octets + size > MAX_LINE_OCTETS) {
      pieces.push(current);
      current = ' ';
      octets = 1;
    }
    current += character;
    octets += size;
  }
  pieces.push(current);
  return pieces.join(CRLF);
}

/** The lines folded and joined with CRLF, ending with CRLF. */
export function joinContentLines(lines: readonly string[]): string {
  return lines.map(foldLine).join(CRLF) + CRLF;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `20260329T073000Z` (FORM #2, UTC); seconds kept, milliseconds dropped. */
export function formatUtcDateTime(instant: number): string {
  const date = new Date(instant);
  return (
    `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`
  );
}

/** `20260329T093000` (FORM #1/#3 body): the instant shifted by `offsetMinutes`, written without a zone. */
export function formatWallDateTime(instant: number, offsetMinutes: number): string {
  return formatUtcDateTime(instant + offsetMinutes * 60_000).slice(0, -1);
}

/** `+0200`, `-0500`, `+0530` (UTC-OFFSET). */
export function formatUtcOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`;
}
