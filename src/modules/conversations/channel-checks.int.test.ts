import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGraphApi } from '../../../test/fake-graph-api.ts';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { SmtpCapture } from '../../../test/smtp-capture.ts';

// The settings screen's "Test connection" buttons, against a fake Graph API and a real loopback SMTP server.
const TOKEN = 'EAAG-check-token-0123456789';
const PHONE_NUMBER_ID = '109876543210';

let t: TestContext;
let graph: FakeGraphApi;
let smtp: SmtpCapture;
let workspace: TestWorkspace;

const connect = (accessToken: string, phoneNumberId = PHONE_NUMBER_ID) =>
  t.app.inject({
    method: 'PUT',
    url: '/api/v1/settings/whatsapp',
    headers: workspace.headers,
    payload: {
      phoneNumberId,
      accessToken,
      appSecret: 'app-secret-123',
      verifyToken: 'verify-token-123',
      graphUrl: `${graph.url}/v23.0`,
    },
  });
const testWhatsApp = (headers = workspace.headers) =>
  t.app.inject({ method: 'POST', url: '/api/v1/settings/whatsapp/test', headers });

beforeAll(async () => {
  graph = await FakeGraphApi.start({ accessToken: TOKEN, phoneNumberIds: [PHONE_NUMBER_ID] });
  smtp = await SmtpCapture.start();
  t = await createTestContext({
    env: { SMTP_URL: smtp.url, CHAUD_EMAIL_FROM: 'Camille de Chaud <camille@chaud.test>' },
  });
  workspace = await t.createWorkspace();
});

afterAll(async () => {
  await t?.close();
  await graph?.close();
  await smtp?.close();
});

describe('POST /api/v1/settings/whatsapp/test', () => {
  it('answers 404 WHATSAPP_NOT_CONNECTED before a number is connected', async () => {
    const response = await testWhatsApp();
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('WHATSAPP_NOT_CONNECTED');
  });

  it('reads the phone number from the Graph API with the stored token', async () => {
    expect((await connect(TOKEN)).statusCode).toBe(200);
    graph.reset();
    const response = await testWhatsApp();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, code: null, details: { verified_name: 'Chaud Test' } });
    const [call] = graph.requests;
    expect(call).toMatchObject({ method: 'GET', path: `/v23.0/${PHONE_NUMBER_ID}` });
    expect(call!.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("answers Meta's error code and message for a wrong token or an unknown number", async () => {
    expect((await connect('EAAG-wrong-token-000000')).statusCode).toBe(200);
    const badToken = await testWhatsApp();
    expect(badToken.statusCode).toBe(200);
    expect(badToken.json()).toMatchObject({ ok: false, code: 190 });
    expect(badToken.json().message).toContain('Invalid OAuth access token');

    expect((await connect(TOKEN, '100000000001')).statusCode).toBe(200);
    const unknown = await testWhatsApp();
    expect(unknown.json()).toMatchObject({ ok: false, code: 100 });
    expect(unknown.json().message).toContain('100000000001');
  });

  it('is for admins only', async () => {
    const marketer = await t.createMember(workspace, 'marketer');
    expect((await testWhatsApp(marketer.headers)).statusCode).toBe(403);
  });
});

describe('e-mail settings', () => {
  it('shows that SMTP is configured and the sender, without the SMTP URL', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/settings/email',
      headers: workspace.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ configured: true, from: 'Camille de Chaud <camille@chaud.test>' });
    expect(response.body).not.toContain('127.0.0.1');
  });

  it('sends a test e-mail to the current user through SMTP', async () => {
    const before = smtp.received.length;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/settings/email/test',
      headers: workspace.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, to: workspace.adminEmail });
    expect(smtp.received.length).toBe(before + 1);
    const raw = smtp.received.at(-1)!;
    expect(raw).toContain(`To: Admin <${workspace.adminEmail}>`);
    expect(raw).toMatch(/^From: .*camille@chaud\.test/m);
  });

  it('says e-mail is not configured without SMTP_URL', async () => {
    const bare = await createTestContext();
    try {
      const other = await bare.createWorkspace();
      const status = await bare.app.inject({
        method: 'GET',
        url: '/api/v1/settings/email',
        headers: other.headers,
      });
      expect(status.json()).toEqual({ configured: false, from: null });
      const test = await bare.app.inject({
        method: 'POST',
        url: '/api/v1/settings/email/test',
        headers: other.headers,
      });
      expect(test.statusCode).toBe(409);
      expect(test.json().error.code).toBe('EMAIL_NOT_CONFIGURED');
    } finally {
      await bare.close();
    }
  });
});
