import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhook, FakeGraphApi } from '../../../test/fake-graph-api.ts';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { waitFor } from '../../../test/wait-for.ts';
import { inboundTextPayload, statusPayload } from '../../../test/whatsapp-payloads.ts';
import { locateWhatsAppFixtures, readIndividualWebhooks } from './channels/whatsapp/whatsapp.fixtures.ts';

const APP_SECRET = 'app-secret-for-tests';
const VERIFY_TOKEN = 'verify-token-for-tests';
const PHONE_NUMBER_ID = '1122334455667';
const TOKEN = 'EAAG-test-access-token';

let t: TestContext;
let graph: FakeGraphApi;
let workspace: TestWorkspace;
let baseUrl: string;
const fixtures = locateWhatsAppFixtures();

// The recorded payloads share a few wamids (each is a sample of its own): give each message its own
// id so that every kind is stored, as it would be in production, and route them to the test number.
function withNumber(payload: unknown, name: string): unknown {
  const copy = structuredClone(payload) as {
    entry: { changes: { value: { metadata?: object; messages?: { id: string }[] } }[] }[];
  };
  for (const entry of copy.entry)
    for (const change of entry.changes) {
      change.value.metadata = { ...change.value.metadata, phone_number_id: PHONE_NUMBER_ID };
      for (const message of change.value.messages ?? []) message.id = `${message.id}.${name}`;
    }
  return copy;
}

function textPayload(wamid: string, from: string, body: string) {
  return inboundTextPayload(PHONE_NUMBER_ID, { wamid, from, body });
}

beforeAll(async () => {
  t = await createTestContext({ workers: true });
  graph = await FakeGraphApi.start({ accessToken: TOKEN });
  workspace = await t.createWorkspace();
  const saved = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/settings/whatsapp',
    headers: workspace.headers,
    payload: {
      phoneNumberId: PHONE_NUMBER_ID,
      accessToken: TOKEN,
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      graphUrl: `${graph.url}/v23.0`,
      templates: {
        first_contact: [{ name: 'chaud_first_contact', languageCode: 'fr' }],
        follow_up: [{ name: 'chaud_follow_up', languageCode: 'fr' }],
      },
    },
  });
  expect(saved.statusCode).toBe(200);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await t?.close();
  await graph?.close();
});

describe('GET /webhooks/whatsapp', () => {
  it('echoes the challenge for the configured verify token and refuses any other', async () => {
    const ok = await t.app.inject({
      method: 'GET',
      url: `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444',
    });
    expect(wrong.statusCode).toBe(403);
  });
});

describe('POST /webhooks/whatsapp', () => {
  it('answers 401 to a bad or missing signature and stores nothing', async () => {
    const count = async () =>
      (await t.ctx.handle.query<{ n: number }>('SELECT count(*)::int AS n FROM inbound_deliveries'))[0]!.n;
    const before = await count();
    const payload = textPayload('wamid.badsig', '33611111111', 'Bonjour');
    const forged = await deliverWebhook(`${baseUrl}/webhooks/whatsapp`, payload, 'not-the-secret');
    const unsigned = await deliverWebhook(`${baseUrl}/webhooks/whatsapp`, payload, APP_SECRET, {
      signature: null,
    });
    expect([forged.status, unsigned.status]).toEqual([401, 401]);
    expect(await count()).toBe(before);
  });

  it('stores and parses every recorded payload kind', async (context) => {
    if ('missing' in fixtures) {
      console.warn(`skipped: ${fixtures.missing}`);
      context.skip();
      return;
    }
    // The recorded statuses (2023) name messages this workspace never sent: being old, they are dropped.
    for (const fixture of readIndividualWebhooks(fixtures.dir)) {
      const delivery = await deliverWebhook(
        `${baseUrl}/webhooks/whatsapp`,
        withNumber(fixture.payload, fixture.name),
        APP_SECRET,
      );
      expect(delivery.status, fixture.name).toBe(200);
    }
    await waitFor(async () => {
      const [row] = await t.ctx.handle.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM inbound_deliveries WHERE processed_at IS NULL',
      );
      return row!.n === 0;
    });
    const kinds = await t.ctx.handle.query<{ kind: string }>(
      "SELECT DISTINCT kind FROM messages WHERE direction = 'inbound' ORDER BY kind",
    );
    expect(kinds.map((row) => row.kind)).toEqual(
      expect.arrayContaining([
        'button_reply',
        'contacts',
        'list_reply',
        'location',
        'media',
        'template_button',
        'text',
        'unsupported',
      ]),
    );
    // The sender is known by wa_id and by the business-scoped user id Meta sends beside it.
    const [bsuid] = await t.ctx.handle.query<{ lead_id: string }>(
      "SELECT lead_id FROM lead_identities WHERE kind = 'bsuid' AND value = 'US.13491208655302741918'",
    );
    const [waId] = await t.ctx.handle.query<{ lead_id: string }>(
      "SELECT lead_id FROM lead_identities WHERE kind = 'whatsapp' AND value = '972987654321'",
    );
    expect(bsuid?.lead_id).toBeDefined();
    expect(bsuid?.lead_id).toBe(waId?.lead_id);
    // The ad click came from a person who had written before: it is their latest touch.
    const [ad] = await t.ctx.handle.query<{ last_touch: { source?: string; utm?: { medium?: string } } }>(
      "SELECT last_touch FROM leads WHERE last_touch->>'source' = 'whatsapp_ad' LIMIT 1",
    );
    expect(ad?.last_touch.utm?.medium).toBe('ctwa');
  });

  it('processes a delivery received three times once and answers once', async () => {
    graph.reset();
    const payload = textPayload(
      'wamid.triple-1',
      '33622222222',
      'Bonjour, je cherche un outil pour qualifier nos leads',
    );
    const deliveries = [];
    for (let index = 0; index < 3; index++)
      deliveries.push(await deliverWebhook(`${baseUrl}/webhooks/whatsapp`, payload, APP_SECRET));
    expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200]);
    await waitFor(async () =>
      graph.sentMessages.some((request) => (request.body as { to?: string }).to === '33622222222'),
    );
    // Give a late duplicate time to show up before asserting there is none.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stored = await t.ctx.handle.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM messages WHERE provider_message_id = 'wamid.triple-1'",
    );
    expect(stored[0]!.n).toBe(1);
    const replies = graph.sentMessages.filter(
      (request) => (request.body as { to?: string }).to === '33622222222',
    );
    expect(replies).toHaveLength(1);
    expect((replies[0]!.body as { type: string }).type).toBe('text');
  });

  it('keeps the highest delivery status whatever order the statuses arrive in', async () => {
    graph.reset();
    await deliverWebhook(
      `${baseUrl}/webhooks/whatsapp`,
      textPayload('wamid.status-in', '33633333333', 'Bonjour'),
      APP_SECRET,
    );
    await waitFor(async () =>
      graph.sentMessages.some((request) => (request.body as { to?: string }).to === '33633333333'),
    );
    const sentWamid = async () =>
      (
        await t.ctx.handle.query<{ provider_message_id: string }>(
          "SELECT provider_message_id FROM messages WHERE direction = 'outbound' AND provider_message_id IS NOT NULL AND conversation_id IN (SELECT id FROM conversations WHERE contact_address = '33633333333')",
        )
      )[0]?.provider_message_id;
    // The fake answered before the send's result is committed: wait for the stored wamid.
    await waitFor(async () => (await sentWamid()) !== undefined);
    const wamid = (await sentWamid())!;
    const at = Date.now();
    const status = (name: 'sent' | 'delivered' | 'read', offset: number) =>
      statusPayload(PHONE_NUMBER_ID, {
        wamid,
        status: name,
        recipient: '33633333333',
        at: new Date(at + offset * 1000),
      });
    for (const [name, offset] of [
      ['read', 3],
      ['sent', 1],
      ['delivered', 2],
    ] as const)
      expect(
        (await deliverWebhook(`${baseUrl}/webhooks/whatsapp`, status(name, offset), APP_SECRET)).status,
      ).toBe(200);
    await waitFor(async () => {
      const [row] = await t.ctx.handle.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM inbound_deliveries WHERE processed_at IS NULL',
      );
      return row!.n === 0;
    });
    const [row] = await t.ctx.handle.query<{ status: string }>(
      'SELECT status FROM messages WHERE provider_message_id = $1',
      [wamid],
    );
    expect(row!.status).toBe('read');
  });
});

describe('a burst of first messages', () => {
  it('answers every one of 40 people writing at the same time', async () => {
    graph.reset();
    const people = Array.from({ length: 40 }, (_, index) => `3367${String(1_000_000 + index)}`);
    const deliveries = await Promise.all(
      people.map((from, index) =>
        deliverWebhook(
          `${baseUrl}/webhooks/whatsapp`,
          textPayload(`wamid.burst-${index}`, from, 'Bonjour, on cherche un CRM'),
          APP_SECRET,
        ),
      ),
    );
    expect(deliveries.every((delivery) => delivery.status === 200)).toBe(true);
    // Acknowledged only once kept: all 40 bodies are stored, and webhooks that arrived together were
    // written together (one transaction stamps its rows with one time).
    const [stored] = await t.ctx.handle.query<{ n: number; writes: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT received_at)::int AS writes FROM inbound_deliveries
        WHERE body LIKE '%wamid.burst-%'`,
    );
    expect(stored!.n).toBe(40);
    expect(stored!.writes).toBeLessThan(40);
    // Workers must drain a backlog larger than their concurrency without waiting for a poll.
    await waitFor(
      () =>
        people.every((to) =>
          graph.sentMessages.some((request) => (request.body as { to?: string }).to === to),
        ),
      15_000,
      'a reply to each of the 40 people',
    );
  });
});

describe('speed to lead', () => {
  it('sends the first-contact template within a second of a capture with phone and WhatsApp consent', async () => {
    graph.reset();
    const started = Date.now();
    const captured = await fetch(`${baseUrl}/api/v1/leads`, {
      method: 'POST',
      headers: { ...workspace.headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        firstName: 'Paul',
        phone: '+33 6 44 44 44 44',
        consents: [{ purpose: 'whatsapp', channel: 'whatsapp', granted: true }],
      }),
    });
    expect(captured.status).toBeLessThan(300);
    await waitFor(
      async () =>
        graph.sentMessages.some((request) => (request.body as { to?: string }).to === '33644444444'),
      5_000,
    );
    const request = graph.sentMessages.find((item) => (item.body as { to?: string }).to === '33644444444')!;
    expect(request.receivedAt - started).toBeLessThan(1_000);
    const body = request.body as { type: string; template: { name: string; language: { code: string } } };
    expect(body.type).toBe('template');
    expect(body.template.name).toBe('chaud_first_contact');
  });

  it('sends nothing to a lead captured without WhatsApp consent', async () => {
    graph.reset();
    const captured = await t.app.inject({
      method: 'POST',
      url: '/api/v1/leads',
      headers: workspace.headers,
      payload: { firstName: 'Nina', phone: '+33 6 55 55 55 55' },
    });
    expect(captured.statusCode).toBeLessThan(300);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      graph.sentMessages.filter((request) => (request.body as { to?: string }).to === '33655555555'),
    ).toEqual([]);
  });
});
