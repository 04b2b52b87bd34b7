/**
 * Microsoft Recognizers-Text models, built once. The suite's `recognizeCurrency` /
 * `recognizeDateTime` helpers build a new recognizer on every call (40–80 ms a message in
 * French); the models themselves are reusable.
 *
 * Currencies use the English model for both languages: the French one spends 6–9 s compiling its
 * regular expressions on first use (measured on this machine, against 0.1 s for the English one)
 * and reads "30,000 euros" as 30. The English model reads French-formatted amounts ("18 000 €",
 * "1,5 k€", "2,5 M€") correctly once "30,000" is read as thousands; what it misses in French
 * ("vingt mille euros", "1 million d'euros") is read by `recognizeMissedAmounts` below.
 */
import DateTimeRecognizers from '@microsoft/recognizers-text-date-time';
import NumberWithUnitRecognizers from '@microsoft/recognizers-text-number-with-unit';
import Recognizers from '@microsoft/recognizers-text-suite';
import type { Language } from './language-detection.ts';
import { parseLooseNumber } from './number-parsing.ts';

const CULTURES: Record<Language, string> = { fr: 'fr-fr', en: 'en-us' };

export interface RecognizedEntity {
  text: string;
  start: number;
  /** Inclusive, as Recognizers-Text reports it. */
  end: number;
  typeName: string;
  // biome-ignore lint/suspicious/noExplicitAny: each recognizer has its own resolution shape, narrowed by the caller.
  resolution: any;
}

interface Model {
  parse(query: string, referenceDate?: Date): RecognizedEntity[];
}

let currencyModel: Model | null = null;
const dateTimeModels = new Map<Language, Model>();

function getCurrencyModel(): Model {
  currencyModel ??= new NumberWithUnitRecognizers.NumberWithUnitRecognizer('en-us').getCurrencyModel(
    'en-us',
    true,
  );
  return currencyModel;
}

function getDateTimeModel(language: Language): Model {
  let model = dateTimeModels.get(language);
  if (!model) {
    const culture = CULTURES[language];
    model = new DateTimeRecognizers.DateTimeRecognizer(culture).getDateTimeModel(culture, true);
    dateTimeModels.set(language, model);
  }
  return model;
}

/**
 * Runs a model on parts of the text and maps the offsets back. Recognizers' cost grows faster than
 * the text's length (a 300-character message with several numbers takes 80 ms, 1 200 characters
 * 750 ms), so the models only ever see short windows.
 */
function parseWindows(
  windows: [number, number][],
  text: string,
  parse: (part: string) => RecognizedEntity[],
) {
  const entities: RecognizedEntity[] = [];
  for (const [start, end] of windows) {
    for (const entity of parse(text.slice(start, end))) {
      entities.push({ ...entity, start: entity.start + start, end: entity.end + start });
    }
  }
  return entities;
}

const CURRENCY_TOKEN =
  /€|\$|£|(?<![\p{L}])(?:eur|euros?|usd|gbp|chf|cad|jpy|dollars?|livres?|pounds?|francs?|yens?)(?![\p{L}])/giu;
const MAX_WINDOWS = 10;
// Windows that overlap are merged up to this length; past it a new window starts, so no call sees a long text.
const MAX_WINDOW_LENGTH = 200;

function addWindow(windows: [number, number][], start: number, end: number): void {
  const last = windows.at(-1);
  if (last && start <= last[1] && end - last[0] <= MAX_WINDOW_LENGTH) last[1] = Math.max(last[1], end);
  else windows.push([last && start < last[1] ? last[1] : start, end]);
}

const isNumberChar = (char: string | undefined): boolean => char !== undefined && /[\d.,]/.test(char);

/** Whether a window starting at `index` would cut a number: "18| 000", "1|8 000", "18 |000". */
const isInsideNumber = (text: string, index: number): boolean =>
  isNumberChar(text[index - 1]) ||
  (text[index - 1] === ' ' && isNumberChar(text[index - 2]) && /\d/.test(text[index] ?? ''));

/** Every currency amount names its currency: look only around those words and symbols. */
function currencyWindows(text: string): [number, number][] {
  const windows: [number, number][] = [];
  for (const match of text.matchAll(CURRENCY_TOKEN)) {
    let start = Math.max(0, match.index - 40);
    let end = Math.min(text.length, match.index + match[0].length + 25);
    // Never cut a number in two ("18 000 €" must not become "8 000 €").
    while (start > 0 && isInsideNumber(text, start)) start--;
    while (end < text.length && /[\d.,kKmM]/.test(text[end]!)) end++;
    addWindow(windows, start, end);
    if (windows.length >= MAX_WINDOWS) break;
  }
  return windows;
}

const CURRENCY_CODES: [RegExp, string][] = [
  [/^(?:€|eur|euros?)$/, 'EUR'],
  [/^(?:\$|usd|dollars?)$/, 'USD'],
  [/^(?:£|gbp|livres?(?: sterling)?|pounds?)$/, 'GBP'],
  [/^(?:chf|francs?(?: suisses?)?)$/, 'CHF'],
  [/^(?:cad|dollars? canadiens?)$/, 'CAD'],
];

/** ISO 4217 code of a currency word or symbol as leads write it ("€", "euros", "USD", "livres"), null if unknown. */
export function currencyCodeOf(token: string | undefined): string | null {
  if (!token) return null;
  const folded = token
    .trim()
    .toLowerCase()
    .replace(/^d['’]\s*/, '');
  return CURRENCY_CODES.find(([pattern]) => pattern.test(folded))?.[1] ?? null;
}

const CURRENCY_AFTER_NUMBER =
  /^\s*(?:d['’])?\s*(€|eur(?:os?)?|usd|gbp|chf|cad|dollars?(?: canadiens?)?|livres?(?: sterling)?|francs?(?: suisses?)?)(?![\p{L}])/iu;

const FRENCH_NUMBER_WORD =
  /(?<![\p{L}])(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|cents?)(?![\p{L}])/iu;
const DIGIT_AMOUNT = /\d+(?:[ .,]\d{3})*(?:[.,]\d+)?(?:\s*(?:k|m|mn|mille|millions?)(?![\p{L}]))?/giu;

/** Numbers in a window: written in digits ("1 million", "30 000,50") by us, in French words by the French number model. */
function numbersIn(part: string, language: Language): { start: number; end: number; value: number }[] {
  // The French number model compiles its expressions on first use (about 4 s): only words need it.
  if (language === 'fr' && FRENCH_NUMBER_WORD.test(part)) {
    return Recognizers.recognizeNumber(part, 'fr-fr').map((number) => ({
      start: number.start,
      end: number.end,
      value: Number(number.resolution.value),
    }));
  }
  return [...part.matchAll(DIGIT_AMOUNT)].flatMap((match) => {
    const parsed = parseLooseNumber(match[0]);
    return parsed
      ? [{ start: match.index, end: match.index + match[0].length - 1, value: parsed.value }]
      : [];
  });
}

/**
 * Amounts the English model misses: French number words ("vingt mille euros"), "million(s)
 * d'euros", a decimal comma ("30 000,50 €"). The currency word right after the number gives the currency.
 */
function recognizeMissedAmounts(
  text: string,
  windows: [number, number][],
  language: Language,
): RecognizedEntity[] {
  const entities: RecognizedEntity[] = [];
  for (const [start, end] of windows) {
    const part = text.slice(start, end);
    for (const number of numbersIn(part, language)) {
      const currency = CURRENCY_AFTER_NUMBER.exec(part.slice(number.end + 1));
      if (!currency || !Number.isFinite(number.value)) continue;
      const last = number.end + currency[0].length;
      entities.push({
        text: part.slice(number.start, last + 1),
        start: start + number.start,
        end: start + last,
        typeName: 'currency',
        resolution: {
          value: String(number.value),
          unit: currency[1],
          isoCurrency: currencyCodeOf(currency[1]),
        },
      });
    }
  }
  return entities;
}

export function recognizeCurrencies(text: string, language: Language): RecognizedEntity[] {
  const model = getCurrencyModel();
  const windows = currencyWindows(text);
  const entities = parseWindows(windows, text, (part) => model.parse(part)).filter(
    (entity) => entity.resolution?.value != null,
  );
  const missed = recognizeMissedAmounts(text, windows, language).filter(
    (extra) => !entities.some((entity) => extra.start <= entity.end && extra.end >= entity.start),
  );
  return [...entities, ...missed].sort((a, b) => a.start - b.start);
}

// Words every date or duration expression contains (digits, months, days, units of time, seasons):
// the French model costs 25–80 ms on a 150-character message, so it only sees the words around these.
const DATE_CORE: Record<Language, RegExp> = {
  fr: /\d|(?<![\p{L}])(?:janv\p{L}*|f[eé]vr\p{L}*|mars|avr\p{L}*|mai|juin|juil\p{L}*|ao[uû]t|sept\p{L}*|oct\p{L}*|nov\p{L}*|d[eé]c\p{L}*|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|hier|aujourd\p{L}*|semaines?|mois|ans?|ann[eé]es?|jours?|trimestres?|semestres?|quinzaine|no[eë]l|p[aâ]ques|printemps|[eé]t[eé]|automne|hiver|rentr[eé]e|week-?end)(?![\p{L}])/giu,
  en: /\d|(?<![\p{L}])(?:jan\p{L}*|feb\p{L}*|march|apr\p{L}*|may|june?|july?|aug\p{L}*|sep\p{L}*|oct\p{L}*|nov\p{L}*|dec\p{L}*|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|yesterday|today|tonight|weeks?|months?|years?|days?|quarters?|fortnight|christmas|easter|spring|summer|autumn|fall|winter|weekend|asap)(?![\p{L}])/giu,
};
const DATE_WINDOW_BEFORE = 45;
const DATE_WINDOW_AFTER = 30;

// An amount written with its currency ("20 000 €", "$25k", "15 mille euros") is never a date, yet its
// digits would send the message through the date model: on "budget 20 000 €" that is 9–10 ms of the
// NLU thread for nothing (the French number expression runs 8 times over the window).
const AMOUNT_WITH_CURRENCY =
  /[€$£]\s?\d[\d.,]*(?: \d{3})*(?:[.,]\d+)?(?:k|m|mn)?(?![\p{L}\d])|\d[\d.,]*(?: \d{3})*(?:[.,]\d+)?\s*(?:k|m|mn|mille|millions?)?\s*(?:d['’]\s*)?(?:€|\$|£|eur(?:os?)?|usd|gbp|chf|cad|dollars?|livres?|pounds?|francs?)(?![\p{L}])/giu;

/** Where the text's amounts with a currency are, as [start, end) spans. */
function amountSpans(text: string): [number, number][] {
  return [...text.matchAll(AMOUNT_WITH_CURRENCY)].map((match) => [
    match.index,
    match.index + match[0].length,
  ]);
}

/** The parts of the text the date model reads: around date words and digits, never inside an amount. */
export function dateWindows(text: string, language: Language): [number, number][] {
  const windows: [number, number][] = [];
  const amounts = /\d/.test(text) ? amountSpans(text) : [];
  const inAmount = (index: number) => amounts.some(([start, end]) => index >= start && index < end);
  for (const match of text.matchAll(DATE_CORE[language])) {
    if (/^\d$/.test(match[0]) && inAmount(match.index)) continue;
    let start = Math.max(0, match.index - DATE_WINDOW_BEFORE);
    let end = Math.min(text.length, match.index + match[0].length + DATE_WINDOW_AFTER);
    // Whole words only: "ochaine" or "ici la" would read differently from "prochaine" and "d'ici la".
    while (start > 0 && /[\p{L}\p{N}'’]/u.test(text[start - 1]!)) start--;
    while (end < text.length && /[\p{L}\p{N}]/u.test(text[end]!)) end++;
    addWindow(windows, start, end);
    if (windows.length >= MAX_WINDOWS) break;
  }
  return windows;
}

/** `reference` must carry the lead's wall-clock time in its local fields (see timeline-extraction). */
export function recognizeDateTimes(text: string, language: Language, reference: Date): RecognizedEntity[] {
  const model = getDateTimeModel(language);
  return parseWindows(dateWindows(text, language), text, (part) => model.parse(part, reference));
}

/**
 * Builds and exercises the models once: the first French date parse takes about 2 s while V8
 * compiles its regular expressions. Pay that at start-up, not on a lead's first message. (The
 * French number model, about 4 s, is left to the first amount written in words, which is rare.)
 */
export function warmUpRecognizers(): void {
  const reference = new Date(2026, 0, 1);
  const samples = {
    fr: [
      'ok',
      '20k €',
      '25k$',
      '£10k',
      '5 000 CHF',
      "1 million d'euros",
      "Bonjour, on a un budget de 15 000 € par mois, on voudrait démarrer dans 3 mois ou d'ici la fin de l'année.",
      'Rappelez-moi demain à 14h ou lundi prochain, pas avant le 15 janvier.',
    ],
    en: [
      'ok',
      '$25k',
      '30,000 euros',
      'Hi, our budget is around $20k a year and we want to start next month, before the end of Q1.',
      'Call me tomorrow at 2pm or next Monday, not before January 15.',
    ],
  } as const;
  for (const language of ['fr', 'en'] as const) {
    for (const sample of samples[language]) {
      recognizeCurrencies(sample, language);
      recognizeDateTimes(sample, language, reference);
    }
  }
}
