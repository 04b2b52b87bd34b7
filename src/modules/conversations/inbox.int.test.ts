import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { waitFor } from '../../../test/wait-for.ts';
import { getConsentHistory } from '../privacy/index.ts';

let t: TestContext;
let workspace: TestWorkspace;

async function createLead(payload: Record<string, unknown>): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/leads',
    headers: workspace.headers,
    payload,
  });
  expect(response.statusCode).toBeLessThan(300);
  return (response.json() as { id: string }).id;
}

async function play(leadId: string, text: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/sandbox/leads/${leadId}/messages`,
    headers: workspace.headers,
    payload: { text },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as {
    conversation: { id: string; needsHuman: boolean; mode: string; handoffReason: string | null };
    replies: { body: string; author: string }[];
  };
}

beforeAll(async () => {
  t = await createTestContext({ workers: true });
  workspace = await t.createWorkspace();
});

afterAll(async () => {
  await t?.close();
});

describe('sandbox first contact', () => {
  it('greets a new lead with WhatsApp consent on the sandbox when no number is connected', async () => {
    const leadId = await createLead({
      firstName: 'Camille',
      phone: '+33 6 12 34 56 78',
      consents: [{ purpose: 'whatsapp', channel: 'whatsapp', granted: true }],
    });
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${leadId}/conversations`,
      headers: workspace.headers,
    });
    const [conversation] = (list.json() as { data: { id: string; channel: string }[] }).data;
    expect(conversation?.channel).toBe('sandbox');
    await waitFor(async () => {
      const detail = await t.app.inject({
        method: 'GET',
        url: `/api/v1/conversations/${conversation!.id}`,
        headers: workspace.headers,
      });
      const messages = (detail.json() as { messages: { status: string; author: string }[] }).messages;
      return messages.length === 1 && messages[0]!.status === 'delivered' && messages[0]!.author === 'agent';
    });
  });
});

describe('inbox: handoff, takeover, manual messages and notes', () => {
  it('flags the conversation when the lead asks for a person and stops the agent', async () => {
    const leadId = await createLead({ firstName: 'Hugo', email: 'hugo@example.fr' });
    const first = await play(leadId, 'Bonjour, je veux parler à un humain');
    expect(first.conversation.needsHuman).toBe(true);
    expect(first.conversation.handoffReason).toBe('requested');
    expect(first.replies).toHaveLength(1);
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/v1/conversations?needsHuman=true',
      headers: workspace.headers,
    });
    expect((queue.json() as { data: { id: string }[] }).data.map((item) => item.id)).toContain(
      first.conversation.id,
    );
    // While a person is needed, the agent stays silent.
    const second = await play(leadId, 'Alors ?');
    expect(second.replies).toEqual([]);
  });

  it('lets a person take over, write, add a note and release back to the agent', async () => {
    const leadId = await createLead({ firstName: 'Inès', email: 'ines@example.fr' });
    const opening = await play(leadId, 'Bonjour');
    const id = opening.conversation.id;
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/messages`,
      headers: workspace.headers,
      payload: { text: 'Bonjour Inès' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONVERSATION_NOT_TAKEN_OVER');

    const taken = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/takeover`,
      headers: workspace.headers,
    });
    expect(taken.json()).toMatchObject({ mode: 'human', assignedUserId: workspace.admin.userId });
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/messages`,
      headers: workspace.headers,
      payload: { text: 'Bonjour Inès, je prends le relais.' },
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ author: 'user', authorUserId: workspace.admin.userId });
    const note = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/notes`,
      headers: workspace.headers,
      payload: { text: 'Rappeler jeudi' },
    });
    expect(note.json()).toMatchObject({ direction: 'note', body: 'Rappeler jeudi' });
    expect((await play(leadId, 'Merci !')).replies).toEqual([]);

    const released = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/release`,
      headers: workspace.headers,
    });
    expect(released.json()).toMatchObject({ mode: 'agent', needsHuman: false });
    expect((await play(leadId, 'Nous cherchons un CRM pour nos commerciaux')).replies.length).toBeGreaterThan(
      0,
    );
  });

  it('hides conversations of other reps leads from a sales rep', async () => {
    const rep = await t.createMember(workspace, 'sales_rep');
    const leadId = await createLead({ firstName: 'Zoé', email: 'zoe@example.fr' });
    const { conversation } = await play(leadId, 'Bonjour');
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversation.id}`,
      headers: rep.headers,
    });
    expect(read.statusCode).toBe(404);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/conversations', headers: rep.headers });
    expect((list.json() as { data: unknown[] }).data).toEqual([]);
  });
});

describe('opt-out', () => {
  it('records the withdrawal, confirms once and sends nothing afterwards', async () => {
    const leadId = await createLead({
      firstName: 'Léo',
      phone: '+33 6 98 76 54 32',
      consents: [{ purpose: 'whatsapp', channel: 'whatsapp', granted: true }],
    });
    const stop = await play(leadId, 'STOP');
    expect(stop.replies).toHaveLength(1);
    const history = await getConsentHistory(t.ctx.db, workspace.workspaceId, leadId);
    expect(history.at(-1)).toMatchObject({
      purpose: 'whatsapp',
      channel: 'whatsapp',
      granted: false,
      method: 'message',
    });
    const outbound = async (status: string) =>
      (
        await t.ctx.handle.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM messages WHERE lead_id = $1 AND direction = 'outbound' AND status = $2",
          [leadId, status],
        )
      )[0]!.n;
    await waitFor(async () => (await outbound('queued')) === 0, 10_000, 'the confirmation to leave');
    const deliveredAfterStop = await outbound('delivered');
    await play(leadId, 'Finalement, quel est votre prix ?');
    // Whatever the agent queues now is cancelled at send time: nothing more is delivered.
    await waitFor(async () => (await outbound('queued')) === 0, 10_000, 'queued messages to settle');
    expect(await outbound('delivered')).toBe(deliveredAfterStop);
  });
});

describe('GET /api/v1/conversations/stream', () => {
  it('pushes a server-sent event when a message is added', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const controller = new AbortController();
    const response = await fetch(`${url}/api/v1/conversations/stream`, {
      headers: workspace.headers,
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const leadId = await createLead({ firstName: 'Sam', email: 'sam@example.fr' });
    const played = await play(leadId, 'Bonjour');
    let received = '';
    const deadline = Date.now() + 5_000;
    while (!received.includes(played.conversation.id) && Date.now() < deadline) {
      const chunk = await reader.read();
      if (chunk.done) break;
      received += new TextDecoder().decode(chunk.value);
    }
    controller.abort();
    expect(received).toContain('event: conversation');
    expect(received).toContain(played.conversation.id);
  });
});
