import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLead } from '../../test/factories.ts';
import { createTestContext, type TestContext, type TestWorkspace } from '../../test/harness.ts';

let test: TestContext;
let workspace: TestWorkspace;
let rep: { userId: string; headers: { authorization: string } };

beforeAll(async () => {
  test = await createTestContext();
  workspace = await test.createWorkspace();
  rep = await test.createMember(workspace, 'sales_rep');
});
afterAll(() => test.close());

const bulk = (headers: { authorization: string }, payload: object) =>
  test.app.inject({ method: 'POST', url: '/api/v1/leads/bulk', headers, payload });
const leadOf = async (id: string) =>
  (await test.app.inject({ method: 'GET', url: `/api/v1/leads/${id}`, headers: workspace.headers })).json();

describe('bulk actions on leads', () => {
  it('assigns an owner lead by lead, reporting the leads it could not change', async () => {
    const first = await buildLead(test, workspace);
    const second = await buildLead(test, workspace);
    const other = await test.createWorkspace('Other');
    const foreign = await buildLead(test, other);
    const response = await bulk(workspace.headers, {
      leadIds: [first.id, second.id, foreign.id, 'lead_missing', first.id],
      action: { kind: 'assign', ownerId: rep.userId, reason: 'territory' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      okCount: 2,
      failedCount: 2,
      results: [
        { leadId: first.id, ok: true },
        { leadId: second.id, ok: true },
        { leadId: foreign.id, ok: false, code: 'LEAD_NOT_FOUND' },
        { leadId: 'lead_missing', ok: false, code: 'LEAD_NOT_FOUND' },
      ],
    });
    expect((await leadOf(first.id)).ownerId).toBe(rep.userId);
    const timeline = await test.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${second.id}/timeline`,
      headers: workspace.headers,
    });
    expect(timeline.json().data[0]).toMatchObject({
      type: 'owner_assigned',
      properties: { to: rep.userId, reason: 'territory' },
    });
    const stranger = await test.createMember(other, 'sales_rep');
    const unknownOwner = await bulk(workspace.headers, {
      leadIds: [first.id],
      action: { kind: 'assign', ownerId: stranger.userId, reason: 'x' },
    });
    expect(unknownOwner.json().error.code).toBe('USER_NOT_FOUND');
  });

  it('lets a rep move only their own leads, with the stage rules of the single move', async () => {
    const own = await buildLead(test, workspace);
    const notOwn = await buildLead(test, workspace);
    await bulk(workspace.headers, {
      leadIds: [own.id],
      action: { kind: 'assign', ownerId: rep.userId, reason: 'mine' },
    });
    const refused = await bulk(rep.headers, {
      leadIds: [notOwn.id],
      action: { kind: 'assign', ownerId: rep.userId, reason: 'grab' },
    });
    expect(refused.statusCode).toBe(403);

    const moved = await bulk(rep.headers, {
      leadIds: [own.id, notOwn.id],
      action: { kind: 'stage', stage: 'opportunity', reason: 'call went well' },
    });
    expect(moved.json().results).toEqual([
      { leadId: own.id, ok: true },
      { leadId: notOwn.id, ok: false, code: 'LEAD_NOT_FOUND', message: expect.any(String) },
    ]);
    expect((await leadOf(own.id)).stage).toBe('opportunity');
    expect((await leadOf(notOwn.id)).stage).not.toBe('opportunity');

    const again = await bulk(rep.headers, {
      leadIds: [own.id],
      action: { kind: 'stage', stage: 'opportunity', reason: 'again' },
    });
    expect(again.json().results[0]).toMatchObject({ ok: false, code: 'LIFECYCLE_ALREADY_AT_STAGE' });
    const unknown = await bulk(workspace.headers, {
      leadIds: [own.id],
      action: { kind: 'stage', stage: 'champion', reason: 'x' },
    });
    expect(unknown.json().results[0]).toMatchObject({ ok: false, code: 'LIFECYCLE_STAGE_UNKNOWN' });
  });

  it('refuses batches without a reason or over 500 leads', async () => {
    const lead = await buildLead(test, workspace);
    const noReason = await bulk(workspace.headers, {
      leadIds: [lead.id],
      action: { kind: 'stage', stage: 'sql', reason: ' ' },
    });
    expect(noReason.statusCode).toBe(400);
    const tooMany = await bulk(workspace.headers, {
      leadIds: Array.from({ length: 501 }, (_, index) => `lead_${index}`),
      action: { kind: 'assign', ownerId: null, reason: 'cleanup' },
    });
    expect(tooMany.statusCode).toBe(400);
  });
});
