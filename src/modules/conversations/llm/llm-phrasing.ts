import { truncateText } from '../../../platform/text.ts';
import type { Language } from '../nlu/language-detection.ts';
import type { ChatMessage, LlmClient } from './llm-client.ts';
import { checkPhrasing, MAX_REPLY_LENGTH, type PhrasingGuardReason } from './llm-phrasing.rules.ts';
import {
  deadlineSignal,
  failureReasonOf,
  type LlmCallFailure,
  parseJsonObject,
  quoteUntrusted,
  UNTRUSTED_RULE,
} from './llm-prompt.rules.ts';

export interface ConversationTurn {
  author: 'lead' | 'agent';
  text: string;
}

export interface PhrasingInput {
  /** The deterministic replies the policy chose: what is said, the model only says it better. */
  replies: string[];
  language: Language;
  tone: 'tu' | 'vous';
  style: 'formal' | 'casual';
  companyName: string;
  leadFirstName: string | null;
  /** The latest turns, oldest first (only the last 6 are sent). */
  conversation: ConversationTurn[];
}

export type PhrasingFallbackReason = LlmCallFailure | PhrasingGuardReason;

export interface PhrasingResult {
  replies: string[];
  usedLlm: boolean;
  /** Why the deterministic replies were kept; null when the model's were used (or nothing to phrase). */
  fallbackReason: PhrasingFallbackReason | null;
}

const MAX_TURNS = 6;
// A long lead message says nothing more about tone past this; it only costs tokens and time.
const MAX_TURN_LENGTH = 800;

function systemPrompt(input: PhrasingInput): string {
  const language = input.language === 'fr' ? 'French' : 'English';
  const address =
    input.language === 'fr'
      ? input.tone === 'tu'
        ? 'Address the lead with "tu" (tutoiement), never "vous".'
        : 'Address the lead with "vous" (vouvoiement), never "tu".'
      : '';
  return [
    `You rewrite the messages that the sales assistant of the company ${JSON.stringify(input.companyName)}`,
    'is about to send to a lead on a messaging app, so that they read naturally and fit the conversation.',
    'Rules:',
    `- Write in ${language} only. ${address} Style: ${input.style}.`,
    `- Return exactly ${input.replies.length} message(s), in the same order, each with the same meaning and the same question.`,
    '- Add no fact: no price, amount, link, e-mail address, phone number, date or time that the messages do not already contain.',
    '- Never offer or mention a meeting, call, demo or booking unless the messages already do.',
    `- At most ${MAX_REPLY_LENGTH} characters per message, plain text, no Markdown.`,
    `- ${UNTRUSTED_RULE}`,
    'Answer with a JSON object only, of the form {"replies": ["first message", "..."]}.',
  ].join('\n');
}

function userPrompt(input: PhrasingInput): string {
  const turns = input.conversation
    .slice(-MAX_TURNS)
    .map((turn) => ({ author: turn.author, text: truncateText(turn.text, MAX_TURN_LENGTH) }));
  return [
    'The conversation so far, oldest first:',
    quoteUntrusted('conversation', turns),
    "The lead's first name (null when unknown):",
    quoteUntrusted('lead', input.leadFirstName),
    `The ${input.replies.length} message(s) to rewrite:`,
    quoteUntrusted('messages', input.replies),
  ].join('\n');
}

/**
 * Lets the model phrase the replies the deterministic policy chose. Any failure (timeout, HTTP
 * error, bad JSON) or any guard that fails (count, length, language, tu/vous, an invented price,
 * link, phone, date or meeting) gives back the deterministic replies with the reason. Never throws.
 */
export async function phraseReplies(
  client: LlmClient,
  input: PhrasingInput,
  options: { timeoutMs?: number } = {},
): Promise<PhrasingResult> {
  const fallback = (fallbackReason: PhrasingFallbackReason | null): PhrasingResult => ({
    replies: [...input.replies],
    usedLlm: false,
    fallbackReason,
  });
  if (input.replies.length === 0) return fallback(null);

  const messages: ChatMessage[] = [
    { role: 'system', content: systemPrompt(input) },
    { role: 'user', content: userPrompt(input) },
  ];
  let content: string;
  try {
    content = await client.complete(messages, {
      json: true,
      temperature: 0.4,
      maxTokens: 1024,
      signal: deadlineSignal(options.timeoutMs),
    });
  } catch (error) {
    return fallback(failureReasonOf(error));
  }
  const answer = parseJsonObject(content);
  if (!answer) return fallback('invalid_json');
  const checked = checkPhrasing(answer.replies, input.replies, input);
  if (!checked.ok) return fallback(checked.reason);
  return { replies: checked.replies, usedLlm: true, fallbackReason: null };
}
