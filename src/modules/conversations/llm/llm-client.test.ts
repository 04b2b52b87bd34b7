import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeLlmServer } from './fake-llm-server.fixtures.ts';
import { createLlmClient, LlmError, OpenAiCompatibleClient } from './llm-client.ts';

let server: FakeLlmServer;
beforeAll(async () => {
  server = await FakeLlmServer.start();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

const messages = [
  { role: 'system' as const, content: 'You are terse.' },
  { role: 'user' as const, content: 'Say hi' },
];

async function caught(promise: Promise<unknown>): Promise<LlmError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LlmError) return error;
    throw error;
  }
  throw new Error('expected an LlmError');
}

describe('OpenAiCompatibleClient', () => {
  it('posts to {baseUrl}/chat/completions with the bearer key, model, options and JSON mode', async () => {
    server.answer({ content: '{"ok":true}' });
    const client = new OpenAiCompatibleClient({
      baseUrl: `${server.baseUrl}/`,
      apiKey: 'sk-test-123',
      model: 'tiny-model',
    });

    const content = await client.complete(messages, { json: true, maxTokens: 50, temperature: 0.2 });

    expect(content).toBe('{"ok":true}');
    const request = server.lastRequest;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.authorization).toBe('Bearer sk-test-123');
    expect(request.body).toMatchObject({
      model: 'tiny-model',
      messages,
      max_tokens: 50,
      temperature: 0.2,
      response_format: { type: 'json_object' },
    });
  });

  it('sends no authorization header without a key and no response_format without json', async () => {
    server.answer({ content: 'hello' });
    const client = new OpenAiCompatibleClient({ baseUrl: server.baseUrl, model: 'tiny-model' });

    expect(await client.complete(messages, {})).toBe('hello');
    expect(server.lastRequest.authorization).toBeUndefined();
    expect(server.lastRequest.body).not.toHaveProperty('response_format');
  });

  it('throws an http LlmError with the status on a 500', async () => {
    server.answer({ status: 500, body: '{"error":{"message":"boom"}}' });
    const client = new OpenAiCompatibleClient({ baseUrl: server.baseUrl, model: 'm' });

    const error = await caught(client.complete(messages, {}));

    expect(error.kind).toBe('http');
    expect(error.status).toBe(500);
    expect(server.requests).toHaveLength(1); // no retry
  });

  it('times out after timeoutMs on a slow server', async () => {
    server.answer({ content: 'late', delayMs: 3000 });
    const client = new OpenAiCompatibleClient({ baseUrl: server.baseUrl, model: 'm', timeoutMs: 200 });

    const startedAt = performance.now();
    const error = await caught(client.complete(messages, {}));

    expect(error.kind).toBe('timeout');
    expect(performance.now() - startedAt).toBeLessThan(200 + 700);
  });

  it("honours the caller's shorter deadline as a timeout", async () => {
    server.answer({ content: 'late', delayMs: 3000 });
    const client = new OpenAiCompatibleClient({ baseUrl: server.baseUrl, model: 'm', timeoutMs: 5000 });

    const startedAt = performance.now();
    const error = await caught(client.complete(messages, { signal: AbortSignal.timeout(150) }));

    expect(error.kind).toBe('timeout');
    expect(performance.now() - startedAt).toBeLessThan(150 + 700);
  });

  it('throws invalid_response on a body that is not a chat completion', async () => {
    const client = new OpenAiCompatibleClient({ baseUrl: server.baseUrl, model: 'm' });

    server.answer({ status: 200, body: '<html>gateway</html>' });
    expect((await caught(client.complete(messages, {}))).kind).toBe('invalid_response');
    server.answer({ status: 200, body: '{"choices":[]}' });
    expect((await caught(client.complete(messages, {}))).kind).toBe('invalid_response');
    server.answer({ status: 200, body: '{"choices":[{"message":{"role":"assistant","content":null}}]}' });
    expect((await caught(client.complete(messages, {}))).kind).toBe('invalid_response');
  });

  it('throws a network LlmError when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = new OpenAiCompatibleClient({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm' });

    expect((await caught(client.complete(messages, {}))).kind).toBe('network');
  });
});

describe('createLlmClient', () => {
  it('is null unless both the base URL and the model are set', () => {
    expect(createLlmClient({})).toBeNull();
    expect(createLlmClient({ CHAUD_LLM_BASE_URL: 'http://127.0.0.1:1/v1' })).toBeNull();
    expect(createLlmClient({ CHAUD_LLM_MODEL: 'm', CHAUD_LLM_API_KEY: 'k' })).toBeNull();
    expect(createLlmClient({ CHAUD_LLM_BASE_URL: '  ', CHAUD_LLM_MODEL: 'm' })).toBeNull();
  });

  it('builds a client that reaches the configured endpoint with the key', async () => {
    server.answer({ content: 'pong' });
    const client = createLlmClient({
      CHAUD_LLM_BASE_URL: server.baseUrl,
      CHAUD_LLM_MODEL: 'env-model',
      CHAUD_LLM_API_KEY: 'env-key',
    });

    expect(client?.timeoutMs).toBe(2500);
    expect(await client?.complete(messages, {})).toBe('pong');
    expect(server.lastRequest.authorization).toBe('Bearer env-key');
    expect(server.lastRequest.body.model).toBe('env-model');
  });
});
