import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhook, FakeGraphApi, GRAPH_ERRORS } from '../../../test/fake-graph-api.ts';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { SmtpCapture } from '../../../test/smtp-capture.ts';
import { waitFor } from '../../../test/wait-for.ts';
import { statusPayload } from '../../../test/whatsapp-payloads.ts';
import { getConsentHistory } from '../privacy/index.ts';
import { parseInboundEmail } from './channels/email/index.ts';

// E-mail end to end: a real SMTP server on 127.0.0.1 receives what Chaud sends, and replies come
// back as raw MIME through the inbound webhook.
let smtp: SmtpCapture;

let t: TestContext;
let workspace: TestWorkspace;
let graph: FakeGraphApi;

async function receivedFor(address: string) {
  const parsed = await Promise.all(smtp.received.map((raw) => parseInboundEmail(raw)));
  return parsed.filter((email) => email.to.includes(address));
}

beforeAll(async () => {
  smtp = await SmtpCapture.start();
  t = await createTestContext({
    workers: true,
    env: {
      SMTP_URL: smtp.url,
      CHAUD_EMAIL_FROM: 'Camille de Chaud <camille@chaud.test>',
      CHAUD_PUBLIC_URL: 'https://chaud.test',
      CHAUD_SECRET: 'a-test-secret-of-32-characters!!',
    },
  });
  workspace = await t.createWorkspace();
});

afterAll(async () => {
  await graph?.close();
  await t?.close();
  await smtp?.close();
});

describe('e-mail conversations', () => {
  it('e-mails a lead with only e-mail consent, threads the reply and answers in the thread', async () => {
    const captured = await t.app.inject({
      method: 'POST',
      url: '/api/v1/leads',
      headers: workspace.headers,
      payload: {
        firstName: 'Julie',
        email: 'julie@client.fr',
        consents: [{ purpose: 'marketing_email', channel: 'email', granted: true }],
      },
    });
    expect(captured.statusCode).toBeLessThan(300);
    await waitFor(
      async () => (await receivedFor('julie@client.fr')).length === 1,
      10_000,
      'the first e-mail',
    );
    const [first] = await receivedFor('julie@client.fr');
    const raw = smtp.received.find((item) => item.includes('julie@client.fr'))!.replace(/\r\n\s+/g, ' ');
    expect(raw).toMatch(/^List-Unsubscribe:\s*<https:\/\/chaud\.test\/u\/[^>]+>/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(first!.messageId).toMatch(/@chaud\.test>$/);

    const reply = [
      'From: Julie <julie@client.fr>',
      'To: camille@chaud.test',
      `Subject: Re: ${first!.subject}`,
      'Message-ID: <reply-1@client.fr>',
      `In-Reply-To: ${first!.messageId}`,
      `References: ${first!.messageId}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Nous cherchons un outil pour relancer nos prospects, budget 15 000 euros.',
      '',
      `Le lun. 23 nov. 2026 à 10:00, Camille <camille@chaud.test> a écrit :`,
      '> Bonjour Julie',
    ].join('\r\n');
    const inbound = await t.app.inject({
      method: 'POST',
      url: '/webhooks/email/inbound',
      headers: { ...workspace.headers, 'content-type': 'message/rfc822' },
      payload: reply,
    });
    expect(inbound.statusCode, inbound.body).toBe(202);
    await waitFor(async () => (await receivedFor('julie@client.fr')).length === 2, 10_000, 'the agent reply');
    const answer = (await receivedFor('julie@client.fr')).find((email) => email.inReplyTo !== null);
    expect(answer?.inReplyTo).toBe('<reply-1@client.fr>');
    expect(answer?.references).toContain(first!.messageId);

    const [conversation] = await t.ctx.handle.query<{ id: string; n: number }>(
      "SELECT c.id, (SELECT count(*)::int FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound') AS n FROM conversations c WHERE c.contact_address = 'julie@client.fr'",
    );
    expect(conversation?.n).toBe(1);
    const bant = await t.ctx.handle.query<{ field: string; source: string }>(
      "SELECT field, source FROM bant_values WHERE lead_id = $1 AND field = 'budget'",
      [(captured.json() as { id: string }).id],
    );
    expect(bant).toEqual([{ field: 'budget', source: 'message' }]);
  });

  it('unsubscribes with the one-click link and refuses a forged one', async () => {
    const captured = await t.app.inject({
      method: 'POST',
      url: '/api/v1/leads',
      headers: workspace.headers,
      payload: {
        firstName: 'Marc',
        email: 'marc@client.fr',
        consents: [{ purpose: 'marketing_email', channel: 'email', granted: true }],
      },
    });
    const leadId = (captured.json() as { id: string }).id;
    await waitFor(async () => (await receivedFor('marc@client.fr')).length === 1, 10_000, 'the first e-mail');
    const raw = smtp.received.find((item) => item.includes('marc@client.fr'))!;
    const link = /^List-Unsubscribe:\s*<https:\/\/chaud\.test(\/u\/[^>]+)>/m.exec(
      raw.replace(/\r\n\s+/g, ''),
    )![1]!;
    const forged = await t.app.inject({ method: 'POST', url: `${link.slice(0, -3)}xyz` });
    expect(forged.statusCode).toBe(400);
    // Opening the link (or a mail scanner following it) only asks for confirmation.
    const page = await t.app.inject({ method: 'GET', url: link });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post">');
    expect(await getConsentHistory(t.ctx.db, workspace.workspaceId, leadId)).toHaveLength(1);
    const done = await t.app.inject({ method: 'POST', url: link });
    expect(done.statusCode).toBe(200);
    const history = await getConsentHistory(t.ctx.db, workspace.workspaceId, leadId);
    expect(history.at(-1)).toMatchObject({
      purpose: 'marketing_email',
      channel: 'email',
      granted: false,
      method: 'unsubscribe_link',
    });
  });

  it('suppresses an address after a hard bounce', async () => {
    const captured = await t.app.inject({
      method: 'POST',
      url: '/api/v1/leads',
      headers: workspace.headers,
      payload: { firstName: 'Bob', email: 'bob@nowhere.fr' },
    });
    const leadId = (captured.json() as { id: string }).id;
    const bounce = [
      'From: MAILER-DAEMON@mx.chaud.test',
      'To: camille@chaud.test',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <bounce-1@mx.chaud.test>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.chaud.test',
      '',
      'Final-Recipient: rfc822; bob@nowhere.fr',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
      '--b1--',
      '',
    ].join('\r\n');
    const inbound = await t.app.inject({
      method: 'POST',
      url: '/webhooks/email/inbound',
      headers: { ...workspace.headers, 'content-type': 'message/rfc822' },
      payload: bounce,
    });
    expect(inbound.statusCode).toBe(202);
    await waitFor(async () => (await getConsentHistory(t.ctx.db, workspace.workspaceId, leadId)).length > 0);
    const history = await getConsentHistory(t.ctx.db, workspace.workspaceId, leadId);
    expect(history.at(-1)).toMatchObject({ purpose: 'marketing_email', granted: false, text: 'hard bounce' });
  });

  it('refuses a body that is not an e-mail with a 400', async () => {
    const inbound = await t.app.inject({
      method: 'POST',
      url: '/webhooks/email/inbound',
      headers: { ...workspace.headers, 'content-type': 'message/rfc822' },
      payload: '',
    });
    expect(inbound.statusCode).toBe(400);
  });
});

describe('handoff notice', () => {
  it("e-mails the lead's owner when the lead asks for a person", async () => {
    const owner = await t.createMember(workspace, 'sales_rep', 'owner-rep@chaud.test');
    const captured = await t.app.inject({
      method: 'POST',
      url: '/api/v1/leads',
      headers: workspace.headers,
      payload: { firstName: 'Rita', email: 'rita@client.fr' },
    });
    const leadId = (captured.json() as { id: string }).id;
    const assigned = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/leads/${leadId}/owner`,
      headers: workspace.headers,
      payload: { ownerId: owner.userId, reason: 'territory' },
    });
    expect(assigned.statusCode, assigned.body).toBeLessThan(300);
    const played = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sandbox/leads/${leadId}/messages`,
      headers: workspace.headers,
      payload: { text: 'Je veux parler à un humain, svp' },
    });
    expect(played.json().conversation.needsHuman).toBe(true);
    await waitFor(async () => (await receivedFor('owner-rep@chaud.test')).length === 1, 10_000, 'the notice');
    const [notice] = await receivedFor('owner-rep@chaud.test');
    expect(notice!.subject).toContain('Rita');
    expect(notice!.text).toContain(`https://chaud.test/inbox/${played.json().conversation.id}`);
  });
});

describe('WhatsApp to e-mail fallback', () => {
  const APP_SECRET = 'fallback-app-secret';
  const lead = (firstName: string, phone: string) => ({
    firstName,
    phone,
    email: `${firstName.toLowerCase()}@client.fr`,
    consents: [
      { purpose: 'whatsapp', channel: 'whatsapp', granted: true },
      { purpose: 'marketing_email', channel: 'email', granted: true },
    ],
  });

  beforeAll(async () => {
    graph = await FakeGraphApi.start({ accessToken: 'EAAG-fallback-token' });
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/whatsapp',
      headers: workspace.headers,
      payload: {
        phoneNumberId: '5550001112',
        accessToken: 'EAAG-fallback-token',
        appSecret: APP_SECRET,
        verifyToken: 'fallback-verify-token',
        graphUrl: `${graph.url}/v23.0`,
        templates: { first_contact: [{ name: 'chaud_first_contact', languageCode: 'fr' }] },
      },
    });
    expect(saved.statusCode).toBe(200);
  });

  it('e-mails the lead when WhatsApp refuses the send as undeliverable', async () => {
    graph.failRecipient('33677777777', GRAPH_ERRORS.undeliverable);
    const captured = await t.app.inject({
      method: 'POST',
      url: '/api/v1/leads',
      headers: workspace.headers,
      payload: lead('Oscar', '+33 6 77 77 77 77'),
    });
    expect(captured.statusCode).toBeLessThan(300);
    await waitFor(
      async () => (await receivedFor('oscar@client.fr')).length === 1,
      10_000,
      'the fallback e-mail',
    );
    const [failed] = await t.ctx.handle.query<{ status: string; error: { kind?: string } }>(
      "SELECT status, error FROM messages WHERE lead_id = $1 AND kind = 'template'",
      [(captured.json() as { id: string }).id],
    );
    expect(failed).toMatchObject({ status: 'failed', error: { kind: 'undeliverable' } });
  });

  it('e-mails the lead when a failed status (re-engagement required) arrives later', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/leads',
      headers: workspace.headers,
      payload: lead('Pia', '+33 6 88 88 88 88'),
    });
    await waitFor(async () =>
      graph.sentMessages.some((request) => (request.body as { to?: string }).to === '33688888888'),
    );
    const storedWamid = async () =>
      (
        await t.ctx.handle.query<{ provider_message_id: string }>(
          "SELECT provider_message_id FROM messages WHERE kind = 'template' AND provider_message_id IS NOT NULL AND lead_id IN (SELECT id FROM leads WHERE email = 'pia@client.fr')",
        )
      )[0];
    // The fake Graph API answers before the send's result is committed: wait for the stored wamid.
    await waitFor(async () => (await storedWamid()) !== undefined, 10_000, 'the stored wamid');
    const sent = await storedWamid();
    const failedStatus = statusPayload('5550001112', {
      wamid: sent!.provider_message_id,
      status: 'failed',
      recipient: '33688888888',
      errors: [{ code: 131047, title: 'Re-engagement message' }],
    });
    expect((await deliverWebhook(`${url}/webhooks/whatsapp`, failedStatus, APP_SECRET)).status).toBe(200);
    await waitFor(
      async () => (await receivedFor('pia@client.fr')).length === 1,
      10_000,
      'the fallback e-mail',
    );
  });
});
