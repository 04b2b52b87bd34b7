import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../test/harness.ts';

// Concurrent API captures are written together (capture-batcher.ts, one transaction, one rescore): each
// lead of a batch must still pass every stage of a single capture — routing included.
let t: TestContext;
let workspace: TestWorkspace;
let fallbackId: string;

beforeAll(async () => {
  t = await createTestContext();
  workspace = await t.createWorkspace();
  fallbackId = (await t.createMember(workspace, 'sales_rep', 'fallback-batch@chaud.test')).userId;
  const settings = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/routing/settings',
    headers: workspace.headers,
    payload: { fallbackUserId: fallbackId, capacity: null },
  });
  expect(settings.statusCode, settings.body).toBe(200);
});

afterAll(async () => {
  await t?.close();
});

describe('captures written together', () => {
  it('routes every new lead of a burst of concurrent API captures', async () => {
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/leads',
          headers: workspace.headers,
          payload: { firstName: `Burst${index}`, email: `burst${index}@batch${index}.fr` },
        }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(40).fill(201));
    const rows = await t.ctx.handle.query<{ owner_id: string | null; assignments: number }>(
      `SELECT l.owner_id, (SELECT count(*)::int FROM lead_assignments a WHERE a.lead_id = l.id) AS assignments
       FROM leads l WHERE l.workspace_id = $1 AND l.email LIKE 'burst%'`,
      [workspace.workspaceId],
    );
    expect(rows).toHaveLength(40);
    expect(rows.filter((row) => row.owner_id !== fallbackId)).toEqual([]);
    expect(rows.every((row) => row.assignments === 1)).toBe(true);
  });
});
