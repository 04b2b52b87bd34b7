/**
 * Lower-case, accent-free and with plain spaces and apostrophes, yet exactly as long as the input:
 * rules match on this text and slice the lead's own words out of the original at the same offsets.
 * ("Désinscription" → "desinscription", "18 000 €" with a narrow no-break space → "18 000 €").
 */
export function foldKeepingOffsets(text: string): string {
  let folded = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    folded += foldChar(char);
  }
  return folded;
}

function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  // Surrogate halves (emoji and other astral characters) are kept as they are.
  if (code >= 0xd800 && code <= 0xdfff) return char;
  if (char === '\u00a0' || char === '\u202f' || char === '\u2009' || char === '\t') return ' ';
  if (char === '’' || char === '‘' || char === 'ʼ') return "'";
  if (char === '–' || char === '—') return '-';
  const lower = char.toLowerCase();
  const bare = lower.normalize('NFD').replace(/\p{M}/gu, '');
  if (bare.length === 1) return bare;
  return lower.length === 1 ? lower : char;
}

/** Plain spaces and apostrophes, case and accents kept, same length: what the Recognizers are given. */
export function normalizeSpacing(text: string): string {
  return text.replace(/[\u00a0\u202f\u2009\t]/g, ' ').replace(/[’‘ʼ]/g, "'");
}
