// Accent folding done the same way in TypeScript and in SQL (translate()), so both engines agree.
export const ACCENTED = 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿœæ';
export const UNACCENTED = 'aaaaaaceeeeiiiinooooouuuuyyoa';

const FOLD_MAP = new Map([...ACCENTED].map((char, index) => [char, UNACCENTED[index]!]));

/** Lower-cases, trims and removes common Latin accents: "Directeur Général " → "directeur general". */
export function foldText(value: string): string {
  let folded = '';
  for (const char of value.trim().toLowerCase()) folded += FOLD_MAP.get(char) ?? char;
  return folded;
}

/** First whole number in a company size such as "50-199", "200+" or "120 salariés". */
export function parseEmployeeCount(value: string | null | undefined): number | null {
  if (!value) return null;
  const match = /\d+/.exec(value.replace(/[\s\u00a0.]/g, ''));
  return match ? Number(match[0]) : null;
}

/** Consumer mailbox providers: an address there says little about the company (negative fit signal). */
export const FREE_EMAIL_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.fr',
  'hotmail.com',
  'hotmail.fr',
  'outlook.com',
  'outlook.fr',
  'live.com',
  'live.fr',
  'msn.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'sfr.fr',
  'laposte.net',
  'neuf.fr',
  'bbox.fr',
  'gmx.fr',
  'gmx.com',
  'gmx.de',
  'web.de',
  'protonmail.com',
  'proton.me',
  'yandex.com',
  'mail.com',
];
