import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../test/harness.ts';

// Without workers nothing leaves the outbox, so the greeting is still waiting when the lead says STOP:
// the opt-out must cancel it for good, the message included, not leave it "queued" forever.

let t: TestContext;
let workspace: TestWorkspace;

beforeAll(async () => {
  t = await createTestContext({ workers: false });
  workspace = await t.createWorkspace();
});

afterAll(async () => {
  await t?.close();
});

async function outboundOf(leadId: string) {
  return t.ctx.handle.query<{ body: string; status: string; reason: string | null }>(
    `SELECT body, status, error->>'reason' AS reason FROM messages
      WHERE lead_id = $1 AND direction = 'outbound' ORDER BY created_at, id`,
    [leadId],
  );
}

describe('STOP with messages still waiting to leave', () => {
  it('cancels the queued messages and their sends, and says why', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/leads',
      headers: workspace.headers,
      payload: {
        firstName: 'Inès',
        phone: '+33 6 22 33 44 55',
        consents: [{ purpose: 'whatsapp', channel: 'whatsapp', granted: true }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const leadId = (created.json() as { id: string }).id;
    const before = await outboundOf(leadId);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((message) => message.status === 'queued')).toBe(true);

    const stop = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sandbox/leads/${leadId}/messages`,
      headers: workspace.headers,
      payload: { text: 'STOP' },
    });
    expect(stop.statusCode, stop.body).toBe(201);

    const after = await outboundOf(leadId);
    const earlier = after.slice(0, before.length);
    expect(earlier.map((message) => [message.status, message.reason])).toEqual(
      before.map(() => ['cancelled', 'opted_out']),
    );
    const pendingSends = await t.ctx.handle.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox
        WHERE workspace_id = $1 AND status = 'pending'
          AND dedup_key LIKE 'conv:' || (SELECT conversation_id FROM messages WHERE lead_id = $2 LIMIT 1) || ':%'`,
      [workspace.workspaceId, leadId],
    );
    // Only the STOP confirmation, queued after the opt-out, may still be waiting.
    expect(pendingSends[0]!.n).toBe(after.length - before.length);
  });
});
