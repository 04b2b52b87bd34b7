import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../test/harness.ts';
import { SmtpCapture } from '../../test/smtp-capture.ts';
import { waitFor } from '../../test/wait-for.ts';
import { linkSigningSecret } from '../modules/conversations/index.ts';
import { ManualClock } from '../platform/clock.ts';

// Sequences across channels: one stop rule for e-mail and WhatsApp, triggers, the signed webhook of
// a notify step, the daily cap. Real SMTP and HTTP servers on 127.0.0.1.
let smtp: SmtpCapture;
const hooks: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
const receiver: Server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => {
    body += chunk.toString();
  });
  request.on('end', () => {
    hooks.push({ headers: request.headers, body });
    response.writeHead(204).end();
  });
});

let t: TestContext;
let workspace: TestWorkspace;
// Workers run here, and pg-boss compares due times with the database's clock: keep the test clock at real time.
const clock = new ManualClock(new Date());

const lead = (firstName: string, phone: string) => ({
  firstName,
  phone,
  email: `${firstName.toLowerCase()}@client.fr`,
  consents: [
    { purpose: 'whatsapp', channel: 'whatsapp', granted: true },
    { purpose: 'marketing_email', channel: 'email', granted: true },
  ],
});

async function post(url: string, payload: unknown) {
  return t.app.inject({ method: 'POST', url, headers: workspace.headers, payload: payload as object });
}

async function statusOf(enrollmentId: string) {
  return (
    await t.app.inject({
      method: 'GET',
      url: `/api/v1/enrollments/${enrollmentId}`,
      headers: workspace.headers,
    })
  ).json() as {
    status: string;
    exitReason: string | null;
  };
}

beforeAll(async () => {
  smtp = await SmtpCapture.start();
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  t = await createTestContext({
    clock,
    env: {
      SMTP_URL: smtp.url,
      CHAUD_EMAIL_FROM: 'Chaud <team@chaud.test>',
      CHAUD_PUBLIC_URL: 'https://chaud.test',
      CHAUD_SECRET: 'sequence-channel-tests-secret!!',
    },
    workers: true,
  });
  workspace = await t.createWorkspace();
  // The agent stays out of these tests: only sequences write to the leads.
  await t.app.inject({
    method: 'PUT',
    url: '/api/v1/settings/agent',
    headers: workspace.headers,
    payload: { isEnabled: false },
  });
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('one stop rule across channels', () => {
  it('ends an e-mail sequence when the lead answers on WhatsApp, and a WhatsApp one when they answer by e-mail', async () => {
    const email = await post('/api/v1/sequences', {
      name: 'E-mail nurture',
      sendWindow: null,
      steps: [
        { type: 'send', channel: 'email', template: 'tofu-content-follow-up' },
        { type: 'wait', duration: 'P2D' },
        { type: 'send', channel: 'email', template: 'mofu-practical-case' },
      ],
    });
    const whatsapp = await post('/api/v1/sequences', {
      name: 'WhatsApp nudges',
      sendWindow: null,
      steps: [
        { type: 'send', channel: 'whatsapp', text: 'Un point rapide ?' },
        { type: 'wait', duration: 'P1D' },
        { type: 'send', channel: 'whatsapp', text: 'Toujours partant ?' },
      ],
    });
    const first = (await post('/api/v1/leads', lead('Gael', '+33 6 30 00 00 01'))).json().id as string;
    const second = (await post('/api/v1/leads', lead('Hana', '+33 6 30 00 00 02'))).json().id as string;
    const emailEnrollment = (
      await post(`/api/v1/sequences/${email.json().id}/enrollments`, { leadId: first })
    ).json().id as string;
    const whatsappEnrollment = (
      await post(`/api/v1/sequences/${whatsapp.json().id}/enrollments`, { leadId: second })
    ).json().id as string;
    await waitFor(
      () => smtp.received.some((mail) => mail.includes('gael@client.fr')),
      10_000,
      'the first e-mail',
    );

    expect(
      (await post(`/api/v1/sandbox/leads/${first}/messages`, { text: 'Bonjour, oui ça m’intéresse' }))
        .statusCode,
    ).toBe(201);
    expect(await statusOf(emailEnrollment)).toMatchObject({ status: 'exited', exitReason: 'reply' });

    const reply = [
      'From: Hana <hana@client.fr>',
      'To: team@chaud.test',
      'Subject: Re: bonjour',
      'Message-ID: <hana-1@client.fr>',
      '',
      'Merci, rappelez-moi',
    ].join('\r\n');
    const inbound = await t.app.inject({
      method: 'POST',
      url: '/webhooks/email/inbound',
      headers: { ...workspace.headers, 'content-type': 'message/rfc822' },
      payload: reply,
    });
    expect(inbound.statusCode).toBe(202);
    await waitFor(
      async () => (await statusOf(whatsappEnrollment)).status === 'exited',
      10_000,
      'the WhatsApp sequence to end',
    );
    expect(await statusOf(whatsappEnrollment)).toMatchObject({ exitReason: 'reply' });
  });

  it('stops every sequence of a lead who opts out', async () => {
    const sequence = await post('/api/v1/sequences', {
      name: 'Opt-out',
      sendWindow: null,
      steps: [
        { type: 'wait', duration: 'PT1H' },
        { type: 'send', channel: 'email', template: 'tofu-content-follow-up' },
      ],
    });
    const other = await post('/api/v1/sequences', {
      name: 'Opt-out bis',
      sendWindow: null,
      steps: [
        { type: 'wait', duration: 'PT1H' },
        { type: 'send', channel: 'whatsapp', text: 'Bonjour' },
      ],
    });
    const leadId = (await post('/api/v1/leads', lead('Ivo', '+33 6 30 00 00 03'))).json().id as string;
    const ids = [
      (await post(`/api/v1/sequences/${sequence.json().id}/enrollments`, { leadId })).json().id as string,
      (await post(`/api/v1/sequences/${other.json().id}/enrollments`, { leadId })).json().id as string,
    ];
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/agent',
      headers: workspace.headers,
      payload: { isEnabled: true },
    });
    await post(`/api/v1/sandbox/leads/${leadId}/messages`, { text: 'STOP' });
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/agent',
      headers: workspace.headers,
      payload: { isEnabled: false },
    });
    for (const id of ids) expect((await statusOf(id)).status).toBe('exited');
  });
});

describe('triggers and notify', () => {
  it('enrols leads when they become warm and calls the signed webhook of a notify step', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const created = await post('/api/v1/sequences', {
      name: 'Warm alert',
      trigger: { on: 'event_received', type: 'demo_requested' },
      sendWindow: null,
      steps: [{ type: 'notify', owner: true, email: false, webhook: url, message: 'Demo requested' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const leadId = (await post('/api/v1/leads', lead('Jade', '+33 6 30 00 00 04'))).json().id as string;
    const events = await post('/api/v1/events', { events: [{ leadId, type: 'demo_requested' }] });
    expect(events.statusCode, events.body).toBe(200);
    await waitFor(() => hooks.length > 0, 10_000, 'the webhook');
    const hook = hooks[0]!;
    const expected = createHmac('sha256', linkSigningSecret(t.config))
      .update(`${hook.headers['x-chaud-timestamp']}.${hook.body}`)
      .digest('hex');
    expect(hook.headers['x-chaud-signature']).toBe(`sha256=${expected}`);
    expect(JSON.parse(hook.body)).toMatchObject({
      type: 'sequence.notify',
      leadId,
      message: 'Demo requested',
    });
  });

  it('keeps to the daily cap and sends the rest the next day', async () => {
    const sequence = await post('/api/v1/sequences', {
      name: 'Capped',
      sendWindow: null,
      dailyCap: 1,
      steps: [
        { type: 'send', channel: 'whatsapp', text: 'Un' },
        { type: 'send', channel: 'whatsapp', text: 'Deux' },
      ],
    });
    const leadId = (
      await post('/api/v1/leads', { ...lead('Kai', '+33 6 30 00 00 05'), timezone: 'Europe/Paris' })
    ).json().id as string;
    const id = (await post(`/api/v1/sequences/${sequence.json().id}/enrollments`, { leadId })).json()
      .id as string;
    const read = async () =>
      (
        await t.app.inject({ method: 'GET', url: `/api/v1/enrollments/${id}`, headers: workspace.headers })
      ).json();
    // The worker runs the first position at once: one send, then the cap holds the second.
    await waitFor(
      async () => (await read()).history.some((item: { kind: string }) => item.kind === 'waited'),
      10_000,
      'the cap',
    );
    const waiting = await read();
    expect(waiting.history.map((item: { kind: string }) => item.kind)).toEqual(['entered', 'sent', 'waited']);
    expect(waiting.history.at(-1)).toMatchObject({ details: { reason: 'daily_cap' } });
    const midnight = DateTime.fromJSDate(clock.now())
      .setZone('Europe/Paris')
      .plus({ days: 1 })
      .startOf('day');
    expect(waiting.nextRunAt).toBe(midnight.toUTC().toISO());
  });
});

describe('README', () => {
  it('documents a sequence the API accepts', async () => {
    const fs = await import('node:fs');
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /curl -X POST localhost:3000\/api\/v1\/sequences[\s\S]*?-d '(\{[\s\S]*?\})'/.exec(
      readme,
    )?.[1];
    expect(example).toBeDefined();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sequences',
      headers: workspace.headers,
      payload: JSON.parse(example!),
    });
    expect(response.statusCode, response.body).toBe(201);
  });
});
