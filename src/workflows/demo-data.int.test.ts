import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLead } from '../../test/factories.ts';
import { createTestContext, type TestContext, type TestWorkspace } from '../../test/harness.ts';
import { DEMO_MEETING_TYPE_SLUG, DEMO_USER_EMAIL_SUFFIX } from './demo-data.workflow.ts';

// Demo data: loaded as history (nothing sent), scored for real, removed without a trace.
let t: TestContext;
let ws: TestWorkspace;
let realLeadId: string;
const DAY_MS = 86_400_000;

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  return (await t.ctx.handle.query<T>(sql, params))[0]!;
}

const effectCounts = async () => ({
  outbox: (await one<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).n,
  jobs: (await one<{ n: number }>('SELECT count(*)::int AS n FROM pgboss.job')).n,
});

beforeAll(async () => {
  t = await createTestContext();
  ws = await t.createWorkspace('Demo workspace');
  const lead = await buildLead(t, ws, { firstName: 'Réelle', lastName: 'Cliente' });
  realLeadId = lead.id;
  const events = await t.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: ws.headers,
    payload: {
      events: [{ leadId: realLeadId, type: 'page_viewed', properties: { url: 'https://x.fr/tarifs' } }],
    },
  });
  expect(events.statusCode, events.body).toBeLessThan(300);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const demo = (method: 'GET' | 'POST' | 'DELETE', headers = ws.headers, payload?: object) =>
  t.app.inject({ method, url: '/api/v1/demo', headers, ...(payload ? { payload } : {}) });

describe('demo data', () => {
  let demoLeadIds: string[] = [];
  let realEventCount = 0;

  it('loads a few hundred scored leads over 90 days without sending anything', async () => {
    realEventCount = (
      await one<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE lead_id = $1', [realLeadId])
    ).n;
    const before = await effectCounts();
    const started = performance.now();
    const response = await demo('POST', ws.headers, {});
    const elapsed = performance.now() - started;
    expect(response.statusCode, response.body).toBe(201);
    const { counts } = response.json();
    expect(counts.leads).toBeGreaterThanOrEqual(290);
    expect(counts.users).toBe(3);
    expect(counts.conversations).toBeGreaterThan(40);
    expect(counts.messages).toBeGreaterThan(counts.conversations * 2);
    expect(counts.bookings).toBeGreaterThan(10);
    expect(elapsed).toBeLessThan(20_000);
    expect(await effectCounts()).toEqual(before);

    const now = t.clock.now().getTime();
    const rows = await t.ctx.handle.query<{ id: string; stage: string; score: number; created_at: Date }>(
      `SELECT id, stage, score, created_at FROM leads WHERE workspace_id = $1 AND attributes @> '{"demo": true}'`,
      [ws.workspaceId],
    );
    demoLeadIds = rows.map((row) => row.id);
    expect(rows).toHaveLength(counts.leads);
    expect(rows.filter((row) => row.score > 0).length).toBeGreaterThan(rows.length / 3);
    const stages = new Set(rows.map((row) => row.stage));
    for (const stage of ['lead', 'mql', 'sql', 'opportunity', 'customer', 'recycled', 'disqualified'])
      expect(stages, stage).toContain(stage);
    for (const row of rows) {
      expect(new Date(row.created_at).getTime()).toBeGreaterThanOrEqual(now - 90 * DAY_MS);
      expect(new Date(row.created_at).getTime()).toBeLessThanOrEqual(now);
    }
    const span = await one<{ first: Date; last: Date; moves: number }>(
      `SELECT min(occurred_at) AS first, max(occurred_at) AS last,
              count(*) FILTER (WHERE type = 'stage_changed')::int AS moves
         FROM events WHERE lead_id = ANY($1::text[])`,
      [demoLeadIds],
    );
    expect(new Date(span.first).getTime()).toBeGreaterThanOrEqual(now - 90 * DAY_MS);
    expect(new Date(span.last).getTime()).toBeLessThanOrEqual(now);
    expect(new Date(span.first).getTime()).toBeLessThan(now - 60 * DAY_MS);
    expect(span.moves).toBeGreaterThan(100);

    const messages = await one<{ inbound: number; outbound: number; first: Date; last: Date }>(
      `SELECT count(*) FILTER (WHERE direction = 'inbound')::int AS inbound,
              count(*) FILTER (WHERE direction = 'outbound')::int AS outbound,
              min(created_at) AS first, max(created_at) AS last
         FROM messages WHERE workspace_id = $1`,
      [ws.workspaceId],
    );
    expect(messages.inbound).toBeGreaterThan(0);
    expect(messages.outbound).toBeGreaterThan(0);
    expect(new Date(messages.first).getTime()).toBeGreaterThanOrEqual(now - 90 * DAY_MS);
    expect(new Date(messages.last).getTime()).toBeLessThanOrEqual(now);
    const handoffs = await one<{ n: number }>(
      'SELECT count(*)::int AS n FROM conversations WHERE workspace_id = $1 AND needs_human',
      [ws.workspaceId],
    );
    expect(handoffs.n).toBeGreaterThan(0);
    const meetings = await t.ctx.handle.query<{ status: string; upcoming: boolean; booked_in_past: boolean }>(
      'SELECT status, start_at > $2 AS upcoming, created_at <= $2 AS booked_in_past FROM bookings WHERE workspace_id = $1',
      [ws.workspaceId, t.clock.now()],
    );
    expect(meetings.some((row) => row.status === 'held' && !row.upcoming)).toBe(true);
    expect(meetings.some((row) => row.status === 'confirmed' && row.upcoming)).toBe(true);
    expect(meetings.every((row) => row.booked_in_past)).toBe(true);

    const status = await demo('GET');
    expect(status.json()).toMatchObject({ isLoaded: true, counts: { leads: counts.leads } });
  }, 60_000);

  it('refuses a second load until the demo data is removed', async () => {
    const again = await demo('POST', ws.headers, { leads: 10 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DEMO_ALREADY_LOADED');
  });

  it('lets only admins load or remove it', async () => {
    for (const role of ['marketer', 'sales_rep'] as const) {
      const member = await t.createMember(ws, role);
      // With and without a body: both pass validation and stop at the role check.
      expect((await demo('POST', member.headers, role === 'marketer' ? {} : undefined)).statusCode).toBe(403);
      expect((await demo('DELETE', member.headers)).statusCode).toBe(403);
      expect((await demo('GET', member.headers)).statusCode).toBe(200);
    }
  });

  it('removes every demo row from every table and keeps the real lead', async () => {
    const response = await demo('DELETE');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().removed.leads).toBe(demoLeadIds.length);

    // Every table with a lead_id column, so a table added later is checked too.
    const tables = await t.ctx.handle.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name IN ('lead_id', 'other_lead_id', 'id')
          AND table_name NOT IN ('workspaces')`,
    );
    const leadColumns = tables.filter((row) => row.column_name !== 'id' || row.table_name === 'leads');
    expect(leadColumns.length).toBeGreaterThanOrEqual(12);
    for (const { table_name, column_name } of leadColumns) {
      const left = await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}" = ANY($1::text[])`,
        [demoLeadIds],
      );
      expect(left.n, `${table_name}.${column_name}`).toBe(0);
    }
    const users = await one<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE email LIKE $1', [
      `%${DEMO_USER_EMAIL_SUFFIX}`,
    ]);
    expect(users.n).toBe(0);
    const meetingTypes = await one<{ n: number }>(
      'SELECT count(*)::int AS n FROM meeting_types WHERE slug = $1',
      [DEMO_MEETING_TYPE_SLUG],
    );
    expect(meetingTypes.n).toBe(0);
    const messagesLeft = await one<{ n: number }>(
      'SELECT count(*)::int AS n FROM messages WHERE workspace_id = $1',
      [ws.workspaceId],
    );
    expect(messagesLeft.n).toBe(0);

    const real = await t.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${realLeadId}`,
      headers: ws.headers,
    });
    expect(real.statusCode).toBe(200);
    const realEvents = await one<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE lead_id = $1', [
      realLeadId,
    ]);
    expect(realEvents.n).toBe(realEventCount);
    expect((await demo('GET')).json()).toMatchObject({ isLoaded: false, counts: { leads: 0, users: 0 } });
  }, 60_000);

  it('loads again once removed', async () => {
    const response = await demo('POST', ws.headers, { leads: 40 });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().counts.leads).toBe(40);
  }, 60_000);
});
