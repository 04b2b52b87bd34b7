import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmailTestContext, startEmailTestContext } from '../../../test/email-test-context.ts';
import type { TestContext, TestWorkspace } from '../../../test/harness.ts';
import type { SmtpCapture } from '../../../test/smtp-capture.ts';
import { waitFor } from '../../../test/wait-for.ts';
import { getConsentHistory } from '../privacy/index.ts';

// E-mail end to end: a real SMTP server on 127.0.0.1 receives what Chaud sends, and replies come
// back as raw MIME through the inbound webhook.
let context: EmailTestContext;
let t: TestContext;
let workspace: TestWorkspace;
let smtp: SmtpCapture;
const receivedFor = (address: string) => context.mailsTo(address);

beforeAll(async () => {
  context = await startEmailTestContext();
  ({ t, workspace, smtp } = context);
});

afterAll(async () => {
  await context?.close();
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
