import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeGraphApi, GRAPH_ERRORS } from '../../../../../test/fake-graph-api.ts';
import { WhatsAppSendError } from './whatsapp.errors.ts';
import { WhatsAppGraphClient } from './whatsapp-graph.client.ts';
import { buildTextMessage } from './whatsapp-outbound.rules.ts';

// The client against the fake Graph API over real HTTP on 127.0.0.1.
const accessToken = 'EAAG-test-token';
const phoneNumberId = '1122334455667';
let graph: FakeGraphApi;
let client: WhatsAppGraphClient;

beforeAll(async () => {
  graph = await FakeGraphApi.start({
    accessToken,
    phoneNumberIds: [phoneNumberId],
    templates: [
      { name: 'premier_contact', language: 'fr', bodyParameterCount: 1 },
      { name: 'hello_world', language: 'en_US', bodyParameterCount: 0 },
    ],
  });
  client = new WhatsAppGraphClient({ graphUrl: graph.url, phoneNumberId, accessToken });
});
afterAll(() => graph.close());
beforeEach(() => graph.reset());

async function sendError(run: () => Promise<unknown>): Promise<WhatsAppSendError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof WhatsAppSendError) return error;
    throw error;
  }
  throw new Error('expected the send to fail');
}

describe('WhatsAppGraphClient sends', () => {
  it('posts text to /{version}/{phone-number-id}/messages with the bearer token and returns the wamid', async () => {
    const result = await client.sendText('+33612345678', 'Bonjour Alice', {
      previewUrl: true,
      replyTo: 'wamid.IN1',
    });
    expect(result.wamid).toMatch(/^wamid\./);
    expect(result.waId).toBe('33612345678');
    const [request] = graph.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: `/v23.0/${phoneNumberId}/messages`,
      authorization: `Bearer ${accessToken}`,
      status: 200,
    });
    expect(request!.body).toEqual(
      buildTextMessage('+33612345678', 'Bonjour Alice', { previewUrl: true, replyTo: 'wamid.IN1' }),
    );
  });

  it('sends reply buttons, lists and templates in the documented shapes', async () => {
    await client.sendButtons('33612345678', { body: 'Quand êtes-vous disponible ?', footer: 'Chaud' }, [
      { id: 'slot_am', title: 'Le matin' },
      { id: 'slot_pm', title: "L'après-midi" },
    ]);
    await client.sendList('33612345678', { body: 'Votre budget ?', header: 'Budget' }, 'Choisir', [
      {
        title: 'Budgets',
        rows: [
          { id: 'b1', title: '< 10 k€' },
          { id: 'b2', title: '10-50 k€', description: 'par an' },
        ],
      },
    ]);
    const template = await client.sendTemplate('33612345678', {
      name: 'premier_contact',
      languageCode: 'fr',
      bodyParameters: ['Alice'],
    });
    expect(template.messageStatus).toBe('accepted');
    const bodies = graph.sentMessages.map((request) => request.body as Record<string, unknown>);
    expect(bodies.map((body) => body.type)).toEqual(['interactive', 'interactive', 'template']);
    expect(bodies[0]).toMatchObject({
      interactive: { type: 'button', action: { buttons: [{ type: 'reply', reply: { id: 'slot_am' } }, {}] } },
    });
    expect(bodies[1]).toMatchObject({
      interactive: { type: 'list', header: { type: 'text', text: 'Budget' } },
    });
    expect(bodies[2]).toMatchObject({ template: { name: 'premier_contact', language: { code: 'fr' } } });
  });

  it('marks an inbound message read', async () => {
    await client.markRead('wamid.IN1', { showTyping: true });
    expect(graph.requests[0]!.body).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.IN1',
      typing_indicator: { type: 'text' },
    });
  });

  it('refuses a message over Meta limits without calling the API', async () => {
    const buttons = [1, 2, 3, 4].map((index) => ({ id: `b${index}`, title: `B${index}` }));
    await expect(client.sendButtons('33612345678', { body: 'Pick' }, buttons)).rejects.toMatchObject({
      code: 'WHATSAPP_MESSAGE_INVALID',
    });
    expect(graph.requests).toEqual([]);
  });
});

describe('WhatsAppGraphClient classifies errors', () => {
  it('reports throughput limits as rate_limited until they clear', async () => {
    graph.failNext(2, GRAPH_ERRORS.throughput);
    const first = await sendError(() => client.sendText('33612345678', 'one'));
    expect(first).toMatchObject({ code: 130429, kind: 'rate_limited', permanent: false, httpStatus: 429 });
    await sendError(() => client.sendText('33612345678', 'two'));
    await expect(client.sendText('33612345678', 'three')).resolves.toHaveProperty('wamid');
  });

  it('reports the pair rate limit and Retry-After', async () => {
    graph.failNext(1, GRAPH_ERRORS.pairRate);
    graph.failNext(1, { ...GRAPH_ERRORS.businessRateLimit, retryAfterSeconds: 12 });
    expect(await sendError(() => client.sendText('33612345678', 'a'))).toMatchObject({
      kind: 'pair_rate_limited',
      retryAfterMs: 6_000,
    });
    expect(await sendError(() => client.sendText('33612345678', 'b'))).toMatchObject({
      code: 80007,
      subcode: 2446079,
      kind: 'rate_limited',
      retryAfterMs: 12_000,
    });
  });

  it('reports re-engagement, undeliverable and opted-out recipients as permanent, for them only', async () => {
    graph.failRecipient('33700000001', GRAPH_ERRORS.reEngagement);
    graph.failRecipient('33700000002', { ...GRAPH_ERRORS.undeliverable, details: 'Message failed to send.' });
    graph.failRecipient('33700000003', GRAPH_ERRORS.marketingOptOut);
    expect(await sendError(() => client.sendText('33700000001', 'hi'))).toMatchObject({
      code: 131047,
      kind: 're_engagement_required',
      permanent: true,
    });
    expect(await sendError(() => client.sendText('+33700000002', 'hi'))).toMatchObject({
      code: 131026,
      kind: 'undeliverable',
      details: 'Message failed to send.',
      fbtraceId: expect.any(String),
    });
    expect(await sendError(() => client.sendText('33700000003', 'hi'))).toMatchObject({ code: 131050 });
    await expect(client.sendText('33700000004', 'hi')).resolves.toHaveProperty('wamid');
  });

  it('reports unknown templates and wrong parameter counts as template errors', async () => {
    const unknown = await sendError(() =>
      client.sendTemplate('33612345678', { name: 'nope', languageCode: 'fr' }),
    );
    expect(unknown).toMatchObject({ code: 132001, kind: 'template', permanent: true });
    const count = await sendError(() =>
      client.sendTemplate('33612345678', {
        name: 'premier_contact',
        languageCode: 'fr',
        bodyParameters: ['a', 'b'],
      }),
    );
    expect(count).toMatchObject({ code: 132000, kind: 'template' });
  });

  it('reports a wrong token as auth, and a phone number id the token cannot use as permanent', async () => {
    const wrongToken = new WhatsAppGraphClient({ graphUrl: graph.url, phoneNumberId, accessToken: 'stolen' });
    expect(await sendError(() => wrongToken.sendText('33612345678', 'hi'))).toMatchObject({
      code: 190,
      kind: 'auth',
      permanent: true,
      httpStatus: 401,
    });
    const otherNumber = new WhatsAppGraphClient({ graphUrl: graph.url, phoneNumberId: '999', accessToken });
    expect(await sendError(() => otherNumber.sendText('33612345678', 'hi'))).toMatchObject({
      code: 100,
      subcode: 33,
      kind: 'permanent',
    });
  });

  it('reports a request Meta would refuse as permanent', async () => {
    const malformed = await sendError(() =>
      client.send({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '33612345678',
        type: 'text',
      }),
    );
    expect(malformed).toMatchObject({ code: 131008, kind: 'permanent', permanent: true });
  });

  it('reports outages, timeouts and unreachable hosts as temporary', async () => {
    graph.failNext(1, GRAPH_ERRORS.serviceUnavailable);
    expect(await sendError(() => client.sendText('33612345678', 'hi'))).toMatchObject({
      code: 131016,
      kind: 'temporary',
      httpStatus: 503,
    });
    graph.setLatency(300);
    const impatient = new WhatsAppGraphClient({
      graphUrl: graph.url,
      phoneNumberId,
      accessToken,
      timeoutMs: 50,
    });
    expect(await sendError(() => impatient.sendText('33612345678', 'hi'))).toMatchObject({
      code: 0,
      kind: 'temporary',
    });
    const closed = await FakeGraphApi.start({ accessToken });
    const { url } = closed;
    await closed.close();
    const unreachable = new WhatsAppGraphClient({ graphUrl: url, phoneNumberId, accessToken });
    expect(await sendError(() => unreachable.sendText('33612345678', 'hi'))).toMatchObject({
      code: 0,
      kind: 'temporary',
      permanent: false,
    });
  });
});
