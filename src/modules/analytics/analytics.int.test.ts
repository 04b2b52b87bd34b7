import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';

// A small known workspace built through the API on a manual clock, two ISO weeks (from Monday
// 2026-11-16), then the dashboard's exact figures for an admin and for the rep owning one lead.
let t: TestContext;
let workspace: TestWorkspace;
let rep: { userId: string; headers: { authorization: string } };
const clock = new ManualClock('2026-11-16T08:00:00Z');
const PERIOD = 'from=2026-11-16T00:00:00Z&to=2026-11-30T00:00:00Z';

async function api(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
  headers = workspace.headers,
) {
  const response = await t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return response;
}

async function ok(method: 'POST' | 'PUT', url: string, payload: unknown) {
  const response = await api(method, url, payload);
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json() as Record<string, unknown>;
}

async function capture(payload: Record<string, unknown>): Promise<string> {
  return (await ok('POST', '/api/v1/leads', payload)).id as string;
}

async function playLead(leadId: string, text: string) {
  await ok('POST', `/api/v1/sandbox/leads/${leadId}/messages`, { text });
}

async function sendPendingEffects() {
  const pending = await t.ctx.handle.query<{ id: string }>(
    "SELECT id FROM outbox WHERE workspace_id = $1 AND status = 'pending' ORDER BY id",
    [workspace.workspaceId],
  );
  for (const { id } of pending) await t.ctx.outbox.dispatch(id, 1);
}

beforeAll(async () => {
  t = await createTestContext({
    clock,
    env: { CHAUD_PUBLIC_URL: 'https://chaud.test', CHAUD_SECRET: 'analytics-tests-secret-0123456789' },
  });
  workspace = await t.createWorkspace();
  rep = await t.createMember(workspace, 'sales_rep', 'rep-analytics@chaud.test');
  await ok('PUT', `/api/v1/users/${rep.userId}/availability`, {
    timezone: 'Europe/Paris',
    weekly: {
      mon: [{ start: '09:00', end: '17:00' }],
      tue: [{ start: '09:00', end: '17:00' }],
      wed: [{ start: '09:00', end: '17:00' }],
      thu: [],
      fri: [],
      sat: [],
      sun: [],
    },
    overrides: [],
    outOfOffice: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 0,
    maxPerDay: 5,
  });
  const meetingTypeId = (
    await ok('POST', '/api/v1/meeting-types', {
      name: 'Découverte',
      slug: 'decouverte',
      durationMinutes: 30,
      location: { kind: 'phone' },
    })
  ).id as string;

  // Week of 2026-11-16. A: greeted on the sandbox at capture (0 s), then opts out.
  const a = await capture({
    firstName: 'Anna',
    phone: '+33 6 12 34 56 78',
    source: 'website',
    consents: [{ purpose: 'whatsapp', channel: 'whatsapp', granted: true }],
  });
  // No workers here: the greeting leaves now, as the outbox dispatcher would send it, before A opts out.
  await sendPendingEffects();
  clock.advance(60_000);
  // B: no consent, so no greeting; the first outbound message is the agent's answer 9 minutes later.
  const b = await capture({ firstName: 'Bruno', email: 'bruno@client.fr', source: 'website' });
  clock.advance(60_000);
  // C: the rep's lead, never messaged: MQL by hand, a booked meeting (SQL), held (opportunity).
  const c = await capture({ firstName: 'Chloé', email: 'chloe@client.fr', source: 'linkedin' });
  await ok('PUT', `/api/v1/leads/${c}/owner`, { ownerId: rep.userId, reason: 'territory' });
  await ok('POST', `/api/v1/leads/${c}/stage`, { to: 'mql', reason: 'asked for a demo' });
  clock.advance(8 * 60_000);
  await playLead(b, 'Bonjour');
  await playLead(a, 'STOP');
  const booking = await ok('POST', '/api/v1/bookings', {
    leadId: c,
    userId: rep.userId,
    meetingTypeId,
    start: '2026-11-18T09:00:00Z',
  });
  clock.set('2026-11-18T10:00:00Z');
  await ok('POST', `/api/v1/bookings/${booking.id}/outcome`, { outcome: 'held' });

  // Week of 2026-11-23. D: moved straight from lead to customer (it passed every stage on the way).
  clock.set('2026-11-23T09:00:00Z');
  const d = await capture({ firstName: 'Denis', email: 'denis@client.fr', source: 'linkedin' });
  await ok('POST', `/api/v1/leads/${d}/stage`, { to: 'customer', reason: 'signed on the phone' });
  clock.set('2026-11-29T12:00:00Z');
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/analytics/dashboard', () => {
  it('computes the funnel, speed to lead, weekly series, meetings and conversation outcomes', async () => {
    const response = await api('GET', `/api/v1/analytics/dashboard?${PERIOD}`);
    expect(response.statusCode, response.body).toBe(200);
    const dashboard = response.json();
    expect(dashboard.scope).toBe('workspace');
    expect(dashboard.funnel).toEqual([
      { stage: 'lead', count: 4, conversionToNext: 0.5 },
      { stage: 'mql', count: 2, conversionToNext: 1 },
      { stage: 'sql', count: 2, conversionToNext: 1 },
      { stage: 'opportunity', count: 2, conversionToNext: 0.5 },
      { stage: 'customer', count: 1, conversionToNext: null },
    ]);
    const speed = dashboard.speedToLead;
    expect(speed).toMatchObject({
      captured: 4,
      contacted: 2,
      notContacted: 2,
      p50Seconds: 270,
      p90Seconds: 486,
    });
    expect(
      Object.fromEntries(
        speed.buckets.map((bucket: { key: string; count: number }) => [bucket.key, bucket.count]),
      ),
    ).toEqual({
      under_1m: 1,
      '1m_5m': 0,
      '5m_30m': 1,
      '30m_2h': 0,
      '2h_24h': 0,
      over_24h: 0,
      never: 2,
    });
    expect(dashboard.leadsBySource).toEqual({
      keys: ['linkedin', 'website'],
      weeks: [
        { weekStart: '2026-11-16', counts: { linkedin: 1, website: 2 } },
        { weekStart: '2026-11-23', counts: { linkedin: 1, website: 0 } },
      ],
    });
    // Nothing here earns points: every lead stays cold.
    expect(dashboard.leadsByTemperature).toEqual({
      keys: ['cold', 'warm', 'hot'],
      weeks: [
        { weekStart: '2026-11-16', counts: { cold: 3, warm: 0, hot: 0 } },
        { weekStart: '2026-11-23', counts: { cold: 1, warm: 0, hot: 0 } },
      ],
    });
    expect(dashboard.meetings).toEqual({
      booked: 1,
      held: 1,
      noShow: 0,
      weeks: [
        { weekStart: '2026-11-16', booked: 1, held: 1, noShow: 0 },
        { weekStart: '2026-11-23', booked: 0, held: 0, noShow: 0 },
      ],
    });
    // A's conversation closed on its STOP; B's is still open with the agent; no verdict yet.
    expect(dashboard.conversations).toEqual({
      total: 2,
      open: 1,
      closed: 1,
      replied: 2,
      needsHuman: 0,
      handedOff: 0,
      optedOut: 1,
      qualifiedToSql: 0,
      hot: 0,
      warm: 0,
      cold: 0,
      notInterested: 0,
      noVerdict: 2,
    });
  });

  it('narrows the period: the second week alone holds D only', async () => {
    const response = await api(
      'GET',
      '/api/v1/analytics/dashboard?from=2026-11-23T00:00:00Z&to=2026-11-30T00:00:00Z',
    );
    expect(response.statusCode, response.body).toBe(200);
    const dashboard = response.json();
    expect(dashboard.funnel.map((step: { count: number }) => step.count)).toEqual([1, 1, 1, 1, 1]);
    expect(dashboard.speedToLead).toMatchObject({ captured: 1, contacted: 0, p50Seconds: null });
    expect(dashboard.meetings.booked).toBe(0);
    expect(dashboard.conversations.total).toBe(0);
  });

  it('shows a sales rep only the leads they own', async () => {
    const response = await api('GET', `/api/v1/analytics/dashboard?${PERIOD}`, undefined, rep.headers);
    expect(response.statusCode, response.body).toBe(200);
    const dashboard = response.json();
    expect(dashboard.scope).toBe('own_leads');
    expect(dashboard.funnel.map((step: { count: number }) => step.count)).toEqual([1, 1, 1, 1, 0]);
    expect(dashboard.speedToLead).toMatchObject({ captured: 1, contacted: 0, notContacted: 1 });
    expect(dashboard.leadsBySource.weeks[0].counts).toEqual({ linkedin: 1 });
    expect(dashboard.meetings).toMatchObject({ booked: 1, held: 1 });
    expect(dashboard.conversations.total).toBe(0);
  });

  it('defaults to the last 90 days up to now', async () => {
    const response = await api('GET', '/api/v1/analytics/dashboard');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().period).toEqual({
      from: '2026-08-31T12:00:00.000Z',
      to: '2026-11-29T12:00:00.000Z',
    });
    expect(response.json().funnel[0].count).toBe(4);
  });

  it('refuses a reversed, empty, too long or malformed period with a 400', async () => {
    const reversed = await api(
      'GET',
      '/api/v1/analytics/dashboard?from=2026-11-30T00:00:00Z&to=2026-11-16T00:00:00Z',
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.code).toBe('ANALYTICS_PERIOD_NOT_ORDERED');
    const empty = await api(
      'GET',
      '/api/v1/analytics/dashboard?from=2026-11-16T00:00:00Z&to=2026-11-16T00:00:00Z',
    );
    expect(empty.json().error.code).toBe('ANALYTICS_PERIOD_NOT_ORDERED');
    const tooLong = await api(
      'GET',
      '/api/v1/analytics/dashboard?from=2023-11-16T00:00:00Z&to=2026-11-16T00:00:00Z',
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.code).toBe('ANALYTICS_PERIOD_TOO_LONG');
    const malformed = await api('GET', '/api/v1/analytics/dashboard?from=yesterday');
    expect(malformed.statusCode).toBe(400);
  });
});
