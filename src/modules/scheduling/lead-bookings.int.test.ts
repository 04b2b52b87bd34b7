import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';

// GET /api/v1/leads/:id/bookings: a lead's meetings for the lead screen, behind the lead's visibility.
let t: TestContext;
let workspace: TestWorkspace;
let repId: string;
let repHeaders: { authorization: string };
let meetingTypeId: string;
const clock = new ManualClock('2026-11-23T07:00:00Z'); // Monday 08:00 in Paris

async function call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers?: object) {
  return t.app.inject({
    method,
    url,
    headers: (headers ?? workspace.headers) as Record<string, string>,
    ...(payload ? { payload } : {}),
  });
}

beforeAll(async () => {
  t = await createTestContext({
    clock,
    env: { CHAUD_PUBLIC_URL: 'https://chaud.test', CHAUD_SECRET: 'lead-bookings-secret-0123456789' },
  });
  workspace = await t.createWorkspace();
  const rep = await t.createMember(workspace, 'sales_rep');
  repId = rep.userId;
  repHeaders = rep.headers;
  const weekday = [{ start: '09:00', end: '17:00' }];
  const saved = await call('PUT', `/api/v1/users/${repId}/availability`, {
    timezone: 'Europe/Paris',
    weekly: { mon: weekday, tue: weekday, wed: [], thu: [], fri: [], sat: [], sun: [] },
    overrides: [],
    outOfOffice: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 0,
    maxPerDay: 5,
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const type = await call('POST', '/api/v1/meeting-types', {
    name: 'Découverte',
    slug: 'decouverte',
    durationMinutes: 30,
    location: { kind: 'phone' },
  });
  expect(type.statusCode, type.body).toBe(201);
  meetingTypeId = type.json().id;
});
afterAll(async () => t?.close());

async function book(leadId: string, start: string) {
  const response = await call('POST', '/api/v1/bookings', { leadId, userId: repId, meetingTypeId, start });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

describe("a lead's bookings", () => {
  it('lists every meeting of the lead, newest first, with status and meeting type', async () => {
    const lead = (await call('POST', '/api/v1/leads', { email: 'meet@example.org' })).json().id as string;
    const other = (await call('POST', '/api/v1/leads', { email: 'other@example.org' })).json().id as string;
    const first = await book(lead, '2026-11-23T09:00:00Z');
    const second = await book(lead, '2026-11-24T09:00:00Z');
    await book(other, '2026-11-23T13:00:00Z');
    const cancelled = await call('POST', `/api/v1/bookings/${first}/cancel`, {});
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    const response = await call('GET', `/api/v1/leads/${lead}/bookings`);
    expect(response.statusCode, response.body).toBe(200);
    const rows = response.json().data as { id: string; status: string; meetingTypeName: string }[];
    expect(rows.map((row) => [row.id, row.status])).toEqual([
      [second, 'confirmed'],
      [first, 'cancelled'],
    ]);
    expect(rows[0]).toMatchObject({ meetingTypeName: 'Découverte', userId: repId, leadId: lead });
  });

  it('answers an empty list for a lead without meetings', async () => {
    const lead = (await call('POST', '/api/v1/leads', { email: 'none@example.org' })).json().id as string;
    const response = await call('GET', `/api/v1/leads/${lead}/bookings`);
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toEqual([]);
  });

  it("hides a lead the rep does not own and another workspace's lead", async () => {
    const lead = (await call('POST', '/api/v1/leads', { email: 'hidden@example.org' })).json().id as string;
    const asRep = await call('GET', `/api/v1/leads/${lead}/bookings`, undefined, repHeaders);
    expect(asRep.statusCode).toBe(404);
    expect(asRep.json().error.code).toBe('LEAD_NOT_FOUND');
    const elsewhere = await t.createWorkspace('Other');
    const foreign = await call('GET', `/api/v1/leads/${lead}/bookings`, undefined, elsewhere.headers);
    expect(foreign.statusCode).toBe(404);
  });
});
