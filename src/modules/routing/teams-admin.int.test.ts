import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';

// Editing and deleting teams through the API: members and weights replaced, slug conflicts, rules that
// still send leads to a team, roles and workspaces.
let t: TestContext;
let workspace: TestWorkspace;
let other: TestWorkspace;
const clock = new ManualClock('2026-11-24T10:00:00Z'); // a Tuesday, 11:00 in Paris
const reps: Record<string, string> = {};
let repHeaders: { authorization: string };

async function call(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  headers = workspace.headers,
) {
  return t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function createTeam(slug: string, members: { userId: string; weight: number }[]): Promise<string> {
  const response = await call('POST', '/api/v1/teams', { name: slug, slug, members });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

async function teamOf(id: string) {
  const teams = (await call('GET', '/api/v1/teams')).json().data as { id: string }[];
  return teams.find((team) => team.id === id) as
    | {
        name: string;
        slug: string;
        respectWorkingHours: boolean;
        members: { userId: string; weight: number }[];
      }
    | undefined;
}

beforeAll(async () => {
  t = await createTestContext({ clock });
  workspace = await t.createWorkspace();
  other = await t.createWorkspace('Other Corp');
  for (const name of ['alice', 'bruno'])
    reps[name] = (await t.createMember(workspace, 'sales_rep', `${name}-teams@chaud.test`)).userId;
  repHeaders = (await t.createMember(workspace, 'sales_rep', 'carol-teams@chaud.test')).headers;
});

afterAll(async () => {
  await t?.close();
});

describe('PUT /api/v1/teams/:id', () => {
  it('replaces the name, slug, working hours and members, and routing follows the new members', async () => {
    const id = await createTeam('benelux', [{ userId: reps.alice!, weight: 2 }]);
    const rule = await call('POST', '/api/v1/routing/rules', {
      name: 'Belgian leads',
      priority: 1,
      conditions: { field: 'country', op: 'eq', value: 'BE' },
      target: { teamId: id },
    });
    expect(rule.statusCode, rule.body).toBe(201);

    const response = await call('PUT', `/api/v1/teams/${id}`, {
      name: 'Benelux sales',
      slug: 'benelux-sales',
      members: [{ userId: reps.bruno, weight: 5 }],
      workingHours: { respect: false },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await teamOf(id)).toMatchObject({
      name: 'Benelux sales',
      slug: 'benelux-sales',
      respectWorkingHours: false,
      members: [{ userId: reps.bruno, weight: 5 }],
    });

    const lead = await call('POST', '/api/v1/leads', { email: 'lea@brussels.example', country: 'BE' });
    expect(lead.statusCode, lead.body).toBeLessThan(300);
    const stored = (await call('GET', `/api/v1/leads/${lead.json().id}`)).json();
    expect(stored.ownerId).toBe(reps.bruno);
  });

  it('answers 400 with the path of each problem and leaves the team as it was', async () => {
    const id = await createTeam('nordics', [{ userId: reps.alice!, weight: 1 }]);
    const response = await call('PUT', `/api/v1/teams/${id}`, {
      name: 'Nordics',
      slug: 'Nordics!',
      members: [{ userId: reps.alice, weight: 0 }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('TEAM_INVALID');
    const paths = (response.json().error.details as { path: string }[]).map((detail) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['slug', 'members[0].weight']));
    expect(await teamOf(id)).toMatchObject({ slug: 'nordics', members: [{ userId: reps.alice, weight: 1 }] });
  });

  it('refuses a slug another team uses, a user of another workspace and an unknown team', async () => {
    await createTeam('iberia', []);
    const id = await createTeam('italia', []);
    const taken = await call('PUT', `/api/v1/teams/${id}`, { name: 'Italia', slug: 'iberia', members: [] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('TEAM_SLUG_TAKEN');

    const stranger = await call('PUT', `/api/v1/teams/${id}`, {
      name: 'Italia',
      slug: 'italia',
      members: [{ userId: other.admin.userId, weight: 1 }],
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.code).toBe('USER_NOT_FOUND');

    const unknown = await call('PUT', '/api/v1/teams/team_nope', { name: 'X', slug: 'x', members: [] });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('TEAM_NOT_FOUND');
  });

  it('is for admins of the team’s workspace only', async () => {
    const id = await createTeam('dach', [{ userId: reps.alice!, weight: 1 }]);
    const body = { name: 'DACH', slug: 'dach', members: [] };
    expect((await call('PUT', `/api/v1/teams/${id}`, body, repHeaders)).statusCode).toBe(403);
    expect((await call('PUT', `/api/v1/teams/${id}`, body, other.headers)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/v1/teams/${id}`, undefined, repHeaders)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/v1/teams/${id}`, undefined, other.headers)).statusCode).toBe(404);
    expect(await teamOf(id)).toMatchObject({ name: 'dach', members: [{ userId: reps.alice, weight: 1 }] });
  });
});

describe('DELETE /api/v1/teams/:id', () => {
  it('refuses while a rule sends leads to the team, then deletes it once the rule is gone', async () => {
    const id = await createTeam('uk', [{ userId: reps.alice!, weight: 1 }]);
    const rule = await call('POST', '/api/v1/routing/rules', {
      name: 'British leads',
      priority: 5,
      conditions: { field: 'country', op: 'eq', value: 'GB' },
      target: { teamId: id },
    });
    expect(rule.statusCode, rule.body).toBe(201);

    const inUse = await call('DELETE', `/api/v1/teams/${id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error).toMatchObject({
      code: 'TEAM_IN_USE',
      details: { ruleNames: ['British leads'] },
    });

    expect((await call('DELETE', `/api/v1/routing/rules/${rule.json().id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/teams/${id}`)).statusCode).toBe(204);
    expect(await teamOf(id)).toBeUndefined();
    expect((await call('DELETE', `/api/v1/teams/${id}`)).statusCode).toBe(404);
  });
});
