import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmailTestContext, startEmailTestContext } from '../../test/email-test-context.ts';
import type { TestContext, TestWorkspace } from '../../test/harness.ts';
import { waitFor } from '../../test/wait-for.ts';

// Owners hear about their leads: the new owner on assignment, and the previous one on reassignment.
let context: EmailTestContext;
let t: TestContext;
let workspace: TestWorkspace;
const mailsTo = (address: string) => context.mailsTo(address);

beforeAll(async () => {
  context = await startEmailTestContext();
  ({ t, workspace } = context);
});

afterAll(async () => {
  await context?.close();
});

describe('assignment notices', () => {
  it('e-mails the new owner, then both owners when the lead is reassigned', async () => {
    const first = await t.createMember(workspace, 'sales_rep', 'first-owner@chaud.test');
    const second = await t.createMember(workspace, 'sales_rep', 'second-owner@chaud.test');
    const rule = (userId: string, priority: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/routing/rules',
        headers: workspace.headers,
        payload: { name: `to ${userId}`, priority, conditions: { always: true }, target: { userId } },
      });
    expect((await rule(first.userId, 2)).statusCode).toBe(201);
    expect((await rule(second.userId, 3)).statusCode).toBe(201);
    const captured = await t.app.inject({
      method: 'POST',
      url: '/api/v1/leads',
      headers: workspace.headers,
      payload: { firstName: 'Rosa', email: 'rosa@prospect.fr' },
    });
    const leadId = captured.json().id as string;
    await waitFor(
      async () => (await mailsTo('first-owner@chaud.test')).length === 1,
      10_000,
      'the first notice',
    );
    expect((await mailsTo('first-owner@chaud.test'))[0]!.subject).toContain('Rosa is now yours');

    // The first owner leaves: routing again skips them and the second owner takes the lead.
    await t.ctx.handle.query('UPDATE users SET is_active = false WHERE id = $1', [first.userId]);
    const routed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/leads/${leadId}/route`,
      headers: workspace.headers,
    });
    expect(routed.json()).toMatchObject({ ownerId: second.userId, previousOwnerId: first.userId });
    await waitFor(
      async () => (await mailsTo('second-owner@chaud.test')).length === 1,
      10_000,
      'the new owner notice',
    );
    await waitFor(
      async () => (await mailsTo('first-owner@chaud.test')).length === 2,
      10_000,
      'the previous owner notice',
    );
    expect((await mailsTo('first-owner@chaud.test'))[1]!.subject).toContain('reassigned');
  });
});
