import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';

let test: TestContext;
let workspace: TestWorkspace;

beforeAll(async () => {
  test = await createTestContext();
  workspace = await test.createWorkspace();
});
afterAll(() => test.close());

describe('system routes', () => {
  it('answers liveness, readiness and metrics without authentication', async () => {
    expect((await test.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await test.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', jobs: 'ok' } });
    await test.app.inject({ method: 'GET', url: '/api/v1/leads', headers: workspace.headers });
    const metrics = await test.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain(
      'chaud_http_request_duration_seconds_count{method="GET",route="/api/v1/leads",status="200"}',
    );
  });

  it('schedules the daily score decay', async () => {
    const schedules = await test.ctx.jobs.boss.getSchedules();
    expect(schedules.map((schedule) => [schedule.name, schedule.cron])).toContainEqual([
      'scoring.decay-scores',
      '17 3 * * *',
    ]);
  });

  it('serves the OpenAPI document with the lead routes', async () => {
    const document = (await test.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/leads', '/api/v1/leads/{id}', '/api/v1/events']),
    );
    expect((await test.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('answers unknown routes, bad JSON and oversize bodies with error codes', async () => {
    const missing = await test.app.inject({
      method: 'GET',
      url: '/api/v1/nothing',
      headers: workspace.headers,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('ROUTE_NOT_FOUND');
    const badJson = await test.app.inject({
      method: 'POST',
      url: '/api/v1/leads',
      headers: { ...workspace.headers, 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.code).toBe('INVALID_JSON');
    const huge = await test.app.inject({
      method: 'POST',
      url: '/api/v1/leads',
      headers: { ...workspace.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.fr', firstName: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('logs in with a password, then reads with the session cookie and logs out', async () => {
    const member = await test.createMember(workspace, 'marketer', 'marketer-login@test.chaud.dev');
    const wrong = await test.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'marketer-login@test.chaud.dev', password: 'nope' },
    });
    expect(wrong.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    const login = await test.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'Marketer-Login@test.chaud.dev', password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((item) => item.name === 'chaud_session')!;
    expect(cookie.httpOnly).toBe(true);
    const me = await test.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { chaud_session: cookie.value },
    });
    expect(me.json()).toMatchObject({ role: 'marketer', via: 'session', user: { id: member.userId } });
    await test.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { chaud_session: cookie.value },
    });
    const after = await test.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { chaud_session: cookie.value },
    });
    expect(after.statusCode).toBe(401);
  });

  it('lets only admins manage API keys, and a revoked key stops working', async () => {
    const rep = await test.createMember(workspace, 'sales_rep');
    const denied = await test.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: rep.headers,
      payload: { name: 'x' },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('AUTH_FORBIDDEN');
    const created = await test.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: workspace.headers,
      payload: { name: 'zapier' },
    });
    expect(created.statusCode).toBe(201);
    const key = created.json();
    const list = (
      await test.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: workspace.headers })
    ).json();
    expect(JSON.stringify(list)).not.toContain(key.key);
    const headers = { authorization: `Bearer ${key.key}` };
    expect((await test.app.inject({ method: 'GET', url: '/api/v1/leads', headers })).statusCode).toBe(200);
    await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${key.id}`,
      headers: workspace.headers,
    });
    const revoked = await test.app.inject({ method: 'GET', url: '/api/v1/leads', headers });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('AUTH_INVALID_API_KEY');
  });
});
