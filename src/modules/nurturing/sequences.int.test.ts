import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { runEnrollmentStep } from '../../workflows/sequence-runner.workflow.ts';

// Sequences driven step by step with a controllable clock: each test moves the clock, then runs
// the enrolment's due job the way the worker would (same handler, same token check).
let t: TestContext;
let workspace: TestWorkspace;
let clock: ManualClock;

async function createLead(payload: Record<string, unknown>): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/leads',
    headers: workspace.headers,
    payload,
  });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return (response.json() as { id: string }).id;
}

async function createSequence(definition: Record<string, unknown>): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/sequences',
    headers: workspace.headers,
    payload: definition,
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}

async function enroll(sequenceId: string, leadId: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/sequences/${sequenceId}/enrollments`,
    headers: workspace.headers,
    payload: { leadId },
  });
}

async function enrollment(id: string) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/enrollments/${id}`,
    headers: workspace.headers,
  });
  return response.json() as {
    status: string;
    exitReason: string | null;
    currentStep: number;
    nextRunAt: string | null;
    history: { step: number; kind: string; details: Record<string, unknown> }[];
  };
}

/** Runs the enrolment's current position like its pg-boss job would. */
async function runDue(enrollmentId: string): Promise<string> {
  const [row] = await t.ctx.handle.query<{ step_token: number }>(
    'SELECT step_token FROM enrollments WHERE id = $1',
    [enrollmentId],
  );
  return runEnrollmentStep(t.ctx, { enrollmentId, stepToken: row!.step_token });
}

async function sentBodies(leadId: string): Promise<string[]> {
  const rows = await t.ctx.handle.query<{ body: string }>(
    "SELECT body FROM messages WHERE lead_id = $1 AND direction = 'outbound' AND author = 'system' ORDER BY created_at, id",
    [leadId],
  );
  return rows.map((row) => row.body);
}

beforeAll(async () => {
  // A Tuesday 10:00 in Paris, inside the default send window.
  clock = new ManualClock('2026-11-24T09:00:00Z');
  t = await createTestContext({ clock });
  workspace = await t.createWorkspace();
});

afterAll(async () => {
  await t?.close();
});

const whatsappLead = (firstName: string, phone: string) => ({
  firstName,
  phone,
  consents: [{ purpose: 'whatsapp', channel: 'whatsapp', granted: true }],
});

describe('sequence definitions', () => {
  it('refuses an invalid definition with errors naming each path', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sequences',
      headers: workspace.headers,
      payload: {
        name: 'Broken',
        steps: [
          { type: 'send', channel: 'whatsapp', text: 'Hi' },
          { type: 'wait', duration: '3 jours' },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    const error = (
      response.json() as { error: { code: string; details: { path: string; message: string }[] } }
    ).error;
    expect(error.code).toBe('SEQUENCE_INVALID');
    expect(
      error.details.some(
        (detail) => detail.path.startsWith('steps[1]') && detail.message.includes('3 jours'),
      ),
    ).toBe(true);
  });

  it('ships the three default sequences with a new workspace', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/sequences',
      headers: workspace.headers,
    });
    const keys = (response.json() as { data: { systemKey: string | null }[] }).data.map(
      (item) => item.systemKey,
    );
    expect(keys.filter(Boolean).length).toBe(3);
  });
});

describe('running a sequence', () => {
  it('runs send, wait, branch, update, notify and exit steps in order', async () => {
    const sequenceId = await createSequence({
      name: 'Every step',
      sendWindow: null,
      steps: [
        { type: 'send', channel: 'whatsapp', text: 'Bonjour {{lead.firstName | "à vous"}} !' },
        { type: 'wait', duration: 'PT2H' },
        // biome-ignore lint/suspicious/noThenProperty: a branch step's target key, never awaited
        { type: 'branch', if: { temperature: 'hot' }, then: 'hot', else: 'nurture' },
        { id: 'hot', type: 'notify', owner: true },
        { id: 'nurture', type: 'update', tag: 'nurtured' },
        { type: 'send', channel: 'whatsapp', text: 'Un guide pour vous.' },
        { type: 'exit', reason: 'done' },
      ],
    });
    const leadId = await createLead(whatsappLead('Anna', '+33 6 10 00 00 01'));
    const enrolled = await enroll(sequenceId, leadId);
    expect(enrolled.statusCode).toBe(201);
    const id = (enrolled.json() as { id: string }).id;
    expect((await enroll(sequenceId, leadId)).json().error.code).toBe('SEQUENCE_ALREADY_ENROLLED');

    expect(await runDue(id)).toBe('waiting');
    expect(await sentBodies(leadId)).toEqual(['Bonjour Anna !']);
    const waiting = await enrollment(id);
    expect(waiting.currentStep).toBe(2);
    expect(new Date(waiting.nextRunAt!).getTime()).toBe(clock.now().getTime() + 2 * 3_600_000);

    clock.advance(2 * 3_600_000);
    expect(await runDue(id)).toBe('exited');
    expect(await sentBodies(leadId)).toEqual(['Bonjour Anna !', 'Un guide pour vous.']);
    const done = await enrollment(id);
    expect(done).toMatchObject({ status: 'exited', exitReason: 'done' });
    expect(done.history.map((item) => item.kind)).toEqual([
      'entered',
      'sent',
      'waited',
      'branched',
      'updated',
      'sent',
      'exited',
    ]);
    const lead = (
      await t.app.inject({ method: 'GET', url: `/api/v1/leads/${leadId}`, headers: workspace.headers })
    ).json();
    expect(lead.attributes.tag_nurtured).toBe(true);
  });

  it('does nothing when a job for an old position runs again', async () => {
    const sequenceId = await createSequence({
      name: 'Idempotent',
      sendWindow: null,
      steps: [
        { type: 'send', channel: 'whatsapp', text: 'Une fois' },
        { type: 'wait', duration: 'P1D' },
      ],
    });
    const leadId = await createLead(whatsappLead('Boris', '+33 6 10 00 00 02'));
    const id = (await enroll(sequenceId, leadId)).json().id as string;
    const [before] = await t.ctx.handle.query<{ step_token: number }>(
      'SELECT step_token FROM enrollments WHERE id = $1',
      [id],
    );
    await runEnrollmentStep(t.ctx, { enrollmentId: id, stepToken: before!.step_token });
    expect(await runEnrollmentStep(t.ctx, { enrollmentId: id, stepToken: before!.step_token })).toBe('stale');
    expect(await sentBodies(leadId)).toEqual(['Une fois']);
  });

  it('waits for the send window in the lead time zone', async () => {
    clock.set('2026-11-27T18:30:00Z'); // Friday 19:30 in Paris
    const sequenceId = await createSequence({
      name: 'Windowed',
      steps: [{ type: 'send', channel: 'whatsapp', text: 'Bonjour' }],
    });
    const leadId = await createLead({
      ...whatsappLead('Chloé', '+33 6 10 00 00 03'),
      timezone: 'Europe/Paris',
    });
    const id = (await enroll(sequenceId, leadId)).json().id as string;
    expect(await runDue(id)).toBe('waiting');
    expect(await sentBodies(leadId)).toEqual([]);
    expect((await enrollment(id)).nextRunAt).toBe('2026-11-30T08:00:00.000Z'); // Monday 09:00 Paris
    clock.set('2026-11-30T08:00:00Z');
    expect(await runDue(id)).toBe('completed');
    expect(await sentBodies(leadId)).toEqual(['Bonjour']);
  });

  it('ends at once on a reply, on opt-out and on unenrolment', async () => {
    clock.set('2026-12-01T09:00:00Z');
    const sequenceId = await createSequence({
      name: 'Stops',
      sendWindow: null,
      steps: [
        { type: 'send', channel: 'whatsapp', text: 'Premier' },
        { type: 'wait', duration: 'PT1H' },
        { type: 'send', channel: 'whatsapp', text: 'Second' },
      ],
    });
    const replying = await createLead(whatsappLead('Dora', '+33 6 10 00 00 04'));
    const replyId = (await enroll(sequenceId, replying)).json().id as string;
    await runDue(replyId);
    const played = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sandbox/leads/${replying}/messages`,
      headers: workspace.headers,
      payload: { text: 'Bonjour, merci' },
    });
    expect(played.statusCode).toBe(201);
    expect(await enrollment(replyId)).toMatchObject({ status: 'exited', exitReason: 'reply' });
    clock.advance(3_600_000);
    expect(await runDue(replyId)).toBe('stale');
    expect(await sentBodies(replying)).toEqual(['Premier']);

    const leaving = await createLead(whatsappLead('Eli', '+33 6 10 00 00 05'));
    const leaveId = (await enroll(sequenceId, leaving)).json().id as string;
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/enrollments/${leaveId}`,
      headers: workspace.headers,
    });
    expect(removed.json()).toMatchObject({ status: 'exited', exitReason: 'unenrolled' });
    expect(await runDue(leaveId)).toBe('stale');
    expect(await sentBodies(leaving)).toEqual([]);
  });

  it('keeps running enrolments on the version they started with', async () => {
    const sequenceId = await createSequence({
      name: 'Versioned',
      sendWindow: null,
      steps: [
        { type: 'wait', duration: 'PT1M' },
        { type: 'send', channel: 'whatsapp', text: 'Version 1' },
      ],
    });
    const leadId = await createLead(whatsappLead('Fanny', '+33 6 10 00 00 06'));
    const id = (await enroll(sequenceId, leadId)).json().id as string;
    await runDue(id);
    const updated = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sequences/${sequenceId}`,
      headers: workspace.headers,
      payload: {
        name: 'Versioned',
        sendWindow: null,
        steps: [
          { type: 'wait', duration: 'PT1M' },
          { type: 'send', channel: 'whatsapp', text: 'Version 2' },
        ],
      },
    });
    expect(updated.json()).toMatchObject({ version: 2 });
    clock.advance(60_000);
    await runDue(id);
    expect(await sentBodies(leadId)).toEqual(['Version 1']);
    const stats = await t.app.inject({
      method: 'GET',
      url: `/api/v1/sequences/${sequenceId}/stats`,
      headers: workspace.headers,
    });
    expect(
      (stats.json() as { steps: { step: number; sent?: number }[] }).steps.find((item) => item.step === 1)
        ?.sent,
    ).toBe(1);
  });
});
