import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../../test/harness.ts';
import { AppError } from '../../../platform/errors.ts';
import { leads } from '../../leads/index.ts';
import { csvImportFixtures } from './csv-import.fixtures.ts';
import { resolveWorkspaceId } from './csv-import.options.ts';
import { importLeadsFromCsv } from './csv-import.service.ts';

// Rejected rows, the error report, and failures: a batch write, a quote that never closes, a missing
// file or workspace.

let test: TestContext;
let workspace: TestWorkspace;
let csv: ReturnType<typeof csvImportFixtures>;

beforeAll(async () => {
  test = await createTestContext();
  workspace = await test.createWorkspace();
  csv = csvImportFixtures(test);
});
afterAll(async () => {
  await test.close();
  csv.remove();
});

describe('importLeadsFromCsv', () => {
  it('writes rejected rows to the error report with the right line numbers (header, CRLF, multi-line cells)', async () => {
    const ws = await test.createWorkspace('report');
    const file = csv.writeCsv(
      'email,first name,notes\r\n' + // line 1
        'ok1@example.com,Ann,"two\r\nlines"\r\n' + // lines 2-3
        '\r\n' + // line 4 (blank, skipped)
        'not-an-email,Bob,\r\n' + // line 5
        ',Carl,no identity\r\n' + // line 6
        'ok2@example.com,"=HYPERLINK(""x"")",\r\n' + // line 7
        'bad@@example.com,Dan,\r\n', // line 8
    );
    const reportPath = path.join(csv.dir, 'custom-report.csv');
    const summary = await importLeadsFromCsv(test.ctx, {
      filePath: file,
      workspaceId: ws.workspaceId,
      errorReportPath: reportPath,
    });
    expect(summary).toMatchObject({ rowsRead: 5, created: 2, rejected: 3, errorReportPath: reportPath });
    const report = fs.readFileSync(reportPath, 'utf8');
    expect(report.startsWith('\uFEFFline,column,reason,value\r\n')).toBe(true);
    const lines = report.slice(1).trimEnd().split('\r\n');
    expect(lines.map((line) => line.split(',').slice(0, 2).join(','))).toEqual([
      'line,column',
      '5,email',
      '6,',
      '8,email',
    ]);
    expect(lines[1]).toContain('not-an-email');
    expect(lines[2]).toContain('no identity');
    // A formula in a lead field is stored as typed (neutralised only when written to a spreadsheet).
    expect((await csv.leadByEmail(ws.workspaceId, 'ok2@example.com'))?.firstName).toBe('=HYPERLINK("x")');
  });

  it('puts the default error report beside the input', async () => {
    const ws = await test.createWorkspace('report-default');
    const file = csv.writeCsv('email\nnope\n');
    const summary = await importLeadsFromCsv(test.ctx, { filePath: file, workspaceId: ws.workspaceId });
    expect(summary.errorReportPath).toBe(file.replace(/\.csv$/, '.errors.csv'));
    expect(fs.existsSync(summary.errorReportPath!)).toBe(true);
  });

  it('falls back to one capture at a time when a batch write fails, keeping the good rows', async () => {
    const ws = await test.createWorkspace('fallback');
    const hooks = { ...test.ctx.hooks };
    // The batch hook fails (as a broken write would); row by row, the lead "poison" fails alone.
    test.ctx.hooks.afterLeadsCaptured = async () => {
      throw new Error('batch write failed');
    };
    test.ctx.hooks.afterLeadCaptured = async (tx, workspaceId, capture) => {
      const [row] = await tx.select({ email: leads.email }).from(leads).where(eq(leads.id, capture.leadId));
      if (row?.email === 'poison@example.com') throw new AppError('TEST_POISON', 'poisoned row');
      await hooks.afterLeadCaptured(tx, workspaceId, capture);
    };
    try {
      const summary = await importLeadsFromCsv(test.ctx, {
        filePath: csv.writeCsv('email\ngood1@example.com\npoison@example.com\ngood2@example.com\n'),
        workspaceId: ws.workspaceId,
        errorReportPath: path.join(csv.dir, 'fallback-errors.csv'),
      });
      expect(summary).toMatchObject({ created: 2, rejected: 1 });
      expect(fs.readFileSync(path.join(csv.dir, 'fallback-errors.csv'), 'utf8')).toContain('3,,poisoned row');
      expect((await csv.countRows(ws.workspaceId)).leads).toBe(2);
    } finally {
      test.ctx.hooks = hooks;
    }
  });

  it('reports a quote that never closes instead of failing the import', async () => {
    const ws = await test.createWorkspace('quote');
    const summary = await importLeadsFromCsv(test.ctx, {
      filePath: csv.writeCsv(
        'email,notes\nq1@example.com,fine\nq2@example.com,"never closed\nq3@example.com,x\n',
      ),
      workspaceId: ws.workspaceId,
    });
    expect(summary).toMatchObject({ created: 1, rejected: 1 });
    expect(fs.readFileSync(summary.errorReportPath!, 'utf8')).toMatch(
      /\r\n3,,"malformed CSV \(CSV_QUOTE_NOT_CLOSED\)[^\r\n]*the last 2 line\(s\)/,
    );
  });

  it('resolves the first workspace by default and refuses an unknown one', async () => {
    expect(await resolveWorkspaceId(test.ctx.db)).toBeTypeOf('string');
    await expect(resolveWorkspaceId(test.ctx.db, 'ws_nope')).rejects.toMatchObject({
      code: 'WORKSPACE_NOT_FOUND',
    });
    await expect(
      importLeadsFromCsv(test.ctx, {
        filePath: path.join(csv.dir, 'missing.csv'),
        workspaceId: workspace.workspaceId,
      }),
    ).rejects.toMatchObject({ code: 'CSV_IMPORT_FILE_NOT_FOUND' });
  });
});
