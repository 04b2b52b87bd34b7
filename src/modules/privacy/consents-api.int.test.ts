import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';

// GET /api/v1/leads/:id/consents: the ledger as the lead screen shows it, behind the lead's visibility.
let t: TestContext;
let workspace: TestWorkspace;

async function call(method: 'GET' | 'POST' | 'PUT', url: string, headers: object, payload?: object) {
  return t.app.inject({ method, url, headers: headers as Record<string, string>, payload });
}

beforeAll(async () => {
  t = await createTestContext();
  workspace = await t.createWorkspace();
});
afterAll(async () => t?.close());

describe('lead consents', () => {
  it('lists every grant and withdrawal, oldest first, with its proof', async () => {
    const created = await call('POST', '/api/v1/leads', workspace.headers, {
      email: 'consent@example.org',
      consents: [{ purpose: 'marketing_email', channel: 'email', granted: true, text: 'Newsletter OK' }],
    });
    expect(created.statusCode, created.body).toBeLessThan(300);
    const leadId = created.json().id as string;
    // The same person again (same e-mail) withdrawing: a second ledger row, never an update.
    await call('POST', '/api/v1/leads', workspace.headers, {
      email: 'consent@example.org',
      consents: [{ purpose: 'marketing_email', channel: 'email', granted: false }],
    });

    const response = await call('GET', `/api/v1/leads/${leadId}/consents`, workspace.headers);
    expect(response.statusCode, response.body).toBe(200);
    const rows = response.json().data as {
      granted: boolean;
      purpose: string;
      method: string;
      text: string;
    }[];
    expect(rows.map((row) => row.granted)).toEqual([true, false]);
    expect(rows[0]).toMatchObject({ purpose: 'marketing_email', method: 'api', text: 'Newsletter OK' });
  });

  it('answers an empty list for a lead without consents', async () => {
    const created = await call('POST', '/api/v1/leads', workspace.headers, { email: 'bare@example.org' });
    const response = await call('GET', `/api/v1/leads/${created.json().id}/consents`, workspace.headers);
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toEqual([]);
  });

  it("hides another rep's lead and another workspace's lead", async () => {
    const created = await call('POST', '/api/v1/leads', workspace.headers, {
      email: 'owned@example.org',
      consents: [{ purpose: 'whatsapp', channel: 'whatsapp', granted: true }],
    });
    const leadId = created.json().id as string;
    const owner = await t.createMember(workspace, 'sales_rep');
    const otherRep = await t.createMember(workspace, 'sales_rep');
    const assigned = await call('PUT', `/api/v1/leads/${leadId}/owner`, workspace.headers, {
      ownerId: owner.userId,
      reason: 'territory',
    });
    expect(assigned.statusCode, assigned.body).toBe(200);

    const mine = await call('GET', `/api/v1/leads/${leadId}/consents`, owner.headers);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().data).toHaveLength(1);
    const notMine = await call('GET', `/api/v1/leads/${leadId}/consents`, otherRep.headers);
    expect(notMine.statusCode).toBe(404);
    expect(notMine.json().error.code).toBe('LEAD_NOT_FOUND');
    const elsewhere = await t.createWorkspace('Other');
    const foreign = await call('GET', `/api/v1/leads/${leadId}/consents`, elsewhere.headers);
    expect(foreign.statusCode).toBe(404);
  });
});
