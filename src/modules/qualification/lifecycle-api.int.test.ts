import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLead } from '../../../test/factories.ts';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { ICP_LEAD, qualificationClient, saveIcpGrid } from './qualification.fixtures.ts';

let test: TestContext;
let workspace: TestWorkspace;
let api: ReturnType<typeof qualificationClient>;

beforeAll(async () => {
  test = await createTestContext();
  workspace = await test.createWorkspace();
  await saveIcpGrid(test, workspace);
  api = qualificationClient(test, workspace);
});
afterAll(() => test.close());

type Headers = { authorization: string };

describe('automatic lifecycle and temperature', () => {
  it('makes a lead MQL once its events push the score over 50, recording who and why', async () => {
    const lead = await buildLead(test, workspace, { jobTitle: 'Directeur commercial adjoint' });
    expect(await api.readLead(lead.id)).toMatchObject({ stage: 'lead', score: 20, temperature: 'cold' });

    await api.sendEvents(lead.id, [{ type: 'page_viewed', properties: { url: 'https://acme.fr/tarifs' } }]);
    expect(await api.readLead(lead.id)).toMatchObject({ stage: 'lead', score: 45, temperature: 'warm' });
    expect(await api.stageEvents(lead.id)).toEqual([]);

    await api.sendEvents(lead.id, [{ type: 'content_downloaded' }]);
    expect(await api.readLead(lead.id)).toMatchObject({ stage: 'mql', score: 60, temperature: 'warm' });
    const moves = await api.stageEvents(lead.id);
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({
      actor: null,
      source: 'system',
      properties: { from: 'lead', to: 'mql', reason: 'score 60 ≥ MQL threshold 50', automatic: true },
    });
    // Cold → warm at 45 is the one temperature move, kept as history with the band that decided it.
    const temperatureMoves = await api.eventsOfType(lead.id, 'temperature_changed');
    expect(temperatureMoves).toHaveLength(1);
    expect(temperatureMoves[0]).toMatchObject({
      source: 'system',
      properties: {
        from: 'cold',
        to: 'warm',
        reason: expect.stringMatching(/^score>=\d+$/),
        automatic: true,
      },
    });
  });

  it('makes a lead hot on a demo request whatever its score', async () => {
    const lead = await buildLead(test, workspace);
    await api.sendEvents(lead.id, [{ type: 'demo_requested' }]);
    const after = await api.readLead(lead.id);
    expect(after.score).toBe(40);
    expect(after.temperature).toBe('hot');
    expect(after.stage).toBe('lead');
  });

  it('makes a lead hot when BANT confirms a budget and a timeline under 3 months', async () => {
    const lead = await buildLead(test, workspace);
    await api.putBantOk(lead.id, 'budget', { kind: 'amount', amount: 20000, currency: 'EUR' });
    expect(await api.readLead(lead.id)).toMatchObject({ temperature: 'cold', score: 0 });
    const answer = await api.putBantOk(lead.id, 'timeline', { kind: 'horizon', horizon: '1_3m' });
    expect(answer.lead).toMatchObject({ temperature: 'hot', score: 0 });
    // A longer timeline takes the override away again.
    await api.putBantOk(lead.id, 'timeline', { kind: 'horizon', horizon: '3_6m' });
    expect((await api.readLead(lead.id)).temperature).toBe('cold');
  });

  it('keeps an MQL at 4 of 6 checklist boxes and moves it to SQL at 5 when the score is ≥ 80', async () => {
    const lead = await buildLead(test, workspace, ICP_LEAD);
    await api.sendEvents(lead.id, [{ type: 'demo_requested' }]);
    expect(await api.readLead(lead.id)).toMatchObject({
      stage: 'mql',
      score: 85,
      fitScore: 45,
      temperature: 'hot',
    });

    await api.putBantOk(lead.id, 'need', { text: 'Plus de rendez-vous qualifiés' });
    await api.putBantOk(lead.id, 'budget', { kind: 'range', min: 5000, max: 8000, currency: 'EUR' });
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
    expect((await api.readLead(lead.id)).stage).toBe('mql');

    const answer = await api.putBantOk(lead.id, 'authority', 'decision_maker');
    expect(answer.lead.stage).toBe('sql');
    const moves = await api.stageEvents(lead.id);
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
    await api.sendEvents(
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
    const moves = await api.stageEvents(mine.id);
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
    await api.sendEvents(lead.id, [
      { type: 'page_viewed', properties: { url: '/pricing' } },
      { type: 'content_downloaded' },
    ]);
    expect((await api.readLead(lead.id)).stage).toBe('mql');

    const refused = await api.moveStage(lead.id, { to: 'lead' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('LIFECYCLE_REASON_REQUIRED');
    const blank = await api.moveStage(lead.id, { to: 'lead', reason: '   ' });
    expect(blank.json().error.code).toBe('LIFECYCLE_REASON_REQUIRED');
    const unknown = await api.moveStage(lead.id, { to: 'prospect', reason: 'typo' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('LIFECYCLE_STAGE_UNKNOWN');
    expect((await api.readLead(lead.id)).stage).toBe('mql');
    expect(await api.stageEvents(lead.id)).toHaveLength(1);

    const moved = await api.moveStage(lead.id, { to: 'lead', reason: 'Student, not a buyer' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().stage).toBe('lead');
    const moves = await api.stageEvents(lead.id);
    expect(moves[1]).toMatchObject({
      actor: workspace.admin.userId,
      properties: { from: 'mql', to: 'lead', reason: 'Student, not a buyer', automatic: false },
    });

    // More activity while the score stays above 50 does not undo the person's decision.
    await api.sendEvents(lead.id, [{ type: 'email_opened' }]);
    expect((await api.readLead(lead.id)).stage).toBe('lead');
    expect((await api.moveStage(lead.id, { to: 'lead', reason: 'again' })).json().error.code).toBe(
      'LIFECYCLE_ALREADY_AT_STAGE',
    );
  });

  it('recycles a lead back to nurture with a reason', async () => {
    const lead = await buildLead(test, workspace);
    expect((await api.moveStage(lead.id, { to: 'recycled' })).json().error.code).toBe(
      'LIFECYCLE_REASON_REQUIRED',
    );
    const recycled = await api.moveStage(lead.id, { to: 'recycled', reason: 'No budget before next year' });
    expect(recycled.statusCode).toBe(200);
    expect(recycled.json().stage).toBe('recycled');
    const moves = await api.stageEvents(lead.id);
    expect(moves.at(-1)!.properties).toMatchObject({
      from: 'lead',
      to: 'recycled',
      reason: 'No budget before next year',
    });
  });
});
