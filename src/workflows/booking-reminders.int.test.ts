import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmailTestContext, startEmailTestContext } from '../../test/email-test-context.ts';
import { makeAvailableAllDay } from '../../test/factories.ts';
import { waitFor } from '../../test/wait-for.ts';

// Reminders fire for real: the planned pg-boss job becomes due (its start is moved to now, as if the
// day had passed), a running worker takes it and the lead gets the e-mail through the outbox and SMTP.
// A booking cancelled in between gets no reminder.
let e: EmailTestContext;
let meetingTypeId: string;

const LEAD_EMAIL = 'ines.roux@client-rappel.fr';

async function api(method: 'GET' | 'POST', url: string, payload?: object) {
  return e.t.app.inject({
    method,
    url,
    headers: e.workspace.headers,
    ...(payload ? { payload } : {}),
  });
}

async function bookTomorrow(leadId: string, repId: string): Promise<string> {
  const from = new Date(e.t.clock.now().getTime() + 26 * 3_600_000);
  const to = new Date(from.getTime() + 4 * 3_600_000);
  const slots = await api(
    'GET',
    `/api/v1/users/${repId}/slots?meetingTypeId=${meetingTypeId}&from=${from.toISOString()}&to=${to.toISOString()}`,
  );
  expect(slots.statusCode, slots.body).toBe(200);
  const start = slots.json().slots[0].start as string;
  const booked = await api('POST', '/api/v1/bookings', { leadId, userId: repId, meetingTypeId, start });
  expect(booked.statusCode, booked.body).toBe(201);
  return booked.json().id as string;
}

/** Moves a planned reminder to now: the worker takes it at its next wake-up. */
async function makeReminderDue(bookingId: string, kind: '24h' | '1h'): Promise<void> {
  const moved = await e.t.ctx.handle.query<{ id: string }>(
    `UPDATE pgboss.job SET start_after = now()
     WHERE name = 'scheduling.send-reminder' AND data->>'bookingId' = $1 AND data->>'kind' = $2
       AND state = 'created'
     RETURNING id`,
    [bookingId, kind],
  );
  expect(moved).toHaveLength(1);
}

async function reminderJobState(bookingId: string, kind: string): Promise<string | undefined> {
  const [row] = await e.t.ctx.handle.query<{ state: string }>(
    `SELECT state FROM pgboss.job WHERE name = 'scheduling.send-reminder' AND data->>'bookingId' = $1 AND data->>'kind' = $2`,
    [bookingId, kind],
  );
  return row?.state;
}

beforeAll(async () => {
  e = await startEmailTestContext();
  await makeAvailableAllDay(e.t, e.workspace, e.workspace.admin.userId!);
  const type = await api('POST', '/api/v1/meeting-types', {
    name: 'Découverte',
    slug: 'decouverte-rappel',
    durationMinutes: 30,
    location: { kind: 'phone' },
  });
  expect(type.statusCode, type.body).toBe(201);
  meetingTypeId = type.json().id;
});

afterAll(() => e?.close());

describe('booking reminders', () => {
  it('e-mails the lead one hour before, when the planned reminder comes due', async () => {
    const lead = await api('POST', '/api/v1/leads', { firstName: 'Inès', email: LEAD_EMAIL, language: 'fr' });
    const bookingId = await bookTomorrow(lead.json().id, e.workspace.admin.userId!);
    await makeReminderDue(bookingId, '1h');
    await waitFor(
      async () => (await e.mailsTo(LEAD_EMAIL)).some((mail) => mail.text?.includes('dans une heure')),
      20_000,
      'the one-hour reminder e-mail',
    );
    const reminder = (await e.mailsTo(LEAD_EMAIL)).find((mail) => mail.text?.includes('dans une heure'))!;
    expect(reminder.subject).toBe('Rappel de rendez-vous');
  });

  it('sends nothing for a booking cancelled before its reminder', async () => {
    const email = 'paul.lemaire@client-rappel.fr';
    const lead = await api('POST', '/api/v1/leads', { firstName: 'Paul', email, language: 'fr' });
    const bookingId = await bookTomorrow(lead.json().id, e.workspace.admin.userId!);
    const cancelled = await api('POST', `/api/v1/bookings/${bookingId}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await makeReminderDue(bookingId, '24h');
    await waitFor(
      async () => (await reminderJobState(bookingId, '24h')) === 'completed',
      20_000,
      'the job to run',
    );
    expect((await e.mailsTo(email)).filter((mail) => mail.text?.includes('Rappel'))).toEqual([]);
  });
});
