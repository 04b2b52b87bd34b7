import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';

// Routing on capture through the API: rules, weighted round-robin, stickiness, out-of-office, fallback.
let t: TestContext;
let workspace: TestWorkspace;
const clock = new ManualClock('2026-11-24T10:00:00Z'); // a Tuesday, 11:00 in Paris
const reps: Record<string, string> = {};

async function api(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: workspace.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function capture(payload: Record<string, unknown>): Promise<{ id: string; ownerId: string | null }> {
  const response = await api('POST', '/api/v1/leads', payload);
  expect(response.statusCode, response.body).toBeLessThan(300);
  const lead = (await api('GET', `/api/v1/leads/${response.json().id}`)).json();
  return { id: lead.id, ownerId: lead.ownerId };
}

beforeAll(async () => {
  t = await createTestContext({ clock });
  workspace = await t.createWorkspace();
  for (const name of ['alice', 'bruno', 'chloe', 'fallback'])
    reps[name] = (await t.createMember(workspace, 'sales_rep', `${name}-routing@chaud.test`)).userId;
  const team = await api('POST', '/api/v1/teams', {
    name: 'France',
    slug: 'france',
    members: [
      { userId: reps.alice, weight: 2 },
      { userId: reps.bruno, weight: 1 },
    ],
  });
  expect(team.statusCode, team.body).toBe(201);
  const rule = await api('POST', '/api/v1/routing/rules', {
    name: 'French leads',
    priority: 10,
    conditions: { field: 'country', op: 'eq', value: 'FR' },
    target: { teamId: team.json().id },
  });
  expect(rule.statusCode, rule.body).toBe(201);
  const enterprise = await api('POST', '/api/v1/routing/rules', {
    name: 'Large accounts',
    priority: 1,
    conditions: { field: 'company.size', op: 'gte', value: 1000 },
    target: { userId: reps.chloe },
  });
  expect(enterprise.statusCode, enterprise.body).toBe(201);
  await api('PUT', '/api/v1/routing/settings', { fallbackUserId: reps.fallback, capacity: null });
});

afterAll(async () => {
  await t?.close();
});

describe('routing on capture', () => {
  it('shares a team by weight: 2 to 1 over 30 leads, and explains each choice', async () => {
    const owners: string[] = [];
    for (let index = 0; index < 30; index++) {
      const lead = await capture({ email: `fr${index}@company${index}.fr`, country: 'FR' });
      owners.push(lead.ownerId!);
    }
    expect(owners.filter((owner) => owner === reps.alice)).toHaveLength(20);
    expect(owners.filter((owner) => owner === reps.bruno)).toHaveLength(10);
    const first = await capture({ email: 'fr-trace@tracer.fr', country: 'FR' });
    const routing = (await api('GET', `/api/v1/leads/${first.id}/routing`)).json().data[0];
    expect(routing.decidedBy).toBe('rule');
    expect(routing.trace.rule.name).toBe('French leads');
    expect(routing.trace.evaluatedRules.map((rule: { name: string }) => rule.name)).toEqual([
      'Large accounts',
      'French leads',
    ]);
  });

  it('keeps a company with the owner of its other leads (same e-mail domain), but not for free mail', async () => {
    const first = await capture({ email: 'ceo@acme-industrie.fr', country: 'FR' });
    const second = await capture({ email: 'cfo@acme-industrie.fr', country: 'FR' });
    expect(second.ownerId).toBe(first.ownerId);
    const trace = (await api('GET', `/api/v1/leads/${second.id}/routing`)).json().data[0];
    expect(trace.decidedBy).toBe('sticky');
    const gmailOwners = new Set<string>();
    for (let index = 0; index < 3; index++)
      gmailOwners.add((await capture({ email: `perso${index}@gmail.com`, country: 'FR' })).ownerId!);
    expect(gmailOwners.size).toBeGreaterThan(1);
  });

  it('skips a rep who is out of office, says so in the trace, and falls back when no rule matches', async () => {
    await api('PUT', `/api/v1/users/${reps.chloe}/availability`, {
      timezone: 'Europe/Paris',
      weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      outOfOffice: [{ start: '2026-11-20T00:00:00Z', end: '2026-11-30T00:00:00Z', reason: 'holiday' }],
    });
    const big = await capture({
      email: 'buyer@bigcorp.de',
      country: 'DE',
      company: { name: 'BigCorp', size: '5000' },
    });
    expect(big.ownerId).toBe(reps.fallback);
    const trace = (await api('GET', `/api/v1/leads/${big.id}/routing`)).json().data[0];
    expect(trace.decidedBy).toBe('fallback');
    expect(trace.trace.evaluatedRules[0]).toMatchObject({ name: 'Large accounts', matched: true });
    expect(JSON.stringify(trace.trace)).toContain('out_of_office');
  });

  it('routes again on demand and keeps the history', async () => {
    const lead = await capture({ email: 'again@somewhere.es', country: 'ES' });
    expect(lead.ownerId).toBe(reps.fallback);
    const routed = await api('POST', `/api/v1/leads/${lead.id}/route`);
    expect(routed.statusCode, routed.body).toBe(200);
    const history = (await api('GET', `/api/v1/leads/${lead.id}/routing`)).json().data;
    expect(history).toHaveLength(2);
  });
});
