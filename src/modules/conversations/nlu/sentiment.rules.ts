/**
 * A small FR/EN lexicon for tone, not a general sentiment model: its job is to notice an annoyed
 * or hostile lead so the agent hands over instead of asking its next question.
 */
import { foldKeepingOffsets } from './text-normalization.ts';

export type Polarity = 'negative' | 'neutral' | 'positive';

export interface Sentiment {
  polarity: Polarity;
  /** From -1 (hostile) to 1 (enthusiastic). */
  score: number;
  /** The words and emoji that weighed, as found in the (lower-cased, unaccented) message. */
  evidence: string[];
}

// Words and phrases, accent-free and lower-case; a trailing * matches any ending ("enerv*": énervé, énervant).
const NEGATIVE = [
  // French
  'nul',
  'nuls',
  'arnaque*',
  'escroc*',
  'scandal*',
  'inadmissible',
  'inacceptable',
  'honte*',
  'decu*',
  'decevant*',
  'enerv*',
  'agace*',
  'marre',
  'ras le bol',
  'penible',
  'harcel*',
  'insupportable',
  'catastroph*',
  'horrible',
  "n'importe quoi",
  'foutez',
  'putain',
  'merde',
  'connard*',
  'debile*',
  'ridicule',
  'mecontent*',
  'furieu*',
  'en colere',
  'plainte',
  'incompetent*',
  'toujours pas de reponse',
  "j'attends toujours",
  'aucune reponse',
  'pas serieux',
  'relou',
  'saoul*',
  'agressi*',
  'insistant*',
  // English
  'terrible',
  'awful',
  'scam*',
  'fraud*',
  'ridiculous',
  'unacceptable',
  'annoy*',
  'frustrat*',
  'angry',
  'furious',
  'disappoint*',
  'useless',
  'waste of time',
  'spam*',
  'harass*',
  'fed up',
  'sick of',
  'wtf',
  'damn',
  'shit*',
  'fuck*',
  'stupid',
  'idiot*',
  'complaint',
  'lawyer',
  'still waiting',
  'still no answer',
  'rude',
  'worst',
  'pushy',
  'creepy',
];
const POSITIVE = [
  'merci',
  'super',
  'genial*',
  'parfait*',
  'top',
  'excellent*',
  'ravi*',
  'content*',
  'interessant*',
  'cool',
  'bravo',
  'pas mal',
  'avec plaisir',
  'thanks',
  'thank you',
  'great',
  'awesome',
  'perfect',
  'love',
  'amazing',
  'nice',
  'happy',
  'glad',
  'interesting',
  'not bad',
  'brilliant',
];
const NEGATIVE_EMOJI = ['😡', '🤬', '😠', '👎', '💩', '🙄', '😤', '😒', '🖕'];
const POSITIVE_EMOJI = ['😀', '😃', '😄', '😊', '🙂', '👍', '🙏', '😍', '🔥', '👌', '🎉', '💪', '🤝'];
// "pas content", "not happy", "not great": a negation just before a positive word turns it negative.
const NEGATION = /\b(?:pas|plus|jamais|not|never|isn't|wasn't|aren't)\s+(?:\S+\s+)?$/;
// Politeness is not an opinion: "not now, thanks" is no complaint, and "pas mal" is praise already.
const UNFLIPPABLE = new Set(['merci', 'thanks', 'thank you', 'avec plaisir', 'pas mal', 'not bad', 'bravo']);

const toPattern = (term: string): RegExp =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])${term.replace('*', '\\p{L}*').replaceAll(' ', '\\s+')}(?![\\p{L}\\p{N}])`,
    'gu',
  );
const NEGATIVE_PATTERNS = NEGATIVE.map((term) => ({ term, pattern: toPattern(term) }));
const POSITIVE_PATTERNS = POSITIVE.map((term) => ({ term, pattern: toPattern(term) }));

// "My French is not great", "mon anglais est nul", "I don't speak French well": the lead excuses their
// own language, which says nothing of their mood (they ask to switch language, not for a person).
const LANGUAGE_APOLOGY = [
  /\b(?:my|mon|ma)\s+(?:french|english|francais|anglais)\s+(?:is|isn'?t|est|n'est|reste)\b(?:\s+[^\s.!?,;]+){0,3}/g,
  /\bi (?:don'?t|do not|can'?t|cannot) (?:speak|write|read|understand) (?:french|english)\b(?:\s+[^\s.!?,;]+){0,3}/g,
  /\bje (?:ne )?(?:parle|ecris|comprends|lis) (?:pas|mal|peu|pas tres bien|pas bien)(?: le)? (?:francais|anglais)\b(?:\s+[^\s.!?,;]+){0,3}/g,
];

export function analyzeSentiment(text: string): Sentiment {
  let folded = foldKeepingOffsets(text);
  for (const pattern of LANGUAGE_APOLOGY)
    folded = folded.replace(pattern, (words) => ' '.repeat(words.length));
  const evidence: string[] = [];
  let negative = 0;
  let positive = 0;
  for (const { pattern } of NEGATIVE_PATTERNS) {
    for (const match of folded.matchAll(pattern)) {
      negative += 1;
      evidence.push(match[0]);
    }
  }
  for (const { term, pattern } of POSITIVE_PATTERNS) {
    for (const match of folded.matchAll(pattern)) {
      const isNegated = !UNFLIPPABLE.has(term) && NEGATION.test(folded.slice(0, match.index));
      if (isNegated) negative += 1;
      else positive += 1;
      evidence.push(isNegated ? `not ${match[0]}` : match[0]);
    }
  }
  for (const emoji of NEGATIVE_EMOJI) {
    const count = text.split(emoji).length - 1;
    negative += count;
    if (count > 0) evidence.push(emoji);
  }
  for (const emoji of POSITIVE_EMOJI) {
    const count = text.split(emoji).length - 1;
    positive += count;
    if (count > 0) evidence.push(emoji);
  }
  // Shouting (a long all-capitals message) or a run of "!!!" makes a negative message more so.
  const letters = text.replace(/[^\p{L}]/gu, '');
  const isShouting =
    letters.length >= 8 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  if (negative > 0 && (isShouting || /!{3,}/.test(text))) negative += 1;

  // Negative signals weigh more: one insult outweighs a polite "merci".
  const raw = positive - 1.5 * negative;
  const score = Math.max(-1, Math.min(1, Math.round((raw / 3) * 100) / 100));
  const polarity: Polarity = negative > 0 && raw < 0 ? 'negative' : raw > 0 ? 'positive' : 'neutral';
  return { polarity, score, evidence };
}
