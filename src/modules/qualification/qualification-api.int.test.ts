import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLead } from '../../../test/factories.ts';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { createApiKey } from '../access/index.ts';
import { defaultGridRules, saveGrid } from '../scoring/index.ts';

let test: TestContext;
let workspace: TestWorkspace;

// Default grid with an ICP: persona 20 + company size 15 + industry 10 = fit 45; pricing page 25,
// white paper 15, demo request 40 (no decay at age 0).
const ICP_LEAD = {
  jobTitle: 'Directeur Commercial',
  company: { name: 'Acme', size: '200', industry: 'SaaS' },
};

beforeAll(async () => {
  test = await createTestContext();
  workspace = await test.createWorkspace();
  await saveGrid(
    test.ctx.db,
    workspace.workspaceId,
    {
      rules: defaultGridRules(),
      settings: {
        icp: {
          personas: ['directeur commercial'],
          companySizes: [{ min: 50, max: 500 }],
          industries: ['saas'],
          countries: [],
        },
      },
    },
    null,
    test.clock.now(),
  );
});
afterAll(() => test.close());

type Headers = { authorization: string };

async function sendEvents(
  leadId: string,
  items: { type: string; properties?: Record<string, unknown> }[],
  headers: Headers = workspace.headers,
) {
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers,
    payload: { events: items.map((item) => ({ leadId, ...item })) },
  });
  expect(response.json().rejected).toBe(0);
}

async function readLead(leadId: string) {
  const response = await test.app.inject({
    method: 'GET',
    url: `/api/v1/leads/${leadId}`,
    headers: workspace.headers,
  });
  return response.json() as { stage: string; temperature: string; score: number; fitScore: number };
}

async function stageEvents(leadId: string) {
  const response = await test.app.inject({
    method: 'GET',
    url: `/api/v1/leads/${leadId}/timeline`,
    headers: workspace.headers,
  });
  const events = response.json().data as {
    type: string;
    actor: string | null;
    source: string;
    properties: Record<string, unknown>;
  }[];
  // The timeline is newest first; the tests read moves in the order they happened.
  return events.filter((event) => event.type === 'stage_changed').reverse();
}

function putBant(
  leadId: string,
  field: string,
  body: Record<string, unknown>,
  headers: Headers = workspace.headers,
) {
  return test.app.inject({
    method: 'PUT',
    url: `/api/v1/leads/${leadId}/bant/${field}`,
    headers,
    payload: body,
  });
}

async function putBantOk(leadId: string, field: string, value: unknown) {
  const response = await putBant(leadId, field, { value });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

function moveStage(leadId: string, body: Record<string, unknown>, headers: Headers = workspace.headers) {
  return test.app.inject({ method: 'POST', url: `/api/v1/leads/${leadId}/stage`, headers, payload: body });
}

describe('automatic lifecycle and temperature', () => {
  it('makes a lead MQL once its events push the score over 50, recording who and why', async () => {
    const lead = await buildLead(test, workspace, { jobTitle: 'Directeur commercial adjoint' });
    expect(await readLead(lead.id)).toMatchObject({ stage: 'lead', score: 20, temperature: 'cold' });

    await sendEvents(lead.id, [{ type: 'page_viewed', properties: { url: 'https://acme.fr/tarifs' } }]);
    expect(await readLead(lead.id)).toMatchObject({ stage: 'lead', score: 45, temperature: 'warm' });
    expect(await stageEvents(lead.id)).toEqual([]);

    await sendEvents(lead.id, [{ type: 'content_downloaded' }]);
    expect(await readLead(lead.id)).toMatchObject({ stage: 'mql', score: 60, temperature: 'warm' });
    const moves = await stageEvents(lead.id);
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({
      actor: null,
      source: 'system',
      properties: { from: 'lead', to: 'mql', reason: 'score 60 ≥ MQL threshold 50', automatic: true },
    });
  });

  it('makes a lead hot on a demo request whatever its score', async () => {
    const lead = await buildLead(test, workspace);
    await sendEvents(lead.id, [{ type: 'demo_requested' }]);
    const after = await readLead(lead.id);
    expect(after.score).toBe(40);
    expect(after.temperature).toBe('hot');
    expect(after.stage).toBe('lead');
  });

  it('makes a lead hot when BANT confirms a budget and a timeline under 3 months', async () => {
    const lead = await buildLead(test, workspace);
    await putBantOk(lead.id, 'budget', { kind: 'amount', amount: 20000, currency: 'EUR' });
    expect(await readLead(lead.id)).toMatchObject({ temperature: 'cold', score: 0 });
    const answer = await putBantOk(lead.id, 'timeline', { kind: 'horizon', horizon: '1_3m' });
    expect(answer.lead).toMatchObject({ temperature: 'hot', score: 0 });
    // A longer timeline takes the override away again.
    await putBantOk(lead.id, 'timeline', { kind: 'horizon', horizon: '3_6m' });
    expect((await readLead(lead.id)).temperature).toBe('cold');
  });

  it('keeps an MQL at 4 of 6 checklist boxes and moves it to SQL at 5 when the score is ≥ 80', async () => {
    const lead = await buildLead(test, workspace, ICP_LEAD);
    await sendEvents(lead.id, [{ type: 'demo_requested' }]);
    expect(await readLead(lead.id)).toMatchObject({
      stage: 'mql',
      score: 85,
      fitScore: 45,
      temperature: 'hot',
    });

    await putBantOk(lead.id, 'need', { text: 'Plus de rendez-vous qualifiés' });
    await putBantOk(lead.id, 'budget', { kind: 'range', min: 5000, max: 8000, currency: 'EUR' });
    const checklist = await test.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${lead.id}/checklist`,
      headers: workspace.headers,
    });
    expect(checklist.statusCode).toBe(200);
    expect(checklist.json()).toMatchObject({ count: 4, verdict: 'nurture' });
    expect(
      checklist
        .json()
        .boxes.filter((box: { isChecked: boolean }) => !box.isChecked)
        .map((box: { key: string }) => box.key),
    ).toEqual(['decision_maker_identified', 'timeline_within_6_months']);
    expect((await readLead(lead.id)).stage).toBe('mql');

    const answer = await putBantOk(lead.id, 'authority', 'decision_maker');
    expect(answer.lead.stage).toBe('sql');
    const moves = await stageEvents(lead.id);
    expect(moves.map((move) => [move.properties.from, move.properties.to])).toEqual([
      ['lead', 'mql'],
      ['mql', 'sql'],
    ]);
    expect(moves[1]!.properties.reason).toBe('score 85 ≥ SQL threshold 80 and 5/6 checklist boxes');
  });

  it('does not move a lead automatically when the workspace turned automatic lifecycle off', async () => {
    const other = await test.createWorkspace('Manual lifecycle');
    const saved = await test.app.inject({
      method: 'PUT',
      url: '/api/v1/qualification/settings',
      headers: other.headers,
      payload: { isAutoLifecycle: false },
    });
    expect(saved.json().isAutoLifecycle).toBe(false);
    const lead = await buildLead(test, other);
    await sendEvents(
      lead.id,
      [{ type: 'demo_requested' }, { type: 'page_viewed', properties: { url: '/pricing' } }],
      other.headers,
    );
    const after = await test.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${lead.id}`,
      headers: other.headers,
    });
    expect(after.json()).toMatchObject({ stage: 'lead', score: 65, temperature: 'hot' });
  });
});

describe('manual stage moves and confirmation', () => {
  it('lets a sales rep confirm SQL on their own lead only', async () => {
    const rep = await test.createMember(workspace, 'sales_rep');
    const mine = await buildLead(test, workspace);
    const notMine = await buildLead(test, workspace);
    const assigned = await test.app.inject({
      method: 'PUT',
      url: `/api/v1/leads/${mine.id}/owner`,
      headers: workspace.headers,
      payload: { ownerId: rep.userId, reason: 'territory' },
    });
    expect(assigned.statusCode).toBe(200);

    const confirm = (leadId: string, headers: Headers) =>
      test.app.inject({
        method: 'POST',
        url: `/api/v1/leads/${leadId}/confirm-sql`,
        headers,
        payload: { reason: 'Discovery call: need and budget validated' },
      });
    expect((await confirm(notMine.id, rep.headers)).json().error.code).toBe('LEAD_NOT_FOUND');
    const marketer = await test.createMember(workspace, 'marketer');
    expect((await confirm(mine.id, marketer.headers)).statusCode).toBe(403);

    const confirmed = await confirm(mine.id, rep.headers);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().stage).toBe('sql');
    const moves = await stageEvents(mine.id);
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({
      actor: rep.userId,
      properties: {
        from: 'lead',
        to: 'sql',
        reason: 'Discovery call: need and budget validated',
        automatic: false,
        confirmation: true,
      },
    });
  });

  it('refuses a backward move without a reason and records it with one; rules then leave it alone', async () => {
    const lead = await buildLead(test, workspace, { jobTitle: 'Directeur commercial' });
    await sendEvents(lead.id, [
      { type: 'page_viewed', properties: { url: '/pricing' } },
      { type: 'content_downloaded' },
    ]);
    expect((await readLead(lead.id)).stage).toBe('mql');

    const refused = await moveStage(lead.id, { to: 'lead' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('LIFECYCLE_REASON_REQUIRED');
    const blank = await moveStage(lead.id, { to: 'lead', reason: '   ' });
    expect(blank.json().error.code).toBe('LIFECYCLE_REASON_REQUIRED');
    const unknown = await moveStage(lead.id, { to: 'prospect', reason: 'typo' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('LIFECYCLE_STAGE_UNKNOWN');
    expect((await readLead(lead.id)).stage).toBe('mql');
    expect(await stageEvents(lead.id)).toHaveLength(1);

    const moved = await moveStage(lead.id, { to: 'lead', reason: 'Student, not a buyer' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().stage).toBe('lead');
    const moves = await stageEvents(lead.id);
    expect(moves[1]).toMatchObject({
      actor: workspace.admin.userId,
      properties: { from: 'mql', to: 'lead', reason: 'Student, not a buyer', automatic: false },
    });

    // More activity while the score stays above 50 does not undo the person's decision.
    await sendEvents(lead.id, [{ type: 'email_opened' }]);
    expect((await readLead(lead.id)).stage).toBe('lead');
    expect((await moveStage(lead.id, { to: 'lead', reason: 'again' })).json().error.code).toBe(
      'LIFECYCLE_ALREADY_AT_STAGE',
    );
  });

  it('recycles a lead back to nurture with a reason', async () => {
    const lead = await buildLead(test, workspace);
    expect((await moveStage(lead.id, { to: 'recycled' })).json().error.code).toBe(
      'LIFECYCLE_REASON_REQUIRED',
    );
    const recycled = await moveStage(lead.id, { to: 'recycled', reason: 'No budget before next year' });
    expect(recycled.statusCode).toBe(200);
    expect(recycled.json().stage).toBe('recycled');
    const moves = await stageEvents(lead.id);
    expect(moves.at(-1)!.properties).toMatchObject({
      from: 'lead',
      to: 'recycled',
      reason: 'No budget before next year',
    });
  });
});

describe('BANT values', () => {
  it('keeps every update as history; the current value is the latest', async () => {
    const lead = await buildLead(test, workspace);
    const first = await putBant(lead.id, 'budget', {
      value: { kind: 'amount', amount: 10000, currency: 'eur' },
      sourceRef: 'msg_1',
    });
    expect(first.statusCode).toBe(200);
    const second = await putBant(lead.id, 'budget', {
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

  it('records a key without a user as source "api"', async () => {
    const key = await createApiKey(test.ctx, workspace.workspaceId, { name: 'integration' });
    const lead = await buildLead(test, workspace);
    const response = await putBant(
      lead.id,
      'authority',
      { value: 'influencer' },
      { authorization: `Bearer ${key.key}` },
    );
    expect(response.json().entry).toMatchObject({ value: 'influencer', source: 'api', actor: null });
  });

  it('refuses bad values and unknown fields with a code, writing nothing', async () => {
    const lead = await buildLead(test, workspace);
    const bad = await putBant(lead.id, 'budget', {
      value: { kind: 'range', min: 9, max: 1, currency: 'EUR' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BANT_VALUE_INVALID');
    expect((await putBant(lead.id, 'budget', { value: null })).json().error.code).toBe('BANT_VALUE_INVALID');
    expect((await putBant(lead.id, 'budget', {})).statusCode).toBe(400);
    const field = await putBant(lead.id, 'mood', { value: 'happy' });
    expect(field.statusCode).toBe(400);
    expect(field.json().error.code).toBe('BANT_FIELD_UNKNOWN');
    const confidence = await putBant(lead.id, 'authority', { value: 'user', confidence: 2 });
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
    const matched = await putBantOk(lead.id, 'need', {
      text: 'Nous voulons plus de RENDEZ-VOUS avec des décideurs',
    });
    expect(matched.entry.value).toEqual({
      text: 'Nous voulons plus de RENDEZ-VOUS avec des décideurs',
      category: 'Prospection',
    });
    const named = await putBantOk(lead.id, 'need', { text: 'outil', category: 'crm' });
    expect(named.entry.value.category).toBe('CRM');
    const unknown = await putBant(lead.id, 'need', { value: { text: 'outil', category: 'ERP' } });
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
    const write = await putBant(lead.id, 'authority', { value: 'user' }, rep.headers);
    expect(write.json().error.code).toBe('LEAD_NOT_FOUND');
    const checklist = await test.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${lead.id}/checklist`,
      headers: rep.headers,
    });
    expect(checklist.statusCode).toBe(404);
  });
});
