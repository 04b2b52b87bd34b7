import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLead } from '../../../test/factories.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';

let test: TestContext;

beforeAll(async () => {
  test = await createTestContext();
});
afterAll(() => test.close());

describe('the leads list total', () => {
  it('counts the matching leads exactly when asked, and only when asked', async () => {
    const workspace = await test.createWorkspace();
    for (const source of ['salon', 'salon', 'salon', 'webinar']) await buildLead(test, workspace, { source });
    const list = (query: string) =>
      test.app.inject({ method: 'GET', url: `/api/v1/leads?${query}`, headers: workspace.headers });

    const page = (await list('source=salon&limit=2&includeTotal=true')).json();
    expect(page.data).toHaveLength(2);
    expect(page).toMatchObject({ total: 3, totalIsCapped: false });
    expect(page.nextCursor).not.toBeNull();
    const next = (await list(`source=salon&limit=2&includeTotal=true&cursor=${page.nextCursor}`)).json();
    // The total is of the filter, not of what is left after the cursor.
    expect(next).toMatchObject({ total: 3 });
    expect(next.data).toHaveLength(1);
    expect((await list('source=salon')).json().total).toBeUndefined();
    expect((await list('includeTotal=yes')).statusCode).toBe(400);
  });

  it('stops counting at 10,000 and says there are more', async () => {
    const workspace = await test.createWorkspace();
    // Rows written straight to the table: 10,001 captures through the API would take minutes.
    await test.ctx.db.execute(sql`
      insert into leads (id, workspace_id, email, source, created_at, updated_at)
      select 'lead_bulk_' || g, ${workspace.workspaceId}, 'p' || g || '@example.org', 'bulk', now(), now()
      from generate_series(1, 10001) g`);
    const response = await test.app.inject({
      method: 'GET',
      url: '/api/v1/leads?includeTotal=true&limit=1',
      headers: workspace.headers,
    });
    expect(response.json()).toMatchObject({ total: 10_000, totalIsCapped: true });
    const narrower = await test.app.inject({
      method: 'GET',
      url: '/api/v1/leads?includeTotal=true&limit=1&q=p1000',
      headers: workspace.headers,
    });
    // p1000, p10000 and p10001 start with "p1000".
    expect(narrower.json()).toMatchObject({ total: 3, totalIsCapped: false });
  });
});
