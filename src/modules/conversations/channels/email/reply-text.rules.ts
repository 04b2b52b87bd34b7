// The new part of an email reply: quoted history, reply headers and signature removed. Pure functions.

const QUOTED = /^[ \t]*>/;
// RFC 3676 "-- "; many clients drop the trailing space.
const SIGNATURE = /^--[ \t]*$/;
// Attribution lines always carry a date, hence the digit: it keeps "Le client a écrit :" in a sentence.
const ATTRIBUTION_EN = /^On\b.*\d.*\bwrote\s*:$/i;
const ATTRIBUTION_FR = /^Le\b.*\d.*\ba\s+écrit\s*:$/i;
const ATTRIBUTION_START = /^(?:On|Le)\b/i;
const ORIGINAL_MESSAGE =
  /^-{2,}\s*(?:Original Message|Message d'origine|Message original|Forwarded message|Message transféré)\s*-{2,}$/i;
// Outlook puts the original's header block under a rule of underscores: "De : … / Envoyé : … / À : … / Objet : …".
const OUTLOOK_RULE = /^_{10,}$/;
const OUTLOOK_FROM = /^\*?(?:De|From)\s*:/i;
const OUTLOOK_SENT = /^\*?(?:Envoyé|Sent|Date)\s*:/i;
const OUTLOOK_ONE_LINE = /^\*?(?:De|From)\s*:.*\b(?:Envoyé|Sent)\s*:/i;
// A wrapped attribution line is never longer than this; stops a long paragraph from being joined.
const MAX_ATTRIBUTION_LENGTH = 300;

function nextFilled(lines: readonly string[], from: number): number {
  let index = from;
  while (index < lines.length && lines[index]!.trim() === '') index++;
  return index;
}

/** 1 or 2 when an "On … wrote:" / "Le … a écrit :" line (maybe wrapped over two lines) starts here, else 0. */
function attributionLength(lines: readonly string[], index: number): number {
  const line = lines[index]!.trim();
  if (!ATTRIBUTION_START.test(line) || line.length > MAX_ATTRIBUTION_LENGTH) return 0;
  const matches = (text: string) => ATTRIBUTION_EN.test(text) || ATTRIBUTION_FR.test(text);
  if (matches(line)) return 1;
  const next = lines[index + 1]?.trim();
  if (next === undefined || next === '') return 0;
  return matches(`${line} ${next}`) ? 2 : 0;
}

/** True where an Outlook-style "From:/Sent:" block (or the rule above it) starts the original message. */
function isOutlookHeader(lines: readonly string[], index: number): boolean {
  let start = index;
  if (OUTLOOK_RULE.test(lines[index]!.trim())) start = nextFilled(lines, index + 1);
  const line = lines[start]?.trim();
  if (line === undefined) return false;
  if (OUTLOOK_ONE_LINE.test(line)) return true;
  if (!OUTLOOK_FROM.test(line)) return false;
  // "Sent:"/"Envoyé :" follows within the next lines (Outlook for Mac puts "Date:" there).
  return lines.slice(start + 1, start + 4).some((next) => OUTLOOK_SENT.test(next.trim()));
}

function tidy(lines: readonly string[]): string {
  const kept: string[] = [];
  for (const line of lines) {
    const trimmed = line.trimEnd();
    // One blank line where removed quotes left several.
    if (trimmed === '' && (kept.length === 0 || kept.at(-1) === '')) continue;
    kept.push(trimmed);
  }
  return kept.join('\n').trim();
}

/**
 * The text the sender wrote in this email. Removes lines quoted with '>', everything from an unquoted
 * history ("-----Original Message-----", an Outlook "De : / Envoyé :" block, or a "Le … a écrit :" /
 * "On … wrote:" line followed by unquoted text), and everything from the "-- " signature delimiter. An
 * attribution line followed by quoted lines is dropped with them, so answers written below or between
 * quotes are kept.
 */
export function extractReplyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (SIGNATURE.test(line) || ORIGINAL_MESSAGE.test(line.trim()) || isOutlookHeader(lines, index)) break;
    const attribution = attributionLength(lines, index);
    if (attribution > 0) {
      const after = nextFilled(lines, index + attribution);
      if (after < lines.length && !QUOTED.test(lines[after]!)) break;
      index = after - 1;
      continue;
    }
    if (!QUOTED.test(line)) kept.push(line);
  }
  return tidy(kept);
}
