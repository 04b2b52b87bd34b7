/**
 * Business timing phrases Recognizers-Text does not resolve, or resolves wrongly in French
 * ("d'ici la fin du trimestre", "T1 2027", "le mois prochain", "ASAP", "l'année prochaine").
 * Rules match on folded text (lower-case, no accents) and return a timeline relative to the
 * lead's local "now". A period resolves to its last day, the latest date the lead's words allow.
 */
import type { DateTime } from 'luxon';
import type { Timeline } from '../../qualification/index.ts';

/** `start` after "pas avant" / "not before" / "à partir de": the period is when things may begin. */
export type Boundary = 'start' | 'end';

export interface TimelineRule {
  pattern: RegExp;
  confidence: number;
  /** "pas urgent", "not right away": a negation just before cancels the match. */
  isNegatable?: boolean;
  /** null: the words matched but say nothing usable (a quarter already past, say). */
  resolve(match: RegExpMatchArray, now: DateTime, boundary: Boundary): Timeline | null;
}

const date = (value: DateTime): Timeline => ({ kind: 'date', date: value.toISODate()! });
const horizon = (value: 'lt_1m' | 'gt_6m' | 'unknown'): Timeline => ({ kind: 'horizon', horizon: value });

const QUARTER_WORDS: Record<string, number> = {
  '1er': 1,
  premier: 1,
  first: 1,
  '1st': 1,
  '2e': 2,
  '2eme': 2,
  deuxieme: 2,
  second: 2,
  '2nd': 2,
  '3e': 3,
  '3eme': 3,
  troisieme: 3,
  third: 3,
  '3rd': 3,
  '4e': 4,
  '4eme': 4,
  quatrieme: 4,
  dernier: 4,
  fourth: 4,
  '4th': 4,
  last: 4,
};

/** The period `unit` that starts at `start`, as its first or last day. */
const boundaryOf = (start: DateTime, unit: 'week' | 'month' | 'quarter' | 'year', boundary: Boundary) =>
  date(boundary === 'start' ? start.startOf(unit) : start.endOf(unit));

/**
 * Period `index` (1-based, `size` months long) of the stated year, or without a year the next
 * such period not yet over; null when a stated one is over.
 */
function periodOfYear(
  now: DateTime,
  index: number,
  size: 3 | 6,
  yearText: string | undefined,
  boundary: Boundary,
): Timeline | null {
  const year = yearText ? Number(yearText.length === 2 ? `20${yearText}` : yearText) : now.year;
  let start = now.set({ year, month: (index - 1) * size + 1, day: 1 }).startOf('day');
  let end = start.plus({ months: size - 1 }).endOf('month');
  if (!yearText && end < now) {
    start = start.plus({ years: 1 });
    end = end.plus({ years: 1 }).endOf('month');
  }
  if (end < now.startOf('day')) return null;
  return date(boundary === 'start' ? start : end);
}

function resolveYear(
  now: DateTime,
  yearText: string,
  part: string | undefined,
  boundary: Boundary,
): Timeline | null {
  const year = Number(yearText);
  if (year < now.year || year > now.year + 20) return null;
  const start = now.set({ year, month: 1, day: 1 }).startOf('day');
  if (part && /^(?:debut|early|beginning)/.test(part))
    return date(boundary === 'start' ? start : start.set({ month: 3 }).endOf('month'));
  if (part && /^(?:mi|mid|milieu)/.test(part))
    return date(start.set({ month: boundary === 'start' ? 5 : 6 }).endOf('month'));
  if (part && /^(?:fin|end|late)/.test(part))
    return date(boundary === 'start' ? start.set({ month: 10 }) : start.endOf('year'));
  // A whole later year (or "not before" one): its middle, or its start seen from this year's end, is far enough to call it over six months.
  if (year > now.year) return horizon('gt_6m');
  return boundary === 'start' ? null : date(now.endOf('year'));
}

const YEAR = String.raw`(20\d\d)`;
const YEAR_AFTER = String.raw`\s*(?:de\s+|of\s+)?'?(20\d\d|\d\d)\b`;
const OPTIONAL_YEAR = String.raw`(?:${YEAR_AFTER}|\b)`;

export const TIMELINE_RULES: TimelineRule[] = [
  {
    // Unhurried or undated: a timeline was discussed and there is none.
    pattern:
      /\b(?:pas (?:encore )?de (?:date|calendrier|deadline|echeance|timing)|aucune (?:date|echeance|idee de (?:date|delai))|no (?:set )?(?:timeline|deadline|date|timeframe)(?: yet)?|not sure when|je ne sais pas (?:encore )?quand|(?:don'?t|do not) know (?:yet )?when|rien ne presse|pas presses?|no rush|no hurry)\b/,
    confidence: 0.6,
    resolve: () => horizon('unknown'),
  },
  {
    pattern:
      /\b(?:a\.?s\.?a\.?p\.?|des que possible|au plus vite|le plus vite possible|le plus tot possible|au plus tot|urgent\w*|urgence|tout de suite|immediatement|right away|as soon as possible|immediately|straight away|right now(?!,?\s+(?:we|i|our|they|it|everything|all|the|there)\b)|urgently|yesterday)(?![\p{L}])/u,
    confidence: 0.8,
    isNegatable: true,
    resolve: () => horizon('lt_1m'),
  },
  {
    pattern:
      /\b(debut|early|beginning of|mi-?|mid-?|milieu|fin|end of|late)\s*(?:de\s+)?(?:l'annee prochaine|l'an prochain|annee prochaine|an prochain|next year)\b/,
    confidence: 0.85,
    resolve: (match, now, boundary) => resolveYear(now, String(now.year + 1), match[1], boundary),
  },
  {
    pattern:
      /\b(?:l'annee prochaine|l'an prochain|annee prochaine|an prochain|next year|the following year)\b/,
    // Spoken of as a whole, next year is when the lead is not buying now; a date would feign precision.
    confidence: 0.8,
    resolve: () => horizon('gt_6m'),
  },
  {
    pattern:
      /\b(?:(?:d'ici |avant )?(?:la )?fin (?:de l'|d')?annee|cette annee|(?:by |before )?(?:the )?end of (?:the |this )?year|this year|year[- ]end|eoy)\b/,
    confidence: 0.85,
    resolve: (_match, now, boundary) => (boundary === 'start' ? null : date(now.endOf('year'))),
  },
  {
    // A year needs a word of timing before it: "budget 2027" or "depuis 2020" is no timeline.
    pattern: new RegExp(
      String.raw`\b(?:(?:en|in|pour|for|courant|during|d'ici|by|avant|before|until|a partir de|starting|after|apres)\s+(?:l'annee\s+|the year\s+)?|(debut|early|beginning of|mi-?|mid-?|milieu|fin|end of|late)\s*(?:d'|de l'annee\s+)?)${YEAR}\b`,
    ),
    confidence: 0.8,
    resolve: (match, now, boundary) => resolveYear(now, match[2]!, match[1], boundary),
  },
  {
    pattern: /\b(?:trimestre prochain|prochain trimestre|next quarter|(?:the )?following quarter)\b/,
    confidence: 0.85,
    resolve: (_match, now, boundary) => boundaryOf(now.plus({ months: 3 }), 'quarter', boundary),
  },
  {
    pattern:
      /\b(?:(?:la )?fin (?:du |de ce )?trimestre|ce trimestre|trimestre en cours|(?:the )?end of (?:the |this )?quarter|this quarter|current quarter|eoq)\b/,
    confidence: 0.85,
    resolve: (_match, now, boundary) => boundaryOf(now, 'quarter', boundary),
  },
  {
    // "Q1", "Q1 2027", "T1 2027" ("T2" alone is a flat size in French, so T needs its year).
    pattern: new RegExp(String.raw`\b(?:q([1-4])${OPTIONAL_YEAR}|t([1-4])${YEAR_AFTER})`),
    confidence: 0.85,
    resolve: (match, now, boundary) =>
      periodOfYear(now, Number(match[1] ?? match[3]), 3, match[2] ?? match[4], boundary),
  },
  {
    pattern: new RegExp(
      String.raw`\b(1er|premier|2e|2eme|deuxieme|3e|3eme|troisieme|4e|4eme|quatrieme|dernier|first|second|2nd|third|3rd|fourth|4th|last|1st) (?:trimestre|quarter)(?:${YEAR_AFTER})?`,
    ),
    confidence: 0.85,
    resolve: (match, now, boundary) =>
      periodOfYear(now, QUARTER_WORDS[match[1]!] ?? 1, 3, match[2], boundary),
  },
  {
    pattern: new RegExp(String.raw`\b[sh]([12])${YEAR_AFTER}`),
    confidence: 0.8,
    resolve: (match, now, boundary) => periodOfYear(now, Number(match[1]), 6, match[2], boundary),
  },
  {
    pattern: new RegExp(
      String.raw`\b(?:(1er|premier|first|1st) (?:semestre|half)|(second|2e|2eme|deuxieme|2nd) (?:semestre|half))(?:${YEAR_AFTER})?`,
    ),
    confidence: 0.8,
    resolve: (match, now, boundary) => periodOfYear(now, match[1] ? 1 : 2, 6, match[3], boundary),
  },
  {
    pattern: /\b(?:(?:la )?fin du mois prochain|end of next month)\b/,
    confidence: 0.85,
    resolve: (_match, now) => date(now.plus({ months: 1 }).endOf('month')),
  },
  {
    pattern: /\b(?:(?:le )?mois prochain|next month)\b/,
    confidence: 0.85,
    resolve: (_match, now, boundary) => boundaryOf(now.plus({ months: 1 }), 'month', boundary),
  },
  {
    pattern:
      /\b(?:(?:la )?fin (?:du|de ce) mois|ce mois[- ]ci|(?:the )?end of (?:the |this )?month|this month)\b/,
    confidence: 0.85,
    resolve: (_match, now, boundary) => (boundary === 'start' ? null : date(now.endOf('month'))),
  },
  {
    pattern: /\b(?:(?:la )?semaine pro(?:chaine)?|next week)\b/,
    confidence: 0.85,
    resolve: (_match, now, boundary) => boundaryOf(now.plus({ weeks: 1 }), 'week', boundary),
  },
  {
    pattern:
      /\b(?:cette semaine|(?:la )?fin de (?:la )?semaine|this week|(?:the )?end of (?:the |this )?week)\b/,
    confidence: 0.85,
    resolve: (_match, now, boundary) => (boundary === 'start' ? null : date(now.endOf('week'))),
  },
  {
    pattern: /\b(?:(?:a |pour |apres )?la rentree)\b/,
    confidence: 0.75,
    resolve: (_match, now, boundary) => {
      let september = now.set({ month: 9, day: 1 }).startOf('day');
      if (september.endOf('month') < now) september = september.plus({ years: 1 });
      return boundaryOf(september, 'month', boundary);
    },
  },
];

/**
 * "pas avant", "not before", "pas de projet avant", "not until", "à partir de", "after": the
 * period that follows is when things may start, so it resolves to its first day, not its last.
 */
export const NOT_BEFORE =
  /(?:\b(?:pas|not|no|aucun\w*|rien|jamais|nothing)\b[^.!?,;]{0,40}?\b(?:avant|before|until|till)|\ba partir(?: d[e']| du)?|\bstarting(?: from| in)?|\bafter|\bapres)(?:\s+(?:le|la|les|the|du|de))?(?:\s*l')?\s*$/;
