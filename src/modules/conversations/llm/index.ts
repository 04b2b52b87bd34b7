/** Optional LLM help for the qualification agent: phrasing and BANT extraction, always under deterministic guards. */

/** Chat-completions client for any OpenAI-compatible endpoint, its typed error, and the env-based factory. */
export {
  type ChatMessage,
  type CompletionOptions,
  createLlmClient,
  type LlmClient,
  type LlmEnv,
  LlmError,
  type LlmErrorKind,
  OpenAiCompatibleClient,
  type OpenAiCompatibleClientOptions,
} from './llm-client.ts';
/** Checks on the model's slots, and the merge that keeps every rule-based value. */
export {
  MAX_LLM_CONFIDENCE,
  mergeSlots,
  type RejectedSlot,
  type SlotRejection,
} from './llm-extraction.rules.ts';
/** Model-extracted BANT slots (validated, grounded, capped at 0.75) for the fields the rules missed. */
export {
  type ExtractionFallbackReason,
  extractSlotsWithLlm,
  type LlmExtractionInput,
  type LlmExtractionResult,
} from './llm-extraction.ts';
/** The guards a phrasing must pass (count, length, language, tu/vous, no invented fact or meeting). */
export { checkPhrasing, type PhrasingGuardReason } from './llm-phrasing.rules.ts';
/** Model phrasing of the deterministic replies, with a fallback to them on any failed guard. */
export {
  type ConversationTurn,
  type PhrasingFallbackReason,
  type PhrasingInput,
  type PhrasingResult,
  phraseReplies,
} from './llm-phrasing.ts';
/** Why an LLM call gave nothing usable. */
export type { LlmCallFailure } from './llm-prompt.rules.ts';
