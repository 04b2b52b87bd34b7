import { type Language, scoreLanguages } from '../nlu/language-detection.ts';
import { foldForMatching } from './llm-prompt.rules.ts';

/** Why a phrasing was refused: the deterministic replies are sent instead. */
export type PhrasingGuardReason =
  | 'wrong_count'
  | 'not_text'
  | 'empty_reply'
  | 'reply_too_long'
  | 'wrong_language'
  | 'tone_mismatch'
  | 'invented_url'
  | 'invented_email'
  | 'invented_amount'
  | 'invented_date'
  | 'invented_phone'
  | 'meeting_not_offered';

export interface PhrasingPolicy {
  language: Language;
  tone: 'tu' | 'vous';
}

export const MAX_REPLY_LENGTH = 1000;

// Letters or digits must not touch a matched word: JS's \b is ASCII-only ("têtu" would hold "tu").
const word = (alternatives: string): string => `(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`;

interface TokenRule {
  reason: PhrasingGuardReason;
  pattern: RegExp;
  /** Two spellings of the same thing give the same key. */
  key: (match: string) => string;
}

const compact = (match: string): string => match.replace(/\s+/g, '');
const trimTrailingPunctuation = (match: string): string => match.replace(/[.,;:!?)\]'"]+$/, '');

// Order matters: a date ("2026-05-12") or a big amount would also read as a phone number, and
// the reason should name what it is.
const TOKEN_RULES: TokenRule[] = [
  {
    reason: 'invented_email',
    pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[a-z]{2,}/gu,
    key: (match) => match,
  },
  {
    reason: 'invented_url',
    pattern:
      /(?:https?:\/\/|www\.)[^\s<>"]+|(?<![\p{L}\p{N}@._-])[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}(?![\p{L}\p{N}@])(?:\/[^\s<>"]*)?/gu,
    key: (match) =>
      trimTrailingPunctuation(match)
        .replace(/^https?:\/\//, '')
        .replace(/^www\./, '')
        .replace(/\/+$/, ''),
  },
  {
    reason: 'invented_amount',
    pattern: new RegExp(
      [
        '[€$£]\\s?\\d(?:[\\d\\s.,]*\\d)?(?:\\s?[km](?![\\p{L}]))?',
        '(?<![\\p{N}.,])\\d(?:[\\d\\s.,]*\\d)?\\s?(?:k|m|mille)?\\s?(?:€|\\$|£|euros?(?![\\p{L}])|eur(?![\\p{L}])|usd(?![\\p{L}])|dollars?(?![\\p{L}]))',
        '(?<![\\p{N}.,])\\d(?:[\\d.,]*\\d)?\\s?k(?![\\p{L}])',
      ].join('|'),
      'gu',
    ),
    key: (match) =>
      compact(match)
        .replace(/euros?|eur/, '€')
        .replace(/dollars?|usd/, '$'),
  },
  {
    reason: 'invented_date',
    pattern: new RegExp(
      [
        '\\d{4}-\\d{2}-\\d{2}',
        '(?<![\\p{N}])\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?(?![\\p{N}])',
        '(?<![\\p{N}])\\d{1,2}\\.\\d{1,2}\\.\\d{2,4}(?![\\p{N}])',
        '(?<![\\p{N}])\\d{1,2}\\s?h\\s?\\d{0,2}(?![\\p{L}\\p{N}])',
        '(?<![\\p{N}])\\d{1,2}:\\d{2}(?![\\p{N}])',
        '(?<![\\p{N}])\\d{1,2}\\s?(?:am|pm)(?![\\p{L}])',
        word(
          'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|' +
            'saturday|sunday|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|' +
            'decembre|january|february|april|june|july|august|september|october|november|december|' +
            'demain|apres-demain|tomorrow|tonight|ce soir|semaine prochaine|next week|mois prochain|next month',
        ),
        // "may" and "march" are English verbs too: only next to a number are they dates.
        '\\d{1,2}(?:st|nd|rd|th)?\\s(?:may|march)(?![\\p{L}])',
        '(?<![\\p{L}])(?:may|march)\\s\\d{1,4}(?![\\p{N}])',
      ].join('|'),
      'gu',
    ),
    key: compact,
  },
  {
    reason: 'invented_phone',
    pattern: /(?<![\p{N}])\+?\d(?:[\s.()-]?\d){7,14}(?![\p{N}])/gu,
    key: (match) => match.replace(/\D/g, ''),
  },
];

const MEETING_WORDS = new RegExp(
  word(
    'rendez-vous|rendez vous|rdv|reunions?|meetings?|calls?|appel\\w*|demos?|demonstrations?|visio\\w*|' +
      'book|booking|booked|reserv\\w*|creneaux?|calendly|calendars?|agendas?|schedul\\w*|zoom|google meet',
  ),
  'u',
);

const TU_WORDS = new RegExp(`${word('tu|ton|ta|tes|toi|te')}|(?<![\\p{L}\\p{N}])t'(?=\\p{L})`, 'gu');
const VOUS_WORDS = new RegExp(word('vous|votre|vos|votres'), 'gu');

function tokensOf(rule: TokenRule, folded: string): string[] {
  return [...folded.matchAll(rule.pattern)].map((match) => rule.key(match[0]));
}

// Found tokens are blanked so a later rule does not read the same characters again.
function blank(folded: string, rule: TokenRule): string {
  return folded.replace(rule.pattern, (match) => ' '.repeat(match.length));
}

/** The first kind of fact (URL, amount, date…) the reply states that the deterministic text does not. */
export function findInventedFact(reply: string, deterministic: string): PhrasingGuardReason | null {
  let replyText = foldForMatching(reply);
  let allowedText = foldForMatching(deterministic);
  for (const rule of TOKEN_RULES) {
    const allowed = new Set(tokensOf(rule, allowedText));
    if (tokensOf(rule, replyText).some((token) => !allowed.has(token))) return rule.reason;
    replyText = blank(replyText, rule);
    allowedText = blank(allowedText, rule);
  }
  return null;
}

/** Whether the text speaks of a meeting, call or demo (the policy alone decides to offer one). */
export const mentionsMeeting = (text: string): boolean => MEETING_WORDS.test(foldForMatching(text));

/** Whether the reply reads as the other language than the one the policy chose. */
export function isWrongLanguage(reply: string, language: Language): boolean {
  const scores = scoreLanguages(reply);
  return scores[language === 'fr' ? 'en' : 'fr'] > scores[language];
}

/**
 * Whether a French reply uses the other form of address. A word the deterministic text uses too
 * is allowed: "vous êtes combien dans l'équipe ?" is a plural, even when the lead is "tu".
 */
export function hasToneMismatch(reply: string, deterministic: string, tone: 'tu' | 'vous'): boolean {
  const forbidden = tone === 'tu' ? VOUS_WORDS : TU_WORDS;
  const allowed = new Set(foldForMatching(deterministic).match(forbidden) ?? []);
  return (foldForMatching(reply).match(forbidden) ?? []).some((found) => !allowed.has(found));
}

/**
 * Checks a model's phrasing against the deterministic replies it rewrites; returns the replies
 * when every guard passes, or the first failed guard's reason.
 */
export function checkPhrasing(
  candidate: unknown,
  deterministic: readonly string[],
  policy: PhrasingPolicy,
): { ok: true; replies: string[] } | { ok: false; reason: PhrasingGuardReason } {
  if (!Array.isArray(candidate)) return { ok: false, reason: 'not_text' };
  if (candidate.length !== deterministic.length) return { ok: false, reason: 'wrong_count' };
  if (!candidate.every((reply): reply is string => typeof reply === 'string')) {
    return { ok: false, reason: 'not_text' };
  }
  // Facts may move from one message to another, so each reply is checked against all of them.
  const source = deterministic.join('\n');
  const offersMeeting = mentionsMeeting(source);
  const replies = candidate.map((reply) => reply.trim());
  for (const reply of replies) {
    if (reply.length === 0) return { ok: false, reason: 'empty_reply' };
    if (reply.length > MAX_REPLY_LENGTH) return { ok: false, reason: 'reply_too_long' };
    if (isWrongLanguage(reply, policy.language)) return { ok: false, reason: 'wrong_language' };
    if (policy.language === 'fr' && hasToneMismatch(reply, source, policy.tone)) {
      return { ok: false, reason: 'tone_mismatch' };
    }
    const invented = findInventedFact(reply, source);
    if (invented) return { ok: false, reason: invented };
    if (!offersMeeting && mentionsMeeting(reply)) return { ok: false, reason: 'meeting_not_offered' };
  }
  return { ok: true, replies };
}
