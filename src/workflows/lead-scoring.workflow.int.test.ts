import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';

let test: TestContext;

beforeAll(async () => {
  test = await createTestContext();
});
afterAll(() => test.close());

describe('scoring a lead its capture created', () => {
  it('reads the capture event back when the grid scores that event type', async () => {
    const workspace = await test.createWorkspace();
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      test.app.inject({ method, url, headers: workspace.headers, ...(payload ? { payload } : {}) });
    const grid = (await call('GET', '/api/v1/scoring/grid')).json();
    const rule = {
      id: 'eng-captured',
      name: 'Captured',
      group: 'engagement',
      points: 10,
      condition: { eventType: 'lead_captured', filters: [], withinDays: 30 },
    };
    const saved = await call('PUT', '/api/v1/scoring/grid', {
      rules: [...grid.rules, rule],
      settings: grid.settings,
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const captured = await call('POST', '/api/v1/leads', { email: 'read-back@example.org' });
    expect(captured.statusCode, captured.body).toBe(201);
    const lead = (await call('GET', `/api/v1/leads/${captured.json().id}`)).json();
    expect(lead.engagementScore).toBe(10);
  });

  it('scores a created lead without reading back what the capture wrote, as the read path scores it', async () => {
    const workspace = await test.createWorkspace();
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      test.app.inject({ method, url, headers: workspace.headers, ...(payload ? { payload } : {}) });
    const body = {
      email: 'ceo@example.org',
      jobTitle: 'CEO',
      country: 'FR',
      company: { name: 'Acme', size: '50-199', industry: 'saas' },
    };
    const created = await call('POST', '/api/v1/leads', body);
    expect(created.statusCode, created.body).toBe(201);
    const scoreOf = async () => {
      const lead = (await call('GET', `/api/v1/leads/${created.json().id}`)).json();
      return {
        score: lead.score,
        fit: lead.fitScore,
        engagement: lead.engagementScore,
        temperature: lead.temperature,
      };
    };
    const afterCreation = await scoreOf();
    // The same capture again matches the lead: scored through the read path, from the same facts.
    const matched = await call('POST', '/api/v1/leads', body);
    expect(matched.statusCode, matched.body).toBe(200);
    expect(await scoreOf()).toEqual(afterCreation);
  });
});
