import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';

let test: TestContext;
let workspace: TestWorkspace;
let marketer: { userId: string; headers: { authorization: string } };
let rep: { userId: string; headers: { authorization: string } };

beforeAll(async () => {
  test = await createTestContext();
  workspace = await test.createWorkspace();
  marketer = await test.createMember(workspace, 'marketer');
  rep = await test.createMember(workspace, 'sales_rep');
});
afterAll(() => test.close());

const call = (
  headers: { authorization: string },
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  payload?: object,
) => test.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
const namesSeenBy = async (headers: { authorization: string }) =>
  ((await call(headers, 'GET', '/api/v1/saved-views')).json().data as { name: string }[]).map(
    (view) => view.name,
  );

describe('saved views of the leads list', () => {
  it('keeps a personal view to its owner, validated like the list query, with names unique per owner', async () => {
    const created = await call(rep.headers, 'POST', '/api/v1/saved-views', {
      name: 'My hot MQLs',
      filters: { stage: 'mql', temperature: 'hot', scoreMin: 40, q: ' acme ' },
      sort: '-score',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'My hot MQLs',
      filters: { stage: 'mql', temperature: 'hot', scoreMin: 40, q: 'acme' },
      sort: '-score',
      isShared: false,
      ownerId: rep.userId,
    });

    const again = await call(rep.headers, 'POST', '/api/v1/saved-views', { name: 'My hot MQLs' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SAVED_VIEW_NAME_TAKEN');
    // Another person may use the same name for their own view.
    const marketers = await call(marketer.headers, 'POST', '/api/v1/saved-views', { name: 'My hot MQLs' });
    expect(marketers.statusCode).toBe(201);

    expect(await namesSeenBy(rep.headers)).toEqual(['My hot MQLs']);
    expect(await namesSeenBy(workspace.headers)).toEqual([]);

    for (const filters of [{ stage: 'hottest' }, { cursor: 'abc' }, { createdFrom: 'yesterday' }]) {
      const refused = await call(rep.headers, 'POST', '/api/v1/saved-views', { name: 'Bad', filters });
      expect(refused.statusCode, JSON.stringify(filters)).toBe(400);
    }
  });

  it('shares a view with the workspace; only admins delete it, nobody deletes what they cannot see', async () => {
    const repTries = await call(rep.headers, 'POST', '/api/v1/saved-views', { name: 'Team', isShared: true });
    expect(repTries.statusCode).toBe(403);
    const shared = await call(marketer.headers, 'POST', '/api/v1/saved-views', {
      name: 'Team: new this week',
      filters: { createdFrom: '2030-01-01T00:00:00Z' },
      isShared: true,
    });
    expect(shared.statusCode, shared.body).toBe(201);
    expect(shared.json()).toMatchObject({ isShared: true, ownerId: null });
    expect(await namesSeenBy(rep.headers)).toContain('Team: new this week');
    expect(await namesSeenBy(workspace.headers)).toEqual(['Team: new this week']);

    const own = (await call(rep.headers, 'GET', '/api/v1/saved-views')).json().data as {
      id: string;
      isShared: boolean;
    }[];
    const repsOwn = own.find((view) => !view.isShared)!;
    expect((await call(workspace.headers, 'DELETE', `/api/v1/saved-views/${repsOwn.id}`)).statusCode).toBe(
      404,
    );
    const marketerDeletes = await call(marketer.headers, 'DELETE', `/api/v1/saved-views/${shared.json().id}`);
    expect(marketerDeletes.statusCode).toBe(403);
    expect(
      (await call(workspace.headers, 'DELETE', `/api/v1/saved-views/${shared.json().id}`)).statusCode,
    ).toBe(204);
    expect((await call(rep.headers, 'DELETE', `/api/v1/saved-views/${repsOwn.id}`)).statusCode).toBe(204);
    expect(await namesSeenBy(rep.headers)).toEqual([]);

    const other = await test.createWorkspace('Other');
    await call(other.headers, 'POST', '/api/v1/saved-views', { name: 'Elsewhere', isShared: true });
    expect(await namesSeenBy(workspace.headers)).toEqual([]);
  });
});
