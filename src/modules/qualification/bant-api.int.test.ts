import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLead } from '../../../test/factories.ts';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { createApiKey } from '../access/index.ts';
import { qualificationClient } from './qualification.fixtures.ts';

let test: TestContext;
let workspace: TestWorkspace;
let api: ReturnType<typeof qualificationClient>;

beforeAll(async () => {
  test = await createTestContext();
  workspace = await test.createWorkspace();
  api = qualificationClient(test, workspace);
});
afterAll(() => test.close());

describe('BANT values', () => {
  it('keeps every update as history; the current value is the latest', async () => {
    const lead = await buildLead(test, workspace);
    const first = await api.putBant(lead.id, 'budget', {
      value: { kind: 'amount', amount: 10000, currency: 'eur' },
      sourceRef: 'msg_1',
    });
    expect(first.statusCode).toBe(200);
    const second = await api.putBant(lead.id, 'budget', {
      value: { kind: 'range', min: 15000, max: 20000, currency: 'EUR' },
      confidence: 0.8,
    });
    expect(second.statusCode).toBe(200);

    const bant = await test.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${lead.id}/bant`,
      headers: workspace.headers,
    });
    expect(bant.statusCode).toBe(200);
    const body = bant.json();
    expect(body.history).toHaveLength(2);
    expect(body.history.map((entry: { value: { kind: string } }) => entry.value.kind)).toEqual([
      'range',
      'amount',
    ]);
    expect(body.current.budget).toMatchObject({
      value: { kind: 'range', min: 15000, max: 20000, currency: 'EUR' },
      confidence: 0.8,
      source: 'user',
      actor: workspace.admin.userId,
      sourceRef: null,
    });
    expect(body.history[1]).toMatchObject({ value: { currency: 'EUR' }, confidence: 1, sourceRef: 'msg_1' });
    expect(body.current.authority).toBeNull();
  });

  it('records a value once for a retried request with the same Idempotency-Key', async () => {
    const lead = await buildLead(test, workspace);
    const headers = { ...workspace.headers, 'idempotency-key': `bant-${lead.id}` };
    const body = { value: 'decision_maker', sourceRef: 'call-42' };
    const first = await api.putBant(lead.id, 'authority', body, headers);
    const retry = await api.putBant(lead.id, 'authority', body, headers);
    expect(first.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().entry.id).toBe(first.json().entry.id);
    expect((await api.readBant(lead.id)).json().history).toHaveLength(1);
  });

  it('records a key without a user as source "api"', async () => {
    const key = await createApiKey(test.ctx, workspace.workspaceId, { name: 'integration' });
    const lead = await buildLead(test, workspace);
    const response = await api.putBant(
      lead.id,
      'authority',
      { value: 'influencer' },
      { authorization: `Bearer ${key.key}` },
    );
    expect(response.json().entry).toMatchObject({ value: 'influencer', source: 'api', actor: null });
  });

  it('refuses bad values and unknown fields with a code, writing nothing', async () => {
    const lead = await buildLead(test, workspace);
    const bad = await api.putBant(lead.id, 'budget', {
      value: { kind: 'range', min: 9, max: 1, currency: 'EUR' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BANT_VALUE_INVALID');
    expect((await api.putBant(lead.id, 'budget', { value: null })).json().error.code).toBe(
      'BANT_VALUE_INVALID',
    );
    expect((await api.putBant(lead.id, 'budget', {})).statusCode).toBe(400);
    const field = await api.putBant(lead.id, 'mood', { value: 'happy' });
    expect(field.statusCode).toBe(400);
    expect(field.json().error.code).toBe('BANT_FIELD_UNKNOWN');
    const confidence = await api.putBant(lead.id, 'authority', { value: 'user', confidence: 2 });
    expect(confidence.statusCode).toBe(400);
    const bant = await test.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${lead.id}/bant`,
      headers: workspace.headers,
    });
    expect(bant.json().history).toEqual([]);
  });

  it("files a need under the workspace's category by keyword, and refuses a category not in the list", async () => {
    const rep = await test.createMember(workspace, 'sales_rep');
    const denied = await test.app.inject({
      method: 'PUT',
      url: '/api/v1/qualification/settings',
      headers: rep.headers,
      payload: { needCategories: ['CRM'] },
    });
    expect(denied.statusCode).toBe(403);
    const saved = await test.app.inject({
      method: 'PUT',
      url: '/api/v1/qualification/settings',
      headers: workspace.headers,
      payload: {
        needCategories: [{ name: 'Prospection', keywords: ['rendez-vous', 'génération de leads'] }, 'CRM'],
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      icpFitMinScore: 30,
      isAutoLifecycle: true,
      needCategories: [{ name: 'Prospection' }, { name: 'CRM', keywords: [] }],
    });

    const lead = await buildLead(test, workspace);
    const matched = await api.putBantOk(lead.id, 'need', {
      text: 'Nous voulons plus de RENDEZ-VOUS avec des décideurs',
    });
    expect(matched.entry.value).toEqual({
      text: 'Nous voulons plus de RENDEZ-VOUS avec des décideurs',
      category: 'Prospection',
    });
    const named = await api.putBantOk(lead.id, 'need', { text: 'outil', category: 'crm' });
    expect(named.entry.value.category).toBe('CRM');
    const unknown = await api.putBant(lead.id, 'need', { value: { text: 'outil', category: 'ERP' } });
    expect(unknown.json().error.code).toBe('BANT_NEED_CATEGORY_UNKNOWN');
  });

  it("hides another rep's lead from a sales rep", async () => {
    const rep = await test.createMember(workspace, 'sales_rep');
    const lead = await buildLead(test, workspace);
    const read = await test.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${lead.id}/bant`,
      headers: rep.headers,
    });
    expect(read.statusCode).toBe(404);
    const write = await api.putBant(lead.id, 'authority', { value: 'user' }, rep.headers);
    expect(write.json().error.code).toBe('LEAD_NOT_FOUND');
    const checklist = await test.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${lead.id}/checklist`,
      headers: rep.headers,
    });
    expect(checklist.statusCode).toBe(404);
  });
});
