import nlpBasic from '@nlpjs/basic';
import nlpEn from '@nlpjs/lang-en';
import nlpFr from '@nlpjs/lang-fr';
import corpusEn from './intent-corpus.en.json' with { type: 'json' };
import corpusFr from './intent-corpus.fr.json' with { type: 'json' };
import type { Language } from './language-detection.ts';

/** What a lead's message is trying to do, as far as the qualification dialogue cares. */
export const INTENTS = [
  'greeting',
  'affirm',
  'deny',
  'not_interested',
  'not_now',
  'stop',
  'ask_human',
  'ask_price',
  'ask_who',
  'reschedule',
  'out_of_scope',
  // The lead answers a question (budget, role, need, timing): the slots say what was given.
  'inform',
] as const;
export type Intent = (typeof INTENTS)[number];

/** `unknown`: too little signal to act on (empty, emoji only, or below the confidence floor). */
export interface ClassifiedIntent {
  intent: Intent | 'unknown';
  confidence: number;
}

export interface IntentClassifier {
  classify(text: string, language: Language): Promise<ClassifiedIntent>;
  /** How long training took, for the start-up log and the README's figures. */
  trainingMs: number;
}

interface IntentCorpus {
  data: { intent: string; utterances: string[] }[];
}

const CORPORA: Record<Language, IntentCorpus> = { fr: corpusFr, en: corpusEn };

// Below this the top intent is as likely wrong as right on the held-out set: say so instead of guessing.
export const MIN_INTENT_CONFIDENCE = 0.5;

const isIntent = (value: string): value is Intent => (INTENTS as readonly string[]).includes(value);

// A message with no letter or digit (emoji, punctuation, a sticker's caption-less placeholder) carries no intent.
const hasWords = (text: string): boolean => /[\p{L}\p{N}]/u.test(text);

/**
 * Builds the nlp.js container by hand rather than with `containerBootstrap`, which would read
 * `.env`, `conf.json` and a plugins folder from the working directory.
 */
function createNlp(): InstanceType<typeof nlpBasic.Nlp> {
  const container = new nlpBasic.Container();
  for (const plugin of [
    nlpBasic.ArrToObj,
    nlpBasic.Normalizer,
    nlpBasic.ObjToArr,
    nlpBasic.Stemmer,
    nlpBasic.Stopwords,
    nlpBasic.Tokenizer,
    nlpBasic.Timer,
    nlpBasic.MemoryStorage,
    nlpFr.LangFr,
    nlpEn.LangEn,
  ]) {
    container.use(plugin);
  }
  // Registered before nlp.js registers its own defaults (which do not overwrite): same values, minus epoch logs.
  container.registerConfiguration('nlu-??', {
    keepStopwords: true,
    nonefeatureValue: 1,
    nonedeltaMultiplier: 1.2,
    spellCheck: false,
    spellCheckDistance: 1,
    filterZeros: true,
    log: false,
  });
  return new nlpBasic.Nlp({
    container,
    languages: ['fr', 'en'],
    autoSave: false,
    autoLoad: false,
    calculateSentiment: false,
  });
}

/** Trains a classifier on the corpora shipped beside this file (no network, no model file). */
export async function trainIntentClassifier(): Promise<IntentClassifier> {
  const startedAt = performance.now();
  const nlp = createNlp();
  for (const language of ['fr', 'en'] as const) {
    for (const { intent, utterances } of CORPORA[language].data) {
      if (!isIntent(intent))
        throw new Error(`intent corpus (${language}) names an unknown intent: ${intent}`);
      for (const utterance of utterances) nlp.addDocument(language, utterance, intent);
    }
  }
  await nlp.train();
  const trainingMs = performance.now() - startedAt;

  return {
    trainingMs,
    async classify(text, language) {
      const trimmed = text.trim();
      if (!hasWords(trimmed)) return { intent: 'unknown', confidence: 0 };
      const result = await nlp.nluManager.process(language, trimmed.slice(0, 1000));
      // nlp.js answers "None" when unknown words dominate; the confidence reported is then the best real intent's.
      const best = result.classifications.find(
        (classification): classification is { intent: Intent; score: number } =>
          isIntent(classification.intent),
      );
      if (!best || best !== result.classifications[0] || best.score < MIN_INTENT_CONFIDENCE) {
        return { intent: 'unknown', confidence: round(best?.score ?? 0) };
      }
      return { intent: best.intent, confidence: round(best.score) };
    },
  };
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

let shared: Promise<IntentClassifier> | null = null;

/** The process-wide classifier, trained on first use (about a second); call at start-up to pay it early. */
export function loadIntentClassifier(): Promise<IntentClassifier> {
  shared ??= trainIntentClassifier().catch((error: unknown) => {
    shared = null;
    throw error;
  });
  return shared;
}

export async function classifyIntent(text: string, language: Language): Promise<ClassifiedIntent> {
  const classifier = await loadIntentClassifier();
  return classifier.classify(text, language);
}
