import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { SmtpCapture } from '../../../test/smtp-capture.ts';
import { waitFor } from '../../../test/wait-for.ts';
import { ManualClock } from '../../platform/clock.ts';
import { parseInboundEmail } from '../conversations/index.ts';

// Availability, slots and bookings through the API, on a fixed Monday morning in Paris.
let t: TestContext;
let workspace: TestWorkspace;
let smtp: SmtpCapture;
let repId: string;
let meetingTypeId: string;
const clock = new ManualClock('2026-11-23T07:00:00Z'); // Monday 08:00 in Paris

async function api(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: workspace.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function newLead(firstName: string): Promise<string> {
  const response = await api('POST', '/api/v1/leads', {
    firstName,
    email: `${firstName.toLowerCase()}@client.fr`,
    timezone: 'America/New_York',
  });
  return response.json().id as string;
}

beforeAll(async () => {
  smtp = await SmtpCapture.start();
  t = await createTestContext({
    clock,
    workers: true,
    env: {
      SMTP_URL: smtp.url,
      CHAUD_EMAIL_FROM: 'Chaud <team@chaud.test>',
      CHAUD_PUBLIC_URL: 'https://chaud.test',
      CHAUD_SECRET: 'booking-tests-secret-0123456789',
    },
  });
  workspace = await t.createWorkspace();
  repId = (await t.createMember(workspace, 'sales_rep', 'rep-booking@chaud.test')).userId;
  const saved = await api('PUT', `/api/v1/users/${repId}/availability`, {
    timezone: 'Europe/Paris',
    weekly: {
      mon: [{ start: '09:00', end: '12:00' }],
      tue: [{ start: '09:00', end: '12:00' }],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
      sun: [],
    },
    overrides: [],
    outOfOffice: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 15,
    minNoticeMinutes: 60,
    maxPerDay: 3,
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const type = await api('POST', '/api/v1/meeting-types', {
    name: 'Découverte',
    slug: 'decouverte',
    durationMinutes: 30,
    location: { kind: 'phone' },
  });
  expect(type.statusCode, type.body).toBe(201);
  meetingTypeId = type.json().id;
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('slots', () => {
  it('lists free slots in the requested zone, after the notice, inside working hours', async () => {
    const response = await api(
      'GET',
      `/api/v1/users/${repId}/slots?meetingTypeId=${meetingTypeId}&from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z&timezone=America/New_York`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const slots = (response.json() as { slots: { start: string }[] }).slots.map((slot) => slot.start);
    // Paris 09:00 + 60 min notice from 08:00 → first slot 09:00 Paris = 03:00 in New York.
    expect(slots[0]).toBe('2026-11-23T03:00:00-05:00');
    expect(slots.at(-1)).toBe('2026-11-23T05:30:00-05:00');
  });

  it('refuses an invalid availability with errors naming the path', async () => {
    const response = await api('PUT', `/api/v1/users/${repId}/availability`, {
      timezone: 'Mars/Olympus',
      weekly: {},
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.details)).toContain('timezone');
  });
});

describe('bookings', () => {
  it('books exactly once when 20 requests race for the same slot', async () => {
    const leads = await Promise.all(Array.from({ length: 20 }, (_, index) => newLead(`Race${index}`)));
    const responses = await Promise.all(
      leads.map((leadId) =>
        api('POST', '/api/v1/bookings', {
          leadId,
          userId: repId,
          meetingTypeId,
          start: '2026-11-23T09:00:00Z',
        }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const conflict = responses.find((response) => response.statusCode === 409)!;
    expect(conflict.json().error.code).toBe('BOOKING_SLOT_TAKEN');
  });

  it('sends ICS invitations, moves the lead to SQL, and cancels with a CANCEL invitation', async () => {
    const leadId = await newLead('Nora');
    const booked = await api('POST', '/api/v1/bookings', {
      leadId,
      userId: repId,
      meetingTypeId,
      start: '2026-11-24T08:00:00Z',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const body = booked.json() as { id: string; ics: string; end: string };
    expect(body.end).toBe('2026-11-24T08:30:00.000Z');
    expect(body.ics).toContain('METHOD:REQUEST');
    expect(body.ics).toContain('DTSTART;TZID=Europe/Paris:20261124T090000');
    expect(body.ics).toContain('BEGIN:VTIMEZONE');
    const lead = (await api('GET', `/api/v1/leads/${leadId}`)).json();
    expect(lead.stage).toBe('sql');
    await waitFor(
      () => smtp.received.some((raw) => raw.includes('nora@client.fr') && raw.includes('text/calendar')),
      10_000,
      'the invitation',
    );
    // The invitation, not a reminder: the test's clock is fixed on a past Monday, so the reminders planned
    // from it are already due for the job queue and may arrive first.
    const invitation = await parseInboundEmail(
      smtp.received.find((raw) => raw.includes('nora@client.fr') && raw.includes('text/calendar'))!,
    );
    expect(invitation.subject).toContain('Découverte');
    const reminders = await t.ctx.handle.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'scheduling.send-reminder' AND data->>'bookingId' = $1",
      [body.id],
    );
    expect(reminders[0]!.n).toBe(2);

    const cancelled = await api('POST', `/api/v1/bookings/${body.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(cancelled.json().ics).toContain('METHOD:CANCEL');
    // The time is free again.
    const again = await api('POST', '/api/v1/bookings', {
      leadId,
      userId: repId,
      meetingTypeId,
      start: '2026-11-24T08:00:00Z',
    });
    expect(again.statusCode).toBe(201);
    const held = await api('POST', `/api/v1/bookings/${again.json().id}/outcome`, { outcome: 'held' });
    expect(held.json()).toMatchObject({ status: 'held' });
    expect((await api('GET', `/api/v1/leads/${leadId}`)).json().stage).toBe('opportunity');
  });

  it('refuses a time outside working hours and one too soon', async () => {
    const leadId = await newLead('Otto');
    const evening = await api('POST', '/api/v1/bookings', {
      leadId,
      userId: repId,
      meetingTypeId,
      start: '2026-11-23T18:00:00Z',
    });
    expect(evening.statusCode).toBe(400);
    expect(evening.json().error.code).toBe('BOOKING_SLOT_UNAVAILABLE');
    const soon = await api('POST', '/api/v1/bookings', {
      leadId,
      userId: repId,
      meetingTypeId,
      start: '2026-11-23T07:15:00Z',
    });
    expect(soon.statusCode).toBe(400);
  });
});

describe('calendar feed', () => {
  it("serves the rep's meetings as a private ICS feed, and nothing for a forged link", async () => {
    const feed = await api('GET', `/api/v1/users/${repId}/calendar-feed`);
    const url = new URL((feed.json() as { url: string }).url);
    const response = await t.app.inject({ method: 'GET', url: url.pathname });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/calendar');
    expect(response.body).toContain('BEGIN:VEVENT');
    expect(response.body).not.toContain('METHOD:');
    const forged = await t.app.inject({ method: 'GET', url: `${url.pathname.slice(0, -8)}xxxx.ics` });
    expect(forged.statusCode).toBe(404);
  });
});
