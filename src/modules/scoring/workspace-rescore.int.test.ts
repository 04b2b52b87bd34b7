import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { SYNC_RESCORE_MAX_LEADS } from '../../workflows/grid-rescore.workflow.ts';
import { leads } from '../leads/index.ts';
import { saveGrid } from './scoring.service.ts';
import { scoreChanges } from './scoring.tables.ts';
import { rescoreWorkspace } from './workspace-rescore.service.ts';

const clock = new ManualClock('2026-03-02T10:00:00.000Z');
let test: TestContext;
let workspace: TestWorkspace;

beforeAll(async () => {
  test = await createTestContext({ clock, workers: true });
  workspace = await test.createWorkspace();
  // One lead more than a request rescores itself; every third one a target persona.
  await test.ctx.db.execute(sql`
    INSERT INTO leads (id, workspace_id, job_title, company_size)
    SELECT 'lead_bulk_' || lpad(n::text, 6, '0'), ${workspace.workspaceId},
           CASE WHEN n % 3 = 0 THEN 'Head of Sales' ELSE 'Engineer' END, (n % 700)::text
    FROM generate_series(1, ${SYNC_RESCORE_MAX_LEADS + 1}) AS n`);
});
afterAll(() => test.close());

const personaSettings = (personas: string[]) => ({
  icp: { personas, companySizes: [], industries: [], countries: [] },
});

async function countWithFit(fit: number): Promise<number> {
  const [row] = await test.ctx.db
    .select({ total: sql<number>`count(*)::int` })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspace.workspaceId), eq(leads.fitScore, fit)));
  return row!.total;
}

describe('workspace rescoring', () => {
  it('answers 202 with a job id for a large workspace, and the job rescores every lead', async () => {
    const response = await test.app.inject({
      method: 'PUT',
      url: '/api/v1/scoring/settings',
      headers: workspace.headers,
      payload: personaSettings(['head of sales']),
    });
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json().rescore).toMatchObject({ mode: 'queued', scored: null });
    expect(response.json().rescore.jobId).toEqual(expect.any(String));
    const expected = Math.floor((SYNC_RESCORE_MAX_LEADS + 1) / 3);
    const deadline = Date.now() + 45_000;
    while ((await countWithFit(20)) < expected && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await countWithFit(20)).toBe(expected);
    const [changes] = await test.ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(scoreChanges)
      .where(eq(scoreChanges.workspaceId, workspace.workspaceId));
    expect(changes!.total).toBe(expected);
  });

  it('gives the same result batch by batch (keyset) as in one statement, and is idempotent', async () => {
    const now = clock.now();
    await test.ctx.db.transaction(async (tx) => {
      await saveGrid(
        tx as unknown as Database,
        workspace.workspaceId,
        {
          rules: (await import('./grid/default-grid.ts')).defaultGridRules(),
          settings: personaSettings(['engineer']),
        },
        null,
        now,
      );
    });
    let afterLeadId: string | null = null;
    let scored = 0;
    let changed = 0;
    for (;;) {
      const batch = await rescoreWorkspace(test.ctx.db, workspace.workspaceId, { kind: 'grid_change' }, now, {
        scope: { afterLeadId, limit: 2_000 },
      });
      scored += batch.scored;
      changed += batch.changed;
      if (batch.scored < 2_000) break;
      afterLeadId = batch.lastLeadId;
    }
    expect(scored).toBe(SYNC_RESCORE_MAX_LEADS + 1);
    // Every lead flips: the personas swapped.
    expect(changed).toBe(SYNC_RESCORE_MAX_LEADS + 1);
    expect(await countWithFit(20)).toBe(
      SYNC_RESCORE_MAX_LEADS + 1 - Math.floor((SYNC_RESCORE_MAX_LEADS + 1) / 3),
    );
    const again = await rescoreWorkspace(test.ctx.db, workspace.workspaceId, { kind: 'grid_change' }, now);
    expect(again).toMatchObject({ scored: SYNC_RESCORE_MAX_LEADS + 1, changed: 0, skipped: [] });
  });
});
