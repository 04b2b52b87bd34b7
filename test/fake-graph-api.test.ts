import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  locateWhatsAppFixtures,
  readIndividualWebhooks,
  readSendExamples,
} from '../src/modules/conversations/channels/whatsapp/whatsapp.fixtures.ts';
import { isValidWebhookSignature } from '../src/modules/conversations/channels/whatsapp/whatsapp-signature.ts';
import { parseWebhook } from '../src/modules/conversations/channels/whatsapp/whatsapp-webhook.parser.ts';
import { deliverWebhook, FakeGraphApi, GRAPH_ERRORS, serializeLikeMeta } from './fake-graph-api.ts';

const accessToken = 'fake-token';
let graph: FakeGraphApi;

beforeAll(async () => {
  graph = await FakeGraphApi.start({ accessToken, phoneNumberIds: ['555'] });
});
afterAll(() => graph.close());
beforeEach(() => graph.reset());

const fixtures = locateWhatsAppFixtures();
if ('missing' in fixtures) console.warn(`[fake-graph-api] fixture replay tests skipped: ${fixtures.missing}`);
const fixturesDir = 'dir' in fixtures ? fixtures.dir : undefined;

interface GraphAnswer {
  error?: { code?: number; error_subcode?: number; type?: string; error_data?: unknown };
  [key: string]: unknown;
}

async function post(
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${accessToken}` },
) {
  const response = await fetch(`${graph.url}/v23.0/555/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as GraphAnswer };
}

const text = (to = '33612345678') => ({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to,
  type: 'text',
  text: { body: 'hi' },
});

describe('fake Graph API: POST /{version}/{phone-number-id}/messages', () => {
  it("answers like Meta: contacts with the wa_id and the new message's wamid", async () => {
    const { status, json } = await post(text('+33612345678'));
    expect(status).toBe(200);
    expect(json).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: '+33612345678', wa_id: '33612345678' }],
      messages: [{ id: expect.stringMatching(/^wamid\.[\w-]+$/) }],
    });
  });

  it("refuses a missing or wrong bearer token in Meta's error envelope", async () => {
    const missing = await post(text(), {});
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({
      error: {
        message: expect.any(String),
        type: 'OAuthException',
        code: 104,
        fbtrace_id: expect.any(String),
      },
    });
    const wrong = await post(text(), { authorization: 'Bearer nope' });
    expect(wrong.json.error).toMatchObject({ code: 190, type: 'OAuthException' });
  });

  it('refuses malformed requests with the code and details Meta uses', async () => {
    const codeOf = async (body: unknown) => {
      const { status, json } = await post(body);
      return `${status} ${json.error?.code}`;
    };
    expect(await codeOf('{not json')).toBe('400 100');
    expect(await codeOf({ ...text(), messaging_product: undefined })).toBe('400 100');
    expect(await codeOf({ ...text(), to: undefined })).toBe('400 131008');
    expect(await codeOf({ ...text(), text: undefined })).toBe('400 131008');
    expect(await codeOf({ ...text(), type: 'hologram', hologram: {} })).toBe('400 131009');
    const buttons = Array.from({ length: 4 }, (_, index) => ({
      type: 'reply',
      reply: { id: `b${index}`, title: `B${index}` },
    }));
    const interactive = { type: 'button', body: { text: 'Pick' }, action: { buttons } };
    expect(await codeOf({ ...text(), type: 'interactive', interactive })).toBe('400 131009');
    const rows = Array.from({ length: 11 }, (_, index) => ({ id: `r${index}`, title: `R${index}` }));
    const list = { type: 'list', body: { text: 'Pick' }, action: { button: 'Open', sections: [{ rows }] } };
    expect(await codeOf({ ...text(), type: 'interactive', interactive: list })).toBe('400 131009');
    expect(await codeOf({ ...text(), type: 'template', template: { name: 'hello_world' } })).toBe(
      '400 131008',
    );
    const { json } = await post({ ...text(), to: undefined });
    expect(json.error?.error_data).toEqual({
      messaging_product: 'whatsapp',
      details: "Parameter 'to' is required.",
    });
  });

  it('refuses a phone number id the token does not own', async () => {
    const response = await fetch(`${graph.url}/v23.0/777/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(text()),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({
      code: 100,
      error_subcode: 33,
    });
  });

  it('records every request with its arrival time, accepted or not', async () => {
    await post(text());
    await post({ nope: true });
    expect(graph.requests.map((request) => request.status)).toEqual([200, 400]);
    expect(graph.requests[0]!.receivedAt).toBeLessThanOrEqual(graph.requests[1]!.receivedAt);
    expect(graph.requests[0]).toMatchObject({ version: 'v23.0', phoneNumberId: '555', body: text() });
    expect(graph.sentMessages).toHaveLength(1);
  });

  it('fails the next N sends, or every send to one recipient, with the configured error', async () => {
    graph.failNext(2, GRAPH_ERRORS.throughput);
    graph.failRecipient('+33 7 00 00 00 01', GRAPH_ERRORS.reEngagement);
    expect((await post(text())).json.error?.code).toBe(130429);
    expect((await post(text())).status).toBe(429);
    expect((await post(text())).status).toBe(200);
    expect((await post(text('33700000001'))).json.error?.code).toBe(131047);
    expect((await post(text('33700000001'))).json.error?.code).toBe(131047);
  });

  it.skipIf(!fixturesDir)("accepts every one of Meta's documented request examples", async () => {
    const examples = readSendExamples(fixturesDir!);
    expect(Object.keys(examples).length).toBeGreaterThanOrEqual(50);
    for (const [title, example] of Object.entries(examples)) {
      const body = example.to === undefined ? example : { ...example, to: '16505551234' };
      const { status, json } = await post(body);
      expect(`${title}: ${status}`, JSON.stringify(json)).toBe(`${title}: 200`);
    }
  });
});

describe('deliverWebhook', () => {
  const appSecret = 'app-secret';
  const received: { raw: string; signature: string | undefined }[] = [];
  let receiver: Server;
  let receiverUrl: string;

  beforeAll(async () => {
    // A minimal receiver with the checks Chaud's route will make: signature over raw bytes, then parse.
    receiver = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks);
      const signature = request.headers['x-hub-signature-256'] as string | undefined;
      received.push({ raw: raw.toString('utf8'), signature });
      if (!isValidWebhookSignature(raw, signature, appSecret)) {
        response.writeHead(401).end();
        return;
      }
      const parsed = parseWebhook(JSON.parse(raw.toString('utf8')));
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(parsed.entries.length));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/whatsapp`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('signs the raw body and serialises as Meta does (\\uXXXX for non-ASCII, \\/ for slashes)', async () => {
    const payload = { object: 'whatsapp_business_account', entry: [], note: 'Renée → https://x' };
    const delivery = await deliverWebhook(receiverUrl, payload, appSecret);
    expect(delivery.status).toBe(200);
    const last = received.at(-1)!;
    expect(last.raw).toBe(serializeLikeMeta(payload));
    expect(last.raw).toContain('Ren\\u00e9e \\u2192 https:\\/\\/x');
    expect(JSON.parse(last.raw)).toEqual(payload);
  });

  it('is refused without a signature or with another secret', async () => {
    const payload = { object: 'whatsapp_business_account', entry: [] };
    expect((await deliverWebhook(receiverUrl, payload, 'wrong-secret')).status).toBe(401);
    expect((await deliverWebhook(receiverUrl, payload, appSecret, { signature: null })).status).toBe(401);
    expect(received.at(-1)!.signature).toBeUndefined();
  });

  it.skipIf(!fixturesDir)(
    'replays every recorded payload, each accepted and routed to one entry',
    async () => {
      for (const fixture of readIndividualWebhooks(fixturesDir!)) {
        const delivery = await deliverWebhook(receiverUrl, fixture.payload, appSecret);
        expect(`${fixture.name} ${delivery.status} ${delivery.body}`).toBe(`${fixture.name} 200 1`);
      }
    },
  );
});
