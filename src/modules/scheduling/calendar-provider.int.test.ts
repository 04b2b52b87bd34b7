import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { waitFor } from '../../../test/wait-for.ts';
import { ManualClock } from '../../platform/clock.ts';
import {
  type BookingChange,
  type BusyInterval,
  type BusyQuery,
  CALENDAR_CHANGE_EFFECT,
  type CalendarProvider,
  findBooking,
  installCalendarProvider,
  noCalendarProvider,
} from './index.ts';

// The external-calendar seam through the HTTP API, with an in-memory calendar standing in for Google
// or Microsoft (none exists yet: the interface is what is under test). Monday 08:00 in Paris.
let t: TestContext;
let workspace: TestWorkspace;
let repId: string;
let meetingTypeId: string;
const clock = new ManualClock('2026-11-23T07:00:00Z');

/** A rep's calendar kept in memory; `published` records what Chaud told it, and what was committed then. */
class InMemoryCalendar implements CalendarProvider {
  readonly name = 'in-memory';
  busy: (BusyInterval & { userId: string })[] = [];
  queries: BusyQuery[] = [];
  published: { change: BookingChange; statusInDatabase: string }[] = [];
  isDown = false;

  async busyIntervals(query: BusyQuery): Promise<BusyInterval[]> {
    this.queries.push(query);
    if (this.isDown) throw new Error('calendar down');
    return this.busy.filter((item) => item.userId === query.userId).map(({ start, end }) => ({ start, end }));
  }

  async publishBookingChange(change: BookingChange): Promise<void> {
    if (this.isDown) throw new Error('calendar down');
    // Read on another connection than the booking's transaction: it is there only once committed.
    const booking = await findBooking(t.ctx.db, change.workspaceId, change.bookingId);
    this.published.push({ change, statusInDatabase: booking.status });
  }
}

async function api(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: workspace.headers, ...(payload ? { payload } : {}) });
}

async function newLead(firstName: string): Promise<string> {
  const response = await api('POST', '/api/v1/leads', {
    firstName,
    email: `${firstName.toLowerCase()}@client-agenda.fr`,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function mondaySlots(): Promise<string[]> {
  const response = await api(
    'GET',
    `/api/v1/users/${repId}/slots?meetingTypeId=${meetingTypeId}&from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z&timezone=UTC`,
  );
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { slots: { start: string }[] }).slots.map((slot) => slot.start);
}

async function calendarEffects(bookingId: string) {
  return t.ctx.handle.query<{ status: string; last_error: string | null }>(
    'SELECT status, last_error FROM outbox WHERE kind = $1 AND payload->>$2 = $3',
    [CALENDAR_CHANGE_EFFECT, 'bookingId', bookingId],
  );
}

const book = (leadId: string, start: string) =>
  api('POST', '/api/v1/bookings', { leadId, userId: repId, meetingTypeId, start });

beforeAll(async () => {
  t = await createTestContext({ clock, workers: true });
  workspace = await t.createWorkspace();
  repId = (await t.createMember(workspace, 'sales_rep')).userId;
  const morning = [{ start: '09:00', end: '12:00' }];
  const saved = await api('PUT', `/api/v1/users/${repId}/availability`, {
    timezone: 'Europe/Paris',
    weekly: { mon: morning, tue: morning, wed: morning, thu: [], fri: [], sat: [], sun: [] },
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 60,
    maxPerDay: null,
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
});

describe('without a calendar provider (the default)', () => {
  it('books without queueing anything for an external calendar', async () => {
    const booked = await book(await newLead('Alba'), '2026-11-25T10:30:00Z');
    expect(booked.statusCode, booked.body).toBe(201);
    expect(await calendarEffects(booked.json().id)).toEqual([]);
  });
});

describe('with a calendar provider', () => {
  const calendar = new InMemoryCalendar();
  beforeAll(() => installCalendarProvider(t.ctx, calendar));

  it('removes the slots overlapping an external busy time from GET /users/:id/slots', async () => {
    const before = await mondaySlots();
    // 10:00–10:45 in Paris: starts from 09:45 to 10:30 would overlap it; 09:30 ends as it begins.
    calendar.busy.push({
      userId: repId,
      start: new Date('2026-11-23T09:00:00Z'),
      end: new Date('2026-11-23T09:45:00Z'),
    });
    const after = await mondaySlots();
    const removed = ['08:45', '09:00', '09:15', '09:30'].map((time) => `2026-11-23T${time}:00+00:00`);
    expect(before).toEqual(expect.arrayContaining(removed));
    expect(after).toEqual(before.filter((slot) => !removed.includes(slot)));
    expect(after).toContain('2026-11-23T08:30:00+00:00');
    expect(after).toContain('2026-11-23T09:45:00+00:00');
    expect(calendar.queries.at(-1)).toMatchObject({ workspaceId: workspace.workspaceId, userId: repId });
  });

  it('answers 409 BOOKING_SLOT_TAKEN for a booking over an external busy time', async () => {
    const leadId = await newLead('Basile');
    const refused = await book(leadId, '2026-11-23T09:15:00Z');
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.code).toBe('BOOKING_SLOT_TAKEN');
    expect((await api('GET', `/api/v1/leads/${leadId}/bookings`)).json().data).toEqual([]);
  });

  it('publishes book, reschedule and cancel once each, after they committed', async () => {
    const leadId = await newLead('Nora');
    const booked = await book(leadId, '2026-11-24T08:00:00Z');
    expect(booked.statusCode, booked.body).toBe(201);
    const bookedId = booked.json().id as string;
    const changesOf = (kind: BookingChange['kind'], bookingId: string) =>
      calendar.published.filter(({ change }) => change.kind === kind && change.bookingId === bookingId);
    await waitFor(() => changesOf('booked', bookedId).length > 0, 10_000, 'the booked change');
    expect(changesOf('booked', bookedId)[0]).toMatchObject({
      statusInDatabase: 'confirmed',
      change: {
        userId: repId,
        leadEmail: 'nora@client-agenda.fr',
        start: new Date('2026-11-24T08:00:00Z'),
        end: new Date('2026-11-24T08:30:00Z'),
        icsUid: `${bookedId}@chaud`,
        icsSequence: 0,
        summary: 'Découverte — Nora / sales_rep',
        previous: null,
      },
    });

    // Moving onto an external meeting is refused like a Chaud one, and the booking stays as it was.
    calendar.busy.push({
      userId: repId,
      start: new Date('2026-11-24T10:00:00Z'),
      end: new Date('2026-11-24T11:00:00Z'),
    });
    const refused = await api('POST', `/api/v1/bookings/${bookedId}/reschedule`, {
      start: '2026-11-24T10:00:00Z',
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.code).toBe('BOOKING_SLOT_TAKEN');
    expect((await findBooking(t.ctx.db, workspace.workspaceId, bookedId)).status).toBe('confirmed');

    const moved = await api('POST', `/api/v1/bookings/${bookedId}/reschedule`, {
      start: '2026-11-24T09:00:00Z',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const movedId = moved.json().id as string;
    await waitFor(() => changesOf('rescheduled', movedId).length > 0, 10_000, 'the rescheduled change');
    expect(changesOf('rescheduled', movedId)[0]).toMatchObject({
      statusInDatabase: 'confirmed',
      change: {
        start: new Date('2026-11-24T09:00:00Z'),
        icsUid: `${movedId}@chaud`,
        previous: {
          bookingId: bookedId,
          icsUid: `${bookedId}@chaud`,
          icsSequence: 1,
          start: new Date('2026-11-24T08:00:00Z'),
        },
      },
    });

    const cancelled = await api('POST', `/api/v1/bookings/${movedId}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await waitFor(() => changesOf('cancelled', movedId).length > 0, 10_000, 'the cancelled change');
    expect(changesOf('cancelled', movedId)[0]).toMatchObject({
      statusInDatabase: 'cancelled',
      change: { icsUid: `${movedId}@chaud`, icsSequence: 1 },
    });

    const mine = calendar.published.filter(({ change }) => [bookedId, movedId].includes(change.bookingId));
    expect(mine.map(({ change }) => change.kind)).toEqual(['booked', 'rescheduled', 'cancelled']);
  });

  it('keeps slots and bookings working when the calendar fails or does not answer', async () => {
    calendar.isDown = true;
    const chaudOnly = await chaudOnlySlots(() => installCalendarProvider(t.ctx, calendar));
    // Monday's external busy time is unknown while the calendar is down: its slots are offered again.
    expect(chaudOnly).toContain('2026-11-23T09:00:00+00:00');
    expect(await mondaySlots()).toEqual(chaudOnly);

    const booked = await book(await newLead('Ugo'), '2026-11-23T10:00:00Z');
    expect(booked.statusCode, booked.body).toBe(201);
    const bookingId = booked.json().id as string;
    // The change waits in the outbox with the provider's error, to be retried; the booking stands.
    await waitFor(
      async () => (await calendarEffects(bookingId))[0]?.last_error === 'calendar down',
      10_000,
      'the failed publication',
    );
    expect((await calendarEffects(bookingId))[0]!.status).toBe('pending');
    expect((await findBooking(t.ctx.db, workspace.workspaceId, bookingId)).status).toBe('confirmed');

    // A calendar that never answers: slots and bookings go on after the bound, from Chaud's bookings.
    const silent: CalendarProvider = {
      name: 'silent',
      busyIntervals: () => new Promise(() => {}),
      publishBookingChange: async () => {},
    };
    const installSilent = () => installCalendarProvider(t.ctx, silent, { busyTimeoutMs: 200 });
    installSilent();
    const started = Date.now();
    const slots = await mondaySlots();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(slots).toEqual(await chaudOnlySlots(installSilent));
    expect((await book(await newLead('Vera'), '2026-11-23T10:30:00Z')).statusCode).toBe(201);
  });
});

/** Monday's slots from Chaud's own bookings (the default provider), then `restore` reinstalls one. */
async function chaudOnlySlots(restore: () => void): Promise<string[]> {
  installCalendarProvider(t.ctx, noCalendarProvider);
  try {
    return await mondaySlots();
  } finally {
    restore();
  }
}
