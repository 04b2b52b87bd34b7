export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface DetectedLanguage {
  language: Language;
  /** 0 when nothing in the message points either way (the prior or the default was kept). */
  confidence: number;
  /** True when the message moved the conversation away from the prior language. */
  isSwitch: boolean;
  scores: Record<Language, number>;
}

// Function words and chat words typical of one language only. Words both languages use in chat
// ("ok", "stop", "test", "budget", "me", "on", "a", "hello", "super", "cool") are left out on purpose.
const FRENCH_WORDS = new Set(
  (
    'le la les un une des du de au aux et est je tu il elle nous vous ils elles pas ne que qui quoi pour avec ' +
    'sur dans ce cet cette ces mais ou oui non merci bonjour bonsoir salut coucou avez avons sommes suis etes ' +
    'es ca cela tres plus bien peut peux veux voudrais besoin fait faire mon ma mes notre nos votre vos ton ta ' +
    'tes leur leurs sont ont etait aussi alors donc comme quand comment combien pourquoi deja encore toujours ' +
    'rien personne chez entre sans sous vers apres avant depuis moi toi lui eux y en avoir etre mois semaine ' +
    'annee jour demain aujourdhui rdv svp stp daccord ouais nan bah bon beaucoup peu cest jai chui jsuis'
  ).split(' '),
);
const ENGLISH_WORDS = new Set(
  (
    'the and is are am was were be been i you he she we they it not no yes yeah yep nope thanks thank hi ' +
    'hey for with this that these those but or my our your their its what how who when where why which would ' +
    'could should will can do does did have has had please of to from at by about just any some get got want ' +
    'need looking there here than then also already still next month week year today tomorrow sure right ' +
    'price much many only us them him her im dont cant wont thats lets gonna wanna'
  ).split(' '),
);
// Elisions such as c'est, j'ai, l'année, qu'on, d'accord: French only.
const FRENCH_ELISION = /^(?:c|j|l|d|m|n|s|t|qu|jusqu|lorsqu|puisqu)'\p{L}/u;
// Contractions such as don't, I'm, we're, you've, it'll, I'd, let's: English only.
const ENGLISH_CONTRACTION = /^\p{L}+'(?:t|m|re|ve|ll|d|s)$/u;
// Letters French writes and English does not (é, è, ê, à, ç, ù, û, ô, î, ï, œ).
const FRENCH_LETTERS = /[éèêàçùûôîïœ]/u;

const fold = (value: string): string => value.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

/** How many words of the message speak for each language. */
export function scoreLanguages(text: string): Record<Language, number> {
  const scores = { fr: 0, en: 0 };
  const tokens =
    text
      .toLowerCase()
      .replaceAll('’', "'")
      .match(/[\p{L}\p{N}']+/gu) ?? [];
  for (const token of tokens) {
    if (FRENCH_ELISION.test(token)) {
      scores.fr += 1;
      continue;
    }
    if (ENGLISH_CONTRACTION.test(token)) {
      scores.en += 1;
      continue;
    }
    if (FRENCH_LETTERS.test(token)) scores.fr += 1;
    const word = fold(token).replaceAll("'", '');
    if (FRENCH_WORDS.has(word)) scores.fr += 1;
    if (ENGLISH_WORDS.has(word)) scores.en += 1;
  }
  return scores;
}

// Switching away from the conversation's language needs this many more words of the other one:
// "ok", "yes" or a brand name in a French thread is not a lead who changed language.
const SWITCH_MARGIN = 2;

/**
 * The language of a message. Without a prior the higher score wins (ties keep `fallback`); with
 * a prior (the conversation's or the lead's language) the message must clearly be in the other
 * language to switch.
 */
export function detectLanguage(
  text: string,
  options: { prior?: Language | null; fallback?: Language } = {},
): DetectedLanguage {
  const scores = scoreLanguages(text);
  const base = options.prior ?? options.fallback ?? 'fr';
  const other: Language = base === 'fr' ? 'en' : 'fr';
  const total = scores.fr + scores.en;
  const margin = options.prior ? SWITCH_MARGIN : 1;
  const isOther = scores[other] - scores[base] >= margin;
  const language = isOther ? other : base;
  const confidence = total === 0 ? 0 : Math.round((scores[language] / total) * 100) / 100;
  return { language, confidence, isSwitch: !!options.prior && isOther, scores };
}
