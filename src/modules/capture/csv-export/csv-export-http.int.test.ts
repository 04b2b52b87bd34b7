import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLead } from '../../../../test/factories.ts';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../../test/harness.ts';
import { LEAD_CSV_COLUMNS } from './lead-csv.rules.ts';

let test: TestContext;
let workspace: TestWorkspace;

beforeAll(async () => {
  test = await createTestContext();
  workspace = await test.createWorkspace();
});
afterAll(() => test.close());

const download = (headers: { authorization: string }, query = '') =>
  test.app.inject({ method: 'GET', url: `/api/v1/leads/export.csv${query}`, headers });
const records = (text: string) => parse(text, { bom: true, columns: true }) as Record<string, string>[];

describe('CSV export of the leads list over HTTP', () => {
  it('streams the filtered leads with the CLI columns, a BOM, safe cells and a file name', async () => {
    const formula = await buildLead(test, workspace, {
      firstName: '=HYPERLINK("http://x")',
      source: 'salon',
    });
    await buildLead(test, workspace, { firstName: 'Zoé', source: 'salon' });
    await buildLead(test, workspace, { firstName: 'Other', source: 'webinar' });

    const response = await download(workspace.headers, '?source=salon&sort=-score&limit=1');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    expect(response.body.split('\r\n')[0]).toBe(`\uFEFF${LEAD_CSV_COLUMNS.join(',')}`);
    const rows = records(response.body);
    // Paging and sort of the list do not apply: every match, oldest first.
    expect(rows.map((row) => row.firstName)).toEqual(['\'=HYPERLINK("http://x")', 'Zoé']);
    expect(rows[0]!.id).toBe(formula.id);
  });

  it('exports only what the caller sees and refuses bad filters before streaming', async () => {
    const rep = await test.createMember(workspace, 'sales_rep');
    const owned = await buildLead(test, workspace, { firstName: 'Owned' });
    await test.app.inject({
      method: 'PUT',
      url: `/api/v1/leads/${owned.id}/owner`,
      headers: workspace.headers,
      payload: { ownerId: rep.userId, reason: 'territory' },
    });
    expect(records((await download(rep.headers)).body).map((row) => row.id)).toEqual([owned.id]);
    const other = await test.createWorkspace('Other');
    expect(records((await download(other.headers)).body)).toEqual([]);

    const bad = await download(workspace.headers, '?stage=hottest');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBeDefined();
  });
});
