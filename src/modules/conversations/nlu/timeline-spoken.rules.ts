/**
 * Spoken timings Recognizers-Text misses or reads too literally: durations with a range, a number
 * word or a shorthand ("dans 4 à 5 mois", "in 4 or 5 months", "ds 1 mois max", "pas avant un
 * an") and seasons ("au printemps", "in the spring"). Same contract as timeline.rules.ts: folded
 * text in, a timeline relative to the lead's local "now" out.
 */
import type { DateTime } from 'luxon';
import type { Timeline } from '../../qualification/index.ts';
import type { Boundary, TimelineRule } from './timeline.rules.ts';

const date = (value: DateTime): Timeline => ({ kind: 'date', date: value.toISODate()! });

const NUMBER_WORDS: Record<string, number> = {
  un: 1,
  une: 1,
  a: 1,
  an: 1,
  one: 1,
  deux: 2,
  two: 2,
  'a couple of': 2,
  'couple of': 2,
  trois: 3,
  three: 3,
  quatre: 4,
  four: 4,
  cinq: 5,
  five: 5,
  six: 6,
  sept: 7,
  seven: 7,
  huit: 8,
  eight: 8,
  neuf: 9,
  nine: 9,
  dix: 10,
  ten: 10,
  onze: 11,
  eleven: 11,
  douze: 12,
  twelve: 12,
  quinze: 15,
  fifteen: 15,
  'dix-huit': 18,
  eighteen: 18,
};

const NUMBER = String.raw`(?:\d+(?:[.,]\d)?|a couple of|couple of|dix-huit|${Object.keys(NUMBER_WORDS)
  .filter((word) => !word.includes(' ') && word !== 'dix-huit')
  .join('|')})`;
const UNIT = `(?<unit>jours?|j|days?|semaines?|sem|weeks?|wks?|quinzaines?|mois|months?|mos?|ans|an|annees?|years?|yrs?)`;
const HALF = String.raw`(?<half>\s+(?:et demie?|and a half))?`;
const APPROX = String.raw`(?:(?:environ|about|around|roughly|approximately|approx\.?|a peu pres|grosso modo|peut-etre|maybe|probably|probablement|something like|quelque chose comme)\s+|~\s*)?`;
// A duration counts only after a forward word ("dans", "ds", "d'ici", "in", "within"…), never after "depuis" or "contrat de".
const FORWARD = `(?:dans|ds|d'ici(?: a)?|sous|en|avant|before|within|in|inside|over the next|under|less than|moins de|max(?:imum)?|at most in|au plus tard dans|at the latest in)`;
const RANGE = String.raw`(?<low>${NUMBER})(?:\s*(?:a|-|to|or|ou)\s*(?<high>${NUMBER}))?\s*${UNIT}${HALF}`;

function amountOf(text: string): number {
  const word = NUMBER_WORDS[text];
  return word ?? Number(text.replace(',', '.'));
}

/** now + the duration the lead named: a range's upper bound, or its lower one when things may only start then. */
function resolveDuration(match: RegExpMatchArray, now: DateTime, boundary: Boundary): Timeline | null {
  const groups = match.groups ?? {};
  // "for another year": no number is one.
  const low = groups.low ? amountOf(groups.low) : 1;
  const high = groups.high ? amountOf(groups.high) : low;
  const amount = (boundary === 'start' ? Math.min(low, high) : Math.max(low, high)) + (groups.half ? 0.5 : 0);
  const unit = groups.unit;
  if (!unit || !Number.isFinite(amount) || amount <= 0) return null;
  let days: number;
  if (/^(?:j|jours?|days?)$/.test(unit)) days = amount;
  else if (/^(?:semaines?|sem|weeks?|wks?)$/.test(unit)) days = amount * 7;
  else if (/^quinzaines?$/.test(unit)) days = amount * 15;
  else {
    const months = /^(?:mois|months?|mos?)$/.test(unit) ? amount : amount * 12;
    if (months > 120) return null;
    const whole = Math.floor(months);
    return date(now.plus({ months: whole, days: Math.round((months - whole) * 30) }));
  }
  if (days > 3650) return null;
  return date(now.plus({ days: Math.round(days) }));
}

type Season = 'spring' | 'summer' | 'autumn' | 'winter';
const SEASON_WORDS: Record<string, Season> = {
  printemps: 'spring',
  spring: 'spring',
  ete: 'summer',
  summer: 'summer',
  automne: 'autumn',
  autumn: 'autumn',
  fall: 'autumn',
  hiver: 'winter',
  winter: 'winter',
};
// Astronomical seasons of the northern hemisphere, as [month, day] of their first and last day.
const SEASON_SPANS: Record<Season, [[number, number], [number, number]]> = {
  spring: [
    [3, 20],
    [6, 20],
  ],
  summer: [
    [6, 21],
    [9, 22],
  ],
  autumn: [
    [9, 23],
    [12, 20],
  ],
  winter: [
    [12, 21],
    [3, 19],
  ],
};

function seasonIn(now: DateTime, season: Season, year: number): { start: DateTime; end: DateTime } {
  const [[startMonth, startDay], [endMonth, endDay]] = SEASON_SPANS[season];
  const start = now.set({ year, month: startMonth, day: startDay }).startOf('day');
  const endYear = endMonth < startMonth ? year + 1 : year;
  const end = now.set({ year: endYear, month: endMonth, day: endDay }).startOf('day');
  return { start, end };
}

/**
 * The season the lead means: of the year they name, the next one after "prochain"/"next", else
 * the first not yet over. Its last day, its first after "pas avant"; "début"/"fin" narrow it.
 */
function resolveSeason(
  now: DateTime,
  word: string,
  part: string | undefined,
  which: string | undefined,
  boundary: Boundary,
): Timeline | null {
  const season = SEASON_WORDS[word];
  if (!season || (which && /^(?:dernier|passe|last)$/.test(which))) return null;
  const today = now.startOf('day');
  let span: { start: DateTime; end: DateTime };
  if (which && /^\d{4}$/.test(which)) span = seasonIn(now, season, Number(which));
  else {
    const isNext = which !== undefined && /^(?:prochain|next)$/.test(which);
    span = seasonIn(now, season, now.year - 1);
    while (isNext ? span.start <= today : span.end < today) span = seasonIn(now, season, span.start.year + 1);
  }
  if (span.end < today) return null;
  if (boundary === 'start') return date(span.start);
  if (part && /^(?:debut|early|beginning|start)/.test(part)) return date(span.start.plus({ months: 1 }));
  if (part && /^(?:mi|mid|milieu|middle)/.test(part)) return date(span.start.plus({ days: 45 }));
  return date(span.end);
}

function resolveSeasonMatch(match: RegExpMatchArray, now: DateTime, boundary: Boundary): Timeline | null {
  const { lead, part, part2, season, which } = match.groups ?? {};
  if (!season) return null;
  return resolveSeason(now, season, part ?? part2, which ?? (lead === 'next' ? 'next' : undefined), boundary);
}

export const SPOKEN_TIMELINE_RULES: TimelineRule[] = [
  {
    pattern: new RegExp(
      String.raw`\b${FORWARD}\s+(?:les\s+|the\s+)?(?:(?:prochain(?:e)?s|next)\s+)?${APPROX}${RANGE}\b`,
    ),
    confidence: 0.8,
    resolve: resolveDuration,
  },
  {
    // "not for another year", "in another 3 months"
    pattern: new RegExp(
      String.raw`\b(?:for|in|dans|pendant) (?:another|an other|encore)\s+(?:(?<low>${NUMBER})\s*)?${UNIT}${HALF}\b`,
    ),
    confidence: 0.8,
    resolve: resolveDuration,
  },
  {
    // "1 mois max", "2 weeks at most": a ceiling stated after the duration.
    pattern: new RegExp(
      String.raw`\b${RANGE}\s+(?:max(?:imum)?|au plus|au maximum|grand max|tops|at most|at the latest|au plus tard)\b`,
    ),
    confidence: 0.8,
    resolve: resolveDuration,
  },
  {
    // "au printemps", "à l'automne prochain", "fin de l'été", "d'ici l'hiver": "été" needs its article (it is also "been").
    pattern:
      /\b(?:(?:d'ici|avant|pour|apres|courant|dans le courant)\s+)?(?:(?<part>debut|mi|milieu|fin)\s*-?\s*(?:du|de l'|de|d')\s*|(?:au|a l'|en|cet|cette|ce|l'|le)\s*)(?<season>printemps|ete|automne|hiver)(?:\s+(?<which>prochain|dernier|passe|20\d\d))?\b/,
    confidence: 0.75,
    resolve: resolveSeasonMatch,
  },
  {
    // "in the spring", "next summer", "by fall", "early spring": a season needs a word of timing ("the fall of prices" is none).
    pattern:
      /\b(?:(?<lead>in|this|next|by|before|for|until|during|over|around|after|from)\s+(?:the\s+)?(?:(?<part>early|mid-?|late|end of|beginning of|start of|middle of)\s*(?:the\s+)?)?|(?<part2>early|mid-?|late)\s*)(?<season>spring|summer|autumn|fall|winter)(?!\s+of\s+(?!20\d\d))(?:\s+(?:of\s+)?(?<which>20\d\d|next|last))?\b/,
    confidence: 0.75,
    resolve: resolveSeasonMatch,
  },
  {
    // "printemps 2027", "summer 2027"
    pattern: /\b(?<season>printemps|ete|automne|hiver|spring|summer|autumn|fall|winter)\s+(?<which>20\d\d)\b/,
    confidence: 0.8,
    resolve: resolveSeasonMatch,
  },
];
