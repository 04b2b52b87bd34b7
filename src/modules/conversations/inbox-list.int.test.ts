import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import type { ManualClock } from '../../platform/clock.ts';
import type { ConversationListItemDto, MessageDto } from './conversations.schemas.ts';
import { openConversation } from './conversations.service.ts';

let t: TestContext;
let workspace: TestWorkspace;

async function call(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: Record<string, unknown>,
  headers: { authorization: string } = workspace.headers,
) {
  const response = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

async function createLead(payload: Record<string, unknown>): Promise<string> {
  return ((await call('POST', '/api/v1/leads', payload)) as { id: string }).id;
}

async function list(query = '', headers = workspace.headers): Promise<ConversationListItemDto[]> {
  return (
    (await call('GET', `/api/v1/conversations${query}`, undefined, headers)) as {
      data: ConversationListItemDto[];
    }
  ).data;
}

/** Each step one second later, so the newest message is newest by time and not only by id. */
function tick() {
  (t.clock as ManualClock).advance(1_000);
}

beforeAll(async () => {
  t = await createTestContext();
  workspace = await t.createWorkspace();
});

afterAll(async () => {
  await t?.close();
});

describe('inbox list: lead and last message in each conversation', () => {
  it('gives the lead display fields and the newest message, notes left out, cut to 140 characters', async () => {
    const leadId = await createLead({
      firstName: 'Élodie',
      lastName: 'Marchand',
      email: 'elodie@atelier.fr',
      company: { name: 'Atelier Marchand' },
    });
    const played = (await call('POST', `/api/v1/sandbox/leads/${leadId}/messages`, {
      text: 'Bonjour, je voudrais un devis',
    })) as { conversation: { id: string } };
    const id = played.conversation.id;
    tick();
    await call('POST', `/api/v1/conversations/${id}/takeover`);
    tick();
    const longText = `Bonjour Élodie, ${'voici notre proposition détaillée. '.repeat(10)}`;
    const sent = (await call('POST', `/api/v1/conversations/${id}/messages`, {
      text: longText,
    })) as MessageDto;
    tick();
    await call('POST', `/api/v1/conversations/${id}/notes`, { text: 'Relancer lundi' });

    const item = (await list()).find((conversation) => conversation.id === id);
    expect(item).toMatchObject({
      id,
      leadId,
      channel: 'sandbox',
      mode: 'human',
      lead: {
        firstName: 'Élodie',
        lastName: 'Marchand',
        email: 'elodie@atelier.fr',
        companyName: 'Atelier Marchand',
      },
      lastMessage: {
        direction: 'outbound',
        author: 'user',
        kind: 'text',
        text: longText.slice(0, 140),
        createdAt: sent.createdAt,
      },
    });
    expect(longText.length).toBeGreaterThan(140);

    // The preview is the newest exchanged message of the thread (the detail lists them oldest first).
    const detail = (await call('GET', `/api/v1/conversations/${id}`)) as {
      conversation: ConversationListItemDto;
      messages: MessageDto[];
    };
    const exchanged = detail.messages.filter((message) => message.direction !== 'note');
    expect(exchanged.length).toBeGreaterThan(2);
    expect(exchanged.at(-1)?.id).toBe(sent.id);
    expect(detail.messages.at(-1)?.direction).toBe('note');
    // The detail's conversation is the list item, so one row can be refreshed from it.
    expect(detail.conversation).toEqual(item);

    // A lead who writes again becomes the preview.
    tick();
    await call('POST', `/api/v1/sandbox/leads/${leadId}/messages`, { text: 'Merci, je regarde.' });
    const [latest] = await list(`?leadId=${leadId}`);
    expect(latest?.lastMessage).toMatchObject({
      direction: 'inbound',
      author: 'lead',
      text: 'Merci, je regarde.',
    });
  });

  it('answers null for a conversation without any message', async () => {
    const leadId = await createLead({ email: 'sans.nom@example.fr' });
    const conversation = await openConversation(t.ctx.db, {
      workspaceId: workspace.workspaceId,
      leadId,
      channel: 'email',
      contactAddress: 'sans.nom@example.fr',
      language: 'fr',
      agentState: {},
      now: t.clock.now(),
    });
    const items = await list('?channel=email');
    const item = items.find((entry) => entry.id === conversation.id);
    expect(item).toMatchObject({
      lead: { firstName: null, lastName: null, email: 'sans.nom@example.fr', companyName: null },
      lastMessage: null,
    });
    const detail = (await call('GET', `/api/v1/conversations/${conversation.id}`)) as {
      conversation: ConversationListItemDto;
      messages: MessageDto[];
    };
    expect(detail.messages).toEqual([]);
    expect(detail.conversation.lastMessage).toBeNull();
  });

  it("shows a sales rep only their leads' conversations, with their lead fields", async () => {
    const rep = await t.createMember(workspace, 'sales_rep');
    const ownLead = await createLead({ firstName: 'Noé', email: 'noe@example.fr' });
    await call('PUT', `/api/v1/leads/${ownLead}/owner`, { ownerId: rep.userId, reason: 'territoire' });
    const otherLead = await createLead({ firstName: 'Léa', email: 'lea@example.fr' });
    const own = (await call('POST', `/api/v1/sandbox/leads/${ownLead}/messages`, { text: 'Bonjour' })) as {
      conversation: { id: string };
    };
    const other = (await call('POST', `/api/v1/sandbox/leads/${otherLead}/messages`, { text: 'Salut' })) as {
      conversation: { id: string };
    };

    const seen = await list('', rep.headers);
    expect(seen.map((item) => item.id)).toEqual([own.conversation.id]);
    expect(seen[0]?.lead).toMatchObject({ firstName: 'Noé', email: 'noe@example.fr' });
    expect(seen[0]?.lastMessage).not.toBeNull();
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${other.conversation.id}`,
      headers: rep.headers,
    });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('CONVERSATION_NOT_FOUND');
    // The admin sees both.
    const all = (await list()).map((item) => item.id);
    expect(all).toEqual(expect.arrayContaining([own.conversation.id, other.conversation.id]));
  });
});
