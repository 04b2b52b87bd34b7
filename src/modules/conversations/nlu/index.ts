/** Natural-language understanding of lead messages for the qualification agent (pure: no database, no routes). */
export { type ExtractedAuthority, extractAuthority } from './authority-extraction.ts';
export { type BudgetExtractionOptions, type ExtractedBudget, extractBudget } from './budget-extraction.ts';
export { detectHandoffRequest } from './handoff.rules.ts';
export {
  type ClassifiedIntent,
  classifyIntent,
  INTENTS,
  type Intent,
  type IntentClassifier,
  loadIntentClassifier,
  MIN_INTENT_CONFIDENCE,
  trainIntentClassifier,
} from './intent-classifier.ts';
export {
  type DetectedLanguage,
  detectLanguage,
  LANGUAGES,
  type Language,
  scoreLanguages,
} from './language-detection.ts';
export { type ExtractedNeed, extractNeed, type NeedExtractionOptions } from './need-extraction.ts';
export { isNluThreadRunning, startNluThread, stopNluThread, understandLeadMessage } from './nlu-thread.ts';
export { detectOptOut, type OptOutMatch } from './opt-out.rules.ts';
export { analyzeSentiment, type Polarity, type Sentiment } from './sentiment.rules.ts';
export {
  type ExtractedTimeline,
  extractTimeline,
  type TimelineExtractionOptions,
} from './timeline-extraction.ts';
export {
  type MessageSlots,
  type MessageUnderstanding,
  type Slot,
  type UnderstandOptions,
  understandMessage,
  warmUpNlu,
} from './understand-message.ts';
