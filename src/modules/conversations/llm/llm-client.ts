import { z } from 'zod';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompletionOptions {
  /** Ask for a JSON object (`response_format: { type: 'json_object' }`). */
  json?: boolean;
  maxTokens?: number;
  temperature?: number;
  /** The caller's own deadline or cancellation, on top of the client's timeout. */
  signal?: AbortSignal;
}

/** Anything that completes a chat: the OpenAI-compatible client, or a stand-in. */
export interface LlmClient {
  complete(messages: ChatMessage[], options?: CompletionOptions): Promise<string>;
}

export type LlmErrorKind = 'timeout' | 'http' | 'invalid_response' | 'network';

export class LlmError extends Error {
  readonly kind: LlmErrorKind;
  /** The HTTP status, for kind 'http'. */
  readonly status: number | null;

  constructor(kind: LlmErrorKind, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'LlmError';
    this.kind = kind;
    this.status = options.status ?? null;
  }
}

export interface OpenAiCompatibleClientOptions {
  /** Up to the version segment, e.g. `http://localhost:11434/v1`. */
  baseUrl: string;
  apiKey?: string | null;
  model: string;
  timeoutMs?: number;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 2500;
// An error body is quoted in the message to help an operator, never in full.
const MAX_ERROR_BODY = 200;

const ZChatCompletion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable().optional() }) })).min(1),
});

/**
 * A chat-completions client for any OpenAI-compatible endpoint (OpenAI, Mistral, Ollama, vLLM…).
 * One attempt per call, no retries: the agent falls back to its deterministic output instead of
 * making a lead wait.
 */
export class OpenAiCompatibleClient implements LlmClient {
  readonly model: string;
  readonly timeoutMs: number;
  private readonly url: string;
  private readonly apiKey: string | null;
  private readonly fetchImpl: typeof fetch;

  constructor(options: OpenAiCompatibleClientOptions) {
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    this.apiKey = options.apiKey ?? null;
    this.model = options.model;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  /** The assistant message's text; throws an `LlmError` on timeout, network, HTTP or format failure. */
  async complete(messages: ChatMessage[], options: CompletionOptions = {}): Promise<string> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    const body = {
      model: this.model,
      messages,
      stream: false,
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
      ...(options.maxTokens === undefined ? {} : { max_tokens: options.maxTokens }),
      ...(options.json ? { response_format: { type: 'json_object' } } : {}),
    };

    let status: number;
    let text: string;
    try {
      // The body is read under the same signal: a server that stalls mid-answer times out too.
      const response = await this.fetchImpl(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw toLlmError(error, signal, this.timeoutMs);
    }
    if (status < 200 || status >= 300) {
      throw new LlmError('http', `LLM endpoint answered ${status}: ${text.slice(0, MAX_ERROR_BODY)}`, {
        status,
      });
    }
    return readContent(text);
  }
}

function readContent(text: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LlmError('invalid_response', 'LLM endpoint answered something other than JSON', {
      cause: error,
    });
  }
  const parsed = ZChatCompletion.safeParse(json);
  const content = parsed.success ? parsed.data.choices[0]?.message.content : null;
  if (typeof content !== 'string') {
    throw new LlmError('invalid_response', 'LLM answer has no choices[0].message.content text');
  }
  return content;
}

function toLlmError(error: unknown, signal: AbortSignal, timeoutMs: number): LlmError {
  if (error instanceof LlmError) return error;
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    const isTimeout = reason instanceof DOMException && reason.name === 'TimeoutError';
    return isTimeout
      ? new LlmError(
          'timeout',
          `LLM endpoint did not answer in time (limit ${timeoutMs} ms or the caller's)`,
          {
            cause: error,
          },
        )
      : new LlmError('network', 'LLM request aborted by the caller', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LlmError('network', `LLM endpoint unreachable: ${message}`, { cause: error });
}

export interface LlmEnv {
  CHAUD_LLM_BASE_URL?: string | undefined;
  CHAUD_LLM_API_KEY?: string | undefined;
  CHAUD_LLM_MODEL?: string | undefined;
}

/** The configured client, or null when no LLM is configured (base URL and model both needed). */
export function createLlmClient(
  env: LlmEnv,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): OpenAiCompatibleClient | null {
  const baseUrl = env.CHAUD_LLM_BASE_URL?.trim();
  const model = env.CHAUD_LLM_MODEL?.trim();
  if (!baseUrl || !model) return null;
  return new OpenAiCompatibleClient({
    baseUrl,
    model,
    apiKey: env.CHAUD_LLM_API_KEY?.trim() || null,
    ...options,
  });
}
