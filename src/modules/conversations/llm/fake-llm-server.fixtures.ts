import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for an OpenAI-compatible endpoint on 127.0.0.1 (tests only): POST /v1/chat/completions
// answers in OpenAI's chat.completion format with whatever content each test scripts.

export interface RecordedLlmRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export type ScriptedAnswer =
  /** A well-formed chat.completion whose message content is this text. */
  | { content: string; delayMs?: number }
  /** Any status and raw body, for errors and malformed answers. */
  | { status: number; body: string; delayMs?: number };

type Script = ScriptedAnswer | ((request: RecordedLlmRequest) => ScriptedAnswer);

export class FakeLlmServer {
  readonly requests: RecordedLlmRequest[] = [];
  private readonly server: Server;
  private script: Script = { content: '{}' };
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(server: Server) {
    this.server = server;
  }

  static async start(): Promise<FakeLlmServer> {
    const server = createServer();
    const fake = new FakeLlmServer(server);
    server.on('request', (request, response) => {
      void fake.handle(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** Up to the version segment, as CHAUD_LLM_BASE_URL is written. */
  get baseUrl(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** What every following request gets, until the next call. */
  answer(script: Script): void {
    this.script = script;
  }

  /** Shorthand: a chat.completion whose content is this value as JSON. */
  answerJson(value: unknown, delayMs?: number): void {
    this.answer({ content: JSON.stringify(value), ...(delayMs === undefined ? {} : { delayMs }) });
  }

  get lastRequest(): RecordedLlmRequest {
    const last = this.requests.at(-1);
    if (!last) throw new Error('the fake LLM server received no request');
    return last;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = request.url ?? '';
    if (request.method !== 'POST' || path !== '/v1/chat/completions') {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `no route ${request.method} ${path}` } }));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    const recorded: RecordedLlmRequest = {
      method: request.method,
      path,
      authorization: request.headers.authorization,
      body,
    };
    this.requests.push(recorded);
    const answer = typeof this.script === 'function' ? this.script(recorded) : this.script;
    const send = () => {
      if (response.destroyed) return;
      if ('status' in answer) {
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(answer.body);
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(chatCompletion(String(body.model), answer.content, this.requests.length)));
    };
    if (!answer.delayMs) return send();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      send();
    }, answer.delayMs);
    this.timers.add(timer);
  }
}

function chatCompletion(model: string, content: string, sequence: number) {
  return {
    id: `chatcmpl-fake-${sequence}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 42, completion_tokens: 17, total_tokens: 59 },
  };
}
