import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmailTestContext, startEmailTestContext } from '../../../test/email-test-context.ts';
import { deliverWebhook, FakeGraphApi, GRAPH_ERRORS } from '../../../test/fake-graph-api.ts';
import type { TestContext, TestWorkspace } from '../../../test/harness.ts';
import { waitFor } from '../../../test/wait-for.ts';
import { statusPayload } from '../../../test/whatsapp-payloads.ts';

// A lead WhatsApp cannot reach is written to by e-mail when they consented to it: on a refused send
// and on a `failed` status that arrives later. Fake Graph API and SMTP server on 127.0.0.1.
let context: EmailTestContext;
let t: TestContext;
let workspace: TestWorkspace;
let graph: FakeGraphApi;
const receivedFor = (address: string) => context.mailsTo(address);

beforeAll(async () => {
  context = await startEmailTestContext();
  ({ t, workspace } = context);
});

afterAll(async () => {
  await graph?.close();
  await context?.close();
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
