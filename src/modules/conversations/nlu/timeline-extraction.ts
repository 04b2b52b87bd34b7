import { DateTime, Duration } from 'luxon';
import { type Timeline, timelineMonths } from '../../qualification/index.ts';
import type { Language } from './language-detection.ts';
import { type RecognizedEntity, recognizeDateTimes } from './recognizers-text.adapter.ts';
import { foldKeepingOffsets, normalizeSpacing } from './text-normalization.ts';
import { type Boundary, NOT_BEFORE, TIMELINE_RULES } from './timeline.rules.ts';
import { SPOKEN_TIMELINE_RULES } from './timeline-spoken.rules.ts';

/** lt_1m, 1_3m, 3_6m, gt_6m or unknown (qualification's index exports the union, not its name). */
export type TimelineHorizon = Extract<Timeline, { kind: 'horizon' }>['horizon'];

export interface ExtractedTimeline {
  value: Timeline;
  confidence: number;
  evidence: string;
  /** The horizon bucket the value falls in from `now` (for a date, computed as bant.rules reads it). */
  horizon: TimelineHorizon;
}

export interface TimelineExtractionOptions {
  language: Language;
  now: Date;
  /** IANA zone of the lead (or workspace): "fin du mois" ends at midnight there. */
  timezone: string;
  /** The agent has just asked when: a bare duration ("3 mois") is the answer. */
  isAnswerToTimelineQuestion?: boolean;
}

interface Candidate extends ExtractedTimeline {
  start: number;
  end: number;
}

// A duration is a timeline only after words that point forward: "dans 3 mois", not "depuis 3 mois" or "contrat de 12 mois".
const FORWARD_CUE =
  /\b(?:dans|ds|d'ici|sous|en|within|in|inside|over the next|d'ici a|avant|before|under|less than|moins de)\s+(?:les\s+|the\s+)?(?:prochain(?:e)?s\s+|next\s+)?$/;
const NEGATED = /\b(?:pas|not|no|non|plus|isn'?t|n'est)\s+(?:si |so |that |tres |very |vraiment |really )?$/;
const DATE_TYPES = new Set(['date', 'daterange', 'datetime', 'datetimerange', 'duration']);
const RULES = [...TIMELINE_RULES, ...SPOKEN_TIMELINE_RULES];

// "aujourd'hui tout est dans des tableurs", "right now we use Excel": the present described, no deadline.
const PRESENT =
  /^(?:aujourd'hui|aujourdhui|auj|today|now|maintenant|actuellement|currently|en ce moment|right now|at the moment|at present|nowadays|these days|de nos jours|ce jour|(?:le |ce )?moment|(?:l')?instant|for now)$/;
// "les leads du week-end", "leads that come in over the weekend": a recurring part of the week or day.
const RECURRING =
  /\b(?:week-?ends?|soirs?|soirees?|nuits?|matins?|matinees?|evenings?|nights?|mornings?|afternoons?|apres-midi)\b/;
const SPECIFIC_DAY =
  /\b(?:ce|cet|cette|this|next|prochain\w*|demain|tomorrow|tonight|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\d/;
// Words that make a day a deadline: "pour aujourd'hui", "by the weekend", "d'ici ce soir".
const DEADLINE_CUE =
  /\b(?:pour|d'ici|avant|des|by|before|until|till|for|from|starting|due|a partir d[eu']?|jusqu'(?:a|au)|ce|cet|cette|this|next)\s+(?:(?:the|le|la|les)\s+|l')?$/;

// Recognizers may keep the cue in the entity: "by the weekend".
const DEADLINE_START =
  /^(?:pour|d'ici|avant|des|by|before|until|till|for|from|starting|due|jusqu'|ce|cet|cette|this|next)\b/;

/** A day that describes how things are or usually go, not when the lead means to act. */
// "joyeux Noël", "happy new year": a wish, not a date.
const WISH = /\b(?:joyeux|joyeuses|bonnes?|merry|happy|season'?s)\s+$/;

function isDescriptiveTime(entityText: string, before: string, isAnswer: boolean): boolean {
  if (WISH.test(before)) return true;
  if (DEADLINE_CUE.test(before) || DEADLINE_START.test(entityText)) return false;
  // "aujourd'hui" answering "when?" means now; "pas maintenant" never does.
  if (PRESENT.test(entityText.trim())) return !isAnswer || NEGATED.test(before);
  return RECURRING.test(entityText) && !SPECIFIC_DAY.test(entityText);
}

const HORIZON_BY_MONTHS: [number, TimelineHorizon][] = [
  [1, 'lt_1m'],
  [3, '1_3m'],
  [6, '3_6m'],
];

function horizonOf(value: Timeline, now: Date): TimelineHorizon {
  if (value.kind === 'horizon') return value.horizon;
  const months = timelineMonths(value, now.getTime());
  if (months === null) return 'unknown';
  return HORIZON_BY_MONTHS.find(([limit]) => months < limit)?.[1] ?? 'gt_6m';
}

function localNow(now: Date, timezone: string): DateTime {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  return local.isValid ? local : DateTime.fromJSDate(now, { zone: 'utc' });
}

/**
 * Recognizers-Text reads the reference date's local fields (getFullYear, getHours…): give it a
 * Date whose local fields are the lead's wall-clock time, whatever the server's TZ is.
 */
const referenceFor = (local: DateTime): Date =>
  new Date(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);

function boundaryBefore(folded: string, index: number, entityText: string): Boundary {
  const before = folded.slice(Math.max(0, index - 60), index);
  if (NOT_BEFORE.test(before)) return 'start';
  // Recognizers may include the "before"/"avant" in the entity ("avant 2027" after "pas de projet").
  if (
    /^(?:avant|before|until)\b/.test(entityText) &&
    /\b(?:pas|not|no|aucun\w*|rien|jamais)\b[^.!?,;]{0,40}$/.test(before)
  )
    return 'start';
  return 'end';
}

function ruleCandidates(text: string, folded: string, now: DateTime): Candidate[] {
  const found: Candidate[] = [];
  for (const rule of RULES) {
    const pattern = new RegExp(rule.pattern.source, `${rule.pattern.flags.replace('g', '')}g`);
    for (const match of folded.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      // "pas urgent", "not urgent", "pas tout de suite": no timing stated (the intent says "not now").
      if (rule.isNegatable && NEGATED.test(folded.slice(Math.max(0, start - 20), start))) continue;
      const value = rule.resolve(match, now, boundaryBefore(folded, start, match[0]));
      if (!value) continue;
      found.push({
        value,
        confidence: rule.confidence,
        evidence: text.slice(start, end),
        horizon: 'unknown',
        start,
        end,
      });
    }
  }
  return found;
}

/** The first resolution that is not already over (Recognizers gives last and next year for "en septembre"). */
function resolveEntity(
  entity: RecognizedEntity,
  folded: string,
  local: DateTime,
  boundary: Boundary,
  isAnswer: boolean,
): Timeline | null {
  const today = local.startOf('day');
  const values: Record<string, string | undefined>[] = entity.resolution?.values ?? [];
  for (const value of values) {
    if (value.value === 'not resolved') continue;
    let day: DateTime | null = null;
    if (value.type === 'duration') {
      if (
        value.Mod ||
        !(isAnswer || FORWARD_CUE.test(folded.slice(Math.max(0, entity.start - 40), entity.start)))
      )
        return null;
      const duration = Duration.fromISO(value.timex ?? '');
      if (!duration.isValid) return null;
      day = local.plus(duration);
    } else if (value.type === 'date' || value.type === 'datetime') {
      day = DateTime.fromISO((value.value ?? '').slice(0, 10), { zone: local.zone });
    } else {
      // A bare year ("budget 2027") is no timing; years after a cue are our rules' job.
      if (/^\d{4}$/.test(value.timex ?? '')) return null;
      const isStart = boundary === 'start' || value.Mod === 'after' || value.Mod === 'since';
      const startDay = value.start ? DateTime.fromISO(value.start.slice(0, 10), { zone: local.zone }) : null;
      const exclusiveEnd = value.end ? DateTime.fromISO(value.end.slice(0, 10), { zone: local.zone }) : null;
      // Range ends are exclusive ("2026-12-01" closes November); "not until March" starts on that very day.
      const endDay =
        exclusiveEnd && !(isStart && value.Mod === 'before') ? exclusiveEnd.minus({ days: 1 }) : exclusiveEnd;
      day = isStart ? (startDay ?? endDay) : (endDay ?? startDay);
    }
    if (day?.isValid && day >= today) return { kind: 'date', date: day.toISODate()! };
  }
  return null;
}

function recognizerCandidates(
  text: string,
  folded: string,
  local: DateTime,
  taken: Candidate[],
  options: TimelineExtractionOptions,
) {
  const found: Candidate[] = [];
  for (const entity of recognizeDateTimes(normalizeSpacing(text), options.language, referenceFor(local))) {
    const type = entity.typeName.replace('datetimeV2.', '');
    const start = entity.start;
    const end = entity.end + 1;
    if (!DATE_TYPES.has(type) || taken.some((other) => start < other.end && end > other.start)) continue;
    const isAnswer = options.isAnswerToTimelineQuestion ?? false;
    if (isDescriptiveTime(folded.slice(start, end), folded.slice(Math.max(0, start - 25), start), isAnswer))
      continue;
    const boundary = boundaryBefore(folded, start, folded.slice(start, end));
    const value = resolveEntity(entity, folded, local, boundary, isAnswer);
    if (!value) continue;
    // Any other date in the message says more than a bare "aujourd'hui".
    const confidence = PRESENT.test(folded.slice(start, end).trim()) ? 0.6 : 0.8;
    found.push({ value, confidence, evidence: text.slice(start, end), horizon: 'unknown', start, end });
  }
  return found;
}

/**
 * When the lead means to decide or start: a date ("d'ici la fin du trimestre" → the quarter's
 * last day, "dans 3 mois" → now + 3 months) or a horizon ("ASAP" → lt_1m, "l'année prochaine",
 * "pas avant 2027" → gt_6m, "pas encore de date" → unknown). Our rules for business phrases run
 * first; Recognizers-Text covers the rest (weekdays, dated days, durations, month names).
 */
export function extractTimeline(text: string, options: TimelineExtractionOptions): ExtractedTimeline | null {
  if (!/[\p{L}\p{N}]/u.test(text)) return null;
  const folded = foldKeepingOffsets(text);
  const local = localNow(options.now, options.timezone);
  const rules = ruleCandidates(text, folded, local);
  const candidates = [...rules, ...recognizerCandidates(text, folded, local, rules, options)];
  const best = candidates.reduce<Candidate | null>(
    (winner, candidate) =>
      !winner ||
      candidate.confidence > winner.confidence ||
      (candidate.confidence === winner.confidence && candidate.start < winner.start)
        ? candidate
        : winner,
    null,
  );
  if (!best) return null;
  return {
    value: best.value,
    confidence: best.confidence,
    evidence: best.evidence,
    horizon: horizonOf(best.value, options.now),
  };
}
