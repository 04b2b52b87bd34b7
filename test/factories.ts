import type { TestContext, TestWorkspace } from './harness.ts';

let counter = 0;

/** Creates a lead through the public API with sensible defaults; override any field. */
export async function buildLead(
  test: TestContext,
  workspace: TestWorkspace,
  overrides: Record<string, unknown> = {},
  headers?: { authorization: string },
) {
  counter += 1;
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/v1/leads',
    headers: headers ?? workspace.headers,
    payload: {
      email: `lead${counter}-${Date.now().toString(36)}@example.com`,
      firstName: 'Camille',
      lastName: `Martin${counter}`,
      ...overrides,
    },
  });
  if (response.statusCode >= 300)
    throw new Error(`buildLead failed: ${response.statusCode} ${response.body}`);
  return response.json() as {
    id: string;
    email: string | null;
    phone: string | null;
    [key: string]: unknown;
  };
}

/**
 * An availability body (PUT /api/v1/users/:id/availability) free every day from 00:00 to 24:00, so that a test
 * finds a bookable slot whatever the time it runs at.
 */
export function allDayAvailability() {
  const allDay = [{ start: '00:00', end: '24:00' }];
  return {
    timezone: 'Europe/Paris',
    weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    overrides: [],
    outOfOffice: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 60,
    maxPerDay: 20,
  };
}

/** Saves `allDayAvailability()` for a user, as the workspace's admin. */
export async function makeAvailableAllDay(
  test: TestContext,
  workspace: TestWorkspace,
  userId: string,
): Promise<void> {
  const response = await test.app.inject({
    method: 'PUT',
    url: `/api/v1/users/${userId}/availability`,
    headers: workspace.headers,
    payload: allDayAvailability(),
  });
  if (response.statusCode !== 200)
    throw new Error(`makeAvailableAllDay failed: ${response.statusCode} ${response.body}`);
}
