import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestContext, TestWorkspace } from '../../test/harness.ts';

// Shared by the routing form and team page tests: two reps with booking pages, one team, two rules.

/** What the tests read of a lead (`GET /api/v1/leads/:id`). */
export interface LeadView {
  id: string;
  ownerId: string | null;
  stage: string;
  attributes: Record<string, unknown>;
  lastTouch: { utm?: Record<string, string> } | null;
}

export interface RoutedBookingSetup {
  api(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  leadByEmail(email: string): Promise<LeadView>;
  anaId: string;
  bobId: string;
  teamSlug: string;
}

const WEEK = {
  mon: [{ start: '09:00', end: '12:00' }],
  tue: [{ start: '09:00', end: '12:00' }],
  wed: [],
  thu: [],
  fri: [],
  sat: [],
  sun: [],
};

/**
 * Ana (`/book/<prefix>-ana`) and Bob (`/book/<prefix>-bob`), Monday and Tuesday mornings in Paris, a
 * 30-minute `decouverte` meeting type, team `<prefix>-ventes` of both (hours not enforced), and rules:
 * `form.segment = enterprise` → Ana, then everyone else → the team.
 */
export async function setUpRoutedBooking(
  t: TestContext,
  workspace: TestWorkspace,
  prefix: string,
): Promise<RoutedBookingSetup> {
  const api: RoutedBookingSetup['api'] = (method, url, payload) =>
    t.app.inject({
      method,
      url,
      headers: workspace.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const createRep = async (name: string, slug: string) => {
    const created = await api('POST', '/api/v1/users', {
      email: `${slug}@chaud.test`,
      name,
      role: 'sales_rep',
      timezone: 'Europe/Paris',
      slug,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const saved = await api('PUT', `/api/v1/users/${id}/availability`, {
      timezone: 'Europe/Paris',
      weekly: WEEK,
      minNoticeMinutes: 60,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    return id;
  };
  const anaId = await createRep('Ana Lopez', `${prefix}-ana`);
  const bobId = await createRep('Bob Martin', `${prefix}-bob`);
  const type = await api('POST', '/api/v1/meeting-types', {
    name: 'Découverte',
    slug: 'decouverte',
    durationMinutes: 30,
    location: { kind: 'phone' },
  });
  expect(type.statusCode, type.body).toBe(201);
  const teamSlug = `${prefix}-ventes`;
  const team = await api('POST', '/api/v1/teams', {
    name: 'Ventes',
    slug: teamSlug,
    members: [{ userId: anaId }, { userId: bobId }],
    workingHours: { timezone: 'Europe/Paris', respect: false },
  });
  expect(team.statusCode, team.body).toBe(201);
  for (const rule of [
    {
      name: 'Enterprise',
      priority: 10,
      conditions: { field: 'form.segment', op: 'eq', value: 'enterprise' },
      target: { userId: anaId },
    },
    { name: 'Everyone else', priority: 20, conditions: { always: true }, target: { teamId: team.json().id } },
  ]) {
    const created = await api('POST', '/api/v1/routing/rules', rule);
    expect(created.statusCode, created.body).toBe(201);
  }
  const leadByEmail = async (email: string) => {
    const list = await api('GET', `/api/v1/leads?q=${encodeURIComponent(email)}`);
    const [lead] = list.json().data as { id: string }[];
    return (await api('GET', `/api/v1/leads/${lead!.id}`)).json() as LeadView;
  };
  return { api, leadByEmail, anaId, bobId, teamSlug };
}
