import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLead } from '../../../test/factories.ts';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { events, leads } from '../leads/index.ts';
import { compileGrid, type EventFact } from './grid/grid.engine.ts';
import { loadGrid, toLeadFacts } from './scoring.service.ts';
import { scoreChanges } from './scoring.tables.ts';

const NOW = '2026-03-02T10:00:00.000Z';
const clock = new ManualClock(NOW);
let test: TestContext;
let workspace: TestWorkspace;

beforeAll(async () => {
  test = await createTestContext({ clock });
  workspace = await test.createWorkspace();
});
afterAll(() => test.close());

const call = (
  method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  headers = workspace.headers,
) =>
  test.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

const ICP_SETTINGS = {
  icp: {
    personas: ['directeur commercial'],
    companySizes: [{ min: 50, max: 500 }],
    industries: ['SaaS'],
    countries: ['FR'],
  },
};

async function recordEvents(
  items: { leadId: string; type: string; daysAgo: number; properties?: Record<string, unknown> }[],
) {
  const response = await call('POST', '/api/v1/events', {
    events: items.map((item) => ({
      leadId: item.leadId,
      type: item.type,
      occurredAt: new Date(Date.parse(NOW) - item.daysAgo * 86_400_000).toISOString(),
      properties: item.properties ?? {},
    })),
  });
  expect(response.statusCode, response.body).toBeLessThan(300);
}

/** The TypeScript engine's answer for a stored lead, to check what the set-based SQL wrote. */
async function engineScore(workspaceId: string, leadId: string) {
  const grid = await loadGrid(test.ctx.db, workspaceId);
  const [row] = await test.ctx.db.select().from(leads).where(eq(leads.id, leadId));
  const facts: EventFact[] = (await test.ctx.db.select().from(events).where(eq(events.leadId, leadId))).map(
    (event) => ({
      id: event.id,
      type: event.type,
      occurredAt: event.occurredAt.getTime(),
      properties: event.properties,
    }),
  );
  return {
    row: row!,
    score: compileGrid(grid.rules, grid.settings).score(toLeadFacts(row!), facts, clock.now().getTime()),
  };
}

describe('scoring grid API', () => {
  it('serves the default grid until one is saved', async () => {
    const response = await call('GET', '/api/v1/scoring/grid');
    expect(response.statusCode).toBe(200);
    expect(response.json().version).toBe(0);
    expect(response.json().rules.map((rule: { id: string }) => rule.id)).toContain('eng-demo-request');
  });

  it('refuses an invalid grid with 400 SCORING_GRID_INVALID naming the path, and saves nothing', async () => {
    const grid = (await call('GET', '/api/v1/scoring/grid')).json();
    const rules = [
      ...grid.rules,
      {
        id: 'opens',
        name: 'Opens',
        group: 'engagement',
        points: 5,
        condition: { eventType: 'email_opened', minCount: 3 },
      },
    ];
    const response = await call('PUT', '/api/v1/scoring/grid', { rules, settings: grid.settings });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('SCORING_GRID_INVALID');
    expect(response.json().error.details).toContainEqual(
      expect.objectContaining({ path: `rules[${grid.rules.length}].condition.withinDays` }),
    );
    const bad = await call('PUT', '/api/v1/scoring/settings', { bands: { warm: 80, hot: 20 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toContainEqual(expect.objectContaining({ path: 'settings.bands' }));
    expect((await call('GET', '/api/v1/scoring/grid')).json().version).toBe(0);
  });

  it('rescores every lead set-based on a settings change, stores contributions and reassesses temperature', async () => {
    const fits = await buildLead(test, workspace, {
      jobTitle: 'Directeur Commercial France',
      company: { name: 'Acme', size: '50-199', industry: 'saas' },
    });
    const active = await buildLead(test, workspace, {
      jobTitle: 'Stagiaire',
      company: { name: 'Beta', size: '10' },
    });
    const idle = await buildLead(test, workspace, { jobTitle: 'CEO' });
    await recordEvents([
      { leadId: active.id, type: 'page_viewed', daysAgo: 3, properties: { isPricingPage: true } },
      { leadId: active.id, type: 'content_downloaded', daysAgo: 10 },
      { leadId: fits.id, type: 'page_viewed', daysAgo: 40, properties: { isPricingPage: 'true' } },
    ]);
    const before = await engineScore(workspace.workspaceId, fits.id);
    expect(before.score.fit).toBe(0);
    clock.advance(60_000);

    const response = await call('PUT', '/api/v1/scoring/settings', {
      ...ICP_SETTINGS,
      bands: { warm: 30, hot: 70 },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().grid.version).toBe(1);
    expect(response.json().rescore).toMatchObject({ mode: 'sync', scored: 3, changed: 1 });

    const after = await engineScore(workspace.workspaceId, fits.id);
    expect(after.score.fit).toBe(45);
    expect(after.row.fitScore).toBe(after.score.fit);
    expect(after.row.score).toBeCloseTo(after.score.total, 2);
    expect(after.row.temperature).toBe('warm');
    const [change] = await test.ctx.db
      .select()
      .from(scoreChanges)
      .where(and(eq(scoreChanges.leadId, fits.id), sql`${scoreChanges.cause} ->> 'kind' = 'grid_change'`));
    expect(change!.cause).toEqual({ kind: 'grid_change', gridVersion: 1 });
    expect(change!.contributions).toEqual(after.score.contributions);
    expect(change!.id).toMatch(/^scr_[0-9a-z]{26}$/);

    const score = await call('GET', `/api/v1/leads/${fits.id}/score`);
    expect(score.statusCode).toBe(200);
    expect(score.json()).toMatchObject({
      fit: 45,
      temperature: 'warm',
      gridVersion: 1,
      asOf: clock.now().toISOString(),
      contributions: after.score.contributions,
    });
    expect(score.json().history[0]).toMatchObject({
      total: after.row.score,
      cause: { kind: 'grid_change', gridVersion: 1 },
    });
    // Unchanged leads get no new score change row.
    for (const lead of [active, idle]) {
      const rows = await test.ctx.db
        .select()
        .from(scoreChanges)
        .where(and(eq(scoreChanges.leadId, lead.id), sql`${scoreChanges.cause} ->> 'kind' = 'grid_change'`));
      expect(rows).toHaveLength(0);
    }
  });

  it('manages rules one by one, each change a new version; sales reps read but cannot write', async () => {
    const added = await call('POST', '/api/v1/scoring/rules', {
      name: 'Webinar',
      group: 'engagement',
      points: 12,
      condition: { eventType: 'webinar_attended' },
    });
    expect(added.statusCode, added.body).toBe(200);
    const rule = added.json().grid.rules.at(-1);
    expect(rule).toMatchObject({
      name: 'Webinar',
      frequency: { mode: 'once' },
      decays: true,
      isEnabled: true,
    });
    expect(rule.id).toMatch(/^rule_/);
    const version = added.json().grid.version;

    const patched = await call('PATCH', `/api/v1/scoring/rules/${rule.id}`, {
      points: 8,
      condition: { eventType: 'webinar_attended', withinDays: -1 },
    });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().error.details[0].path).toMatch(/^rules\[\d+\]\.condition\.withinDays$/);
    const fixed = await call('PATCH', `/api/v1/scoring/rules/${rule.id}`, { points: 8 });
    expect(fixed.json().grid.version).toBe(version + 1);
    expect(fixed.json().grid.rules.at(-1)).toMatchObject({ id: rule.id, points: 8, name: 'Webinar' });

    expect((await call('DELETE', '/api/v1/scoring/rules/nope')).json().error.code).toBe(
      'SCORING_RULE_NOT_FOUND',
    );
    const removed = await call('DELETE', `/api/v1/scoring/rules/${rule.id}`);
    expect(removed.json().grid.rules.some((item: { id: string }) => item.id === rule.id)).toBe(false);

    const rep = await test.createMember(workspace, 'sales_rep');
    expect((await call('GET', '/api/v1/scoring/grid', undefined, rep.headers)).statusCode).toBe(200);
    const refused = await call(
      'POST',
      '/api/v1/scoring/rules',
      { name: 'x', group: 'fit', points: 1, condition: { op: 'exists', field: 'email' } },
      rep.headers,
    );
    expect(refused.statusCode).toBe(403);
    expect((await call('POST', '/api/v1/scoring/preview', {}, rep.headers)).statusCode).toBe(403);
  });

  it('previews band changes set-based without saving anything', async () => {
    const grid = (await call('GET', '/api/v1/scoring/grid')).json();
    const scoresBefore = await test.ctx.db
      .select({ id: leads.id, score: leads.score })
      .from(leads)
      .where(eq(leads.workspaceId, workspace.workspaceId));
    const same = await call('POST', '/api/v1/scoring/preview', {});
    expect(same.statusCode).toBe(200);
    expect(same.json()).toEqual({ leads: scoresBefore.length, changes: [], unchanged: scoresBefore.length });

    // Lower bands: the ICP lead (~54.9 points) goes from warm to hot; the active lead (~35.2) stays warm, the idle one cold.
    const preview = await call('POST', '/api/v1/scoring/preview', {
      settings: { ...grid.settings, bands: { warm: 20, hot: 40 } },
    });
    expect(preview.json()).toEqual({
      leads: 3,
      changes: [{ from: 'warm', to: 'hot', count: 1 }],
      unchanged: 2,
    });
    const invalid = await call('POST', '/api/v1/scoring/preview', { rules: [{ id: 'x' }] });
    expect(invalid.json().error.code).toBe('SCORING_GRID_INVALID');
    expect((await call('GET', '/api/v1/scoring/grid')).json().version).toBe(grid.version);
    const scoresAfter = await test.ctx.db
      .select({ id: leads.id, score: leads.score })
      .from(leads)
      .where(eq(leads.workspaceId, workspace.workspaceId));
    expect(scoresAfter).toEqual(scoresBefore);
  });
});
